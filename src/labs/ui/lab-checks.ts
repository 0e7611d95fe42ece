/**
 * The checks panel's rows: the manifest's checks evaluated by the harness's own check code
 * (the same as CI), with findings from the rules engine for `rules` checks. Checks that read a
 * scenario result are reported as not run when no runtime could run the app, rather than as
 * failures the learner cannot fix.
 */
import { evaluateCheck } from '../../../labs/harness/checks.mjs';
import type { ScenarioResult } from '../../../labs/harness/protocol.mjs';
import type { LabManifest } from '../manifest.js';
import type { Finding } from '../../rules/index.js';

export interface CheckRow {
  id: string;
  status: 'pass' | 'fail' | 'not-run';
  message: string;
  hint: string | null;
}

export interface CheckRun {
  rows: CheckRow[];
  /** Every check passed: the lab is done. */
  passed: boolean;
}

/** What became of the lab's scenario on this run of the checks. */
export type ScenarioOutcome =
  | { kind: 'result'; result: ScenarioResult }
  /** It was sent but did not finish (runtime closed, refused, ran past its plan). */
  | { kind: 'failed'; reason: string }
  /** Nothing could run it (no runtime), or the lab has no app. */
  | { kind: 'not-run' };

export const NO_RUNTIME_MESSAGE = 'Not run: this check needs the app to run, and no runtime is available on this page.';

/**
 * @param findings rule findings in the lab's editable files
 */
export function evaluateLabChecks(
  manifest: Pick<LabManifest, 'checks'>,
  scenario: ScenarioOutcome,
  findings: readonly Finding[],
): CheckRun {
  const result = scenario.kind === 'result' ? scenario.result : null;
  const rows = manifest.checks.map((check): CheckRow => {
    if (check.kind !== 'rules' && scenario.kind === 'not-run') {
      return { id: check.id, status: 'not-run', message: NO_RUNTIME_MESSAGE, hint: null };
    }
    if (check.kind !== 'rules' && scenario.kind === 'failed') {
      return { id: check.id, status: 'fail', message: `The scenario did not finish: ${scenario.reason}`, hint: null };
    }
    const evaluated = evaluateCheck(check, { result, lint: () => findings });
    return { id: check.id, status: evaluated.status, message: evaluated.message, hint: evaluated.hint };
  });
  return { rows, passed: rows.every((row) => row.status === 'pass') };
}
