// @ts-check
// Scenarios beyond the plain drain: the silent client of the keep-alive trap, probes for
// httpResponse checks, apps that never start, wrappers that keep SIGTERM from the app,
// and cancellation.
import { describe, expect, it } from 'vitest';
import { runScenario } from '../scenario.mjs';
import { evaluateChecks } from '../checks.mjs';
import { fixturesDir, freePort, isProcessAlive, processGone, runFixture } from './helpers.mjs';

describe.concurrent('a client that connects and sends nothing', () => {
  // The graceful fixture drains for 500 ms, then gives connections 1500 ms before it
  // destroys them: inside a 3000 ms grace period.
  const plan = { users: 4, durationMs: 3_000, sigtermAfterMs: 600, graceMs: 3_000 };

  it('is released by the hard deadline, and the app still exits 0 with no failed request', async () => {
    const result = await runFixture('graceful.mjs', { ...plan, silentClient: { mode: 'nothing', afterMs: 200 } });

    expect(result.exit).toMatchObject({ code: 0, signal: null, killedAfterGrace: false });
    expect(result.requests.failed).toBe(0);
    const silent = result.silentClient;
    expect(silent).toMatchObject({ mode: 'nothing', closedBy: 'server' });
    const sigtermAt = /** @type {number} */ (result.sigtermAt);
    // Held until the deadline (500 + 1500 ms after SIGTERM), not released by close().
    expect(silent?.closedAt).toBeGreaterThanOrEqual(sigtermAt + 1_900);
    expect(result.logs.map((entry) => entry.line)).toContain('deadline reached, closing remaining connections');
  });

  it('keeps server.close() pending without a hard deadline until SIGKILL', async () => {
    const result = await runFixture('graceful-without-deadline.mjs', {
      ...plan,
      graceMs: 2_000,
      silentClient: { mode: 'partialHeaders', afterMs: 200 },
    });

    expect(result.exit).toMatchObject({ code: null, signal: 'SIGKILL', killedAfterGrace: true });
    // Under load alone this app drains fine: only the silent client held it.
    expect(result.requests.failed).toBe(0);
    const sigtermAt = /** @type {number} */ (result.sigtermAt);
    expect(result.silentClient).toMatchObject({ closedBy: 'server' });
    expect(result.silentClient?.closedAt).toBeGreaterThanOrEqual(sigtermAt + 2_000);
    const report = evaluateChecks(
      [
        { id: 'exit-0', kind: 'exitCode' },
        { id: 'grace', kind: 'exitWithinGrace', message: 'The app hung on shutdown.', hint: 'Think about idle clients.' },
      ],
      { result },
    );
    expect(report.status).toBe('fail');
    expect(report.checks[1]).toEqual({
      id: 'grace',
      kind: 'exitWithinGrace',
      status: 'fail',
      message: 'The app hung on shutdown.',
      details: 'The app was still running 2000 ms after SIGTERM, so it was killed with SIGKILL.',
      hint: 'Think about idle clients.',
    });
  });
});

describe.concurrent('probes', () => {
  it('record full responses at their time, for httpResponse checks', async () => {
    const result = await runFixture('graceful.mjs', {
      users: 2,
      durationMs: 1_500,
      sigtermAfterMs: 500,
      graceMs: 1_500,
      probes: [
        { name: 'ready-before', path: '/health/ready', afterMs: 200 },
        { name: 'ready-draining', path: '/health/ready', afterMs: 800 },
        { name: 'after-exit', path: '/', afterMs: 1_400 },
      ],
    });

    expect(result.probes.map((p) => [p.name, p.status])).toEqual([
      ['ready-before', 200],
      ['ready-draining', 503],
      ['after-exit', null],
    ]);
    expect(result.probes[2]?.error).toBe('ECONNREFUSED');
    const report = evaluateChecks(
      [
        { id: 'ready', kind: 'httpResponse', params: { probe: 'ready-before', status: 200, bodyIncludes: 'ready' } },
        { id: 'draining', kind: 'httpResponse', params: { probe: 'ready-draining', status: 503 } },
        { id: 'wrong-header', kind: 'httpResponse', params: { probe: 'ready-before', headers: { Connection: 'keep-alive' } } },
        { id: 'gone', kind: 'httpResponse', params: { probe: 'after-exit', status: 200 } },
      ],
      { result },
    );
    expect(report.checks.map((c) => [c.id, c.status, c.details])).toEqual([
      ['ready', 'pass', 'GET /health/ready answered 200 as expected.'],
      ['draining', 'pass', 'GET /health/ready answered 503 as expected.'],
      ['wrong-header', 'fail', 'The answer to GET /health/ready has Connection: close; expected "keep-alive".'],
      ['gone', 'fail', 'GET / got no response (ECONNREFUSED).'],
    ]);
  });
});

describe.concurrent('an app that exits before it listens', () => {
  it('yields a result that says so, and checks that point at it', async () => {
    const result = await runFixture('crash-on-start.mjs', { users: 2, durationMs: 1_000, sigtermAfterMs: 500 });

    expect(result.error).toMatch(/^The app exited before it answered HTTP on port \d+\.$/);
    expect(result.exit).toMatchObject({ code: 1, signal: null, killedAfterGrace: false });
    expect(result.sigtermAt).toBeNull();
    expect(result.requests.total).toBe(0);
    expect(result.logs).toEqual([expect.objectContaining({ stream: 'stderr', line: 'Error: DATABASE_URL is not set' })]);
    const report = evaluateChecks([{ id: 'exit-0', kind: 'exitCode' }], { result });
    expect(report.checks[0]?.details).toBe(`The scenario could not run: ${result.error}`);
  });

  it('reports an app that cannot be spawned at all', async () => {
    const result = await runScenario({
      app: { cwd: `${fixturesDir}does-not-exist`, entry: 'graceful.mjs', port: await freePort() },
      plan: { users: 1, durationMs: 500, sigtermAfterMs: 100 },
    });
    expect(result.error).toMatch(/^The app could not be started: spawn .* ENOENT$/);
    expect(result.exit).toBeNull();
  });
});

describe.concurrent('a wrapper between the harness and the app', () => {
  it('keeps SIGTERM from the app, which dies with the wrapper as in a container whose PID 1 exits', async () => {
    const result = await runFixture(
      'graceful.mjs',
      { users: 2, durationMs: 1_500, sigtermAfterMs: 500, graceMs: 1_000 },
      // `; true` keeps sh from exec'ing node, as in a shell-form CMD.
      { command: ['sh', '-c', `"${process.execPath}" graceful.mjs; true`] },
    );
    const listening = result.logs.find((entry) => entry.line.startsWith('listening on'));
    const appPid = Number(/\(pid (\d+)\)/.exec(listening?.line ?? '')?.[1]);

    // sh died of SIGTERM at once; node never heard of it, and went with sh's process group.
    expect(result.exit).toMatchObject({ signal: 'SIGTERM', killedAfterGrace: false });
    expect(result.logs.some((entry) => entry.line === 'shutdown initiated')).toBe(false);
    expect(result.requests.counts.ok).toBeGreaterThan(0);
    // The load went on for a second after that, into a closed port: had node outlived
    // sh, it would have served those requests.
    expect(result.requests.counts.refusedBeforeReady503).toBeGreaterThan(0);
    expect(appPid).toBeGreaterThan(0);
    expect(await processGone(appPid)).toBe(true);
  });
});

describe.concurrent('cancellation', () => {
  it('kills the app and rejects when the signal aborts', async () => {
    const controller = new AbortController();
    /** @type {number[]} */
    const pids = [];
    const running = runScenario(
      { app: { cwd: fixturesDir, entry: 'close-only.mjs', port: await freePort() }, plan: { durationMs: 5_000 } },
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'status' && event.state === 'starting' && event.pid) pids.push(event.pid);
          if (event.type === 'status' && event.state === 'running') controller.abort(new Error('stopped by test'));
        },
      },
    );
    await expect(running).rejects.toThrow('stopped by test');
    expect(pids).toHaveLength(1);
    expect(pids.filter(isProcessAlive)).toEqual([]);
  });
});
