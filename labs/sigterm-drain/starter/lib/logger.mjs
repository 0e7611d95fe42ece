// A JSON logger that buffers lines and writes them in batches: one write per batch instead of
// one per line keeps logging cheap under load (pino's sonic-boom buffers the same way). The
// price is that lines still in the buffer when the process ends are lost, unless someone
// calls flush() first.

const DEFAULT_FLUSH_INTERVAL_MS = 1_000;
const DEFAULT_MAX_BUFFERED_LINES = 200;

export function createLogger({
  stream = process.stdout,
  flushIntervalMs = DEFAULT_FLUSH_INTERVAL_MS,
  maxBufferedLines = DEFAULT_MAX_BUFFERED_LINES,
} = {}) {
  let buffered = [];

  // Writes every buffered line now.
  function flush() {
    if (buffered.length === 0) return;
    const batch = buffered.join('');
    buffered = [];
    stream.write(batch);
  }

  function write(level, msg, fields) {
    buffered.push(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
    if (buffered.length >= maxBufferedLines) flush();
  }

  // unref(): a logger must never be the reason a finished process stays alive.
  setInterval(flush, flushIntervalMs).unref();

  return {
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    flush,
  };
}
