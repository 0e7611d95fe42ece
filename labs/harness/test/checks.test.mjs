// @ts-check
// The checks are pure functions over a result, so their edge cases are tested on
// results built here; scenario-*.test.mjs evaluates them on results of real runs.
import { describe, expect, it } from 'vitest';
import { CHECK_REPORT_VERSION, evaluateCheck, evaluateChecks } from '../checks.mjs';
import { DEFAULT_SCENARIO_PLAN, PROTOCOL_VERSION, emptyCounts } from '../protocol.mjs';

/** @typedef {import('../protocol.mjs').ScenarioResult} ScenarioResult */
/** @typedef {import('../checks.mjs').CheckDefinition} CheckDefinition */

/**
 * A clean graceful run: SIGTERM at 1000, readiness 503 at 1050, exit 0 at 1600.
 * @param {Partial<ScenarioResult>} [overrides]
 * @returns {ScenarioResult}
 */
function resultWith(overrides = {}) {
  return {
    protocolVersion: PROTOCOL_VERSION,
    plan: { ...DEFAULT_SCENARIO_PLAN, graceMs: 3_000 },
    error: null,
    requests: { counts: { ...emptyCounts(), ok: 500 }, total: 500, failed: 0, firstAt: { ok: 60 }, timeline: [] },
    logs: [
      { t: 50, stream: 'stdout', line: 'listening' },
      { t: 1000, stream: 'stdout', line: '{"msg":"shutdown initiated"}' },
      { t: 1500, stream: 'stdout', line: 'http server closed' },
      { t: 1590, stream: 'stderr', line: 'pool closed' },
    ],
    logsDropped: 0,
    readiness: [
      { t: 10, status: 'unreachable' },
      { t: 60, status: 200 },
      { t: 1050, status: 503 },
      { t: 1700, status: 'unreachable' },
    ],
    probes: [
      {
        name: 'home',
        path: '/',
        t: 300,
        status: 200,
        headers: { 'content-type': 'text/plain', connection: 'keep-alive' },
        body: 'hello',
        error: null,
      },
    ],
    execProbes: [
      {
        name: 'healthcheck',
        command: ['node', 'healthcheck.mjs'],
        t: 400,
        durationMs: 80,
        exitCode: 0,
        signal: null,
        output: '',
        error: null,
      },
    ],
    silentClient: null,
    sigtermAt: 1000,
    exit: { code: 0, signal: null, t: 1600, killedAfterGrace: false },
    timings: { listeningAt: 55, loadStartedAt: 55, loadEndedAt: 4055, readinessFlippedAt: 1050, shutdownMs: 600 },
    ...overrides,
  };
}

/**
 * @param {CheckDefinition} check
 * @param {ScenarioResult | null} result
 */
function details(check, result) {
  const outcome = evaluateCheck(check, { result });
  return `${outcome.status}: ${outcome.details}`;
}

describe('evaluateChecks', () => {
  it('returns a versioned report; the manifest message and hint appear only on failure', () => {
    /** @type {CheckDefinition[]} */
    const checks = [
      { id: 'exit', kind: 'exitCode', message: 'Exit cleanly.', hint: 'Set process.exitCode.' },
      { id: 'grace', kind: 'exitWithinGrace', message: 'Too slow.', hint: 'Add a deadline.' },
    ];
    const killed = resultWith({ exit: { code: null, signal: 'SIGKILL', t: 4000, killedAfterGrace: true } });

    expect(evaluateChecks(checks, { result: resultWith() })).toEqual({
      version: CHECK_REPORT_VERSION,
      status: 'pass',
      checks: [
        { id: 'exit', kind: 'exitCode', status: 'pass', message: 'The app exited with code 0.', details: 'The app exited with code 0.', hint: null },
        {
          id: 'grace',
          kind: 'exitWithinGrace',
          status: 'pass',
          message: 'The app exited 600 ms after SIGTERM, within the 3000 ms grace period.',
          details: 'The app exited 600 ms after SIGTERM, within the 3000 ms grace period.',
          hint: null,
        },
      ],
    });
    const failed = evaluateChecks(checks, { result: killed });
    expect(failed.status).toBe('fail');
    expect(failed.checks[0]).toEqual({
      id: 'exit',
      kind: 'exitCode',
      status: 'fail',
      message: 'Exit cleanly.',
      details: 'The app was ended by SIGKILL when the grace period ran out; it did not exit with code 0.',
      hint: 'Set process.exitCode.',
    });
  });

  it('fails result checks plainly when there is no usable result', () => {
    /** @type {CheckDefinition} */
    const check = { id: 'x', kind: 'noFailedRequests' };
    expect(details(check, null)).toBe('fail: There is no scenario result yet: run the scenario first.');
    expect(details(check, resultWith({ protocolVersion: 2 }))).toBe(
      'fail: The result uses harness protocol 2; these checks read 1.',
    );
    expect(details(check, resultWith({ error: 'The app exited before it answered HTTP on port 3000.' }))).toBe(
      'fail: The scenario could not run: The app exited before it answered HTTP on port 3000.',
    );
  });
});

describe('noFailedRequests', () => {
  /** @type {CheckDefinition} */
  const check = { id: 'x', kind: 'noFailedRequests' };

  it('names every kind of failure and what was acceptable', () => {
    const counts = { ...emptyCounts(), ok: 90, acceptedReset: 3, refusedBeforeReady503: 2, retrySafeReset: 4 };
    expect(details(check, resultWith({ requests: { counts, total: 99, failed: 5, firstAt: {}, timeline: [] } }))).toBe(
      'fail: 5 of 99 requests failed: 3 cut off after the app had accepted them, 2 refused before readiness returned 503.',
    );
    const tolerated = { ...emptyCounts(), ok: 90, retrySafeReset: 4, refusedAfterReady503: 1 };
    expect(details(check, resultWith({ requests: { counts: tolerated, total: 95, failed: 0, firstAt: {}, timeline: [] } }))).toBe(
      'pass: No request failed: 90 succeeded; acceptable: 4 hit the retry-safe keep-alive race, 1 refused after readiness returned 503.',
    );
  });

  it('does not pass a run in which nothing succeeded', () => {
    const none = resultWith({ requests: { counts: emptyCounts(), total: 0, failed: 0, firstAt: {}, timeline: [] } });
    expect(details(check, none)).toBe('fail: Only 0 requests succeeded; at least 1 must, or nothing was tested.');
    expect(details({ ...check, params: { minOk: 501 } }, resultWith())).toMatch(/^fail: Only 500 requests/);
  });
});

describe('logOrder', () => {
  /** @param {string[]} lines */
  const check = (lines) => /** @type {CheckDefinition} */ ({ id: 'x', kind: 'logOrder', params: { lines } });

  it('passes substrings in order across stdout and stderr', () => {
    expect(details(check(['shutdown initiated', 'server closed', 'pool closed']), resultWith())).toBe(
      'pass: The app logged all 3 expected lines in order.',
    );
  });

  it('tells a missing line from a line out of order', () => {
    expect(details(check(['shutdown initiated', 'logs flushed']), resultWith())).toBe(
      'fail: "logs flushed" never appeared in the app\'s output.',
    );
    expect(details(check(['pool closed', 'http server closed']), resultWith())).toBe(
      'fail: "http server closed" appeared, but not after "pool closed".',
    );
  });
});

describe('logAbsent', () => {
  /** @param {string[]} lines */
  const check = (lines) => /** @type {CheckDefinition} */ ({ id: 'x', kind: 'logAbsent', params: { lines } });

  it('passes when no listed substring appears on either stream', () => {
    expect(details(check(['SIGKILL', 'uncaught']), resultWith())).toBe(
      'pass: The app\'s output never contained "SIGKILL", "uncaught".',
    );
  });

  it('names the first unwanted line, when it came and what it said, from stdout or stderr', () => {
    expect(details(check(['SIGKILL', 'pool closed']), resultWith())).toBe(
      'fail: "pool closed" appeared in the app\'s output at 1590 ms: pool closed',
    );
    const long = `kubelet: SIGKILL ${'x'.repeat(300)}`;
    const logs = [...resultWith().logs, { t: 2100, stream: /** @type {const} */ ('stdout'), line: long }];
    expect(details(check(['SIGKILL']), resultWith({ logs }))).toBe(
      `fail: "SIGKILL" appeared in the app's output at 2100 ms: ${long.slice(0, 200)}…`,
    );
  });

  it('does not pass when lines were dropped, since they may have held the substring', () => {
    expect(details(check(['SIGKILL']), resultWith({ logsDropped: 12 }))).toBe(
      'fail: The harness kept only part of the output (12 lines dropped), so it cannot tell whether "SIGKILL" appeared.',
    );
  });
});

describe('logCount', () => {
  /** @param {number} min */
  const check = (min) => /** @type {CheckDefinition} */ ({ id: 'x', kind: 'logCount', params: { includes: 'closed', min } });

  it('counts the lines holding the substring on both streams', () => {
    expect(details(check(2), resultWith())).toBe('pass: The app\'s output has 2 lines with "closed", at least 2 as expected.');
  });

  it('says how many are missing, and when the harness dropped lines', () => {
    expect(details(check(5), resultWith())).toBe(
      'fail: The app\'s output has 2 lines with "closed"; expected at least 5, so 3 are missing.',
    );
    expect(details(check(5), resultWith({ logsDropped: 7 }))).toBe(
      'fail: The app\'s output has 2 lines with "closed"; expected at least 5, so 3 are missing. The harness kept only part of the output (7 lines dropped).',
    );
  });
});

describe('execExitCode', () => {
  /** @param {Partial<import('../protocol.mjs').ExecProbeResult>} probe */
  const withProbe = (probe) => {
    const [healthcheck] = resultWith().execProbes;
    return resultWith({ execProbes: [/** @type {import('../protocol.mjs').ExecProbeResult} */ ({ ...healthcheck, ...probe })] });
  };
  /** @type {CheckDefinition} */
  const check = { id: 'x', kind: 'execExitCode', params: { probe: 'healthcheck' } };

  it('passes on the expected exit code', () => {
    expect(details(check, resultWith())).toBe('pass: `node healthcheck.mjs` exited with 0 as expected, after 80 ms.');
    expect(details({ ...check, params: { probe: 'healthcheck', code: 1 } }, withProbe({ exitCode: 1 }))).toMatch(/^pass: /);
  });

  it('quotes the output of a probe that exited otherwise, on one line', () => {
    const unhealthy = withProbe({ exitCode: 1, output: 'unhealthy:\n  GET /health answered 503\n' });
    expect(details(check, unhealthy)).toBe(
      'fail: `node healthcheck.mjs` exited with 1; expected exit code 0. Its output: unhealthy: GET /health answered 503',
    );
  });

  it('fails a probe that gave no exit code, or that the scenario did not run', () => {
    expect(details(check, withProbe({ exitCode: null, signal: 'SIGKILL', error: 'timed out after 3000 ms' }))).toBe(
      'fail: `node healthcheck.mjs` gave no exit code: timed out after 3000 ms.',
    );
    expect(details({ ...check, params: { probe: 'ready' } }, resultWith())).toBe(
      'fail: The scenario ran no exec probe named "ready".',
    );
  });
});

describe('exitCode and exitWithinGrace', () => {
  it('reads the exit record', () => {
    expect(details({ id: 'x', kind: 'exitCode', params: { code: 1 } }, resultWith())).toBe(
      'fail: The app exited with code 0; expected 1.',
    );
    expect(details({ id: 'x', kind: 'exitCode' }, resultWith({ exit: null }))).toBe('fail: The app never exited.');
    expect(
      details({ id: 'x', kind: 'exitCode' }, resultWith({ exit: { code: null, signal: 'SIGTERM', t: 1001, killedAfterGrace: false } })),
    ).toBe('fail: The app was ended by SIGTERM; it did not exit with code 0.');
  });

  it('fails an app that exits before SIGTERM or takes longer than the grace period', () => {
    const crashed = resultWith({ sigtermAt: null, exit: { code: 1, signal: null, t: 700, killedAfterGrace: false } });
    expect(details({ id: 'x', kind: 'exitWithinGrace' }, crashed)).toBe(
      'fail: The app exited at 700 ms, before SIGTERM was sent.',
    );
    const slow = resultWith({ exit: { code: 0, signal: null, t: 4_200, killedAfterGrace: false } });
    expect(details({ id: 'x', kind: 'exitWithinGrace' }, slow)).toBe(
      'fail: The app took 3200 ms to exit; the grace period is 3000 ms.',
    );
  });
});

describe('readinessFlippedBeforeClose', () => {
  /** @type {CheckDefinition} */
  const check = { id: 'x', kind: 'readinessFlippedBeforeClose' };

  it('passes when readiness returned 503 while the app still listened', () => {
    expect(details(check, resultWith())).toBe('pass: Readiness returned 503 50 ms after SIGTERM, while the app still listened.');
  });

  it('fails when readiness never returned 503', () => {
    const never = resultWith({
      readiness: [{ t: 60, status: 200 }, { t: 1200, status: 'unreachable' }],
      timings: { ...resultWith().timings, readinessFlippedAt: null },
    });
    expect(details(check, never)).toBe('fail: Readiness never returned 503 after SIGTERM (after SIGTERM it was: unreachable).');
  });

  it('fails when the listener closed before readiness returned 503', () => {
    const closedFirst = resultWith({
      readiness: [{ t: 60, status: 200 }, { t: 1010, status: 'unreachable' }, { t: 1020, status: 503 }],
      timings: { ...resultWith().timings, readinessFlippedAt: 1020 },
    });
    expect(details(check, closedFirst)).toBe('fail: The app stopped listening before readiness returned 503.');
  });

  it('fails when connections were refused before readiness returned 503', () => {
    const counts = { ...emptyCounts(), ok: 100, refusedBeforeReady503: 1 };
    const refused = resultWith({ requests: { counts, total: 101, failed: 1, firstAt: { refusedBeforeReady503: 1020 }, timeline: [] } });
    expect(details(check, refused)).toBe('fail: 1 connection was refused before readiness returned 503.');
  });
});

describe('httpResponse', () => {
  it('compares status, body and headers of a named probe', () => {
    /** @param {import('../checks.mjs').HttpResponseParams} params */
    const check = (params) => /** @type {CheckDefinition} */ ({ id: 'x', kind: 'httpResponse', params });
    expect(details(check({ probe: 'home', status: 200, bodyIncludes: 'hell', headers: { 'Content-Type': 'TEXT/plain' } }), resultWith())).toBe(
      'pass: GET / answered 200 as expected.',
    );
    expect(details(check({ probe: 'home', status: 204 }), resultWith())).toBe('fail: GET / answered 200; expected 204.');
    expect(details(check({ probe: 'home', bodyIncludes: 'bye' }), resultWith())).toBe(
      'fail: The answer to GET / does not contain "bye".',
    );
    expect(details(check({ probe: 'home', headers: { 'x-request-id': 'abc' } }), resultWith())).toBe(
      'fail: The answer to GET / has no x-request-id header; expected "abc".',
    );
    expect(details(check({ probe: 'missing' }), resultWith())).toBe('fail: The scenario sent no probe named "missing".');
  });
});

describe('rules', () => {
  /** @type {import('../checks.mjs').RuleFinding[]} */
  const findings = [
    { ruleId: 'DF001', severity: 'error', message: 'Pin the base image.', line: 1 },
    { ruleId: 'DF007', severity: 'warning', message: 'Use a cache mount.', line: 4 },
    { ruleId: 'DF008', severity: 'error', message: 'Add a USER.' },
    { ruleId: 'DF009', severity: 'error', message: 'Use exec form.', line: 9 },
    { ruleId: 'DF012', severity: 'error', message: 'No secrets in ENV.', line: 3 },
  ];

  it('fails on error findings by default, without needing a scenario result', () => {
    /** @type {import('../checks.mjs').RulesParams[]} */
    const seen = [];
    const outcome = evaluateCheck(
      { id: 'dockerfile', kind: 'rules' },
      {
        result: null,
        lint: (params) => {
          seen.push(params);
          return findings;
        },
      },
    );
    expect(seen).toEqual([{}]);
    expect(outcome.details).toBe(
      '4 findings from the rules: DF001 (line 1): Pin the base image.; DF008: Add a USER.; DF009 (line 9): Use exec form.; and 1 more',
    );
  });

  it('counts only the listed rules and severities', () => {
    const lint = () => findings;
    expect(evaluateCheck({ id: 'x', kind: 'rules', params: { ruleIds: ['DF007'] } }, { result: null, lint }).status).toBe('pass');
    expect(
      evaluateCheck({ id: 'x', kind: 'rules', params: { ruleIds: ['DF007'], severities: ['error', 'warning'] } }, { result: null, lint })
        .details,
    ).toBe('1 finding from rules DF007: DF007 (line 4): Use a cache mount.');
    expect(evaluateCheck({ id: 'x', kind: 'rules' }, { result: null, lint: () => [] }).details).toBe('No error findings from the rules.');
  });

  it('fails when no rules engine was supplied', () => {
    expect(evaluateCheck({ id: 'x', kind: 'rules' }, { result: resultWith() }).details).toBe(
      'Rule findings are not available here, so the files could not be checked.',
    );
  });
});
