// @ts-check
// The load client's classification, against real sockets whose byte sequences are
// crafted to produce each case of notes/shutdown.md.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { classifyRequest, startLoad } from '../load.mjs';
import { createClock } from '../clock.mjs';
import { OK_KEEP_ALIVE, freePort, onRequestHeads, rawServer } from './helpers.mjs';

/** @type {Array<() => Promise<void>>} */
const cleanups = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/**
 * @param {number} port
 * @param {Partial<import('../load.mjs').LoadOptions>} [overrides]
 */
function runLoad(port, overrides = {}) {
  return startLoad({
    host: '127.0.0.1',
    port,
    path: '/',
    users: 2,
    durationMs: 300,
    keepAlive: true,
    requestTimeoutMs: 1_000,
    clock: createClock(),
    ...overrides,
  }).finished;
}

/** @param {(socket: import('node:net').Socket, connectionIndex: number) => void} onConnection */
async function serve(onConnection) {
  const server = await rawServer(onConnection);
  cleanups.push(server.close);
  return server;
}

describe('classifyRequest', () => {
  const base = { status: null, errorCode: null, reusedSocket: false, responseStarted: false, timedOut: false, routable: true };

  it.each([
    [{ status: 204, errorCode: null }, 'ok'],
    [{ status: 503, errorCode: null }, 'non2xx'],
    [{ errorCode: 'ECONNRESET', reusedSocket: true }, 'retrySafeReset'],
    [{ errorCode: 'EPIPE', reusedSocket: true }, 'retrySafeReset'],
    [{ errorCode: 'ECONNRESET', reusedSocket: true, responseStarted: true }, 'acceptedReset'],
    [{ errorCode: 'ECONNRESET', reusedSocket: false }, 'acceptedReset'],
    [{ errorCode: 'ECONNREFUSED', routable: true }, 'refusedBeforeReady503'],
    [{ errorCode: 'ECONNREFUSED', routable: false }, 'refusedAfterReady503'],
    [{ status: 200, timedOut: true }, 'timeout'],
    [{ errorCode: 'HPE_INVALID_CONSTANT' }, 'otherError'],
  ])('%o is %s', (facts, outcome) => {
    expect(classifyRequest({ ...base, ...facts })).toBe(outcome);
  });
});

describe('startLoad against real sockets', () => {
  it('counts complete 2xx responses as ok and reuses each user\'s socket', async () => {
    const server = await serve((socket) => onRequestHeads(socket, () => socket.write(OK_KEEP_ALIVE)));
    const summary = await runLoad(server.port);
    // More requests than users, so sockets were reused; how many more depends on the machine's load.
    expect(summary.counts.ok).toBeGreaterThan(2);
    expect(summary.failed).toBe(0);
    expect(summary.total).toBe(summary.counts.ok);
    // One keep-alive connection per virtual user.
    expect(server.connections()).toBe(2);
  });

  it('counts complete responses with other statuses as non2xx', async () => {
    const server = await serve((socket) =>
      onRequestHeads(socket, () => socket.write('HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n')),
    );
    const summary = await runLoad(server.port);
    expect(summary.counts.non2xx).toBeGreaterThan(0);
    expect(summary.counts.non2xx).toBe(summary.total);
    expect(summary.failed).toBe(summary.total);
  });

  it('counts a reset of a reused keep-alive socket before any response byte as retry-safe', async () => {
    // Serve the first request of each connection, then drop the connection when the next
    // request arrives on it: the keep-alive race, seen from the client.
    const server = await serve((socket) =>
      onRequestHeads(socket, (index) => (index === 0 ? socket.write(OK_KEEP_ALIVE) : socket.destroy())),
    );
    const summary = await runLoad(server.port, { users: 1 });
    expect(summary.counts.retrySafeReset).toBeGreaterThan(2);
    expect(summary.counts.ok).toBeGreaterThan(2);
    expect(summary.counts.acceptedReset).toBe(0);
    expect(summary.failed).toBe(0);
  });

  it('counts a reset after part of the response as a failure, even on a reused socket', async () => {
    const server = await serve((socket) =>
      onRequestHeads(socket, (index) => {
        if (index === 0) return socket.write(OK_KEEP_ALIVE);
        socket.write('HTTP/1.1 200 OK\r\nContent-Len');
        setTimeout(() => socket.resetAndDestroy(), 10);
      }),
    );
    const summary = await runLoad(server.port, { users: 1 });
    expect(summary.counts.acceptedReset).toBeGreaterThan(1);
    expect(summary.counts.retrySafeReset).toBe(0);
  });

  it('counts a reset after the body started as a failure', async () => {
    const server = await serve((socket) =>
      onRequestHeads(socket, () => {
        socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial');
        setTimeout(() => socket.destroy(), 10);
      }),
    );
    const summary = await runLoad(server.port, { users: 1 });
    expect(summary.counts.acceptedReset).toBeGreaterThan(1);
    expect(summary.counts.acceptedReset).toBe(summary.total);
  });

  it('counts a reset on a fresh connection as a failure', async () => {
    const server = await serve((socket) => onRequestHeads(socket, () => socket.destroy()));
    const summary = await runLoad(server.port, { users: 1 });
    expect(summary.counts.acceptedReset).toBeGreaterThan(1);
    expect(summary.counts.acceptedReset).toBe(summary.total);
  });

  it('counts refused connections as failures while readiness has not returned 503, and does not hammer', async () => {
    const port = await freePort();
    const summary = await runLoad(port, { users: 1, durationMs: 500 });
    expect(summary.counts.refusedBeforeReady503).toBeGreaterThan(0);
    expect(summary.counts.refusedBeforeReady503).toBe(summary.total);
    // One attempt per ~50 ms back-off, not thousands.
    expect(summary.total).toBeLessThan(20);
  });

  it('counts a refusal seen after readiness returned 503 as acceptable', async () => {
    const port = await freePort();
    // Readiness flips to 503 while the connection attempt is under way.
    let checks = 0;
    const summary = await runLoad(port, { users: 1, durationMs: 200, isRoutable: () => checks++ % 2 === 0 });
    expect(summary.counts.refusedAfterReady503).toBeGreaterThan(0);
    expect(summary.counts.refusedAfterReady503).toBe(summary.total);
    expect(summary.failed).toBe(0);
  });

  it('opens no new connection once readiness returned 503, but keeps using kept-alive sockets', async () => {
    const server = await serve((socket) => onRequestHeads(socket, () => socket.write(OK_KEEP_ALIVE)));
    let routable = true;
    const finished = runLoad(server.port, { users: 3, durationMs: 400, isRoutable: () => routable });
    setTimeout(() => (routable = false), 100);
    const summary = await finished;
    expect(server.connections()).toBe(3);
    expect(summary.counts.ok).toBeGreaterThan(3);

    const paused = await serve((socket) => onRequestHeads(socket, () => socket.write(OK_KEEP_ALIVE)));
    const none = await runLoad(paused.port, { users: 3, durationMs: 200, isRoutable: () => false });
    expect(paused.connections()).toBe(0);
    expect(none.total).toBe(0);
  });

  it('gives up on a request without a complete response after the request timeout', async () => {
    const server = await serve(() => {});
    const summary = await runLoad(server.port, { users: 1, durationMs: 100, requestTimeoutMs: 200 });
    expect(summary.counts.timeout).toBe(1);
    expect(summary.total).toBe(1);
  });

  it('reports live progress and a cumulative timeline', async () => {
    const server = http.createServer((req, res) => setTimeout(() => res.end('ok'), 5));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
    cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
    const address = /** @type {import('node:net').AddressInfo} */ (server.address());
    /** @type {import('../load.mjs').LoadProgress[]} */
    const progress = [];
    const summary = await runLoad(address.port, {
      durationMs: 500,
      progressIntervalMs: 100,
      onProgress: (p) => progress.push(p),
    });
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.at(-1)).toMatchObject({ done: true, inFlight: 0, counts: summary.counts });
    const oks = summary.timeline.map((sample) => sample.ok);
    expect(oks).toEqual([...oks].sort((a, b) => a - b));
    expect(summary.timeline.at(-1)?.ok).toBe(summary.counts.ok);
  });
});
