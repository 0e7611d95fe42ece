import { describe, expect, it } from 'vitest';
import { PROGRESS_KEY, PROGRESS_RESET_NOTICE, markLabDone, markLessonDone, readProgress } from './progress.js';
import { memoryStore } from './test-store.js';

const empty = { version: 1, lessons: {}, labs: {} };

describe('course progress', () => {
  it('is empty at first', () => {
    expect(readProgress(memoryStore())).toEqual({ progress: empty, notice: null });
  });

  it('marks labs and lessons done in one key', () => {
    const store = memoryStore();
    markLabDone('sigterm-drain', store, new Date('2025-05-01T10:00:00Z'));
    markLessonDone('lessons/graceful-shutdown', store, new Date('2025-05-02T10:00:00Z'));
    expect(JSON.parse(store.entries.get(PROGRESS_KEY)!)).toEqual({
      version: 1,
      labs: { 'sigterm-drain': { done: true, at: '2025-05-01T10:00:00.000Z' } },
      lessons: { 'lessons/graceful-shutdown': { done: true, at: '2025-05-02T10:00:00.000Z' } },
    });
    expect(readProgress(store).progress.labs['sigterm-drain']?.done).toBe(true);
  });

  it('keeps the date a lab was first completed', () => {
    const store = memoryStore();
    markLabDone('sigterm-drain', store, new Date('2025-05-01T10:00:00Z'));
    const again = markLabDone('sigterm-drain', store, new Date('2025-06-01T10:00:00Z'));
    expect(again.labs['sigterm-drain']?.at).toBe('2025-05-01T10:00:00.000Z');
  });

  it.each([
    ['not JSON', 'nope'],
    ['a wrong version', JSON.stringify({ version: 2, lessons: {}, labs: {} })],
    ['labs missing', JSON.stringify({ version: 1, lessons: {} })],
    ['a malformed entry', JSON.stringify({ version: 1, lessons: {}, labs: { x: { done: 'yes' } } })],
  ])('resets a value with %s and says so', (_, raw) => {
    const store = memoryStore({ [PROGRESS_KEY]: raw });
    expect(readProgress(store)).toEqual({ progress: empty, notice: PROGRESS_RESET_NOTICE });
    expect(JSON.parse(store.entries.get(PROGRESS_KEY)!)).toEqual(empty);
    expect(readProgress(store).notice).toBeNull();
  });

  it('still marks a lab done over a corrupted value', () => {
    const store = memoryStore({ [PROGRESS_KEY]: '{' });
    markLabDone('dockerfile', store, new Date('2025-05-01T10:00:00Z'));
    expect(readProgress(store).progress.labs).toEqual({ dockerfile: { done: true, at: '2025-05-01T10:00:00.000Z' } });
  });

  it('works without storage', () => {
    expect(markLabDone('x', null).labs.x?.done).toBe(true);
    expect(readProgress(null).progress).toEqual(empty);
  });
});
