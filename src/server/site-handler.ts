import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { GracefulShutdown } from './graceful-shutdown.js';
import { requestIdFrom } from './request-id.js';
import { resolvePath } from './resolve-path.js';
import { BASE_SECURITY_HEADERS } from './security-headers.js';
import { chooseEncoding, type Asset, type StaticSite } from './static-site.js';

export interface SiteHandlerOptions {
  site: StaticSite;
  shutdown: GracefulShutdown;
  logger: Logger;
  /** Runtime settings the browser needs (never secrets), served at /runtime-config.json. */
  runtimeConfig: Record<string, unknown>;
}

const SECURITY_HEADERS = BASE_SECURITY_HEADERS.flat();

function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: string[] = []): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, [
    'Content-Type', 'application/json; charset=utf-8',
    'Cache-Control', 'no-store',
    'Content-Length', String(Buffer.byteLength(payload)),
    ...SECURITY_HEADERS,
    ...extraHeaders,
  ]);
  res.end(payload);
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: Asset, status: number): void {
  const variant = chooseEncoding(asset, req.headers['accept-encoding']);
  if (status === 200 && req.headers['if-none-match'] === asset.etag) {
    res.writeHead(304, variant.notModifiedHeaders);
    res.end();
    return;
  }
  res.writeHead(status, variant.headers);
  res.end(req.method === 'HEAD' ? undefined : variant.body);
}

/** Serves the static build, the health endpoints and the runtime configuration. */
export function createSiteHandler({ site, shutdown, logger, runtimeConfig }: SiteHandlerOptions) {
  return function handleRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = process.hrtime.bigint();
    const reqId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', reqId);
    shutdown.prepareResponse(res);
    res.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.info({ reqId, method: req.method, url: req.url, status: res.statusCode, ms: Math.round(ms * 100) / 100 }, 'request');
    });

    const url = req.url ?? '/';
    if (url === '/health') {
      sendJson(res, 200, { status: 'ok' });
      return;
    }
    if (url === '/health/ready') {
      if (shutdown.isReady) sendJson(res, 200, { status: 'ready' });
      else sendJson(res, 503, { status: 'shutting-down' });
      return;
    }
    if (url === '/runtime-config.json') {
      sendJson(res, 200, runtimeConfig);
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { error: 'method not allowed' }, ['Allow', 'GET, HEAD']);
      return;
    }

    const resolution = resolvePath(site, url);
    switch (resolution.kind) {
      case 'asset':
        sendAsset(req, res, resolution.asset, 200);
        return;
      case 'redirect':
        res.writeHead(301, ['Location', resolution.location, 'Content-Length', '0', ...SECURITY_HEADERS]);
        res.end();
        return;
      case 'bad-request':
        logger.info({ reqId, url, reason: resolution.reason }, 'refused request target');
        sendJson(res, 400, { error: 'bad request' });
        return;
      case 'not-found':
        if (site.notFound) sendAsset(req, res, site.notFound, 404);
        else sendJson(res, 404, { error: 'not found' });
    }
  };
}
