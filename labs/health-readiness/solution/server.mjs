// inventory-api: a small JSON API over a database, shipped with the Dockerfile beside it.
import http from 'node:http';
import { connectDatabase } from './database.mjs';

const port = Number(process.env.PORT ?? 3000);
// After readiness turns 503, keep serving this long so that whoever polls it (a load
// balancer, here the lab's harness every 100 ms) stops sending new connections first.
const DRAIN_DELAY_MS = 500;
// Connections still open this long after the listener closed are closed, well inside the grace period.
const SHUTDOWN_DEADLINE_MS = 2_000;

function log(msg, fields = {}) {
  console.log(JSON.stringify({ time: new Date().toISOString(), msg, ...fields }));
}

const db = connectDatabase({ log });
let shuttingDown = false;

function sendJson(res, status, body) {
  // Decided as the response goes out, so requests in flight when shutdown starts get it too.
  if (shuttingDown) res.setHeader('connection', 'close');
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  // Liveness (Docker's HEALTHCHECK, a liveness probe): can this process still answer?
  // Nothing outside the process: restarting it cannot bring the database back.
  if (req.url === '/health') return sendJson(res, 200, { status: 'ok' });

  // Readiness (load balancers, a readiness probe): should traffic come here right now?
  // Not once shutdown has begun, and not while the database cannot be reached.
  if (req.url === '/health/ready') {
    if (shuttingDown) return sendJson(res, 503, { status: 'shutting down' });
    try {
      await db.query('SELECT 1');
      return sendJson(res, 200, { status: 'ready' });
    } catch (error) {
      return sendJson(res, 503, { status: 'not ready', database: error.message });
    }
  }

  if (req.url === '/items') {
    try {
      return sendJson(res, 200, await db.query('SELECT id, name, stock FROM items'));
    } catch {
      return sendJson(res, 503, { error: 'the database is unavailable, try again shortly' });
    }
  }

  sendJson(res, 404, { error: 'not found' });
});

process.on('SIGTERM', () => {
  if (shuttingDown) return;
  // Readiness answers 503 from now on; the server keeps serving while traffic moves away.
  shuttingDown = true;
  log('shutdown started: readiness is 503, still serving', { drainDelayMs: DRAIN_DELAY_MS });
  setTimeout(() => {
    log('closing the listener');
    server.close(() => {
      db.close();
      log('shutdown complete');
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_DEADLINE_MS).unref();
  }, DRAIN_DELAY_MS);
});

server.listen(port, () => log('listening', { port }));
