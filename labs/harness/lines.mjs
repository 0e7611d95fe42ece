// @ts-check

/**
 * Calls `onLine` for every line of a text stream (LF or CRLF), including a last line
 * without a newline. A line longer than `maxLineLength` is delivered in pieces, so one
 * endless line cannot grow memory without bound.
 * @param {import('node:stream').Readable} stream
 * @param {(line: string) => void} onLine
 * @param {number} maxLineLength
 * @returns {Promise<void>} resolves when the stream has closed
 */
export function readLines(stream, onLine, maxLineLength) {
  let pending = '';
  const emit = (/** @type {string} */ line) => onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  stream.setEncoding('utf8');
  stream.on('data', (/** @type {string} */ chunk) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) emit(part);
    while (pending.length > maxLineLength) {
      onLine(pending.slice(0, maxLineLength));
      pending = pending.slice(maxLineLength);
    }
  });
  return new Promise((resolve) => {
    stream.once('close', () => {
      if (pending !== '') emit(pending);
      resolve();
    });
  });
}
