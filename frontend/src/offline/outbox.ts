// The outbox keeps writes made in the field (contact logs, signatures) in
// IndexedDB until they reach the server. Each item carries a client-generated
// UUID that the server uses to drop duplicates, so sending an item again after
// a lost response is safe.
//
// Items belong to the person who made them: enqueue stores the signed-in
// person's id (the owner), and only the owner's items are listed, counted and
// sent while they are signed in. A phone shared by two teachers keeps the
// other one's records, untouched, until that person signs in again; they are
// never sent under someone else's session.
import { OUTBOX, withStore } from './idb';

export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxItem<P = unknown> {
  /** Client-generated UUID; the server's idempotency key. */
  id: string;
  /** Person id of who made it; only sent while they are signed in. */
  owner: string;
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
  /** Whose items to send; defaults to the signed-in person (setOwner). */
  owner?: string | null;
}

export interface EnqueueOptions {
  /** Defaults to the signed-in person (setOwner). */
  owner?: string | null;
}

export interface FlushResult {
  sent: number;
  failed: number;
  pending: number;
}

type Listener = (items: OutboxItem[]) => void;
const listeners = new Set<Listener>();
const ownerListeners = new Set<(owner: string | null) => void>();
let seqCounter = 0;
let currentOwner: string | null = null;

/** The person signed in (their items are the ones shown and sent), or null. */
export function getOwner(): string | null {
  return currentOwner;
}

/** Sets who is signed in; subscribers then see that person's items. */
export function setOwner(owner: string | null): void {
  const next = owner || null;
  if (next === currentOwner) return;
  currentOwner = next;
  for (const fn of ownerListeners) fn(next);
  void notify().catch(() => undefined);
}

/** Calls fn whenever someone else signs in (or out); returns the unsubscribe. */
export function onOwnerChange(fn: (owner: string | null) => void): () => void {
  ownerListeners.add(fn);
  return () => ownerListeners.delete(fn);
}

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

/** Items of one owner, oldest first; every owner's with owner undefined. */
export async function list(owner?: string | null): Promise<OutboxItem[]> {
  const items = await withStore<OutboxItem[]>(OUTBOX, 'readonly', (s) => s.getAll());
  const all = (items ?? []).sort(byOrder);
  return owner === undefined ? all : all.filter((i) => !!owner && i.owner === owner);
}

/** The signed-in person's items, oldest first (none when nobody is). */
export function mine(): Promise<OutboxItem[]> {
  return list(currentOwner);
}

export async function get(id: string): Promise<OutboxItem | undefined> {
  return withStore<OutboxItem | undefined>(OUTBOX, 'readonly', (s) => s.get(id));
}

async function notify(): Promise<void> {
  if (listeners.size === 0) return;
  const items = await mine();
  for (const fn of listeners) fn(items);
}

/**
 * Calls fn with the signed-in person's items now and after every change (and
 * when someone else signs in); returns the unsubscribe.
 */
export function subscribe(fn: Listener): () => void {
  listeners.add(fn);
  mine().then(fn, () => fn([]));
  return () => listeners.delete(fn);
}

/** Stores a write of the signed-in person to be sent later; returns it with its new UUID. */
export async function enqueue<P>(kind: string, payload: P, opts: EnqueueOptions = {}): Promise<OutboxItem<P>> {
  if (!kind) throw new Error('outbox: kind is required');
  const owner = opts.owner === undefined ? currentOwner : opts.owner;
  if (!owner) throw new Error('请先登录后再保存记录');
  const now = Date.now();
  const item: OutboxItem<P> = {
    id: uuid(),
    owner,
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

/** Forgets the signed-in person's items the server has accepted. */
export async function clearSent(): Promise<void> {
  const sent = (await mine()).filter((i) => i.state === 'sent');
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
 * Sends the owner's pending items oldest first, one at a time. An accepted
 * item becomes 'sent'; a permanent error makes it 'failed' (the user sees why
 * and may retry); any other error keeps it 'pending' for the next flush. After
 * a fatal error (the network is gone, the session has expired) the rest wait
 * too. Other people's items are neither sent nor changed. Calls made while a
 * flush runs share it, so an item is never sent twice at once.
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
  const owner = opts.owner === undefined ? currentOwner : opts.owner;
  const result: FlushResult = { sent: 0, failed: 0, pending: 0 };
  if (!owner) return result;
  const pending = (await list(owner)).filter((i) => i.state === 'pending');
  if (!online()) {
    result.pending = pending.length;
    return result;
  }
  let stopped = false;
  // Someone else signing in while this runs: their session must not carry
  // the rest of these items.
  const ownerLeft = () => opts.owner === undefined && currentOwner !== owner;
  for (const item of pending) {
    if (!stopped && ownerLeft()) stopped = true;
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
