import { describe, expect, it } from 'vitest';
import { countersFrom, describeCounters } from './counters.js';
import { events as e } from './test-events.js';

describe('request counters', () => {
  it('sums every failed outcome and keeps the acceptable ones apart', () => {
    const event = e.requests(0, { ok: 50, non2xx: 1, acceptedReset: 2, refusedBeforeReady503: 3, timeout: 4, otherError: 5, retrySafeReset: 6, refusedAfterReady503: 7 }, 8, true);
    if (event.type !== 'requests') throw new Error('not a requests event');
    expect(countersFrom(event)).toEqual({ ok: 50, failed: 15, retrySafeReset: 6, refusedAfterReady503: 7, inFlight: 8, total: 78, done: true });
  });

  it('reads as one sentence for screen readers', () => {
    const event = e.requests(0, { ok: 120, retrySafeReset: 3 }, 4);
    if (event.type !== 'requests') throw new Error('not a requests event');
    expect(describeCounters(countersFrom(event))).toBe(
      'Load running: 120 ok, 0 failed, 3 retry-safe resets, 0 refused after readiness 503, 4 in flight.',
    );
  });
});
