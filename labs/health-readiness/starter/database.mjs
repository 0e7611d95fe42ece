// A stand-in for a database client (think of a pg Pool) whose server drops off the network
// on a schedule, so you can watch what an outage does to your health endpoints: 1 s after
// the app starts, and every 10 s after that, the database is unreachable for 2.5 s.
// Read-only in this lab: the checks time their requests by this schedule.
import { setTimeout as sleep } from 'node:timers/promises';

const FIRST_OUTAGE_AFTER_MS = 1_000;
const OUTAGE_EVERY_MS = 10_000;
const OUTAGE_LASTS_MS = 2_500;
/** A query's round trip to a reachable database. */
const QUERY_MS = 5;
/** How long connecting to an unreachable database takes to fail. */
const CONNECT_TIMEOUT_MS = 50;

const ITEMS = [
  { id: 1, name: 'shipping crate', stock: 12 },
  { id: 2, name: 'pallet wrap', stock: 240 },
  { id: 3, name: 'hand truck', stock: 3 },
];

/**
 * @param {{ log: (msg: string, fields?: object) => void }} options
 */
export function connectDatabase({ log }) {
  let reachable = true;
  let timer;

  const schedule = (delayMs, next) => {
    // unref(): a client library must never be what keeps a finished process alive.
    timer = setTimeout(next, delayMs).unref();
  };
  const startOutage = () => {
    reachable = false;
    log('database unreachable', { host: 'db.internal:5432' });
    schedule(OUTAGE_LASTS_MS, endOutage);
  };
  const endOutage = () => {
    reachable = true;
    log('database reachable again', { host: 'db.internal:5432' });
    schedule(OUTAGE_EVERY_MS - OUTAGE_LASTS_MS, startOutage);
  };
  schedule(FIRST_OUTAGE_AFTER_MS, startOutage);

  return {
    /**
     * Runs a query. Rejects when the database cannot be reached.
     * @param {string} sql
     */
    async query(sql) {
      if (!reachable) {
        await sleep(CONNECT_TIMEOUT_MS);
        throw new Error('connect ETIMEDOUT db.internal:5432');
      }
      await sleep(QUERY_MS);
      return sql.includes('FROM items') ? ITEMS : [{ '?column?': 1 }];
    },
    close() {
      clearTimeout(timer);
      log('database pool closed');
    },
  };
}
