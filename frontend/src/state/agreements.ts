// How many agreements (责任书) wait for the signed-in person's signature: the
// navigation's badge and the home's reminder. The server's count, less those
// signed on this phone whose signature is still on its way.
import { computed, shallowRef } from 'vue';
import { UnsignedAgreementsDocument } from '@/gql/graphql';
import { query } from '@/api/client';
import { unsignedCount } from '@/agreement';
import { onOwnerChange, subscribe, type OutboxItem } from '@/offline/outbox';
import { onReconnect } from '@/state/network';

const server = shallowRef<{ ids: string[]; total: number } | null>(null);
const items = shallowRef<OutboxItem[]>([]);
let sentSignatures = 0;
let started = false;
let loading: Promise<void> | null = null;

/** Agreements still to sign (0 until known). */
export const unsignedAgreements = computed(() => (server.value ? unsignedCount(server.value.ids, server.value.total, items.value) : 0));

/** Asks the server again (after signing, on opening 我的责任书). */
export function refreshUnsigned(): Promise<void> {
  if (loading) return loading;
  loading = (async () => {
    try {
      const r = await query(UnsignedAgreementsDocument, {});
      const edges = r.data.myAgreements.edges ?? [];
      server.value = { ids: edges.map((e) => e?.node?.id ?? '').filter(Boolean), total: r.data.myAgreements.totalCount };
    } catch {
      // Offline with nothing stored, or signed out: keep what is known.
    }
  })().finally(() => {
    loading = null;
  });
  return loading;
}

/** Starts following (once): now, when the network is back, when a signature was sent. */
export function followUnsigned(): void {
  if (started) return;
  started = true;
  void refreshUnsigned();
  onReconnect(() => void refreshUnsigned());
  onOwnerChange((owner) => {
    server.value = null;
    if (owner) void refreshUnsigned();
  });
  subscribe((list) => {
    items.value = list;
    const sent = list.filter((i) => i.kind === 'signature' && i.state === 'sent').length;
    if (sent !== sentSignatures) {
      sentSignatures = sent;
      void refreshUnsigned();
    }
  });
}
