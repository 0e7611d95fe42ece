import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../../labs/harness/protocol.mjs';
import type { Finding } from '../../rules/index.js';
import type { LabCheck } from '../manifest.js';
import { NO_RUNTIME_MESSAGE, evaluateLabChecks } from './lab-checks.js';

const checks: LabCheck[] = [
  { id: 'exit-zero', kind: 'exitCode', message: 'The app must exit with code 0.', hint: 'Call process.exit(0) at the end.' },
  { id: 'dockerfile-rules', kind: 'rules', message: 'The Dockerfile still breaks rules.', hint: 'Read the findings in the editor.' },
];

const exited = (code: number) =>
  ({ protocolVersion: 1, error: null, exit: { code, signal: null, t: 10, killedAfterGrace: false } }) as unknown as ScenarioResult;

const finding: Finding = { ruleId: 'DF008', severity: 'error', message: 'Add a USER line.', line: 3, column: 1, endLine: 3, endColumn: 5 };

describe('lab checks', () => {
  it('passes when the result and the files pass', () => {
    const run = evaluateLabChecks({ checks }, { kind: 'result', result: exited(0) }, []);
    expect(run.passed).toBe(true);
    expect(run.rows.map((row) => row.status)).toEqual(['pass', 'pass']);
  });

  it('fails with the check’s own message and hint', () => {
    const run = evaluateLabChecks({ checks }, { kind: 'result', result: exited(1) }, [finding]);
    expect(run.passed).toBe(false);
    expect(run.rows).toEqual([
      { id: 'exit-zero', status: 'fail', message: 'The app must exit with code 0.', hint: 'Call process.exit(0) at the end.' },
      { id: 'dockerfile-rules', status: 'fail', message: 'The Dockerfile still breaks rules.', hint: 'Read the findings in the editor.' },
    ]);
  });

  it('runs file checks without a runtime and marks the others not run', () => {
    const run = evaluateLabChecks({ checks }, { kind: 'not-run' }, []);
    expect(run.rows).toEqual([
      { id: 'exit-zero', status: 'not-run', message: NO_RUNTIME_MESSAGE, hint: null },
      { id: 'dockerfile-rules', status: 'pass', message: 'No error findings from the rules.', hint: null },
    ]);
    expect(run.passed).toBe(false);
  });

  it('fails result checks with the reason when the scenario did not finish', () => {
    const run = evaluateLabChecks({ checks }, { kind: 'failed', reason: 'the session reached its time limit' }, []);
    expect(run.rows[0]).toEqual({ id: 'exit-zero', status: 'fail', message: 'The scenario did not finish: the session reached its time limit', hint: null });
  });
});
