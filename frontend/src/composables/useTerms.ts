import { computed } from 'vue';
import { TermsDocument } from '@/gql/graphql';
import { currentTerm } from '@/agreement';
import { useQuery } from './useQuery';

/**
 * The terms one may choose (学年 / 学期), as the server lists them, and the
 * school year running today; until the list arrives (or on a phone that never
 * loaded it), the school year from the phone's clock.
 */
export function useTerms() {
  const q = useQuery(TermsDocument, () => ({}));
  const terms = computed(() => q.data.value?.terms ?? []);
  const currentYear = computed(() => terms.value.find((t) => t.current && t.isYear)?.label ?? currentTerm());
  return { terms, currentYear, error: q.error };
}
