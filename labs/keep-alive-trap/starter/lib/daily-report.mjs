// The daily sales report as CSV, streamed a few rows at a time as they are computed, the way a
// report read from a slow database cursor is. The response starts at once and takes about
// 300 ms to finish.

const ROWS_PER_CHUNK = 4;
const CHUNK_DELAY_MS = 50;

export async function streamDailyReport(res) {
  res.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8' });
  res.write('hour,orders,revenue_cents\n');
  for (let hour = 0; hour < 24; hour += ROWS_PER_CHUNK) {
    await new Promise((resolve) => setTimeout(resolve, CHUNK_DELAY_MS));
    // The client went away: nobody is left to read the rest.
    if (res.destroyed) return;
    res.write(rowsFrom(hour));
  }
  res.end();
}

function rowsFrom(firstHour) {
  let rows = '';
  for (let hour = firstHour; hour < firstHour + ROWS_PER_CHUNK; hour += 1) {
    const orders = 20 + ((hour * 37) % 55);
    rows += `${String(hour).padStart(2, '0')}:00,${orders},${orders * 2_450}\n`;
  }
  return rows;
}
