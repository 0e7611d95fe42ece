import { describe, expect, it } from 'vitest';
import type { HarnessEvent } from '../../../labs/harness/protocol.mjs';
import { events as e } from './test-events.js';
import { EMPTY_TIMELINE, MAX_SAMPLES, describeTimeline, reduceTimeline, timelineView } from './timeline.js';

const fold = (list: HarnessEvent[], from = EMPTY_TIMELINE) => list.reduce(reduceTimeline, from);

/** A drain as a graceful app shows it: started at supervisor time 5000 ms. */
const drain = [
  e.starting(5_000),
  e.readiness(5_050, 200),
  e.running(5_100),
  e.requests(5_300, { ok: 40 }, 10),
  e.requests(5_800, { ok: 90 }, 10),
  e.sigterm(6_000),
  e.readiness(6_100, 503),
  e.requests(6_500, { ok: 120, refusedAfterReady503: 3 }, 4),
  e.readiness(7_250, 'unreachable'),
  e.exit(7_300, 0),
  e.requests(7_400, { ok: 125, refusedAfterReady503: 9 }, 0, true),
];

describe('the drain timeline', () => {
  it('measures time from the app start and keeps ok and failed cumulative', () => {
    const state = fold(drain);
    expect(state.origin).toBe(5_000);
    expect(state.samples).toEqual([
      { t: 300, inFlight: 10, ok: 40, failed: 0 },
      { t: 800, inFlight: 10, ok: 90, failed: 0 },
      { t: 1_500, inFlight: 4, ok: 120, failed: 0 },
      { t: 2_400, inFlight: 0, ok: 125, failed: 0 },
    ]);
    expect(state.signals).toEqual([{ t: 1_000, signal: 'SIGTERM', reason: 'command' }]);
    expect(state.exit).toEqual({ t: 2_300, code: 0, signal: null });
  });

  it('summarises the drain for screen readers', () => {
    expect(describeTimeline(fold(drain))).toBe(
      'Drain timeline: SIGTERM at 1.0 s, readiness 503 at 1.1 s, exit code 0 at 2.3 s, 125 ok and 0 failed requests, at most 10 in flight.',
    );
    expect(describeTimeline(EMPTY_TIMELINE)).toBe('Drain timeline: nothing has run yet.');
  });

  it('tells an app without a readiness flip and one killed after the grace period', () => {
    const state = fold([
      e.starting(0),
      e.readiness(50, 200),
      e.requests(500, { ok: 10, acceptedReset: 2, refusedBeforeReady503: 5 }, 3),
      e.sigterm(1_000, 'command'),
      e.sigkill(4_000),
      e.exit(4_010, null, 'SIGKILL'),
    ]);
    expect(describeTimeline(state)).toBe(
      'Drain timeline: SIGTERM at 1.0 s, readiness never returned 503, SIGKILL after the grace period at 4.0 s, killed by SIGKILL at 4.0 s, 10 ok and 7 failed requests, at most 3 in flight.',
    );
  });

  it('continues the lines across a second load in the same run', () => {
    const state = fold([
      e.starting(0),
      e.requests(100, { ok: 5, timeout: 1 }, 2),
      e.requests(200, { ok: 8, timeout: 1 }, 0, true),
      e.requests(1_000, { ok: 3 }, 1),
    ]);
    expect(state.samples.at(-1)).toEqual({ t: 1_000, inFlight: 1, ok: 11, failed: 1 });
  });

  it('starts over when the app starts again', () => {
    const state = fold([...drain, e.starting(20_000)]);
    expect(state).toEqual({ ...EMPTY_TIMELINE, origin: 20_000 });
  });

  it('ignores events that do not belong on it', () => {
    const state = fold([e.starting(0), e.log(10, 'listening'), e.error(20, 'Load is already running.')]);
    expect(state).toEqual({ ...EMPTY_TIMELINE, origin: 0 });
  });

  it('starts at the first event when load runs without a started app', () => {
    expect(fold([e.requests(900, { refusedBeforeReady503: 4 }, 0)]).samples).toEqual([{ t: 0, inFlight: 0, ok: 0, failed: 4 }]);
  });

  it('drops every other sample past its cap, keeping the latest', () => {
    const many = Array.from({ length: MAX_SAMPLES + 1 }, (_, i) => e.requests(i, { ok: i }, 1));
    const state = fold([e.starting(0), ...many]);
    expect(state.samples.length).toBeLessThanOrEqual(MAX_SAMPLES);
    expect(state.samples.at(-1)?.ok).toBe(MAX_SAMPLES);
  });

  it('gives the chart readiness bands and markers', () => {
    const view = timelineView(fold(drain))!;
    expect(view.durationMs).toBe(2_400);
    expect(view.readiness).toEqual([
      { from: 50, to: 1_100, state: 'ready', label: '200' },
      { from: 1_100, to: 2_250, state: 'not-ready', label: '503' },
      { from: 2_250, to: 2_400, state: 'unreachable', label: 'no answer' },
    ]);
    expect(view.markers).toEqual([
      { t: 1_000, kind: 'sigterm', label: 'SIGTERM' },
      { t: 2_300, kind: 'exit', label: 'exit 0' },
    ]);
    expect(view.maxInFlight).toBe(10);
    expect(view.maxCompleted).toBe(125);
    expect(timelineView(EMPTY_TIMELINE)).toBeNull();
  });
});
