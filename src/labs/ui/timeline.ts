/**
 * The drain timeline: harness events folded into series the chart draws (requests in flight,
 * ok and failed so far, readiness, signals, exit) and a one-sentence summary for screen
 * readers. Pure, so the chart component only draws.
 *
 * A timeline starts when the app starts; times are ms since then. Events carry the
 * supervisor's clock, which is shared by manual runs and scenarios.
 */
import { countFailed } from '../../../labs/harness/protocol.mjs';
import type { HarnessEvent, ReadinessStatus } from '../../../labs/harness/protocol.mjs';

export interface TimelineSample {
  t: number;
  inFlight: number;
  /** Cumulative over every load of this run. */
  ok: number;
  failed: number;
}

export interface TimelineSignal {
  t: number;
  signal: 'SIGTERM' | 'SIGKILL';
  reason: 'command' | 'scenario' | 'grace';
}

export interface TimelineExit {
  t: number;
  code: number | null;
  signal: string | null;
}

interface LoadCounts {
  ok: number;
  failed: number;
  done: boolean;
}

export interface TimelineState {
  /** Supervisor time at which this timeline starts, or null before anything happened. */
  origin: number | null;
  samples: TimelineSample[];
  readiness: { t: number; status: ReadinessStatus }[];
  signals: TimelineSignal[];
  exit: TimelineExit | null;
  /** The latest time seen. */
  end: number;
  /** Totals of the loads of this run that have finished, so a new load continues the lines. */
  finishedLoads: { ok: number; failed: number };
  currentLoad: LoadCounts | null;
}

/** Samples arrive about five per second; past this many, every other one is dropped. */
export const MAX_SAMPLES = 2_000;

export const EMPTY_TIMELINE: TimelineState = {
  origin: null,
  samples: [],
  readiness: [],
  signals: [],
  exit: null,
  end: 0,
  finishedLoads: { ok: 0, failed: 0 },
  currentLoad: null,
};

export function reduceTimeline(state: TimelineState, event: HarnessEvent): TimelineState {
  if (event.type === 'status' && event.state === 'starting') return { ...EMPTY_TIMELINE, origin: event.t };
  if (!['requests', 'readiness', 'signal', 'exit'].includes(event.type)) return state;

  const origin = state.origin ?? event.t;
  const t = Math.max(0, event.t - origin);
  const next: TimelineState = { ...state, origin, end: Math.max(state.end, t) };
  switch (event.type) {
    case 'requests': {
      const finishedLoads = state.currentLoad?.done
        ? { ok: state.finishedLoads.ok + state.currentLoad.ok, failed: state.finishedLoads.failed + state.currentLoad.failed }
        : state.finishedLoads;
      const currentLoad = { ok: event.counts.ok, failed: countFailed(event.counts), done: event.done };
      const sample = {
        t,
        inFlight: event.inFlight,
        ok: finishedLoads.ok + currentLoad.ok,
        failed: finishedLoads.failed + currentLoad.failed,
      };
      return { ...next, finishedLoads, currentLoad, samples: thin([...state.samples, sample]) };
    }
    case 'readiness':
      return { ...next, readiness: [...state.readiness, { t, status: event.status }] };
    case 'signal':
      return { ...next, signals: [...state.signals, { t, signal: event.signal, reason: event.reason }] };
    case 'exit':
      return { ...next, exit: { t, code: event.code, signal: event.signal } };
    default:
      return state;
  }
}

function thin(samples: TimelineSample[]): TimelineSample[] {
  if (samples.length <= MAX_SAMPLES) return samples;
  return samples.filter((_, index) => index % 2 === 0 || index === samples.length - 1);
}

export type ReadinessState = 'ready' | 'not-ready' | 'unreachable';

export interface ReadinessBand {
  from: number;
  to: number;
  state: ReadinessState;
  /** What the probe saw: an HTTP status, or "no answer". */
  label: string;
}

export interface TimelineMarker {
  t: number;
  kind: 'sigterm' | 'sigkill' | 'exit';
  label: string;
}

export interface TimelineView {
  durationMs: number;
  samples: TimelineSample[];
  maxInFlight: number;
  maxCompleted: number;
  readiness: ReadinessBand[];
  markers: TimelineMarker[];
}

export function readinessState(status: ReadinessStatus): ReadinessState {
  if (status === 'unreachable') return 'unreachable';
  return status >= 200 && status < 300 ? 'ready' : 'not-ready';
}

/** What the chart draws; null before the first run. */
export function timelineView(state: TimelineState): TimelineView | null {
  if (state.origin === null) return null;
  const durationMs = Math.max(state.end, 1_000);
  const readiness = state.readiness.map((observation, index): ReadinessBand => {
    const following = state.readiness[index + 1];
    return {
      from: observation.t,
      to: following ? following.t : durationMs,
      state: readinessState(observation.status),
      label: observation.status === 'unreachable' ? 'no answer' : String(observation.status),
    };
  });
  const markers: TimelineMarker[] = state.signals.map((signal) => ({
    t: signal.t,
    kind: signal.signal === 'SIGTERM' ? 'sigterm' : 'sigkill',
    label: signal.reason === 'grace' ? `${signal.signal} (grace ran out)` : signal.signal,
  }));
  if (state.exit) markers.push({ t: state.exit.t, kind: 'exit', label: exitLabel(state.exit) });
  return {
    durationMs,
    samples: state.samples,
    maxInFlight: Math.max(1, ...state.samples.map((s) => s.inFlight)),
    maxCompleted: Math.max(1, ...state.samples.map((s) => s.ok + s.failed)),
    readiness,
    markers,
  };
}

function exitLabel(exit: TimelineExit): string {
  return exit.signal === null ? `exit ${exit.code}` : `killed by ${exit.signal}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The chart's accessible name, e.g. "SIGTERM at 1.0 s, readiness 503 at 1.1 s, exit code 0 at
 * 2.3 s, 0 failed requests".
 */
export function describeTimeline(state: TimelineState): string {
  if (state.origin === null) return 'Drain timeline: nothing has run yet.';
  const parts: string[] = [];
  const sigterm = state.signals.find((signal) => signal.signal === 'SIGTERM');
  if (sigterm) {
    parts.push(`SIGTERM at ${seconds(sigterm.t)}`);
    const flip = state.readiness.find((o) => o.t >= sigterm.t && o.status === 503);
    if (flip) parts.push(`readiness 503 at ${seconds(flip.t)}`);
    else if (state.readiness.length > 0) parts.push('readiness never returned 503');
  }
  const sigkill = state.signals.find((signal) => signal.signal === 'SIGKILL');
  if (sigkill) parts.push(`SIGKILL${sigkill.reason === 'grace' ? ' after the grace period' : ''} at ${seconds(sigkill.t)}`);
  const { exit } = state;
  if (exit) {
    parts.push(exit.signal === null ? `exit code ${exit.code} at ${seconds(exit.t)}` : `killed by ${exit.signal} at ${seconds(exit.t)}`);
  } else {
    parts.push('the app has not exited');
  }
  const last = state.samples.at(-1);
  if (last) {
    const peak = Math.max(...state.samples.map((s) => s.inFlight));
    parts.push(`${last.ok} ok and ${last.failed} failed requests, at most ${peak} in flight`);
  } else {
    parts.push('no load sent');
  }
  return `Drain timeline: ${parts.join(', ')}.`;
}
