// @ts-check
import net from 'node:net';

/** @typedef {import('./clock.mjs').Clock} Clock */
/** @typedef {import('./protocol.mjs').SilentClientMode} SilentClientMode */
/** @typedef {import('./protocol.mjs').SilentClientResult} SilentClientResult */

/**
 * @typedef {object} SilentClient
 * @property {() => SilentClientResult} result
 * @property {() => Promise<void>} close end the connection from the client side (if
 *   the server has not) and wait until it is closed
 */

/**
 * Opens a TCP connection that never completes a request: it sends nothing, or a
 * request line and one header without the blank line that ends the headers. After
 * `server.close()` Node stops enforcing headersTimeout/requestTimeout, so such a
 * client keeps `close()` pending until the app destroys the socket itself
 * (notes/shutdown.md). The record says whether, and when, the server let go.
 * @param {{ host: string, port: number, mode: SilentClientMode, clock: Clock }} options
 * @returns {SilentClient}
 */
export function openSilentClient({ host, port, mode, clock }) {
  /** @type {SilentClientResult} */
  const record = { mode, openedAt: null, closedAt: null, closedBy: null };
  let closingByHarness = false;
  const socket = net.connect({ host, port });
  const closed = new Promise((resolve) => socket.once('close', resolve));

  socket.on('connect', () => {
    record.openedAt = clock();
    if (mode === 'partialHeaders') socket.write(`GET / HTTP/1.1\r\nHost: ${host}:${port}\r\n`);
  });
  // The server may answer (e.g. 408) or reset; either way only the close matters.
  socket.on('data', () => {});
  socket.on('error', () => {});
  socket.on('close', () => {
    if (record.openedAt === null) return;
    record.closedAt = clock();
    record.closedBy = closingByHarness ? 'harness' : 'server';
  });

  return {
    result: () => ({ ...record }),
    close: async () => {
      if (!socket.destroyed) {
        closingByHarness = true;
        socket.destroy();
      }
      await closed;
    },
  };
}
