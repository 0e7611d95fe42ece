import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import { GracefulShutdown } from './graceful-shutdown.js';
import { createSiteHandler } from './site-handler.js';
import type { StaticSite } from './static-site.js';

export interface SiteServer {
  server: Server;
  shutdown: GracefulShutdown;
  listen(): Promise<{ host: string; port: number }>;
}

/** The HTTP server with its handler and shutdown sequence wired together, not yet listening. */
export function createSiteServer(config: ServerConfig, site: StaticSite, logger: Logger): SiteServer {
  const server = createServer({
    // Bounded so slow or silent clients cannot pin sockets; the shutdown deadline covers the rest.
    headersTimeout: 10_000,
    requestTimeout: 30_000,
    keepAliveTimeout: 5_000,
  });
  const shutdown = new GracefulShutdown(server, {
    drainMs: config.shutdownDrainMs,
    timeoutMs: config.shutdownTimeoutMs,
    logger,
  });
  const runtimeConfig = {
    labRuntime: config.labRuntime,
    webcontainerClientId: config.webcontainerClientId ?? null,
  };
  server.on('request', createSiteHandler({ site, shutdown, logger, runtimeConfig }));
  server.on('clientError', (error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy(error);
  });

  return {
    server,
    shutdown,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          server.off('error', reject);
          const address = server.address();
          const port = typeof address === 'object' && address ? address.port : config.port;
          resolve({ host: config.host, port });
        });
      }),
  };
}
