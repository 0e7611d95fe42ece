// A stand-in for a PostgreSQL connection pool with the shape of pg.Pool (query(), end(),
// ended), so the lab runs without a database. Each query holds one of `size` connections for
// 100-400 ms, as a query over the network would; when every connection is busy, queries wait
// their turn. The data lives in memory, and only the statements this app sends are understood.

const DEFAULT_LATENCY_MS = { min: 100, max: 400 };

const STATEMENTS = new Map([
  [
    'SELECT id, customer, total_cents, status FROM orders ORDER BY id DESC LIMIT $1',
    (tables, [limit]) => tables.orders.slice(-limit).reverse(),
  ],
  ['SELECT id, customer, total_cents, status FROM orders WHERE id = $1', (tables, [id]) => tables.orders.filter((order) => order.id === id)],
  [
    'SELECT id, order_id, email FROM invoices WHERE sent_at IS NULL ORDER BY id LIMIT $1',
    (tables, [limit]) => tables.invoices.filter((invoice) => invoice.sent_at === null).slice(0, limit),
  ],
  [
    'UPDATE invoices SET sent_at = now() WHERE id = ANY($1) RETURNING id',
    (tables, [ids]) => {
      const updated = tables.invoices.filter((invoice) => ids.includes(invoice.id));
      for (const invoice of updated) invoice.sent_at = new Date().toISOString();
      return updated.map(({ id }) => ({ id }));
    },
  ],
]);

export function createPool({ size, logger, latencyMs = DEFAULT_LATENCY_MS }) {
  const tables = seedTables();
  const waitingForConnection = [];
  let busyConnections = 0;
  let ended = false;
  let resolveIdle = null;

  async function acquire() {
    if (busyConnections < size) {
      busyConnections += 1;
      return;
    }
    await new Promise((resolve) => waitingForConnection.push(resolve));
  }

  function release() {
    const next = waitingForConnection.shift();
    if (next) {
      next();
      return;
    }
    busyConnections -= 1;
    if (busyConnections === 0) resolveIdle?.();
  }

  async function query(text, params = []) {
    if (ended) throw new Error('Cannot use a pool after calling end on the pool');
    const execute = STATEMENTS.get(text);
    if (!execute) throw new Error(`The fake database does not understand: ${text}`);
    await acquire();
    try {
      await new Promise((resolve) => setTimeout(resolve, randomBetween(latencyMs.min, latencyMs.max)));
      const rows = execute(tables, params);
      return { rows, rowCount: rows.length };
    } finally {
      release();
    }
  }

  // Refuses new queries and resolves once every query already accepted has finished.
  async function end() {
    if (ended) throw new Error('Called end on pool more than once');
    ended = true;
    if (busyConnections > 0) await new Promise((resolve) => (resolveIdle = resolve));
    logger.info('pool closed', { size });
  }

  return {
    query,
    end,
    get ended() {
      return ended;
    },
  };
}

function randomBetween(min, max) {
  return min + Math.floor(Math.random() * (max - min + 1));
}

function seedTables() {
  const customers = ['Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Barbara', 'Dennis', 'Frances'];
  const statuses = ['paid', 'shipped', 'delivered'];
  const orders = Array.from({ length: 500 }, (_, index) => ({
    id: index + 1,
    customer: customers[index % customers.length],
    total_cents: 1_000 + ((index * 7_919) % 90_000),
    status: statuses[index % statuses.length],
  }));
  const invoices = orders.map((order) => ({
    id: order.id,
    order_id: order.id,
    email: `${order.customer.toLowerCase()}@example.com`,
    sent_at: null,
  }));
  return { orders, invoices };
}
