// @ts-check

/** @typedef {() => number} Clock whole milliseconds since the clock was created */

/**
 * Every timestamp in one run comes from one clock, so log lines, readiness changes,
 * signals and request counters can be ordered against each other.
 * @returns {Clock}
 */
export function createClock() {
  const origin = performance.now();
  return () => Math.round(performance.now() - origin);
}
