/**
 * A learner's edits to one lab, kept in localStorage so they survive a reload. The value
 * carries a schema version; a value this code cannot read (corrupted, hand-edited, from an
 * older or newer version) is discarded with a notice instead of breaking the page.
 */
import { isRecord, readItem, writeItem, type KeyValueStore } from './browser-store.js';

export const SAVED_WORK_VERSION = 1;

export const SAVED_WORK_RESET_NOTICE = 'Your saved work for this lab could not be read and was reset.';
export const SAVED_WORK_UNAVAILABLE_NOTICE =
  'This browser does not let the site store data, so your edits will not survive a reload.';
export const SAVED_WORK_NOT_SAVED_NOTICE =
  'Your latest edits could not be saved in this browser (storage is full or blocked); they will be lost on reload.';

/** What is stored under `savedWorkKey(slug)`. */
export interface SavedWork {
  version: typeof SAVED_WORK_VERSION;
  /** Editable files only, by path; read-only files always come from the lab. */
  files: Record<string, string>;
  savedAt: string;
}

export interface RestoredWork {
  /** Every file of the lab: saved versions of editable files, the starter for the rest. */
  files: Record<string, string>;
  /** True when at least one saved edit was applied. */
  restored: boolean;
  /** Something the learner should be told, or null. */
  notice: string | null;
}

export function savedWorkKey(slug: string): string {
  return `shipshape:lab:${slug}`;
}

/**
 * The lab's files with the learner's saved edits applied. Saved paths that are not editable
 * files of the lab (any more) are ignored, so a changed lab never shows stale files.
 */
export function restoreWork(
  store: KeyValueStore | null,
  slug: string,
  starter: Readonly<Record<string, string>>,
  editable: readonly string[],
): RestoredWork {
  const files = { ...starter };
  if (store === null) return { files, restored: false, notice: SAVED_WORK_UNAVAILABLE_NOTICE };
  const key = savedWorkKey(slug);
  const raw = readItem(store, key);
  if (raw === null) return { files, restored: false, notice: null };

  const saved = parseSavedWork(raw);
  if (saved === null) {
    discardWork(store, slug);
    return { files, restored: false, notice: SAVED_WORK_RESET_NOTICE };
  }
  let restored = false;
  for (const path of editable) {
    const text = saved.files[path];
    if (text !== undefined && path in starter) {
      files[path] = text;
      restored ||= text !== starter[path];
    }
  }
  return { files, restored, notice: null };
}

/** Stores the editable files; false when the browser refused to store them. */
export function saveWork(
  store: KeyValueStore,
  slug: string,
  files: Readonly<Record<string, string>>,
  editable: readonly string[],
  now: Date = new Date(),
): boolean {
  const kept: Record<string, string> = {};
  for (const path of editable) {
    const text = files[path];
    if (text !== undefined) kept[path] = text;
  }
  const value: SavedWork = { version: SAVED_WORK_VERSION, files: kept, savedAt: now.toISOString() };
  return writeItem(store, savedWorkKey(slug), JSON.stringify(value));
}

export function discardWork(store: KeyValueStore, slug: string): void {
  try {
    store.removeItem(savedWorkKey(slug));
  } catch {
    // A store that cannot remove cannot hold stale work either.
  }
}

function parseSavedWork(raw: string): SavedWork | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(value) || value.version !== SAVED_WORK_VERSION || typeof value.savedAt !== 'string') return null;
  const { files } = value;
  if (!isRecord(files) || !Object.values(files).every((text) => typeof text === 'string')) return null;
  return { version: SAVED_WORK_VERSION, files: files as Record<string, string>, savedAt: value.savedAt };
}
