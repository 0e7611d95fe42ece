// inventory-api: a small JSON API over a database, shipped with the Dockerfile beside it.
import http from 'node:http';
import { connectDatabase } from './database.mjs';

const port = Number(process.env.PORT ?? 3000);
// Connections still open this long after shutdown began are closed, well inside the grace period.
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
  // Health check for Docker and the load balancer: is everything OK?
  if (req.url === '/health') {
    try {
      await db.query('SELECT 1');
      return sendJson(res, 200, { status: 'ok' });
    } catch (error) {
      return sendJson(res, 503, { status: 'unavailable', database: error.message });
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
  shuttingDown = true;
  log('shutdown started');
  server.close(() => {
    db.close();
    log('shutdown complete');
  });
  server.closeIdleConnections();
  setTimeout(() => server.closeAllConnections(), SHUTDOWN_DEADLINE_MS).unref();
});

server.listen(port, () => log('listening', { port }));
