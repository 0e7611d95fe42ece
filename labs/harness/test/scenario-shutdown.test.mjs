// @ts-check
// Whole scenarios through real processes, real signals and real sockets: the three
// shutdown behaviours a lab has to tell apart, judged by the classification and by the
// checks that labs use.
import { describe, expect, it } from 'vitest';
import { evaluateChecks } from '../checks.mjs';
import { runFixture } from './helpers.mjs';

/** @type {import('../checks.mjs').CheckDefinition[]} */
const SHUTDOWN_CHECKS = [
  { id: 'no-failed-requests', kind: 'noFailedRequests' },
  { id: 'log-order', kind: 'logOrder', params: { lines: ['shutdown initiated', 'http server closed'] } },
  { id: 'no-deadline-hit', kind: 'logAbsent', params: { lines: ['deadline reached'] } },
  { id: 'exit-0', kind: 'exitCode', params: { code: 0 } },
  { id: 'within-grace', kind: 'exitWithinGrace' },
  { id: 'readiness-first', kind: 'readinessFlippedBeforeClose' },
];

// Load outlasts SIGTERM + grace, so an app that never finishes is still under load when
// the grace period ends.
const PLAN = { users: 10, durationMs: 2_500, sigtermAfterMs: 700, graceMs: 1_500 };

/**
 * @param {import('../protocol.mjs').ScenarioResult} result
 * @returns {Record<string, 'pass' | 'fail'>}
 */
function checkStatuses(result) {
  const report = evaluateChecks(SHUTDOWN_CHECKS, { result });
  return Object.fromEntries(report.checks.map((check) => [check.id, check.status]));
}

describe.concurrent('an app without shutdown handling', () => {
  it('dies on SIGTERM, cuts off requests in flight and refuses the traffic that keeps coming', async () => {
    const result = await runFixture('no-shutdown.mjs', PLAN);

    expect(result.error).toBeNull();
    expect(result.exit).toMatchObject({ code: null, signal: 'SIGTERM', killedAfterGrace: false });
    const { counts } = result.requests;
    expect(counts.ok).toBeGreaterThan(50);
    // Readiness never said 503, so a load balancer kept routing to the closed port.
    expect(counts.refusedBeforeReady503).toBeGreaterThan(0);
    expect(counts.refusedAfterReady503).toBe(0);
    // Every user had a request in flight on its kept-alive socket when the process died.
    expect(counts.retrySafeReset + counts.acceptedReset).toBeGreaterThanOrEqual(PLAN.users / 2);
    expect(result.requests.failed).toBeGreaterThan(0);
    // ...and kept routing: refusals go on until the load ends, not only until the
    // readiness poll notices the app is gone.
    const exitAt = /** @type {number} */ (result.exit?.t);
    const failedBy = (/** @type {number} */ t) => result.requests.timeline.filter((s) => s.t <= t).at(-1)?.failed ?? 0;
    const loadEndedAt = /** @type {number} */ (result.timings.loadEndedAt);
    expect(loadEndedAt - exitAt).toBeGreaterThan(1_000);
    expect(failedBy(loadEndedAt)).toBeGreaterThan(failedBy(exitAt + 500) + PLAN.users);
    expect(result.timings.readinessFlippedAt).toBeNull();
    expect(result.readiness.at(-1)?.status).toBe('unreachable');

    expect(checkStatuses(result)).toEqual({
      'no-failed-requests': 'fail',
      'log-order': 'fail',
      'no-deadline-hit': 'pass',
      'exit-0': 'fail',
      'within-grace': 'pass',
      'readiness-first': 'fail',
    });
  });
});

describe.concurrent('an app with a full graceful shutdown', () => {
  it('drains under keep-alive load with zero failed requests and exits 0', async () => {
    const result = await runFixture('graceful.mjs', PLAN);

    expect(result.error).toBeNull();
    expect(result.exit).toMatchObject({ code: 0, signal: null, killedAfterGrace: false });
    const { counts } = result.requests;
    expect(counts.ok).toBeGreaterThan(50);
    expect(result.requests.failed).toBe(0);
    expect(counts.refusedBeforeReady503).toBe(0);
    expect(counts.acceptedReset).toBe(0);

    const sigtermAt = /** @type {number} */ (result.sigtermAt);
    const flippedAt = /** @type {number} */ (result.timings.readinessFlippedAt);
    expect(flippedAt).toBeGreaterThanOrEqual(sigtermAt);
    expect(flippedAt).toBeLessThan(/** @type {number} */ (result.exit?.t));
    // It kept serving during its 500 ms drain delay, then stopped.
    expect(result.timings.shutdownMs).toBeGreaterThanOrEqual(500);
    expect(result.timings.shutdownMs).toBeLessThan(PLAN.graceMs);
    expect(result.logs.map((entry) => entry.line)).toEqual([
      expect.stringMatching(/^listening on \d+ \(pid \d+\)$/),
      'shutdown initiated',
      'stop listening',
      'http server closed',
    ]);
    const lastSample = result.requests.timeline.at(-1);
    expect(lastSample).toMatchObject({ ok: counts.ok, failed: 0, inFlight: 0 });

    expect(evaluateChecks(SHUTDOWN_CHECKS, { result }).status).toBe('pass');
  });
});

describe.concurrent('an app that only calls server.close()', () => {
  it('never finishes under keep-alive load and is killed when the grace period ends', async () => {
    const result = await runFixture('close-only.mjs', PLAN);

    expect(result.error).toBeNull();
    expect(result.exit).toMatchObject({ code: null, signal: 'SIGKILL', killedAfterGrace: true });
    expect(result.timings.shutdownMs).toBeGreaterThanOrEqual(PLAN.graceMs);
    // close() kept serving the busy keep-alive sockets until the kill.
    const sigtermAt = /** @type {number} */ (result.sigtermAt);
    const okAfterSigterm = result.requests.timeline.filter((s) => s.t > sigtermAt + 500 && s.t < sigtermAt + PLAN.graceMs);
    expect(okAfterSigterm.length).toBeGreaterThan(0);
    expect(okAfterSigterm.at(-1)?.ok).toBeGreaterThan(/** @type {number} */ (okAfterSigterm[0]?.ok));
    expect(result.logs.some((entry) => entry.line === 'http server closed')).toBe(false);

    expect(checkStatuses(result)).toMatchObject({
      'exit-0': 'fail',
      'within-grace': 'fail',
      'log-order': 'fail',
    });
    const report = evaluateChecks(SHUTDOWN_CHECKS, { result });
    expect(report.checks.find((c) => c.id === 'within-grace')?.details).toBe(
      'The app was still running 1500 ms after SIGTERM, so it was killed with SIGKILL.',
    );
  });
});
