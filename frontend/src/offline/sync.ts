// Sends the outbox when the app starts, when the network comes back, when
// someone signs in (their own records only) and when asked to. Each kind of
// write registers how it is sent (src/offline/senders.ts: contact logs,
// signatures and absence reports); items of a kind this version does not know stay pending.
import { isFatal, isPermanent, NetworkError } from '@/api/errors';
import { onReconnect } from '@/state/network';
import { flush, onOwnerChange, retry, type FlushResult, type OutboxItem, type Sender } from './outbox';

const senders = new Map<string, Sender>();

export function registerSender(kind: string, send: Sender): void {
  senders.set(kind, send);
}

export function sendItem(item: OutboxItem): Promise<void> {
  const send = senders.get(item.kind);
  if (!send) return Promise.reject(new Error(`此版本无法发送「${item.kind}」记录，请更新后重试`));
  return send(item);
}

export function syncNow(): Promise<FlushResult> {
  return flush(sendItem, {
    isPermanent,
    // An unknown kind blocks nothing; a dead network or an expired session does.
    isFatal: (err) => isFatal(err) || err instanceof NetworkError,
  });
}

/** Puts a failed item back in the queue and sends at once. */
export async function retryNow(id: string): Promise<FlushResult> {
  await retry(id);
  return syncNow();
}

let started = false;

export function startSync(): void {
  if (started) return;
  started = true;
  const run = () => void syncNow().catch(() => undefined);
  onReconnect(run);
  // Someone signed in: what they left unsent on this phone goes out now.
  onOwnerChange((owner) => {
    if (owner) run();
  });
  if (typeof window !== 'undefined') window.addEventListener('online', run);
  run();
}
