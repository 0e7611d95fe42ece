// @ts-check
// Exec probes through real processes: a HEALTHCHECK-style script run beside the app, a
// program that does not exist, and probes that run too long, each with what it started.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateChecks } from '../checks.mjs';
import { fixturesDir, processGone, runFixture } from './helpers.mjs';

const probeReady = [process.execPath, 'probe-ready.mjs'];

/**
 * A command that starts a grandchild, prints its pid and then waits forever, as a probe
 * that hangs with a helper process would.
 */
const hangingWithGrandchild = [
  process.execPath,
  '-e',
  "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log(c.pid); setInterval(() => {}, 1000);",
];

/** @param {string} output */
const grandchildPid = (output) => Number(output.trim());

describe.concurrent('exec probes', () => {
  it("run in the app's folder with its PORT, and record exit code and output", async () => {
    // The graceful fixture answers 503 on readiness for 500 ms after SIGTERM, then closes.
    const result = await runFixture('graceful.mjs', {
      users: 2,
      durationMs: 1_500,
      sigtermAfterMs: 700,
      graceMs: 1_500,
      execProbes: [
        { name: 'before', command: probeReady, afterMs: 100, timeoutMs: 3_000 },
        { name: 'draining', command: probeReady, afterMs: 750, timeoutMs: 3_000 },
      ],
    });

    const folder = path.resolve(fixturesDir);
    const [before, draining] = result.execProbes;
    expect(before).toMatchObject({ name: 'before', command: probeReady, exitCode: 0, signal: null, error: null });
    expect(before?.output).toBe(`${folder}: /health/ready answered 200\n`);
    expect(before?.durationMs).toBeGreaterThan(0);
    expect(before?.t).toBeGreaterThanOrEqual(/** @type {number} */ (result.timings.listeningAt) + 100);
    // 503 while draining, or refused once the listener closed: unhealthy either way.
    expect(draining).toMatchObject({ name: 'draining', exitCode: 1, signal: null, error: null });
    expect(draining?.output).toMatch(/answered 503|ECONNREFUSED/);

    const report = evaluateChecks(
      [
        { id: 'healthy', kind: 'execExitCode', params: { probe: 'before' } },
        { id: 'unhealthy', kind: 'execExitCode', params: { probe: 'draining', code: 1 } },
        { id: 'wrong', kind: 'execExitCode', params: { probe: 'draining' } },
      ],
      { result },
    );
    expect(report.checks.map((check) => check.status)).toEqual(['pass', 'pass', 'fail']);
    expect(report.checks[2]?.details).toMatch(/^`.+ probe-ready\.mjs` exited with 1; expected exit code 0\. Its output: /);
  });

  it('record a program that cannot be started', async () => {
    const result = await runFixture('graceful.mjs', {
      users: 1,
      durationMs: 800,
      sigtermAfterMs: 400,
      graceMs: 1_500,
      execProbes: [{ name: 'curl', command: ['no-such-probe-program', '-f', 'http://127.0.0.1/health'], afterMs: 0, timeoutMs: 1_000 }],
    });

    expect(result.execProbes).toEqual([
      {
        name: 'curl',
        command: ['no-such-probe-program', '-f', 'http://127.0.0.1/health'],
        t: expect.any(Number),
        durationMs: null,
        exitCode: null,
        signal: null,
        output: '',
        error: 'could not start: spawn no-such-probe-program ENOENT',
      },
    ]);
  });

  it('kill a probe at its timeout, with every process it started', async () => {
    const result = await runFixture('graceful.mjs', {
      users: 1,
      durationMs: 1_500,
      sigtermAfterMs: 1_000,
      graceMs: 1_500,
      execProbes: [{ name: 'hangs', command: hangingWithGrandchild, afterMs: 0, timeoutMs: 400 }],
    });

    const [hangs] = result.execProbes;
    expect(hangs).toMatchObject({ exitCode: null, signal: 'SIGKILL', error: 'timed out after 400 ms' });
    expect(hangs?.durationMs).toBeGreaterThanOrEqual(400);
    expect(await processGone(grandchildPid(hangs?.output ?? ''))).toBe(true);
  });

  it('stop a probe still running when the scenario ends, with every process it started', async () => {
    // The app dies at SIGTERM (400 ms), the load ends at 1000 ms, and the scenario with it.
    const result = await runFixture('no-shutdown.mjs', {
      users: 1,
      durationMs: 1_000,
      sigtermAfterMs: 400,
      graceMs: 1_500,
      execProbes: [{ name: 'hangs', command: hangingWithGrandchild, afterMs: 0, timeoutMs: 10_000 }],
    });

    const [hangs] = result.execProbes;
    expect(hangs).toMatchObject({ exitCode: null, signal: 'SIGKILL', error: 'stopped: the scenario ended first' });
    expect(hangs?.durationMs).toBeLessThan(5_000);
    expect(await processGone(grandchildPid(hangs?.output ?? ''))).toBe(true);
  });
});
