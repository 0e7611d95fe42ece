// orders-api: a small JSON API with a complete graceful shutdown (read-only in this lab: it is
// already right). On SIGTERM it turns readiness to 503, keeps serving for a drain delay,
// closes the listener and idle connections, and exits 0. It only needs to hear the signal.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
// Longer than the interval at which readiness is polled, so traffic moves away first.
const DRAIN_DELAY_MS = 500;
// Connections still open this long after the listener closed are closed anyway.
const SHUTDOWN_DEADLINE_MS = 2_000;

function log(msg, fields = {}) {
  console.log(JSON.stringify({ time: new Date().toISOString(), msg, ...fields }));
}

let shuttingDown = false;

function sendJson(res, status, body) {
  // Decided as the response goes out, so requests in flight when shutdown starts get it too.
  if (shuttingDown) res.setHeader('connection', 'close');
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const server = http.createServer((req, res) => {
  if (req.url === '/health') return sendJson(res, 200, { status: 'ok' });
  if (req.url === '/health/ready') {
    return sendJson(res, shuttingDown ? 503 : 200, { status: shuttingDown ? 'shutting down' : 'ready' });
  }
  if (req.url === '/orders') {
    // Stands in for a query: long enough that requests are in flight when SIGTERM comes.
    setTimeout(() => sendJson(res, 200, [{ id: 1041, status: 'shipped' }]), 20);
    return;
  }
  sendJson(res, 404, { error: 'not found' });
});

process.on('SIGTERM', () => {
  if (shuttingDown) return;
  shuttingDown = true;
  log('SIGTERM received: readiness is 503, still serving', { drainDelayMs: DRAIN_DELAY_MS });
  setTimeout(() => {
    log('closing the listener');
    server.close(() => log('shutdown complete'));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_DEADLINE_MS).unref();
  }, DRAIN_DELAY_MS);
});

server.listen(port, () => log('listening', { port, pid: process.pid, parentPid: process.ppid }));
