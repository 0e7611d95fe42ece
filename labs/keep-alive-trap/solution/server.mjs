// reports-api: serves CSV reports that are streamed while they are computed.
import http from 'node:http';
import { streamDailyReport } from './lib/daily-report.mjs';

const port = Number(process.env.PORT ?? 3000);

// Keep serving this long after readiness turns 503, while load balancers stop routing here.
const DRAIN_DELAY_MS = 500;
// Once the server stops listening, connections still open after this long are destroyed. It
// must outlast the slowest report, and fit with the drain delay inside the grace period.
const HARD_DEADLINE_MS = 1_500;

let shuttingDown = false;

function log(msg, fields = {}) {
  console.log(JSON.stringify({ time: new Date().toISOString(), msg, ...fields }));
}

function sendText(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

const server = http.createServer(async (req, res) => {
  // During shutdown every response asks the client to close its connection. Without it, a
  // keep-alive client sends its next request on the same socket and close() waits forever.
  if (shuttingDown) res.setHeader('Connection', 'close');
  const { pathname } = new URL(req.url, 'http://localhost');
  if (pathname === '/') return sendText(res, 200, 'reports-api');
  if (pathname === '/health') return sendText(res, 200, 'ok');
  if (pathname === '/health/ready') {
    return shuttingDown ? sendText(res, 503, 'shutting down') : sendText(res, 200, 'ready');
  }
  if (pathname === '/reports/daily.csv') return streamDailyReport(res);
  return sendText(res, 404, 'not found');
});

process.on('SIGTERM', () => {
  if (shuttingDown) return;
  shuttingDown = true;
  log('shutdown initiated, readiness now answers 503');
  setTimeout(() => {
    log('closing the http server');
    // A connection that never finishes a request keeps close() pending: after close() Node
    // no longer times it out. Whatever is still open at the deadline is destroyed.
    const deadline = setTimeout(() => {
      log('hard deadline reached, destroying remaining connections');
      server.closeAllConnections();
    }, HARD_DEADLINE_MS);
    deadline.unref();
    server.close(() => {
      clearTimeout(deadline);
      // No process.exit(): with every connection closed the process ends by itself, after
      // its output has been written.
      log('http server closed');
    });
    // Connections between two requests go at once; busy ones end after their response.
    server.closeIdleConnections();
  }, DRAIN_DELAY_MS);
});

server.listen(port, () => log('listening', { port }));
