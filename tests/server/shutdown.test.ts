import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClock } from '../../labs/harness/clock.mjs';
import { startLoad } from '../../labs/harness/load.mjs';
import { startReadinessMonitor } from '../../labs/harness/readiness.mjs';
import { openSilentClient } from '../../labs/harness/silent-client.mjs';
import { buildServerFixture, startServer, type RunningServer } from './server-process.js';

/**
 * The site server's shutdown, judged the way the course judges a learner's: a real process,
 * real keep-alive load, a real SIGTERM, and every request classified (notes/shutdown.md).
 */

let root: string;
const running: RunningServer[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  root = await buildServerFixture();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
});

async function start(env: Record<string, string>, nodeArgs: string[] = []) {
  const server = await startServer(root, env, nodeArgs);
  running.push(server);
  return server;
}

/**
 * The fixture site answers from memory in microseconds, so almost no request would be in flight
 * when the listener closes. This preload holds every response for 20 ms before it is sent, the
 * way slow handlers or slow networks do, so the drain is tested with requests really in flight.
 */
const SLOW_RESPONSES = `data:text/javascript,${encodeURIComponent(
  "import http from 'node:http'; const end = http.ServerResponse.prototype.end; " +
    'http.ServerResponse.prototype.end = function (...args) { setTimeout(() => end.apply(this, args), 20); return this; };',
)}`;

const messages = (server: RunningServer) => server.logs.map((line) => line.msg ?? '');

describe('SIGTERM under keep-alive load', () => {
  it('drains with zero failed requests, readiness first, exit 0 before the deadline', async () => {
    const drainMs = 1000;
    const timeoutMs = 3000;
    const server = await start({ SHUTDOWN_DRAIN_MS: String(drainMs), SHUTDOWN_TIMEOUT_MS: String(timeoutMs) }, ['--import', SLOW_RESPONSES]);
    const clock = createClock();
    const readiness = startReadinessMonitor({ host: '127.0.0.1', port: server.port, path: '/health/ready', intervalMs: 50, clock });
    const load = startLoad({
      host: '127.0.0.1',
      port: server.port,
      path: '/lessons/one/',
      users: 10,
      durationMs: 10_000,
      keepAlive: true,
      requestTimeoutMs: 5000,
      clock,
      isRoutable: readiness.isRoutable,
    });

    await sleep(800);
    const inFlightAtSigterm = load.snapshot().inFlight;
    const sigtermAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    load.stop();
    const summary = await load.finished;
    await readiness.stop();

    expect(inFlightAtSigterm).toBeGreaterThan(0);
    expect(summary.counts.ok).toBeGreaterThan(100);
    expect(summary.failed, JSON.stringify(summary.counts)).toBe(0);
    expect(exit).toMatchObject({ code: 0, signal: null });
    // Keep-alive sockets were drained, not cut: the listener closed well before the deadline.
    expect(exit.at - sigtermAt).toBeLessThan(drainMs + 1000);
    expect(server.logs.find((line) => line.msg === 'HTTP server closed')).toMatchObject({ deadlineHit: false });

    // Readiness went 503 before the listener closed: the monitor saw a 503, and no
    // connection was refused while readiness still said ready.
    expect(readiness.firstNotReadyAt()).not.toBeNull();
    expect(summary.counts.refusedBeforeReady503).toBe(0);
    const order = ['shutdown started: readiness is 503, still serving', 'draining finished: closing the listener', 'HTTP server closed', 'shutdown complete'];
    expect(messages(server).filter((msg) => order.includes(msg))).toEqual(order);
    const at = (msg: string) => Date.parse(String(server.logs.find((line) => line.msg === msg)?.time));
    expect(at(order[1]!) - at(order[0]!)).toBeGreaterThanOrEqual(drainMs - 20);
  });

  it('keeps answering during the drain delay, with readiness 503 and liveness 200', async () => {
    const server = await start({ SHUTDOWN_DRAIN_MS: '1500', SHUTDOWN_TIMEOUT_MS: '1000' });
    server.child.kill('SIGTERM');
    await expect.poll(() => messages(server)).toContain('shutdown started: readiness is 503, still serving');
    const [ready, live, page] = await Promise.all(['/health/ready', '/health', '/lessons/one/'].map((p) => fetch(server.url + p)));
    expect(ready!.status).toBe(503);
    expect(await ready!.json()).toEqual({ status: 'shutting-down' });
    expect(live!.status).toBe(200);
    expect(page!.status).toBe(200);
    expect(page!.headers.get('connection')).toBe('close');
    expect((await server.exited).code).toBe(0);
  });
});

describe('clients that hold connections open', () => {
  it.each(['nothing', 'partialHeaders'] as const)('a silent client (%s) is cut at the deadline and exit is still 0', async (mode) => {
    const timeoutMs = 1000;
    const server = await start({ SHUTDOWN_DRAIN_MS: '0', SHUTDOWN_TIMEOUT_MS: String(timeoutMs) });
    const clock = createClock();
    const silent = openSilentClient({ host: '127.0.0.1', port: server.port, mode, clock });
    await sleep(200);
    const sigtermAt = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    await silent.close();

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - sigtermAt).toBeGreaterThanOrEqual(timeoutMs - 50);
    expect(exit.at - sigtermAt).toBeLessThan(timeoutMs + 1500);
    expect(silent.result().closedBy).toBe('server');
    expect(messages(server)).toContain('shutdown deadline reached: destroying remaining connections');
  });
});

describe('signals and crashes', () => {
  it('runs the sequence once when a second signal arrives', async () => {
    const server = await start({ SHUTDOWN_DRAIN_MS: '600', SHUTDOWN_TIMEOUT_MS: '1000' });
    server.child.kill('SIGTERM');
    await sleep(150);
    server.child.kill('SIGINT');
    const exit = await server.exited;
    expect(exit.code).toBe(0);
    const started = messages(server).filter((msg) => msg.startsWith('shutdown started'));
    expect(started).toHaveLength(1);
    expect(messages(server)).toContain('shutdown already in progress');
    expect(messages(server).filter((msg) => msg === 'shutdown complete')).toHaveLength(1);
  });

  it.each([
    ['uncaught exception', "setTimeout(() => { throw new Error('boom-exception') }, 300)", 'boom-exception'],
    ['unhandled rejection', "setTimeout(() => { Promise.reject(new Error('boom-rejection')) }, 300)", 'boom-rejection'],
  ])('logs an %s as fatal and exits 1', async (kind, code, text) => {
    const server = await start({}, ['--import', `data:text/javascript,${encodeURIComponent(code)}`]);
    const exit = await server.exited;
    expect(exit.code).toBe(1);
    const fatal = server.logs.find((line) => line.level === 'fatal');
    expect(fatal?.msg).toBe(kind);
    expect(JSON.stringify(fatal)).toContain(text);
  });
});
