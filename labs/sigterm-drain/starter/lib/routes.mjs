// The orders API: routes, JSON responses and one access-log line per request.

const RECENT_ORDERS = 'SELECT id, customer, total_cents, status FROM orders ORDER BY id DESC LIMIT $1';
const ORDER_BY_ID = 'SELECT id, customer, total_cents, status FROM orders WHERE id = $1';
const PAGE_SIZE = 20;

// Probes arrive several times a second; logging them would drown the lines that matter.
const UNLOGGED_PATHS = new Set(['/health', '/health/ready']);

// isReady() decides what /health/ready answers: 200 while the app wants traffic, 503 otherwise.
export function createRequestHandler({ pool, logger, isReady }) {
  async function route(req, res, pathname) {
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'method not allowed' });
    if (pathname === '/') return sendJson(res, 200, { service: 'orders-api' });
    // Liveness: the process is up and its event loop answers. Never depends on anything else.
    if (pathname === '/health') return sendJson(res, 200, { status: 'ok' });
    if (pathname === '/health/ready') {
      const ready = isReady();
      return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready' });
    }
    if (pathname === '/orders') {
      const { rows } = await pool.query(RECENT_ORDERS, [PAGE_SIZE]);
      return sendJson(res, 200, { orders: rows });
    }
    const orderId = /^\/orders\/(\d+)$/.exec(pathname)?.[1];
    if (orderId) {
      const { rows } = await pool.query(ORDER_BY_ID, [Number(orderId)]);
      return rows.length > 0 ? sendJson(res, 200, rows[0]) : sendJson(res, 404, { error: 'order not found' });
    }
    return sendJson(res, 404, { error: 'not found' });
  }

  return async function handleRequest(req, res) {
    const { pathname } = new URL(req.url, 'http://localhost');
    const startedAt = performance.now();
    if (!UNLOGGED_PATHS.has(pathname)) {
      res.on('finish', () => {
        const ms = Math.round(performance.now() - startedAt);
        logger.info('request completed', { method: req.method, path: pathname, status: res.statusCode, ms });
      });
    }
    try {
      await route(req, res, pathname);
    } catch (error) {
      logger.error('request failed', { method: req.method, path: pathname, error: error.message });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    }
  };
}

function sendJson(res, status, body) {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json) });
  res.end(json);
}
