import type { KeyValueStore } from './browser-store.js';

/** An in-memory KeyValueStore for tests; `failWrites` makes setItem throw like a full localStorage. */
export function memoryStore(entries: Record<string, string> = {}, options: { failWrites?: boolean } = {}): KeyValueStore & { entries: Map<string, string> } {
  const map = new Map(Object.entries(entries));
  return {
    entries: map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => {
      if (options.failWrites) throw new DOMException('quota exceeded', 'QuotaExceededError');
      map.set(key, value);
    },
    removeItem: (key) => {
      map.delete(key);
    },
  };
}
