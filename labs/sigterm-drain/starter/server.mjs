// orders-api: a JSON API over a database pool, with a background worker that mails invoices.
import http from 'node:http';
import { createPool } from './lib/fake-database.mjs';
import { sendPendingInvoices } from './lib/invoice-mailer.mjs';
import { createJobWorker } from './lib/job-worker.mjs';
import { createLogger } from './lib/logger.mjs';
import { createRequestHandler } from './lib/routes.mjs';

const port = Number(process.env.PORT ?? 3000);

const logger = createLogger();
const pool = createPool({ size: 10, logger });
const invoiceMailer = createJobWorker({
  name: 'invoice-mailer',
  intervalMs: 500,
  logger,
  job: () => sendPendingInvoices({ pool, logger }),
});

const server = http.createServer(
  createRequestHandler({
    pool,
    logger,
    isReady: () => !pool.ended,
  }),
);

server.listen(port, () => {
  logger.info('listening', { port });
  invoiceMailer.start();
});
