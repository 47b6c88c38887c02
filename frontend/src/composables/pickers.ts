// What the registry pickers search: schools in the viewer's area, households
// in scope. Lists are the server's; nothing typed is stored.
import { HouseholdOptionsDocument, SchoolOptionsDocument } from '@/gql/graphql';
import { query } from '@/api/client';
import { codePrefix } from '@/coverage';
import type { SearchOption } from '@/components/SearchSelect.vue';

/** The codes of a division subtree: 130681 → 130681000000–130681999999. */
export function codeRange(root: string): { from: string; to: string } {
  const p = codePrefix(root);
  return { from: p.padEnd(12, '0'), to: p.padEnd(12, '9') };
}

export function schoolSearch(root: () => string): (text: string) => Promise<SearchOption[]> {
  return async (text) => {
    const r = await query(SchoolOptionsDocument, { search: text || null, ...codeRange(root()) });
    return (r.data.orgs.edges ?? []).flatMap((e) => (e?.node ? [{ id: e.node.id, label: e.node.name }] : []));
  };
}

export async function householdSearch(text: string): Promise<SearchOption[]> {
  if (!text) return [];
  const r = await query(HouseholdOptionsDocument, { search: text });
  return (r.data.households.edges ?? []).flatMap((e) =>
    e?.node ? [{ id: e.node.id, label: `${e.node.headName}（户编号 ${e.node.number}）`, sub: e.node.village.name }] : [],
  );
}
