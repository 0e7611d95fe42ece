/**
 * How `npm run labs:verify` reports: one line per lab and run, and under it every mismatch with
 * the check, what was expected, what happened and what the check said.
 */
import { formatSeconds, isVerified, type LabVerification, type VariantVerification } from './verify-lab.js';

export function formatLabLine(verification: LabVerification, slugWidth: number): string {
  const { slug, starter, solution } = verification;
  return `${slug.padEnd(slugWidth)}  starter: ${summarize(starter)}  solution: ${summarize(solution)}`;
}

/** The explanation lines under a lab's line; none when both runs are as declared. */
export function formatProblems(verification: LabVerification): string[] {
  return [verification.starter, verification.solution].flatMap((run) => [
    ...run.problems.map((problem) => `  ${run.variant}: ${problem}`),
    ...run.mismatches.map(
      (mismatch) =>
        `  ${run.variant}: check ${mismatch.id} was expected to ${mismatch.expected} but got ${mismatch.got}: ${mismatch.message}`,
    ),
  ]);
}

function summarize(run: VariantVerification): string {
  const time = run.ranScenario ? ` (${formatSeconds(run.durationMs)})` : ' (no scenario)';
  if (!isVerified(run)) {
    const wrong = run.mismatches.length + run.problems.length;
    return `NOT AS DECLARED, ${wrong} ${wrong === 1 ? 'problem' : 'problems'}${time}`;
  }
  if (run.expectedFailures.length === 0) return `passes ${run.rows.length}/${run.rows.length}${time}`;
  const others = run.rows.length - run.expectedFailures.length;
  const passing = others > 0 ? `, passes the other ${others}` : '';
  return `fails ${run.expectedFailures.join(', ')} as declared${passing}${time}`;
}

/** For repeated runs: each lab's time range per variant and how many runs were as declared. */
export function formatRepeatSummary(runs: readonly LabVerification[], slugWidth: number): string[] {
  const slugs = [...new Set(runs.map((run) => run.slug))];
  return slugs.map((slug) => {
    const ofLab = runs.filter((run) => run.slug === slug);
    const good = ofLab.filter((run) => isVerified(run.starter) && isVerified(run.solution)).length;
    const range = (variant: 'starter' | 'solution') => {
      const times = ofLab.map((run) => run[variant].durationMs);
      return `${(Math.min(...times) / 1000).toFixed(1)}-${formatSeconds(Math.max(...times))}`;
    };
    return `${slug.padEnd(slugWidth)}  ${good}/${ofLab.length} runs as declared  starter ${range('starter')}  solution ${range('solution')}`;
  });
}
