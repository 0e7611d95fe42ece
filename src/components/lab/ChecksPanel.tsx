import type { RefObject } from 'preact';
import type { CheckRow, CheckRun } from '../../labs/ui/lab-checks.js';

const STATUS_TEXT: Record<CheckRow['status'], string> = { pass: 'Pass', fail: 'Fail', 'not-run': 'Not run' };
const STATUS_MARK: Record<CheckRow['status'], string> = { pass: '✓', fail: '✗', 'not-run': '–' };

export type ChecksState = { status: 'idle' } | { status: 'running' } | { status: 'done'; run: CheckRun };

/** "no-failed-requests" → "No failed requests" */
function titleOf(id: string): string {
  const words = id.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function summaryOf(run: CheckRun): string {
  const passed = run.rows.filter((row) => row.status === 'pass').length;
  return run.passed ? `All ${run.rows.length} checks pass.` : `${passed} of ${run.rows.length} checks pass.`;
}

/** One row per check: pass or fail in words and a mark, the message, and a hint behind "Hint". */
export default function ChecksPanel({
  state,
  completedAt,
  headingRef,
}: {
  state: ChecksState;
  completedAt: string | null;
  /** Focused after a run, so keyboard and screen-reader users land on the results. */
  headingRef: RefObject<HTMLHeadingElement>;
}) {
  return (
    <section className="lab-checks" aria-labelledby="lab-checks-heading">
      <h3 id="lab-checks-heading" ref={headingRef} tabIndex={-1}>
        Checks
      </h3>
      {completedAt && (
        <p className="lab-done">You completed this lab on {new Date(completedAt).toLocaleDateString(undefined, { dateStyle: 'long' })}.</p>
      )}
      <div aria-live="polite">
        {state.status === 'idle' && <p className="lab-placeholder">Run checks to see how your files do.</p>}
        {state.status === 'running' && <p>Running the checks…</p>}
        {state.status === 'done' && <p className="lab-checks-summary">{summaryOf(state.run)}</p>}
      </div>
      {state.status === 'done' && (
        <ul className="lab-check-list">
          {state.run.rows.map((row) => (
            <li key={row.id} className={`lab-check lab-check-${row.status}`}>
              <p className="lab-check-title">
                <span className="lab-check-status">
                  <span aria-hidden="true">{STATUS_MARK[row.status]} </span>
                  {STATUS_TEXT[row.status]}
                </span>{' '}
                <strong>{titleOf(row.id)}</strong>
              </p>
              <p className="lab-check-message">{row.message}</p>
              {row.hint && (
                <details className="lab-check-hint">
                  <summary>Hint</summary>
                  <p>{row.hint}</p>
                </details>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
