import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputFeed } from './output-feed.js';
import { throttle } from './throttle.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the output feed', () => {
  it('delivers new lines to subscribers and keeps a bounded history', () => {
    const feed = new OutputFeed(3);
    const seen: string[] = [];
    const unsubscribe = feed.subscribe((line) => seen.push(line.text));
    for (const text of ['a', 'b', 'c', 'd']) feed.append({ kind: 'stdout', text });
    unsubscribe();
    feed.append({ kind: 'stdout', text: 'e' });
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(feed.all().map((line) => line.text)).toEqual(['c', 'd', 'e']);
    expect(feed.latest(2).map((line) => line.text)).toEqual(['d', 'e']);
    expect(feed.appended).toBe(5);
  });
});

describe('throttle', () => {
  it('runs at once, then at most once per interval, and always once after a burst', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const throttled = throttle(run, 1_000, () => Date.now());
    throttled();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) throttled();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('can be cancelled', () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const throttled = throttle(run, 1_000, () => Date.now());
    throttled();
    throttled();
    throttled.cancel();
    vi.advanceTimersByTime(2_000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
