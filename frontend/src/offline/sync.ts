// Sends the outbox when the app starts, when the network comes back and when
// asked to. Each kind of write registers how it is sent (the contact log and
// signatures register theirs); items of a kind this version does not know
// stay pending.
import { isFatal, isPermanent, NetworkError } from '@/api/errors';
import { onReconnect } from '@/state/network';
import { flush, type FlushResult, type OutboxItem, type Sender } from './outbox';

const senders = new Map<string, Sender>();

export function registerSender(kind: string, send: Sender): void {
  senders.set(kind, send);
}

export function sendItem(item: OutboxItem): Promise<void> {
  const send = senders.get(item.kind);
  if (!send) return Promise.reject(new Error(`此版本无法发送「${item.kind}」记录,请更新后重试`));
  return send(item);
}

export function syncNow(): Promise<FlushResult> {
  return flush(sendItem, {
    isPermanent,
    // An unknown kind blocks nothing; a dead network or an expired session does.
    isFatal: (err) => isFatal(err) || err instanceof NetworkError,
  });
}

let started = false;

export function startSync(): void {
  if (started) return;
  started = true;
  const run = () => void syncNow().catch(() => undefined);
  onReconnect(run);
  if (typeof window !== 'undefined') window.addEventListener('online', run);
  run();
}
