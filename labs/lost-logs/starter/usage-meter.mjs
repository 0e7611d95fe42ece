// Counts requests per account in memory and writes them out as log lines, one usage record per
// account (zero included: billing must tell "no usage" from "no record"). The log pipeline
// ships the records to billing, so a record that never reaches stdout is usage nobody pays for.
// Read-only in this lab.

const FLUSH_EVERY_MS = 60 * 60 * 1_000;

/**
 * @param {{ accounts: string[], log: (msg: string, fields?: object) => void }} options
 */
export function createUsageMeter({ accounts, log }) {
  let counts = new Map(accounts.map((account) => [account, 0]));
  let periodStart = new Date();

  // Writes one record per account and starts a new period.
  function flush() {
    const periodEnd = new Date();
    for (const [account, requests] of counts) {
      log('usage record', { account, requests, from: periodStart.toISOString(), to: periodEnd.toISOString() });
    }
    log('usage flushed', { records: counts.size });
    counts = new Map(accounts.map((account) => [account, 0]));
    periodStart = periodEnd;
  }

  const hourly = setInterval(flush, FLUSH_EVERY_MS);

  return {
    /** @param {string} account */
    record(account) {
      if (counts.has(account)) counts.set(account, (counts.get(account) ?? 0) + 1);
    },
    flush,
    /** Stops the hourly flush and writes the records of the period so far. */
    stop() {
      clearInterval(hourly);
      flush();
    },
  };
}
