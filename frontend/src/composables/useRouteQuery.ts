import { computed } from 'vue';
import { useRoute, useRouter, type LocationQueryRaw } from 'vue-router';

/** List filters live in the URL, so links from the home page and the back button keep them. */
export function useRouteQuery() {
  const route = useRoute();
  const router = useRouter();

  function str(name: string): string {
    const v = route.query[name];
    return (Array.isArray(v) ? v[0] : v) ?? '';
  }

  function list(name: string): string[] {
    const s = str(name);
    return s ? s.split(',').filter(Boolean) : [];
  }

  function set(changes: Record<string, string | string[] | null | undefined>): void {
    const next: LocationQueryRaw = { ...route.query };
    for (const [k, v] of Object.entries(changes)) {
      const val = Array.isArray(v) ? v.join(',') : v;
      if (val) next[k] = val;
      else delete next[k];
    }
    void router.replace({ query: next });
  }

  const query = computed(() => route.query);
  return { str, list, set, query };
}
