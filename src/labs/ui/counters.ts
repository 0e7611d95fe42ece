/**
 * The live request counters the learner watches while load runs, from the harness's
 * `requests` events (cumulative counts since that load started).
 */
import { countFailed } from '../../../labs/harness/protocol.mjs';
import type { RequestsEvent } from '../../../labs/harness/protocol.mjs';

export interface RequestCounters {
  ok: number;
  /** Every outcome in FAILED_OUTCOMES. */
  failed: number;
  /** Resets on a reused keep-alive socket before any response byte: safe to retry. */
  retrySafeReset: number;
  /** Connections refused after readiness returned 503: the orchestrator stopped routing. */
  refusedAfterReady503: number;
  inFlight: number;
  total: number;
  /** The load has finished. */
  done: boolean;
}

export function countersFrom(event: RequestsEvent): RequestCounters {
  const { counts } = event;
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return {
    ok: counts.ok,
    failed: countFailed(counts),
    retrySafeReset: counts.retrySafeReset,
    refusedAfterReady503: counts.refusedAfterReady503,
    inFlight: event.inFlight,
    total,
    done: event.done,
  };
}

/** One sentence for screen readers, e.g. "Load running: 120 ok, 0 failed, …, 4 in flight." */
export function describeCounters(counters: RequestCounters): string {
  const state = counters.done ? 'Load finished' : 'Load running';
  return (
    `${state}: ${counters.ok} ok, ${counters.failed} failed, ` +
    `${counters.retrySafeReset} retry-safe resets, ${counters.refusedAfterReady503} refused after readiness 503, ` +
    `${counters.inFlight} in flight.`
  );
}
