import { describe, expect, it } from 'vitest';
import { DEFAULT_EXEC_TIMEOUT_MS, DEFAULT_SCENARIO_PLAN, readScenarioPlan } from '../../labs/harness/protocol.mjs';
import { LabManifestError, formatIssuePath, isLabFilePath, validateManifest } from './manifest.js';

/** A valid manifest of an app lab; tests break one field at a time. */
function appLab(): Record<string, unknown> {
  return {
    slug: 'sigterm-drain',
    title: 'Drain on SIGTERM',
    summary: 'Make a busy app stop without dropping a request.',
    order: 1,
    lesson: 'lessons/graceful-shutdown',
    files: { editable: ['server.js'], readOnly: ['lib/db.js'] },
    app: { entry: 'server.js', port: 3000, readinessPath: '/health/ready' },
    scenario: { users: 10, durationMs: 4000, sigtermAfterMs: 1000, graceMs: 3000 },
    checks: [
      { id: 'no-failed-requests', kind: 'noFailedRequests', message: 'Requests failed.', hint: 'Drain first.' },
      {
        id: 'log-order',
        kind: 'logOrder',
        params: { lines: ['shutdown initiated', 'pool closed'] },
        message: 'Wrong order.',
        hint: 'Close the server before the pool.',
      },
      { id: 'exit-0', kind: 'exitCode', message: 'Not exit 0.', hint: 'Let the event loop drain.' },
    ],
    starterFails: ['no-failed-requests', 'exit-0'],
  };
}

/** A valid manifest of a file lab (no app, rules only). */
function fileLab(): Record<string, unknown> {
  return {
    slug: 'broken-dockerfile',
    title: 'Fix the broken Dockerfile',
    summary: 'Nine mistakes, one file.',
    order: 4,
    lesson: 'lessons/dockerfile',
    files: { editable: ['Dockerfile', '.dockerignore'], readOnly: ['package.json'] },
    checks: [{ id: 'rules', kind: 'rules', message: 'The Dockerfile breaks rules.', hint: 'Read the findings.' }],
    starterFails: ['rules'],
  };
}

/** The issues validateManifest reports, as "path: message" lines. */
function issuesOf(manifest: unknown, lab = 'test-lab'): string[] {
  try {
    validateManifest(manifest, lab);
  } catch (error) {
    if (error instanceof LabManifestError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('validateManifest', () => {
  it('accepts an app lab and applies the harness defaults', () => {
    const manifest = validateManifest(appLab(), 'sigterm-drain');
    expect(manifest.instructions).toBe('README.md');
    expect(manifest.scenario).toEqual({ ...DEFAULT_SCENARIO_PLAN, users: 10, durationMs: 4000, sigtermAfterMs: 1000, graceMs: 3000 });
    expect(manifest.files.readOnly).toEqual(['lib/db.js']);
  });

  it('yields a scenario the supervisor accepts unchanged', () => {
    const { scenario } = validateManifest(appLab(), 'sigterm-drain');
    expect(readScenarioPlan({ ...scenario })).toEqual(scenario);
  });

  it('accepts a file lab with only rules checks', () => {
    expect(issuesOf(fileLab())).toEqual([]);
  });

  it('names the lab and every invalid field', () => {
    const manifest = appLab();
    manifest.slug = 'Sigterm Drain';
    manifest.order = 0;
    (manifest.scenario as Record<string, unknown>).users = 500;
    (manifest.checks as Array<Record<string, unknown>>)[1] = { id: 'log-order', kind: 'logOrder', params: {}, message: 'm', hint: 'h' };
    let error: unknown;
    try {
      validateManifest(manifest, 'sigterm-drain');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LabManifestError);
    expect((error as LabManifestError).lab).toBe('sigterm-drain');
    expect((error as Error).message).toBe(
      [
        'Lab "sigterm-drain" is invalid:',
        '  - slug: Use lowercase letters, digits and single hyphens, e.g. "sigterm-drain"',
        '  - order: Number must be greater than or equal to 1',
        '  - scenario.users: Number must be less than or equal to 50',
        '  - checks[1].params.lines: Required',
      ].join('\n'),
    );
  });

  it('rejects unknown fields and check kinds', () => {
    const manifest = appLab();
    manifest.colour = 'blue';
    (manifest.checks as Array<Record<string, unknown>>)[0] = { id: 'x', kind: 'fastEnough', message: 'm', hint: 'h' };
    expect(issuesOf(manifest)).toEqual([
      expect.stringMatching(/^checks\[0\]\.kind: Invalid discriminator value/),
      ": Unrecognized key(s) in object: 'colour'",
    ]);
  });

  it('accepts a logAbsent check with at least one non-empty substring', () => {
    const manifest = appLab();
    (manifest.checks as unknown[]).push({ id: 'no-sigkill', kind: 'logAbsent', params: { lines: ['SIGKILL'] }, message: 'm', hint: 'h' });
    expect(issuesOf(manifest)).toEqual([]);
    (manifest.checks as Array<Record<string, unknown>>)[3] = { id: 'no-sigkill', kind: 'logAbsent', params: { lines: [] }, message: 'm', hint: 'h' };
    expect(issuesOf(manifest)).toEqual(['checks[3].params.lines: Array must contain at least 1 element(s)']);
  });

  it('accepts exec probes with execExitCode checks, and logCount checks', () => {
    const manifest = appLab();
    manifest.scenario = {
      durationMs: 3000,
      execProbes: [{ name: 'healthcheck', command: ['node', 'healthcheck.mjs'], afterMs: 1500 }],
    };
    (manifest.checks as unknown[]).push(
      { id: 'healthy', kind: 'execExitCode', params: { probe: 'healthcheck' }, message: 'm', hint: 'h' },
      { id: 'all-lines', kind: 'logCount', params: { includes: 'usage record', min: 10000 }, message: 'm', hint: 'h' },
    );
    expect(issuesOf(manifest)).toEqual([]);
    expect(validateManifest(manifest, 'sigterm-drain').scenario?.execProbes).toEqual([
      { name: 'healthcheck', command: ['node', 'healthcheck.mjs'], afterMs: 1500, timeoutMs: DEFAULT_EXEC_TIMEOUT_MS },
    ]);
  });

  it('ties exec probes to their checks and to the scenario timeline', () => {
    const manifest = appLab();
    manifest.scenario = {
      durationMs: 3000,
      execProbes: [
        { name: 'a', command: ['node', 'probe.mjs'], afterMs: 100 },
        { name: 'a', command: ['node', 'probe.mjs'], afterMs: 3500 },
        { name: 'b', command: [], afterMs: 100, timeoutMs: 60000 },
      ],
    };
    (manifest.checks as unknown[]).push(
      { id: 'healthy', kind: 'execExitCode', params: { probe: 'healthcheck' }, message: 'm', hint: 'h' },
      { id: 'count', kind: 'logCount', params: { includes: 'x', min: 0 }, message: 'm', hint: 'h' },
    );
    expect(issuesOf(manifest)).toEqual([
      'scenario.execProbes[2].command: Must be 1 to 32 non-empty strings without NUL, at most 2000 characters each',
      'scenario.execProbes[2].timeoutMs: Number must be less than or equal to 10000',
      'checks[4].params.min: Number must be greater than or equal to 1',
      'scenario.execProbes[1].name: Repeats the exec probe name "a"',
      'scenario.execProbes[1].afterMs: Must not be later than durationMs (3000)',
      'checks[3].params.probe: No exec probe named "healthcheck" in scenario.execProbes',
    ]);
  });

  it('requires a message and a hint on every check', () => {
    const manifest = appLab();
    (manifest.checks as Array<Record<string, unknown>>)[2] = { id: 'exit-0', kind: 'exitCode' };
    expect(issuesOf(manifest)).toEqual(['checks[2].message: Required', 'checks[2].hint: Required']);
  });

  it('ties starterFails, files, app and checks together', () => {
    const manifest = appLab();
    manifest.starterFails = ['exit-0', 'fast', 'exit-0'];
    manifest.files = { editable: ['server.js', 'lib/../secret'], readOnly: ['server.js'] };
    manifest.app = { entry: 'main.js', port: 3000 };
    (manifest.checks as unknown[]).push(
      { id: 'exit-0', kind: 'exitWithinGrace', message: 'm', hint: 'h' },
      { id: 'ready', kind: 'readinessFlippedBeforeClose', message: 'm', hint: 'h' },
      { id: 'health', kind: 'httpResponse', params: { probe: 'health', status: 200 }, message: 'm', hint: 'h' },
    );
    expect(issuesOf(manifest)).toEqual([
      'files.editable[1]: Must be a relative path inside the lab, with "/" separators and no "." or ".." segments',
      'checks[3].id: Repeats the check id "exit-0"',
      'starterFails[1]: No check has the id "fast"',
      'starterFails[2]: Repeats "exit-0"',
      'files.readOnly[0]: "server.js" is listed twice',
      'app.entry: "main.js" is not in files.editable or files.readOnly',
      'checks[4].kind: A readinessFlippedBeforeClose check needs app.readinessPath',
      'checks[5].params.probe: No probe named "health" in scenario.probes',
    ]);
  });

  it('requires an app and a scenario for checks that read a run', () => {
    const manifest = fileLab();
    (manifest.checks as unknown[]).push({ id: 'exit-0', kind: 'exitCode', message: 'm', hint: 'h' });
    manifest.scenario = {};
    expect(issuesOf(manifest)).toEqual(['scenario: A scenario needs an app to run', 'checks[1].kind: A exitCode check needs an app and a scenario']);
  });

  it('keeps scenarios inside their time budget and their own timeline', () => {
    const manifest = appLab();
    manifest.scenario = {
      durationMs: 2000,
      sigtermAfterMs: 2500,
      graceMs: 13000,
      silentClient: { mode: 'nothing', afterMs: 2100 },
      probes: [
        { name: 'a', path: '/', afterMs: 100 },
        { name: 'a', path: '/x', afterMs: 3000 },
      ],
    };
    expect(issuesOf(manifest)).toEqual([
      'scenario.sigtermAfterMs: Must not be later than durationMs (2000): SIGTERM comes during the load',
      'scenario: Planned to run 15500 ms (the longer of durationMs and sigtermAfterMs + graceMs); the limit is 15000 ms',
      'scenario.silentClient.afterMs: Must not be later than durationMs (2000)',
      'scenario.probes[1].name: Repeats the probe name "a"',
      'scenario.probes[1].afterMs: Must not be later than durationMs (2000)',
    ]);
  });

  it('refuses request paths that could break the request line', () => {
    const manifest = appLab();
    manifest.app = { entry: 'server.js', port: 3000, readinessPath: '/ready HTTP/1.1\r\nX: y' };
    expect(issuesOf(manifest)).toEqual([
      'app.readinessPath: Must start with "/" and hold only printable ASCII (at most 2000 characters)',
    ]);
  });
});

describe('isLabFilePath', () => {
  it.each([
    ['server.js', true],
    ['lib/db.js', true],
    ['.dockerignore', true],
    ['', false],
    ['/etc/passwd', false],
    ['../x', false],
    ['a/./b', false],
    ['a//b', false],
    ['a\\b', false],
  ])('%s → %s', (value, expected) => {
    expect(isLabFilePath(value)).toBe(expected);
  });
});

describe('formatIssuePath', () => {
  it('writes array indexes in brackets', () => {
    expect(formatIssuePath(['checks', 2, 'params', 'lines', 0])).toBe('checks[2].params.lines[0]');
    expect(formatIssuePath([])).toBe('');
  });
});
