// JSON logs on stdout with the request's id on every line it causes.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pino from 'pino';

// The level comes from the environment: info in production, debug while developing.
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });

// Keep a proxy's id if it is harmless, so one id follows the request across services.
const SAFE_ID = /^[\w.:-]{1,128}$/;
function requestId(header) {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
}

async function findOrder(id, log) {
  log.debug({ id }, 'loading order');
  return { id, status: 'shipped' };
}

const server = http.createServer(async (req, res) => {
  const started = performance.now();
  const reqId = requestId(req.headers['x-request-id']);
  res.setHeader('X-Request-Id', reqId);
  // A child logger: every line written through it carries reqId.
  const log = logger.child({ reqId });
  log.debug({ method: req.method, url: req.url }, 'request received');

  const order = await findOrder(req.url.split('/').pop(), log);
  res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(order));
  log.info({ status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request completed');
});

server.listen(Number(process.env.PORT ?? 3000), () => {
  logger.info({ port: server.address().port }, 'listening');
});
process.on('SIGTERM', () => server.close());
