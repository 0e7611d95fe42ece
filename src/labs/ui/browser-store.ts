/**
 * The slice of Web Storage that saved work and course progress use, so tests can pass a plain
 * object and pages can run where storage is missing or forbidden.
 */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * The page's localStorage, or null where it cannot be used: reading `localStorage` throws in
 * some browsers when site data is blocked, and it does not exist outside a browser.
 */
export function browserStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Reads a key; a store that throws reads as empty. */
export function readItem(store: KeyValueStore, key: string): string | null {
  try {
    return store.getItem(key);
  } catch {
    return null;
  }
}

/** Writes a key; false when the store refused (quota exceeded, storage disabled). */
export function writeItem(store: KeyValueStore, key: string, value: string): boolean {
  try {
    store.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
