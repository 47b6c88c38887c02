import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref } from 'vue';
import { HouseholdsDocument } from '@/gql/graphql';
import { closeDB } from '@/offline/idb';
import { reportOnline } from '@/state/network';
import { useConnection } from './useConnection';

type Page = { n: number; next: boolean; cursor: string };

function serve(pages: Record<string, Page>) {
  const calls: { after: string | null; search: string | null }[] = [];
  const resolvers: (() => void)[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const { variables } = JSON.parse(String(init.body));
    calls.push({ after: variables.after ?? null, search: variables.search ?? null });
    const page = pages[`${variables.search ?? ''}|${variables.after ?? ''}`];
    await new Promise<void>((r) => resolvers.push(r));
    const edges = Array.from({ length: page.n }, (_, i) => ({ node: { id: `${page.cursor}-${i}` } }));
    return new Response(
      JSON.stringify({ data: { households: { totalCount: 45, pageInfo: { hasNextPage: page.next, endCursor: page.cursor }, edges } } }),
      { headers: { 'Content-Type': 'application/json' } },
    );
  });
  const release = async () => {
    await vi.waitFor(() => expect(resolvers.length).toBeGreaterThan(0));
    resolvers.splice(0).forEach((r) => r());
  };
  return { fetch, calls, release };
}

beforeEach(async () => {
  await closeDB();
  globalThis.indexedDB = new IDBFactory();
  reportOnline();
});
afterEach(() => vi.unstubAllGlobals());

describe('useConnection', () => {
  it('pages with first/after, shares an in-flight load, and restarts when the filters change', async () => {
    const s = serve({
      '|': { n: 20, next: true, cursor: 'c1' },
      '|c1': { n: 20, next: true, cursor: 'c2' },
      '|c2': { n: 5, next: false, cursor: 'c3' },
      '李|': { n: 3, next: false, cursor: 'x1' },
    });
    vi.stubGlobal('fetch', s.fetch);
    const search = ref<string | null>(null);
    const scope = effectScope();
    const conn = scope.run(() => useConnection(HouseholdsDocument, () => ({ search: search.value }), (d) => d.households))!;

    const a = conn.loadMore();
    const b = conn.loadMore();
    expect(b).toBe(a); // asked twice while loading: one request
    await s.release();
    await a;
    expect(s.calls).toEqual([{ after: null, search: null }]);
    expect(conn.items.value).toHaveLength(20);
    expect(conn.total.value).toBe(45);

    const p2 = conn.loadMore();
    await s.release();
    await p2;
    const p3 = conn.loadMore();
    await s.release();
    await p3;
    expect(s.calls.map((c) => c.after)).toEqual([null, 'c1', 'c2']);
    expect(conn.items.value).toHaveLength(45);
    expect(conn.finished.value).toBe(true);
    await conn.loadMore(); // nothing more to ask for
    expect(s.calls).toHaveLength(3);

    search.value = '李';
    await nextTick();
    await s.release();
    await vi.waitFor(() => expect(conn.items.value).toHaveLength(3));
    expect(s.calls.at(-1)).toEqual({ after: null, search: '李' });
    scope.stop();
  });

  it('marks the list stale when a page comes from storage', async () => {
    const s = serve({ '|': { n: 20, next: true, cursor: 'c1' } });
    vi.stubGlobal('fetch', s.fetch);
    const scope = effectScope();
    const conn = scope.run(() => useConnection(HouseholdsDocument, () => ({}), (d) => d.households))!;
    const p = conn.loadMore();
    await s.release();
    await p;
    expect(conn.stale.value).toBe(false);

    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    await conn.reset();
    expect(conn.stale.value).toBe(true);
    expect(conn.items.value).toHaveLength(20);
    await conn.loadMore(); // the next page was never seen: an error, not a loop
    expect(conn.error.value?.name).toBe('NetworkError');
    expect(conn.finished.value).toBe(false);
    scope.stop();
  });
});
