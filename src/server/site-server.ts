import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.js';
import { GracefulShutdown } from './graceful-shutdown.js';
import { attachLabRuntime, type LabRuntime } from './lab-sessions/lab-runtime.js';
import { siteCatalogue } from './lab-sessions/site-catalogue.js';
import { createSiteHandler } from './site-handler.js';
import type { StaticSite } from './static-site.js';

export interface SiteServer {
  server: Server;
  shutdown: GracefulShutdown;
  labRuntime: LabRuntime;
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
  const labRuntime = attachLabRuntime(server, {
    enabled: config.labRuntime === 'server',
    catalogue: siteCatalogue(site),
    limits: { wallClockMs: config.labSessionMs, memoryMb: 128, outputBytes: 5 * 1024 * 1024, fileBytes: 256 * 1024 },
    maxSessions: config.labMaxSessions,
    logger,
  });
  const shutdown = new GracefulShutdown(server, {
    drainMs: config.shutdownDrainMs,
    timeoutMs: config.shutdownTimeoutMs,
    logger,
    onClose: () => labRuntime.closeAll('the course server is shutting down'),
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
    labRuntime,
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
