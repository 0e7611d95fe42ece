// orders-api: a JSON API over a database pool, with a background worker that mails invoices.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPool } from './lib/fake-database.mjs';
import { sendPendingInvoices } from './lib/invoice-mailer.mjs';
import { createJobWorker } from './lib/job-worker.mjs';
import { createLogger } from './lib/logger.mjs';
import { createRequestHandler } from './lib/routes.mjs';

const port = Number(process.env.PORT ?? 3000);

// The shutdown budget: drain delay + slowest request + cleanup must fit inside the grace
// period the orchestrator gives after SIGTERM (4 s in this lab, 30 s by default in Kubernetes).

// Keep serving this long after readiness turns 503, while load balancers stop routing here.
const DRAIN_DELAY_MS = 1_000;
// Once the server stops listening, connections still open after this long are destroyed.
const HARD_DEADLINE_MS = 2_000;

const logger = createLogger();
const pool = createPool({ size: 10, logger });
const invoiceMailer = createJobWorker({
  name: 'invoice-mailer',
  intervalMs: 500,
  logger,
  job: () => sendPendingInvoices({ pool, logger }),
});

let shuttingDown = false;

const handleRequest = createRequestHandler({
  pool,
  logger,
  isReady: () => !shuttingDown && !pool.ended,
});

const server = http.createServer((req, res) => {
  // From the signal on, every response asks the client to close its connection, so a busy
  // keep-alive connection ends after its current request instead of taking the next one.
  if (shuttingDown) res.setHeader('Connection', 'close');
  handleRequest(req, res);
});

server.listen(port, () => {
  logger.info('listening', { port });
  invoiceMailer.start();
});

// Stops listening and resolves once every connection is gone: idle ones are closed at once,
// busy ones end after their response, and whatever is left at the deadline is destroyed (a
// client that connects and never sends a request would otherwise keep close() pending forever).
function closeServer() {
  return new Promise((resolve) => {
    const deadline = setTimeout(() => {
      logger.warn('hard deadline reached, destroying remaining connections');
      server.closeAllConnections();
    }, HARD_DEADLINE_MS);
    // The deadline only bounds the wait; it must not keep the process alive by itself.
    deadline.unref();
    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

// Each step waits for the one before: requests and the worker use the pool, so the pool goes
// last, and the logger is flushed once nothing else can log.
async function shutDown(signal) {
  logger.info('shutdown initiated', { signal });
  await sleep(DRAIN_DELAY_MS);
  await closeServer();
  logger.info('http server closed');
  await invoiceMailer.stop();
  await pool.end();
  logger.info('shutdown complete');
  logger.flush();
  // No process.exit(): with nothing left to do the process ends by itself, after stdout has
  // been written out.
  process.exitCode = 0;
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    // A second signal (a repeated docker stop, an impatient Ctrl-C) must not start a second
    // shutdown; handling it at all keeps Node from dying of it.
    if (shuttingDown) {
      logger.info('shutdown already in progress', { signal });
      return;
    }
    shuttingDown = true;
    shutDown(signal).catch((error) => {
      logger.error('shutdown failed', { error: error.message });
      logger.flush();
      process.exitCode = 1;
    });
  });
}
