/**
 * Verifies one lab the way CI must see it (issue 5, `npm run labs:verify`): its scenario runs
 * through real processes on the starter, which must fail exactly the checks its manifest names
 * in `starterFails`, and on the starter with the solution applied, which must pass every check.
 * Checks are judged by the same code as the lab page (evaluateLabChecks, lintLabFiles), so a
 * lab that verifies here behaves the same in the browser.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../free-port.js';
import { runScenario } from '../../../labs/harness/scenario.mjs';
import { lintCompose, lintKubernetes, lintProject } from '../../rules/index.js';
import { applySolution, type LoadedLab } from '../load-lab.js';
import { MAX_SCENARIO_MS } from '../manifest.js';
import { evaluateLabChecks, type CheckRow, type ScenarioOutcome } from '../ui/lab-checks.js';
import type { LintEngine } from '../../rules/load-engine.js';
import { lintLabFiles } from '../ui/lab-lint.js';
import { writeLabFiles } from '../write-lab-files.js';

/** The whole rules engine: in Node there is no page weight to save. */
const RULES_ENGINE: LintEngine = { lintProject, lintCompose, lintKubernetes };

export type Variant = 'starter' | 'solution';

export interface CheckMismatch {
  id: string;
  expected: 'pass' | 'fail';
  got: CheckRow['status'];
  /** What the check said on this run: its failure message, or what it found when it passed. */
  message: string;
}

export interface VariantVerification {
  variant: Variant;
  /** Wall-clock time of the run: writing the files, the scenario, the checks. */
  durationMs: number;
  /** Whether the lab has an app whose scenario ran (file-only labs are judged on their files). */
  ranScenario: boolean;
  rows: CheckRow[];
  /** The checks this variant must fail: starterFails for the starter, none for the solution. */
  expectedFailures: string[];
  mismatches: CheckMismatch[];
  /** Anything else that makes the run unfit to judge the lab: the scenario could not run, or ran too long. */
  problems: string[];
}

export interface LabVerification {
  slug: string;
  starter: VariantVerification;
  solution: VariantVerification;
}

export function isVerified(verification: VariantVerification): boolean {
  return verification.mismatches.length === 0 && verification.problems.length === 0;
}

/** Runs the starter, then the solution (one at a time, so neither slows the other down). */
export async function verifyLab(lab: LoadedLab, signal?: AbortSignal): Promise<LabVerification> {
  const starter = await verifyVariant(lab, 'starter', signal);
  const solution = await verifyVariant(lab, 'solution', signal);
  return { slug: lab.manifest.slug, starter, solution };
}

export async function verifyVariant(lab: LoadedLab, variant: Variant, signal?: AbortSignal): Promise<VariantVerification> {
  const { manifest } = lab;
  const files = variant === 'starter' ? lab.starter : applySolution(lab);
  const expectedFailures = variant === 'starter' ? manifest.starterFails : [];
  const startedAt = performance.now();
  const problems: string[] = [];
  let scenario: ScenarioOutcome = { kind: 'not-run' };

  if (manifest.app && manifest.scenario) {
    const cwd = await mkdtemp(path.join(tmpdir(), `shipshape-verify-${manifest.slug}-`));
    try {
      await writeLabFiles(cwd, files);
      // A free port rather than the manifest's, so labs:verify can run beside anything else.
      const app = { ...manifest.app, cwd, port: await freePort() };
      // A signal of its own for each run: the harness leaves a listener on the signal it is
      // given, and one signal shared by every run of a long --repeat would pile them up.
      const runSignal = signal && AbortSignal.any([signal]);
      const result = await runScenario({ app, plan: manifest.scenario }, { signal: runSignal });
      if (result.error !== null) problems.push(`the scenario could not run as planned: ${result.error}`);
      scenario = { kind: 'result', result };
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  }

  const findings = Object.values(lintLabFiles(RULES_ENGINE, files, manifest.files.editable)).flat();
  const { rows } = evaluateLabChecks(manifest, scenario, findings);
  const durationMs = performance.now() - startedAt;
  if (scenario.kind === 'result' && durationMs > MAX_SCENARIO_MS) {
    problems.push(`the run took ${formatSeconds(durationMs)}; a lab's scenario must finish within ${formatSeconds(MAX_SCENARIO_MS)}`);
  }

  const mismatches = rows.flatMap((row): CheckMismatch[] => {
    const expected = expectedFailures.includes(row.id) ? 'fail' : 'pass';
    return row.status === expected ? [] : [{ id: row.id, expected, got: row.status, message: row.message }];
  });
  return { variant, durationMs, ranScenario: scenario.kind === 'result', rows, expectedFailures, mismatches, problems };
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
