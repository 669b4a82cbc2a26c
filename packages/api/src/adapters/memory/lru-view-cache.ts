import type { ViewCache } from "../../ports/view-cache";

/** Least-recently-used cache in this isolate's memory (a Map keeps insertion order). */
export function createLruViewCache(maxEntries = 10_000): ViewCache {
  const entries = new Map<string, unknown>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
  };
}
