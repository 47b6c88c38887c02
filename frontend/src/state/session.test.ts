import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeDB } from '@/offline/idb';
import { readCached, writeCached } from '@/offline/queryCache';
import { reportOnline } from '@/state/network';

function storage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

const viewer = (id: string, name: string) => ({ viewer: { name, person: { id, name, phone: '', positions: [] }, roles: [], permissions: [] } });

/** A fake server: answers by operation name and records what was asked. */
function server(routes: Record<string, (vars: Record<string, unknown>) => unknown>) {
  const ops: string[] = [];
  const fetch = vi.fn(async (_url: string, init: RequestInit) => {
    const { operationName, variables } = JSON.parse(String(init.body));
    ops.push(operationName);
    const body = routes[operationName]?.(variables) ?? { errors: [{ message: 'unexpected', extensions: { code: 'INTERNAL' } }] };
    return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
  });
  return { fetch, ops };
}

async function freshSession() {
  vi.resetModules();
  return import('./session');
}

beforeEach(async () => {
  await closeDB();
  globalThis.indexedDB = new IDBFactory();
  vi.stubGlobal('localStorage', storage());
  reportOnline();
});
afterEach(() => vi.unstubAllGlobals());

describe('session', () => {
  it('asks nothing of the server on a first visit', async () => {
    const s = server({});
    vi.stubGlobal('fetch', s.fetch);
    const { ensureViewer, hasSessionHint } = await freshSession();
    expect(hasSessionHint()).toBe(false);
    expect(await ensureViewer()).toBeNull();
    expect(s.ops).toEqual([]);
  });

  it('signs in, loads the viewer and remembers who signed in', async () => {
    const s = server({
      Login: (v) => (v.password === 'sanbao-demo' ? { data: { login: { expiresAt: '', viewer: { person: { id: 'p1' } } } } } : { errors: [{ message: '手机号或密码错误', extensions: { code: 'UNAUTHENTICATED' } }] }),
      Viewer: () => ({ data: viewer('p1', '张丽') }),
    });
    vi.stubGlobal('fetch', s.fetch);
    const { login, session, hasSessionHint } = await freshSession();
    await expect(login('13900000003', 'wrong')).rejects.toMatchObject({ message: '手机号或密码错误' });
    expect(hasSessionHint()).toBe(false);
    const v = await login('13900000003', 'sanbao-demo');
    expect(v?.name).toBe('张丽');
    expect(session.viewer?.person?.id).toBe('p1');
    expect(hasSessionHint()).toBe(true);
    expect(s.ops).toEqual(['Login', 'Login', 'Viewer']);
  });

  it("clears another person's offline data at sign-in, keeps one's own", async () => {
    let who = 'p1';
    const s = server({
      Login: () => ({ data: { login: { expiresAt: '', viewer: { person: { id: who } } } } }),
      Viewer: () => ({ data: viewer(who, who) }),
    });
    vi.stubGlobal('fetch', s.fetch);
    const { login } = await freshSession();
    await login('13900000003', 'x');
    await writeCached('Households:x:{}', { mine: 'p1' });
    await login('13900000003', 'x'); // the same person again (session expired)
    expect((await readCached('Households:x:{}'))?.data).toEqual({ mine: 'p1' });
    who = 'p2';
    await login('13900000002', 'x');
    expect(await readCached('Households:x:{}')).toBeUndefined();
  });

  it('signs out: ends the server session and forgets the offline data', async () => {
    const s = server({
      Login: () => ({ data: { login: { expiresAt: '', viewer: { person: { id: 'p1' } } } } }),
      Viewer: () => ({ data: viewer('p1', '张丽') }),
      Logout: () => ({ data: { logout: true } }),
    });
    vi.stubGlobal('fetch', s.fetch);
    const { login, logout, session, hasSessionHint } = await freshSession();
    await login('13900000003', 'x');
    await writeCached('k', 1);
    await logout();
    expect(s.ops.at(-1)).toBe('Logout');
    expect(session.viewer).toBeNull();
    expect(hasSessionHint()).toBe(false);
    expect(await readCached('k')).toBeUndefined();
  });

  it('cannot sign out offline (the session would stay valid on the server)', async () => {
    const s = server({
      Login: () => ({ data: { login: { expiresAt: '', viewer: { person: { id: 'p1' } } } } }),
      Viewer: () => ({ data: viewer('p1', '张丽') }),
    });
    vi.stubGlobal('fetch', s.fetch);
    const { login, logout, session } = await freshSession();
    await login('13900000003', 'x');
    await writeCached('k', 1);
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    await expect(logout()).rejects.toMatchObject({ name: 'NetworkError' });
    expect(session.viewer?.name).toBe('张丽');
    expect((await readCached('k'))?.data).toBe(1);
  });

  it('opens offline with the last viewer seen, marked stale', async () => {
    const s = server({
      Login: () => ({ data: { login: { expiresAt: '', viewer: { person: { id: 'p1' } } } } }),
      Viewer: () => ({ data: viewer('p1', '张丽') }),
    });
    vi.stubGlobal('fetch', s.fetch);
    await (await freshSession()).login('13900000003', 'x');
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    const { ensureViewer, session } = await freshSession(); // the app opened again
    expect((await ensureViewer())?.name).toBe('张丽');
    expect(session.stale).toBe(true);
  });

  it("ties the outbox to who signed in: one's own records are sent, another's wait", async () => {
    let who = 'p1';
    const s = server({
      Login: () => ({ data: { login: { expiresAt: '', viewer: { person: { id: who } } } } }),
      Viewer: () => ({ data: viewer(who, who) }),
      Logout: () => ({ data: { logout: true } }),
    });
    vi.stubGlobal('fetch', s.fetch);
    const { login, logout } = await freshSession();
    const outbox = await import('@/offline/outbox');
    await login('13900000003', 'x');
    expect(outbox.getOwner()).toBe('p1');
    const mine = await outbox.enqueue('contact', { householdID: 'h1' });
    expect(mine.owner).toBe('p1');
    await logout();
    expect(outbox.getOwner()).toBeNull();
    expect((await outbox.list()).map((i) => i.id)).toEqual([mine.id]); // kept for p1
    who = 'p2';
    await login('13900000002', 'x');
    expect(outbox.getOwner()).toBe('p2');
    expect(await outbox.mine()).toEqual([]);
    const sent: string[] = [];
    await outbox.flush(async (i) => void sent.push(i.id), { online: () => true });
    expect(sent).toEqual([]);
    expect(await outbox.get(mine.id)).toMatchObject({ state: 'pending', attempts: 0 });
  });

  it('an expired session keeps the offline data and says why', async () => {
    const { sessionExpired, session } = await freshSession();
    await writeCached('k', 1);
    sessionExpired('登录已过期，请重新登录');
    expect(session.viewer).toBeNull();
    expect(session.notice).toBe('登录已过期，请重新登录');
    expect((await readCached('k'))?.data).toBe(1);
  });
});
