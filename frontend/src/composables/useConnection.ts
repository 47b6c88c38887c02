import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { TypedDocumentString } from '@/gql/graphql';
import { query } from '@/api/client';
import { onReconnect } from '@/state/network';

export const PAGE_SIZE = 20;

export interface Connection<N> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges?: ({ node?: N | null } | null)[] | null;
}

type PageVars = { first: number; after?: string | null };

/**
 * Infinite scroll over a Relay connection: first page when the filters
 * change, next page (first: 20, after: endCursor) on loadMore().
 */
export function useConnection<R, V extends PageVars, N>(
  doc: TypedDocumentString<R, V>,
  filters: () => Omit<V, 'first' | 'after'>,
  select: (data: R) => Connection<N>,
) {
  const items = shallowRef<N[]>([]);
  const total = ref<number | null>(null);
  const hasNext = ref(true);
  const loading = ref(false);
  const error = shallowRef<Error | null>(null);
  const stale = ref(false);
  const fetchedAt = ref(0);
  let cursor: string | null = null;
  let seq = 0;

  let inflight: Promise<void> | null = null;

  /**
   * Loads the next page. While a page is loading, callers get that load's
   * promise, so an infinite-scroll list waits for real progress instead of
   * asking again and again.
   */
  function loadMore(): Promise<void> {
    if (inflight) return inflight;
    if (!hasNext.value) return Promise.resolve();
    const p = fetchPage().finally(() => {
      if (inflight === p) inflight = null;
    });
    inflight = p;
    return p;
  }

  async function fetchPage(): Promise<void> {
    const mine = seq;
    loading.value = true;
    try {
      const firstPage = cursor === null;
      const vars = { ...filters(), first: PAGE_SIZE, after: cursor } as V;
      const r = await query(doc, vars);
      if (mine !== seq) return;
      const conn = select(r.data);
      const nodes = (conn.edges ?? []).map((e) => e?.node).filter((n): n is N => n != null);
      items.value = firstPage ? nodes : [...items.value, ...nodes];
      total.value = conn.totalCount;
      hasNext.value = conn.pageInfo.hasNextPage && nodes.length > 0;
      cursor = conn.pageInfo.endCursor ?? null;
      // The list is stale as soon as one page shown came from storage, and
      // as old as its oldest page.
      if (firstPage) {
        stale.value = r.stale;
        fetchedAt.value = r.fetchedAt;
      } else {
        stale.value = stale.value || r.stale;
        fetchedAt.value = Math.min(fetchedAt.value, r.fetchedAt);
      }
      error.value = null;
    } catch (err) {
      if (mine !== seq) return;
      error.value = err as Error;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  function reset(): Promise<void> {
    seq++;
    items.value = [];
    total.value = null;
    hasNext.value = true;
    cursor = null;
    stale.value = false;
    fetchedAt.value = 0;
    error.value = null;
    loading.value = false;
    inflight = null;
    return loadMore();
  }

  watch(filters, () => void reset(), { deep: true });
  const off = onReconnect(() => {
    if (stale.value || error.value) void reset();
  });
  onScopeDispose(off);

  const finished = computed(() => !hasNext.value && !error.value);
  return { items, total, hasNext, loading, error, stale, fetchedAt, finished, loadMore, reset };
}
