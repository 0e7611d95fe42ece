/**
 * Course progress in one localStorage key, shared by lab pages, lessons and the landing page.
 * Framework-free on purpose: any page script can import it. A value that cannot be read is
 * reset, and the caller gets a notice to show.
 */
import { browserStore, isRecord, readItem, writeItem, type KeyValueStore } from './browser-store.js';

export const PROGRESS_KEY = 'shipshape:progress';
export const PROGRESS_VERSION = 1;
export const PROGRESS_RESET_NOTICE = 'Your saved course progress could not be read and was reset.';

export interface Completion {
  done: true;
  /** ISO 8601 time it was first completed. */
  at: string;
}

export interface CourseProgress {
  version: typeof PROGRESS_VERSION;
  lessons: Record<string, Completion>;
  labs: Record<string, Completion>;
}

export interface ProgressReading {
  progress: CourseProgress;
  /** Set when a stored value was unreadable and has been reset. */
  notice: string | null;
}

function emptyProgress(): CourseProgress {
  return { version: PROGRESS_VERSION, lessons: {}, labs: {} };
}

export function readProgress(store: KeyValueStore | null = browserStore()): ProgressReading {
  if (store === null) return { progress: emptyProgress(), notice: null };
  const raw = readItem(store, PROGRESS_KEY);
  if (raw === null) return { progress: emptyProgress(), notice: null };
  const progress = parseProgress(raw);
  if (progress !== null) return { progress, notice: null };
  const reset = emptyProgress();
  writeItem(store, PROGRESS_KEY, JSON.stringify(reset));
  return { progress: reset, notice: PROGRESS_RESET_NOTICE };
}

export function markLabDone(slug: string, store: KeyValueStore | null = browserStore(), now: Date = new Date()): CourseProgress {
  return markDone('labs', slug, store, now);
}

export function markLessonDone(slug: string, store: KeyValueStore | null = browserStore(), now: Date = new Date()): CourseProgress {
  return markDone('lessons', slug, store, now);
}

/** Keeps the first completion time: doing a lab again does not move its date. */
function markDone(group: 'lessons' | 'labs', slug: string, store: KeyValueStore | null, now: Date): CourseProgress {
  const { progress } = readProgress(store);
  if (progress[group][slug]) return progress;
  const updated: CourseProgress = { ...progress, [group]: { ...progress[group], [slug]: { done: true, at: now.toISOString() } } };
  if (store !== null) writeItem(store, PROGRESS_KEY, JSON.stringify(updated));
  return updated;
}

function parseProgress(raw: string): CourseProgress | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.version !== PROGRESS_VERSION) return null;
  const lessons = parseCompletions(value.lessons);
  const labs = parseCompletions(value.labs);
  if (lessons === null || labs === null) return null;
  return { version: PROGRESS_VERSION, lessons, labs };
}

function parseCompletions(value: unknown): Record<string, Completion> | null {
  if (!isRecord(value)) return null;
  const completions: Record<string, Completion> = {};
  for (const [slug, entry] of Object.entries(value)) {
    if (!isRecord(entry) || entry.done !== true || typeof entry.at !== 'string') return null;
    completions[slug] = { done: true, at: entry.at };
  }
  return completions;
}
