import { createServer, type ServerResponse } from 'node:http';
import { pino } from 'pino';

const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
const port = Number(process.env.PORT ?? 3000);
const warehouseUrl = process.env.WAREHOUSE_URL ?? 'http://warehouse:4000';
const warehouseToken = process.env.WAREHOUSE_API_TOKEN;
const drainMs = Number(process.env.SHUTDOWN_DRAIN_MS ?? 3_000);
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS ?? 5_000);

interface Stock {
  sku: string;
  available: number;
}

let shuttingDown = false;

const server = createServer(async (req, res) => {
  if (shuttingDown) res.setHeader('Connection', 'close');
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (pathname === '/health') return sendJson(res, 200, { status: 'ok' });
  if (pathname === '/health/ready') return sendJson(res, shuttingDown ? 503 : 200, { ready: !shuttingDown });

  const sku = /^\/items\/([\w-]+)$/.exec(pathname)?.[1];
  if (req.method !== 'GET' || sku === undefined) return sendJson(res, 404, { error: 'not found' });
  try {
    sendJson(res, 200, await fetchStock(sku));
  } catch (error) {
    log.error({ err: error, sku }, 'warehouse request failed');
    sendJson(res, 502, { error: 'the warehouse service did not answer' });
  }
});

async function fetchStock(sku: string): Promise<Stock> {
  const response = await fetch(`${warehouseUrl}/stock/${encodeURIComponent(sku)}`, {
    headers: warehouseToken ? { authorization: `Bearer ${warehouseToken}` } : {},
    signal: AbortSignal.timeout(2_000),
  });
  if (!response.ok) throw new Error(`warehouse answered ${response.status}`);
  const { available } = (await response.json()) as { available: number };
  return { sku, available };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

// Readiness turns 503 first, so load balancers stop sending traffic; then the server
// stops listening, and a deadline ends connections that would keep it open.
process.on('SIGTERM', () => {
  if (shuttingDown) return;
  shuttingDown = true;
  log.info('SIGTERM received: draining');
  setTimeout(() => {
    server.close(() => log.info('server closed'));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), shutdownTimeoutMs).unref();
  }, drainMs);
});

server.listen(port, () => log.info({ port }, 'listening'));
