// @ts-check
/**
 * The API that runs in every pod: the course's graceful shutdown, configured from the
 * environment. On SIGTERM it reports not-ready (503 on /health/ready), keeps serving for
 * SHUTDOWN_DRAIN_MS, stops listening, answers what is in flight with `Connection: close`,
 * and destroys whatever is still open SHUTDOWN_TIMEOUT_MS later.
 */
import http from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const podName = process.env.POD_NAME ?? 'api';
const version = process.env.APP_VERSION ?? 'dev';
const drainMs = readMilliseconds('SHUTDOWN_DRAIN_MS', 0);
const timeoutMs = readMilliseconds('SHUTDOWN_TIMEOUT_MS', 10_000);

/** Stands in for the database query behind every answer. */
const QUERY_MS = 20;

let shuttingDown = false;
/** @type {Set<import('node:net').Socket>} */
const openSockets = new Set();

const server = http.createServer(async (req, res) => {
  // Once shutdown has begun, every answer tells the client to reconnect elsewhere.
  if (shuttingDown) res.setHeader('Connection', 'close');
  if (req.url === '/health') return sendJson(res, 200, { status: 'ok' });
  if (req.url === '/health/ready') {
    return sendJson(res, shuttingDown ? 503 : 200, { status: shuttingDown ? 'shutting down' : 'ready' });
  }
  await new Promise((resolve) => setTimeout(resolve, QUERY_MS));
  sendJson(res, 200, { version, pod: podName });
});

server.on('connection', (socket) => {
  openSockets.add(socket);
  socket.on('close', () => openSockets.delete(socket));
});

process.on('SIGTERM', () => {
  // A second SIGTERM must not start the sequence again.
  if (shuttingDown) return;
  shuttingDown = true;
  const next = drainMs > 0 ? 'serving on until the drain delay is over' : 'no drain delay (SHUTDOWN_DRAIN_MS is 0)';
  console.log(`SIGTERM received: readiness is now 503; ${next}`);
  setTimeout(stopListening, drainMs);
});

function stopListening() {
  console.log(`no longer accepting connections; ${openSockets.size} still open`);
  server.close(() => console.log('every connection closed: exiting with code 0'));
  server.closeIdleConnections();
  // A client that never finishes its request keeps close() pending forever.
  const deadline = setTimeout(() => {
    console.log(`shutdown deadline reached: destroying ${openSockets.size} connection(s) still open`);
    server.closeAllConnections();
  }, timeoutMs);
  deadline.unref();
}

/**
 * @param {http.ServerResponse} res
 * @param {number} status
 * @param {object} body
 */
function sendJson(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * @param {string} name
 * @param {number} fallback
 */
function readMilliseconds(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a whole number of milliseconds, not "${value}"`);
  return Number(value);
}

server.listen(port, () => console.log(`${version} listening on port ${port}`));
