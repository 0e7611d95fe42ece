import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { createLogger } from './logger.js';
import { createSiteServer } from './site-server.js';
import { loadStaticSite } from './static-site.js';

/**
 * Entry of the course site server: `node dist/server/main.js`, from the repository root after
 * `npm run build` or from /app in the image. The built site sits beside this file in ../site.
 */

function readConfig(): ServerConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`shipshape: ${error.message}\n`);
      process.exit(78); // EX_CONFIG: the environment is wrong, restarting will not help.
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const { logger, flush, flushSync } = createLogger(config.logLevel);

  const crash = (kind: string) => (error: unknown) => {
    logger.fatal({ err: error }, kind);
    flushSync();
    process.exit(1);
  };
  process.on('uncaughtException', crash('uncaught exception'));
  process.on('unhandledRejection', crash('unhandled rejection'));

  const siteRoot = fileURLToPath(new URL('../site/', import.meta.url));
  const site = await loadStaticSite(siteRoot);
  if (site.assets.size === 0) {
    logger.fatal({ siteRoot }, 'the built site is empty: run `npm run build` first');
    await flush();
    process.exitCode = 1;
    return;
  }

  const { server, shutdown, listen } = createSiteServer(config, site, logger);
  const onSignal = (signal: NodeJS.Signals) => {
    if (shutdown.phase !== 'running') {
      logger.info({ signal }, 'shutdown already in progress');
      return;
    }
    void shutdown.shutdown(signal).then(async () => {
      await flush();
      // Everything is closed; let the event loop empty so stdout drains before the process ends.
      // The unref'd timer only fires if something unexpected still holds the loop open.
      process.exitCode = 0;
      setTimeout(() => process.exit(0), 2000).unref();
    });
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const { host, port } = await listen();
  logger.info(
    { host, port, files: site.assets.size, bytes: site.bytes, labRuntime: config.labRuntime, drainMs: config.shutdownDrainMs, timeoutMs: config.shutdownTimeoutMs },
    `listening on http://${host.includes(':') ? `[${host}]` : host}:${port}`,
  );
  server.on('close', () => logger.debug('listener closed'));
}

void main();
