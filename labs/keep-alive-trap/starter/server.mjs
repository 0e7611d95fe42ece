// reports-api: serves CSV reports that are streamed while they are computed.
import http from 'node:http';
import { streamDailyReport } from './lib/daily-report.mjs';

const port = Number(process.env.PORT ?? 3000);

// Keep serving this long after readiness turns 503, while load balancers stop routing here.
const DRAIN_DELAY_MS = 500;

let shuttingDown = false;

function log(msg, fields = {}) {
  console.log(JSON.stringify({ time: new Date().toISOString(), msg, ...fields }));
}

function sendText(res, status, text) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`${text}\n`);
}

const server = http.createServer(async (req, res) => {
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
    server.close(() => {
      log('http server closed');
      process.exit(0);
    });
  }, DRAIN_DELAY_MS);
});

server.listen(port, () => log('listening', { port }));
