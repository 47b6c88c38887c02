import { computed, shallowRef, watch } from 'vue';
import { HouseholdDocument, MyFamiliesDocument, type ContactRecordFragment, type FamilyFragment, type MyFamiliesQuery } from '@/gql/graphql';
import { cacheKey } from '@/api/client';
import { NetworkError } from '@/api/errors';
import { readCached } from '@/offline/queryCache';
import { useQuery } from './useQuery';

/**
 * A family from the list of one's families stored for offline use (the
 * teacher's home loads them all), for a family page opened without signal
 * before it was ever opened online.
 */
export async function cachedFamily(id: string): Promise<FamilyFragment | null> {
  const hit = await readCached<MyFamiliesQuery>(cacheKey(MyFamiliesDocument.toString(), {}));
  const node = hit?.data.myFamilies.edges?.find((e) => e?.node?.id === id)?.node;
  return node ? { ...node } : null;
}

/**
 * One household with its contacts: from the server, else stored; with no
 * signal and nothing stored for it, from the stored list of one's families
 * (then without the contact history, which only the server has).
 */
export function useFamily(id: () => string) {
  const q = useQuery(HouseholdDocument, () => ({ id: id() }));
  const fallback = shallowRef<FamilyFragment | null>(null);
  const fallbackAt = shallowRef(0);
  watch(
    [q.error, q.data],
    async ([err, data]) => {
      if (data || !(err instanceof NetworkError)) {
        fallback.value = null;
        return;
      }
      const want = id();
      const f = await cachedFamily(want);
      if (want === id() && !q.data.value) {
        fallback.value = f;
        const hit = await readCached(cacheKey(MyFamiliesDocument.toString(), {}));
        fallbackAt.value = hit?.fetchedAt ?? 0;
      }
    },
    { immediate: true },
  );
  type Node = FamilyFragment & { contacts: { totalCount: number; edges?: ({ node?: ContactRecordFragment | null } | null)[] | null } };
  const node = computed(() => {
    const n = q.data.value?.node;
    return n && 'headName' in n ? (n as Node) : null;
  });
  const family = computed<FamilyFragment | null>(() => node.value ?? fallback.value);
  const contacts = computed(() => (node.value?.contacts.edges ?? []).map((e) => e?.node).filter((c): c is ContactRecordFragment => !!c));
  const contactTotal = computed(() => node.value?.contacts.totalCount ?? null);
  /** Shown from the list of families: no contact history. */
  const fromList = computed(() => !node.value && !!fallback.value);
  const notFound = computed(() => !!q.data.value && !node.value);
  const stale = computed(() => q.stale.value || fromList.value);
  const fetchedAt = computed(() => (fromList.value ? fallbackAt.value : q.fetchedAt.value));
  return { ...q, stale, fetchedAt, family, contacts, contactTotal, fromList, notFound };
}
