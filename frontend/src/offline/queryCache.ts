// Last successful response of each query, for reading with no signal.
import { QUERIES, withStore } from './idb';

export interface CachedResponse<T = unknown> {
  key: string;
  data: T;
  /** Milliseconds since the epoch. */
  fetchedAt: number;
}

/** Entries older than this are dropped by prune(). */
export const MAX_AGE_MS = 60 * 24 * 3600 * 1000;

export async function readCached<T>(key: string): Promise<CachedResponse<T> | undefined> {
  try {
    return await withStore<CachedResponse<T> | undefined>(QUERIES, 'readonly', (s) => s.get(key));
  } catch {
    return undefined; // no IndexedDB: behave as an empty cache
  }
}

export async function writeCached<T>(key: string, data: T, fetchedAt = Date.now()): Promise<void> {
  try {
    await withStore(QUERIES, 'readwrite', (s) => s.put({ key, data, fetchedAt }));
  } catch {
    // Quota or private mode: reading online still works.
  }
}

/** Forgets every stored response (sign-out, another person signing in). */
export async function clearCache(): Promise<void> {
  try {
    await withStore(QUERIES, 'readwrite', (s) => s.clear());
  } catch {
    // nothing stored
  }
}

/** Drops responses older than maxAge. */
export async function prune(maxAge = MAX_AGE_MS, now = Date.now()): Promise<number> {
  try {
    const all = await withStore<CachedResponse[]>(QUERIES, 'readonly', (s) => s.getAll());
    const old = (all ?? []).filter((e) => now - e.fetchedAt > maxAge);
    if (old.length) await withStore(QUERIES, 'readwrite', (s) => old.forEach((e) => s.delete(e.key)));
    return old.length;
  } catch {
    return 0;
  }
}
