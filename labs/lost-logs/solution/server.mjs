// billing-api: serves usage reports and meters every request per account for billing.
import http from 'node:http';
import { ACCOUNTS } from './accounts.mjs';
import { createUsageMeter } from './usage-meter.mjs';

const port = Number(process.env.PORT ?? 3000);
// Longer than the interval at which readiness is polled, so traffic moves away first.
const DRAIN_DELAY_MS = 500;
// Connections still open this long after the listener closed are closed anyway.
const SHUTDOWN_DEADLINE_MS = 2_000;

function log(msg, fields = {}) {
  console.log(JSON.stringify({ time: new Date().toISOString(), msg, ...fields }));
}

const meter = createUsageMeter({ accounts: ACCOUNTS, log });
let shuttingDown = false;

function sendJson(res, status, body) {
  // Decided as the response goes out, so requests in flight when shutdown starts get it too.
  if (shuttingDown) res.setHeader('connection', 'close');
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') return sendJson(res, 200, { status: 'ok' });
  if (url.pathname === '/health/ready') {
    return sendJson(res, shuttingDown ? 503 : 200, { status: shuttingDown ? 'shutting down' : 'ready' });
  }
  if (url.pathname === '/reports') {
    const account = url.searchParams.get('account') ?? '';
    meter.record(account);
    return sendJson(res, 200, { account, invoices: 3, balanceCents: 12_950 });
  }
  sendJson(res, 404, { error: 'not found' });
});

process.on('SIGTERM', () => {
  if (shuttingDown) return;
  shuttingDown = true;
  log('SIGTERM received: readiness is 503, still serving', { drainDelayMs: DRAIN_DELAY_MS });
  setTimeout(() => {
    log('closing the listener');
    server.close(() => {
      // Billing must get this period's usage before the process goes. stop() also ends the
      // meter's hourly timer, so nothing is left to keep the process alive.
      meter.stop();
      log('shutdown complete');
      // No process.exit(): the process ends by itself once stdout has handed every line to
      // the pipe, with exit code 0.
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_DEADLINE_MS).unref();
  }, DRAIN_DELAY_MS);
});

server.listen(port, () => log('listening', { port, accounts: ACCOUNTS.length }));
