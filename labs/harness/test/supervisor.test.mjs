// @ts-check
// The supervisor as a CLI: a real child process, commands on its stdin, events on its
// stdout, real signals to a real app.
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { readLines } from '../lines.mjs';
import { fixturesDir, freePort, isProcessAlive, supervisorPath } from './helpers.mjs';

/** @typedef {import('../protocol.mjs').HarnessEvent} HarnessEvent */

/** @type {Array<import('node:child_process').ChildProcess>} */
const started = [];
afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/**
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function startSupervisor(args, env = {}) {
  const child = spawn(process.execPath, [supervisorPath, ...args], {
    cwd: fixturesDir,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  started.push(child);
  /** @type {HarnessEvent[]} */
  const events = [];
  /** @type {Array<() => void>} */
  const waiters = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  readLines(
    child.stdout,
    (line) => {
      events.push(JSON.parse(line));
      for (const wake of waiters.splice(0)) wake();
    },
    1_000_000,
  );
  /** @type {Promise<{ code: number | null, signal: string | null }>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  /**
   * Resolves with the first event (from the start) that matches.
   * @template {HarnessEvent} E
   * @param {(event: HarnessEvent) => event is E} predicate
   * @param {number} [timeoutMs]
   * @returns {Promise<E>}
   */
  const waitFor = async (predicate, timeoutMs = 8_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching event; got ${JSON.stringify(events.map((e) => e.type))}`);
      await new Promise((resolve) => {
        waiters.push(() => resolve(undefined));
        setTimeout(resolve, 100);
      });
    }
  };
  return {
    events,
    waitFor,
    exited,
    stderr: () => stderr,
    /** @param {object | string} command */
    send: (command) => child.stdin.write(`${typeof command === 'string' ? command : JSON.stringify(command)}\n`),
    closeInput: () => child.stdin.end(),
    signal: (/** @type {NodeJS.Signals} */ name) => child.kill(name),
  };
}

/**
 * Type guards for waitFor.
 * @template {HarnessEvent['type']} T
 * @param {T} type
 * @param {(event: Extract<HarnessEvent, { type: T }>) => boolean} [where]
 * @returns {(event: HarnessEvent) => event is Extract<HarnessEvent, { type: T }>}
 */
const is = (type, where = () => true) =>
  /** @type {(event: HarnessEvent) => event is Extract<HarnessEvent, { type: T }>} */ (
    (event) => event.type === type && where(/** @type {Extract<HarnessEvent, { type: T }>} */ (event))
  );

describe('supervisor CLI', () => {
  it('refuses to start without an entry or with a bad port', async () => {
    const noEntry = startSupervisor(['--port', '3000']);
    expect(await noEntry.exited).toEqual({ code: 2, signal: null });
    expect(noEntry.stderr()).toBe('supervisor: --entry (or LAB_ENTRY) is required: the lab app file, e.g. server.js\n');

    const badPort = startSupervisor(['--entry', 'graceful.mjs', '--port', '99999']);
    expect(await badPort.exited).toEqual({ code: 2, signal: null });
    expect(badPort.stderr()).toMatch(/--port \(or LAB_PORT\) must be a port number from 1 to 65535, not "99999"/);

    const unknown = startSupervisor(['--entry', 'graceful.mjs', '--port', '3000', '--verbose']);
    expect(await unknown.exited).toEqual({ code: 2, signal: null });
    expect(unknown.stderr()).toMatch(/^supervisor: Unknown option '--verbose'/);
  });

  it('answers malformed commands with errors and keeps working', async () => {
    const port = await freePort();
    const supervisor = startSupervisor(['--entry', 'graceful.mjs', '--port', String(port), '--readiness', '/health/ready']);
    const hello = await supervisor.waitFor(is('hello'));
    expect(hello).toMatchObject({
      protocolVersion: 1,
      app: { cwd: fixturesDir.replace(/\/$/, ''), command: [process.execPath, 'graceful.mjs'], port, host: '127.0.0.1' },
    });
    supervisor.send('not json');
    supervisor.send({ type: 'launch' });
    supervisor.send({ type: 'load', users: 1000 });
    supervisor.send({ type: 'sigterm' });
    supervisor.send('{"type":"start"}\r');
    await supervisor.waitFor(is('status', (e) => e.state === 'running'));
    supervisor.send({ type: 'start' });
    await supervisor.waitFor(is('error', (e) => e.message === 'The app is already running.'));

    const errors = supervisor.events.filter(is('error')).map((event) => event.message);
    expect(errors).toEqual([
      'Command is not valid JSON',
      'Unknown command type "launch"',
      '"users" must be an integer from 1 to 50',
      'The app is not running.',
      'The app is already running.',
    ]);
    supervisor.closeInput();
    expect(await supervisor.exited).toEqual({ code: 0, signal: null });
  });

  it('starts the app, sends load, delivers SIGTERM and reports the drain live', async () => {
    const port = await freePort();
    const supervisor = startSupervisor(['--entry', 'graceful.mjs', '--port', String(port), '--readiness', '/health/ready']);
    supervisor.send({ type: 'start' });
    const starting = await supervisor.waitFor(is('status', (e) => e.state === 'starting'));
    await supervisor.waitFor(is('readiness', (e) => e.status === 200));
    supervisor.send({ type: 'load', users: 4, durationMs: 2_000 });
    await supervisor.waitFor(is('requests', (e) => e.counts.ok > 20));
    supervisor.send({ type: 'sigterm' });

    const exit = await supervisor.waitFor(is('exit'));
    expect(exit).toMatchObject({ code: 0, signal: null });
    const done = await supervisor.waitFor(is('requests', (e) => e.done));
    expect(done.counts.ok).toBeGreaterThan(20);
    expect(done.counts.acceptedReset + done.counts.refusedBeforeReady503 + done.counts.non2xx).toBe(0);

    const timeline = supervisor.events.filter((e) => ['signal', 'readiness', 'log', 'exit'].includes(e.type));
    const order = timeline.map((e) =>
      e.type === 'log' ? e.line : e.type === 'signal' ? e.signal : e.type === 'readiness' ? `ready ${e.status}` : 'exit',
    );
    const afterSigterm = order.slice(order.indexOf('SIGTERM'));
    // Log lines, readiness answers and the exit reach the supervisor on different
    // channels; only orders that cause and effect guarantee are asserted.
    const steps = ['shutdown initiated', 'stop listening', 'http server closed'];
    expect(afterSigterm.filter((step) => steps.includes(step))).toEqual(steps);
    expect(afterSigterm.indexOf('ready 503')).toBeGreaterThan(0);
    // The fixture drains for 500 ms between flipping readiness and closing the listener.
    expect(afterSigterm.indexOf('ready 503')).toBeLessThan(afterSigterm.indexOf('stop listening'));
    expect(afterSigterm).toContain('exit');
    const times = supervisor.events.map((e) => e.t);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(starting.type === 'status' && starting.state === 'starting' && starting.pid).toBeGreaterThan(0);
    supervisor.closeInput();
    await supervisor.exited;
  });

  it('runs a scenario, refuses other commands meanwhile, and emits one result', async () => {
    const port = await freePort();
    const supervisor = startSupervisor(['--entry', 'graceful.mjs', '--port', String(port), '--readiness', '/health/ready']);
    supervisor.send({ type: 'scenario', users: 3, durationMs: 1_500, sigtermAfterMs: 500, graceMs: 1_500 });
    await supervisor.waitFor(is('status', (e) => e.state === 'running'));
    supervisor.send({ type: 'start' });
    await supervisor.waitFor(is('error', (e) => e.message === 'A scenario is running; send stop to end it first.'));

    const { result } = await supervisor.waitFor(is('result'));
    expect(result.exit).toMatchObject({ code: 0, killedAfterGrace: false });
    expect(result.requests.failed).toBe(0);
    expect(result.requests.counts.ok).toBeGreaterThan(10);
    expect(result.plan).toMatchObject({ users: 3, durationMs: 1_500, sigtermAfterMs: 500, graceMs: 1_500 });
    expect(supervisor.events.filter(is('result'))).toHaveLength(1);
    supervisor.closeInput();
    expect(await supervisor.exited).toEqual({ code: 0, signal: null });
  });

  it('kills the app when its input ends or it gets SIGTERM, taking options from the environment', async () => {
    const port = await freePort();
    const env = { LAB_ENTRY: 'close-only.mjs', LAB_PORT: String(port), LAB_CWD: fixturesDir };
    const byInput = startSupervisor([], env);
    byInput.send({ type: 'start' });
    const starting = await byInput.waitFor(is('status', (e) => e.state === 'starting'));
    await byInput.waitFor(is('status', (e) => e.state === 'running'));
    byInput.closeInput();
    expect(await byInput.exited).toEqual({ code: 0, signal: null });
    expect(starting.type === 'status' && starting.state === 'starting' && isProcessAlive(starting.pid ?? 0)).toBe(false);

    const bySignal = startSupervisor([], env);
    bySignal.send({ type: 'start' });
    const second = await bySignal.waitFor(is('status', (e) => e.state === 'starting'));
    await bySignal.waitFor(is('status', (e) => e.state === 'running'));
    bySignal.signal('SIGTERM');
    expect(await bySignal.exited).toEqual({ code: 0, signal: null });
    expect(second.type === 'status' && second.state === 'starting' && isProcessAlive(second.pid ?? 0)).toBe(false);
  });

  it('stops a running scenario on stop and reports that it ended early', async () => {
    const port = await freePort();
    const supervisor = startSupervisor(['--entry', 'close-only.mjs', '--port', String(port)]);
    supervisor.send({ type: 'scenario', durationMs: 10_000, sigtermAfterMs: 5_000 });
    await supervisor.waitFor(is('status', (e) => e.state === 'running'));
    supervisor.send({ type: 'stop' });
    await supervisor.waitFor(is('error', (e) => e.message === 'The scenario was stopped before it finished.'));
    expect(supervisor.events.filter(is('exit'))).toEqual([expect.objectContaining({ signal: 'SIGKILL' })]);
    expect(supervisor.events.filter(is('result'))).toEqual([]);
    supervisor.closeInput();
    await supervisor.exited;
  });
});
