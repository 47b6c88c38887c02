import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, isPermanent, NetworkError } from '@/api/errors';
import { closeDB } from './idb';
import * as outbox from './outbox';
import type { OutboxItem } from './outbox';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const online = () => true;

beforeEach(async () => {
  await closeDB();
  globalThis.indexedDB = new IDBFactory();
  outbox.setOwner('p1');
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('uuid', () => {
  it('uses crypto.randomUUID when there is one', () => {
    vi.stubGlobal('crypto', { randomUUID: () => '11111111-2222-4333-8444-555555555555' });
    expect(outbox.uuid()).toBe('11111111-2222-4333-8444-555555555555');
  });

  it('falls back to getRandomValues outside a secure context', () => {
    vi.stubGlobal('crypto', { getRandomValues: (b: Uint8Array) => b.fill(0xff) });
    const id = outbox.uuid();
    expect(id).toMatch(UUID);
    expect(id).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });

  it('falls back to Math.random with no crypto at all', () => {
    vi.stubGlobal('crypto', undefined);
    const ids = new Set(Array.from({ length: 50 }, () => outbox.uuid()));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(UUID);
  });
});

describe('enqueue and list', () => {
  it('stores a pending item with a fresh UUID and its payload', async () => {
    const item = await outbox.enqueue('contact', { householdID: 'h1', note: '电话联系' });
    expect(item.id).toMatch(UUID);
    expect(item).toMatchObject({ owner: 'p1', kind: 'contact', state: 'pending', attempts: 0, lastError: null, payload: { householdID: 'h1', note: '电话联系' } });
    expect(typeof item.createdAt).toBe('number');
    const all = await outbox.list();
    expect(all).toHaveLength(1);
    expect(all[0]).toEqual(item);
  });

  it('keeps enqueue order, also within one millisecond', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-24T08:00:00Z'));
    const a = await outbox.enqueue('contact', 1);
    const b = await outbox.enqueue('contact', 2);
    const c = await outbox.enqueue('signature', 3);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect((await outbox.list()).map((i) => i.payload)).toEqual([1, 2, 3]);
  });

  it('refuses an item without a kind', async () => {
    await expect(outbox.enqueue('', {})).rejects.toThrow();
    expect(await outbox.list()).toEqual([]);
  });

  it('survives reopening the database (a restarted app)', async () => {
    const item = await outbox.enqueue('contact', { a: 1 });
    await closeDB();
    expect((await outbox.list()).map((i) => i.id)).toEqual([item.id]);
  });
});

describe('flush', () => {
  it('sends pending items in order and marks them sent', async () => {
    const a = await outbox.enqueue('contact', 'a');
    const b = await outbox.enqueue('contact', 'b');
    const seen: string[] = [];
    const r = await outbox.flush(async (i) => void seen.push(i.id), { online });
    expect(r).toEqual({ sent: 2, failed: 0, pending: 0 });
    expect(seen).toEqual([a.id, b.id]);
    const all = await outbox.list();
    expect(all.map((i) => i.state)).toEqual(['sent', 'sent']);
    expect(all.every((i) => i.attempts === 1 && i.sentAt !== null)).toBe(true);
  });

  it('keeps an item pending on a network error, stops, and retries it later with the same UUID', async () => {
    const a = await outbox.enqueue('contact', 'a');
    await outbox.enqueue('contact', 'b');
    const ids: string[] = [];
    const down = vi.fn(async (i: OutboxItem) => {
      ids.push(i.id);
      throw new NetworkError();
    });
    const r1 = await outbox.flush(down, { online, isPermanent });
    expect(r1).toEqual({ sent: 0, failed: 0, pending: 2 });
    expect(down).toHaveBeenCalledTimes(1); // the second is not tried: the network is gone
    let first = (await outbox.get(a.id))!;
    expect(first).toMatchObject({ state: 'pending', attempts: 1, lastError: '网络不可用，请检查网络后重试' });

    const r2 = await outbox.flush(async (i) => void ids.push(i.id), { online, isPermanent });
    expect(r2).toEqual({ sent: 2, failed: 0, pending: 0 });
    expect(ids[0]).toBe(a.id);
    expect(ids[1]).toBe(a.id); // same idempotency key on the retry
    first = (await outbox.get(a.id))!;
    expect(first).toMatchObject({ state: 'sent', attempts: 2, lastError: null });
  });

  it('marks an item failed on a permanent server error and goes on with the rest', async () => {
    const bad = await outbox.enqueue('contact', 'bad');
    const good = await outbox.enqueue('contact', 'good');
    const r = await outbox.flush(
      async (i) => {
        if (i.payload === 'bad') throw new ApiError('走访日期不能晚于今天', 'BAD_USER_INPUT', 'date');
      },
      { online, isPermanent },
    );
    expect(r).toEqual({ sent: 1, failed: 1, pending: 0 });
    expect(await outbox.get(bad.id)).toMatchObject({ state: 'failed', lastError: '走访日期不能晚于今天', attempts: 1 });
    expect(await outbox.get(good.id)).toMatchObject({ state: 'sent' });
  });

  it('does not send failed or sent items again until retried', async () => {
    const item = await outbox.enqueue('contact', 'x');
    await outbox.flush(
      async () => {
        throw new outbox.PermanentError('无权进行此操作');
      },
      { online },
    );
    const send = vi.fn(async () => undefined);
    expect(await outbox.flush(send, { online })).toEqual({ sent: 0, failed: 0, pending: 0 });
    expect(send).not.toHaveBeenCalled();

    await outbox.retry(item.id);
    expect(await outbox.get(item.id)).toMatchObject({ state: 'pending', lastError: null });
    await outbox.flush(send, { online });
    expect(send).toHaveBeenCalledTimes(1);
    expect(await outbox.get(item.id)).toMatchObject({ state: 'sent', attempts: 2 });
    await outbox.flush(send, { online });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('sends nothing while offline', async () => {
    await outbox.enqueue('contact', 'x');
    const send = vi.fn(async () => undefined);
    expect(await outbox.flush(send, { online: () => false })).toEqual({ sent: 0, failed: 0, pending: 1 });
    expect(send).not.toHaveBeenCalled();
  });

  it('shares one flush between concurrent calls, so an item is not sent twice at once', async () => {
    await outbox.enqueue('contact', 'x');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const send = vi.fn(() => gate);
    const p1 = outbox.flush(send, { online });
    const p2 = outbox.flush(send, { online });
    expect(p2).toBe(p1);
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    release();
    expect(await p1).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('continues after a non-fatal transient error when told so', async () => {
    const a = await outbox.enqueue('unknown-kind', 'a');
    const b = await outbox.enqueue('contact', 'b');
    const r = await outbox.flush(
      async (i) => {
        if (i.kind === 'unknown-kind') throw new Error('此版本无法发送');
      },
      { online, isFatal: (e) => e instanceof NetworkError },
    );
    expect(r).toEqual({ sent: 1, failed: 0, pending: 1 });
    expect(await outbox.get(a.id)).toMatchObject({ state: 'pending', lastError: '此版本无法发送' });
    expect(await outbox.get(b.id)).toMatchObject({ state: 'sent' });
  });
});

describe('subscribe, counts, clearSent, remove', () => {
  it('tells subscribers the items now and after each change', async () => {
    const seen: number[][] = [];
    const off = outbox.subscribe((items) => {
      const c = outbox.counts(items);
      seen.push([c.pending, c.sent, c.failed]);
    });
    await vi.waitFor(() => expect(seen).toEqual([[0, 0, 0]]));
    await outbox.enqueue('contact', 1);
    await outbox.enqueue('contact', 2);
    expect(seen.at(-1)).toEqual([2, 0, 0]);
    await outbox.flush(async () => undefined, { online });
    expect(seen.at(-1)).toEqual([0, 2, 0]);
    off();
    await outbox.enqueue('contact', 3);
    expect(seen.at(-1)).toEqual([0, 2, 0]);
  });

  it('clears sent items only, and removes one item', async () => {
    await outbox.enqueue('contact', 'sent');
    await outbox.flush(async () => undefined, { online });
    const keep = await outbox.enqueue('contact', 'pending');
    await outbox.clearSent();
    expect((await outbox.list()).map((i) => i.id)).toEqual([keep.id]);
    await outbox.remove(keep.id);
    expect(await outbox.list()).toEqual([]);
  });
});

describe('owners: items belong to who made them', () => {
  it('stores the signed-in person on enqueue, and refuses with nobody signed in', async () => {
    expect((await outbox.enqueue('contact', 'a')).owner).toBe('p1');
    expect((await outbox.enqueue('contact', 'b', { owner: 'p9' })).owner).toBe('p9');
    outbox.setOwner(null);
    await expect(outbox.enqueue('contact', 'c')).rejects.toThrow('请先登录');
    expect((await outbox.list()).map((i) => [i.payload, i.owner])).toEqual([
      ['a', 'p1'],
      ['b', 'p9'],
    ]);
  });

  it("lists and counts only the signed-in person's items, keeping the others", async () => {
    await outbox.enqueue('contact', 'mine');
    outbox.setOwner('p2');
    await outbox.enqueue('contact', 'theirs');
    expect((await outbox.mine()).map((i) => i.payload)).toEqual(['theirs']);
    expect((await outbox.list('p1')).map((i) => i.payload)).toEqual(['mine']);
    expect((await outbox.list()).map((i) => i.payload)).toEqual(['mine', 'theirs']);
    outbox.setOwner(null);
    expect(await outbox.mine()).toEqual([]);
    expect(await outbox.list(null)).toEqual([]);
    expect(await outbox.list()).toHaveLength(2);
  });

  it("sends only the signed-in person's items; the others wait, untouched, for their owner", async () => {
    const a = await outbox.enqueue('contact', 'a');
    outbox.setOwner('p2');
    const b = await outbox.enqueue('contact', 'b');
    const sent: string[] = [];
    const send = async (i: OutboxItem) => void sent.push(`${i.owner}:${i.payload}`);

    expect(await outbox.flush(send, { online })).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(sent).toEqual(['p2:b']);
    expect(await outbox.get(a.id)).toMatchObject({ state: 'pending', attempts: 0, lastError: null, sentAt: null });
    expect(await outbox.get(b.id)).toMatchObject({ state: 'sent' });

    outbox.setOwner(null); // signed out: nothing is sent at all
    expect(await outbox.flush(send, { online })).toEqual({ sent: 0, failed: 0, pending: 0 });
    expect(sent).toEqual(['p2:b']);

    outbox.setOwner('p1'); // the owner is back
    expect(await outbox.flush(send, { online })).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(sent).toEqual(['p2:b', 'p1:a']);
    expect(await outbox.get(a.id)).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('stops when someone else signs in during a flush', async () => {
    await outbox.enqueue('contact', 'a');
    const b = await outbox.enqueue('contact', 'b');
    const send = vi.fn(async () => outbox.setOwner('p2'));
    expect(await outbox.flush(send, { online })).toEqual({ sent: 1, failed: 0, pending: 1 });
    expect(send).toHaveBeenCalledTimes(1);
    expect(await outbox.get(b.id)).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('tells subscribers and owner listeners when someone else signs in', async () => {
    await outbox.enqueue('contact', 'a1');
    await outbox.enqueue('contact', 'a2');
    outbox.setOwner('p2');
    await outbox.enqueue('contact', 'b1');
    outbox.setOwner('p1');
    const seen: unknown[][] = [];
    const owners: (string | null)[] = [];
    const off = outbox.subscribe((items) => seen.push(items.map((i) => i.payload)));
    const offOwner = outbox.onOwnerChange((o) => owners.push(o));
    await vi.waitFor(() => expect(seen).toEqual([['a1', 'a2']]));
    outbox.setOwner('p2');
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['b1']));
    outbox.setOwner('p2'); // no change, no call
    outbox.setOwner(null);
    await vi.waitFor(() => expect(seen.at(-1)).toEqual([]));
    expect(owners).toEqual(['p2', null]);
    off();
    offOwner();
  });

  it("clears only the signed-in person's sent items", async () => {
    await outbox.enqueue('contact', 'a');
    await outbox.flush(async () => undefined, { online });
    outbox.setOwner('p2');
    await outbox.enqueue('contact', 'b');
    await outbox.flush(async () => undefined, { online });
    await outbox.clearSent();
    expect((await outbox.list()).map((i) => [i.payload, i.state])).toEqual([['a', 'sent']]);
  });

  it('flushes an explicit owner when asked to', async () => {
    await outbox.enqueue('contact', 'a', { owner: 'p3' });
    const send = vi.fn(async () => undefined);
    expect(await outbox.flush(send, { online, owner: 'p3' })).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(send).toHaveBeenCalledTimes(1);
  });
});
