// The outbox keeps writes made in the field (contact logs, signatures) in
// IndexedDB until they reach the server. Each item carries a client-generated
// UUID that the server uses to drop duplicates, so sending an item again after
// a lost response is safe.
import { OUTBOX, withStore } from './idb';

export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxItem<P = unknown> {
  /** Client-generated UUID; the server's idempotency key. */
  id: string;
  kind: string;
  payload: P;
  /** Milliseconds since the epoch. */
  createdAt: number;
  state: OutboxState;
  attempts: number;
  lastError: string | null;
  sentAt: number | null;
  /** Tie-breaker keeping enqueue order within one millisecond. */
  seq: number;
}

/** Thrown (or wrapped) by a sender when retrying cannot help. */
export class PermanentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentError';
  }
}

/** Sends one item; resolves when the server has accepted it. */
export type Sender = (item: OutboxItem) => Promise<void>;

export interface FlushOptions {
  /** Tells a permanent failure (mark failed) from a transient one (keep pending). */
  isPermanent?: (err: unknown) => boolean;
  /** Tells an error after which the following items would fail too (stop). */
  isFatal?: (err: unknown) => boolean;
  /** Defaults to navigator.onLine; flush does nothing while offline. */
  online?: () => boolean;
}

export interface FlushResult {
  sent: number;
  failed: number;
  pending: number;
}

type Listener = (items: OutboxItem[]) => void;
const listeners = new Set<Listener>();
let seqCounter = 0;

/** RFC 4122 version 4 UUID; crypto.randomUUID needs a secure context, so fall back. */
export function uuid(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const b = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(b);
  else for (let i = 0; i < 16; i++) b[i] = Math.floor(Math.random() * 256);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function byOrder(a: OutboxItem, b: OutboxItem): number {
  return a.createdAt - b.createdAt || a.seq - b.seq;
}

async function put(item: OutboxItem): Promise<void> {
  await withStore(OUTBOX, 'readwrite', (s) => s.put(item));
}

/** All items, oldest first. */
export async function list(): Promise<OutboxItem[]> {
  const items = await withStore<OutboxItem[]>(OUTBOX, 'readonly', (s) => s.getAll());
  return (items ?? []).sort(byOrder);
}

export async function get(id: string): Promise<OutboxItem | undefined> {
  return withStore<OutboxItem | undefined>(OUTBOX, 'readonly', (s) => s.get(id));
}

async function notify(): Promise<void> {
  if (listeners.size === 0) return;
  const items = await list();
  for (const fn of listeners) fn(items);
}

/** Calls fn with the current items now and after every change; returns the unsubscribe. */
export function subscribe(fn: Listener): () => void {
  listeners.add(fn);
  list().then(fn, () => fn([]));
  return () => listeners.delete(fn);
}

/** Stores a write to be sent later; returns it with its new UUID. */
export async function enqueue<P>(kind: string, payload: P): Promise<OutboxItem<P>> {
  if (!kind) throw new Error('outbox: kind is required');
  const now = Date.now();
  const item: OutboxItem<P> = {
    id: uuid(),
    kind,
    payload,
    createdAt: now,
    state: 'pending',
    attempts: 0,
    lastError: null,
    sentAt: null,
    seq: now * 1000 + (seqCounter++ % 1000),
  };
  await put(item);
  await notify();
  return item;
}

/** Puts a failed item back in the queue. */
export async function retry(id: string): Promise<void> {
  const item = await get(id);
  if (!item || item.state !== 'failed') return;
  await put({ ...item, state: 'pending', lastError: null });
  await notify();
}

export async function remove(id: string): Promise<void> {
  await withStore(OUTBOX, 'readwrite', (s) => s.delete(id));
  await notify();
}

/** Forgets items the server has accepted. */
export async function clearSent(): Promise<void> {
  const sent = (await list()).filter((i) => i.state === 'sent');
  if (sent.length === 0) return;
  await withStore(OUTBOX, 'readwrite', (s) => {
    for (const i of sent) s.delete(i.id);
  });
  await notify();
}

export function counts(items: OutboxItem[]): Record<OutboxState, number> {
  const c = { pending: 0, sent: 0, failed: 0 };
  for (const i of items) c[i.state]++;
  return c;
}

function message(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return String(err);
}

let flushing: Promise<FlushResult> | null = null;

/**
 * Sends pending items oldest first, one at a time. An accepted item becomes
 * 'sent'; a permanent error makes it 'failed' (the user sees why and may retry);
 * any other error keeps it 'pending' for the next flush. After a fatal error
 * (the network is gone, the session has expired) the rest wait too. Calls made
 * while a flush runs share it, so an item is never sent twice at once.
 */
export function flush(send: Sender, opts: FlushOptions = {}): Promise<FlushResult> {
  if (flushing) return flushing;
  flushing = doFlush(send, opts).finally(() => {
    flushing = null;
  });
  return flushing;
}

async function doFlush(send: Sender, opts: FlushOptions): Promise<FlushResult> {
  const isPermanent = opts.isPermanent ?? ((e: unknown) => e instanceof PermanentError);
  const isFatal = opts.isFatal ?? (() => true);
  const online = opts.online ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false);
  const result: FlushResult = { sent: 0, failed: 0, pending: 0 };
  const pending = (await list()).filter((i) => i.state === 'pending');
  if (!online()) {
    result.pending = pending.length;
    return result;
  }
  let stopped = false;
  for (const item of pending) {
    if (stopped) {
      result.pending++;
      continue;
    }
    const attempt: OutboxItem = { ...item, attempts: item.attempts + 1 };
    try {
      await send(attempt);
      await put({ ...attempt, state: 'sent', lastError: null, sentAt: Date.now() });
      result.sent++;
    } catch (err) {
      if (isPermanent(err)) {
        await put({ ...attempt, state: 'failed', lastError: message(err) });
        result.failed++;
      } else {
        await put({ ...attempt, state: 'pending', lastError: message(err) });
        result.pending++;
        if (isFatal(err)) stopped = true;
      }
    }
    await notify();
  }
  return result;
}
