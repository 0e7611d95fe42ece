// A small API with a liveness and a readiness endpoint. Node built-ins only.
import http from 'node:http';
import net from 'node:net';

const port = Number(process.env.PORT ?? 3000);
const dbHost = process.env.DB_HOST ?? '127.0.0.1';
const dbPort = Number(process.env.DB_PORT ?? 5432);
const drainMs = Number(process.env.DRAIN_MS ?? 5000);

let shuttingDown = false;

function log(msg, fields = {}) {
  const time = new Date().toISOString();
  console.log(JSON.stringify({ time, msg, ...fields }));
}

// Can we reach the database, quickly? Stands in for `SELECT 1` on your pool.
// Kubernetes gives a probe 1 s by default: stay well below that.
function databaseReachable(timeoutMs = 500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: dbHost, port: dbPort });
    socket.setTimeout(timeoutMs);
    const finish = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => finish(false));
  });
}

function sendJson(res, status, body) {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

const server = http.createServer(async (req, res) => {
  // Liveness: this process still answers. Never look at dependencies here.
  if (req.url === '/health') return sendJson(res, 200, { status: 'ok' });

  // Readiness: should traffic come here right now?
  if (req.url === '/health/ready') {
    if (shuttingDown) return sendJson(res, 503, { status: 'shutting-down' });
    const database = await databaseReachable();
    const status = database ? 'ready' : 'not-ready';
    return sendJson(res, database ? 200 : 503, { status, database });
  }

  sendJson(res, 200, { hello: 'world' });
});

process.on('SIGTERM', () => {
  if (shuttingDown) return;
  // Readiness turns 503 first; we keep serving while traffic moves away.
  shuttingDown = true;
  log('SIGTERM: readiness is 503, still serving', { drainMs });
  setTimeout(() => {
    log('closing the listener');
    // Draining keep-alive connections well: see the graceful shutdown lesson.
    server.close(() => log('closed'));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  }, drainMs);
});

server.listen(port, () => log('listening', { port: server.address().port }));
