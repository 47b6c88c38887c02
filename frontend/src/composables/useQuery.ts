import { onScopeDispose, ref, shallowRef, watch } from 'vue';
import type { TypedDocumentString } from '@/gql/graphql';
import { query, type RequestOptions } from '@/api/client';
import { onReconnect } from '@/state/network';

/**
 * A query bound to reactive variables: re-runs when they change, and again
 * when the network comes back if what is shown is stale. vars() returning
 * null means "not yet".
 */
export function useQuery<R, V>(doc: TypedDocumentString<R, V>, vars: () => V | null, opts: RequestOptions = {}) {
  const data = shallowRef<R | null>(null);
  const error = shallowRef<Error | null>(null);
  const loading = ref(false);
  const stale = ref(false);
  const fetchedAt = ref(0);
  let seq = 0;

  async function run(): Promise<void> {
    const v = vars();
    if (v === null) return;
    const mine = ++seq;
    loading.value = true;
    try {
      const r = await query(doc, v, opts);
      if (mine !== seq) return;
      data.value = r.data;
      stale.value = r.stale;
      fetchedAt.value = r.fetchedAt;
      error.value = null;
    } catch (err) {
      if (mine !== seq) return;
      error.value = err as Error;
    } finally {
      if (mine === seq) loading.value = false;
    }
  }

  watch(vars, run, { immediate: true, deep: true });
  const off = onReconnect(() => {
    if (stale.value || error.value) void run();
  });
  onScopeDispose(off);

  return { data, error, loading, stale, fetchedAt, refresh: run };
}
