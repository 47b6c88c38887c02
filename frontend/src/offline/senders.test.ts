import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDB } from './idb';
import * as outbox from './outbox';
import { logContactVariables, registerSenders } from './senders';
import { syncNow } from './sync';
import { reportOnline } from '@/state/network';
import type { ContactPayload } from '@/contact';
import type { SignaturePayload } from '@/agreement';

/** A fake server for the two mutations, storing contacts once per uuid as the real one does. */
function server() {
  const stored = new Map<string, unknown>();
  const calls: { op: string; variables: Record<string, any> }[] = [];
  let answer: 'ok' | 'lost' | 'refuse' = 'ok';
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const { operationName, variables } = JSON.parse(String(init.body));
    calls.push({ op: operationName, variables });
    if (answer === 'refuse') {
      return Response.json({ errors: [{ message: '该学生不属于此户', extensions: { code: 'BAD_USER_INPUT', field: 'studentID' } }] });
    }
    if (operationName === 'LogContact') {
      const { uuid } = variables.input;
      if (!stored.has(uuid)) stored.set(uuid, variables.input);
    }
    if (answer === 'lost') return new Response('gateway timeout', { status: 504 }); // stored, the answer lost
    if (operationName === 'LogContact') return Response.json({ data: { logContact: { id: '1', uuid: variables.input.uuid, date: variables.input.date } } });
    return Response.json({ data: { signAgreement: { id: variables.input.id, state: 'SIGNED', signedAt: '' } } });
  });
  return { fetch, calls, stored, set: (a: typeof answer) => (answer = a) };
}

const contact: ContactPayload = {
  input: { householdID: 'h1', date: '2026-11-24', mode: 'PHONE', learnedSituation: true, policiesExplained: ['雨露计划'] },
  headName: '王斌建',
  studentName: null,
  personName: '张丽',
};

beforeEach(async () => {
  await closeDB();
  globalThis.indexedDB = new IDBFactory();
  outbox.setOwner('p1');
  reportOnline();
  registerSenders();
});
afterEach(() => vi.unstubAllGlobals());

describe('outbox senders', () => {
  it('makes the outbox item id the uuid of logContact', () => {
    expect(logContactVariables({ id: 'u-1', payload: contact }).input).toEqual({ ...contact.input, uuid: 'u-1' });
  });

  it('sends a contact with the item id as uuid, and a lost answer is resent with the same uuid and stored once', async () => {
    const s = server();
    vi.stubGlobal('fetch', s.fetch);
    const item = await outbox.enqueue('contact', contact);
    s.set('lost');
    expect(await syncNow()).toEqual({ sent: 0, failed: 0, pending: 1 });
    expect(s.stored.size).toBe(1); // it did arrive
    s.set('ok');
    expect(await syncNow()).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(s.calls.map((c) => c.op)).toEqual(['LogContact', 'LogContact']);
    expect(s.calls.map((c) => c.variables.input.uuid)).toEqual([item.id, item.id]);
    expect(s.calls[1].variables.input).toEqual({ ...contact.input, uuid: item.id });
    expect(s.stored.size).toBe(1);
    expect(await syncNow()).toEqual({ sent: 0, failed: 0, pending: 0 }); // nothing left to send
    expect(s.calls).toHaveLength(2);
  });

  it('marks a refused contact failed with the server’s reason', async () => {
    const s = server();
    vi.stubGlobal('fetch', s.fetch);
    const item = await outbox.enqueue('contact', contact);
    s.set('refuse');
    expect(await syncNow()).toEqual({ sent: 0, failed: 1, pending: 0 });
    expect(await outbox.get(item.id)).toMatchObject({ state: 'failed', lastError: '该学生不属于此户' });
  });

  it('sends a signature as signAgreement', async () => {
    const s = server();
    vi.stubGlobal('fetch', s.fetch);
    const payload: SignaturePayload = { input: { id: 'a1', signedName: '张丽', signature: 'data:image/png;base64,AA' }, title: '责任书', signedAt: 1 };
    await outbox.enqueue('signature', payload);
    expect(await syncNow()).toEqual({ sent: 1, failed: 0, pending: 0 });
    expect(s.calls).toEqual([{ op: 'SignAgreement', variables: { input: payload.input } }]);
  });

  it("sends nobody else's records", async () => {
    const s = server();
    vi.stubGlobal('fetch', s.fetch);
    await outbox.enqueue('contact', contact, { owner: 'p2' });
    expect(await syncNow()).toEqual({ sent: 0, failed: 0, pending: 0 });
    expect(s.calls).toEqual([]);
  });
});
