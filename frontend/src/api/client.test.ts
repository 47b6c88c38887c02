import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HouseholdsDocument, LoginDocument, ViewerDocument } from '@/gql/graphql';
import { closeDB } from '@/offline/idb';
import { clearCache, prune, readCached, writeCached } from '@/offline/queryCache';
import { online, reportOnline } from '@/state/network';
import { cacheKey, mutate, operationName, query, setUnauthenticatedHandler, stableStringify } from './client';
import { ApiError, NetworkError } from './errors';

const viewer = { viewer: { name: '张丽', person: null, roles: [], permissions: [] } };

function answer(body: unknown, status = 200) {
  return vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
}

beforeEach(async () => {
  await closeDB();
  globalThis.indexedDB = new IDBFactory();
  reportOnline();
});

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthenticatedHandler(null);
});

describe('cache keys', () => {
  it('is the same for equal variables in any key order, and differs otherwise', () => {
    const doc = HouseholdsDocument.toString();
    const a = cacheKey(doc, { first: 20, where: { status: 'LIFTED', dibao: true }, after: undefined });
    const b = cacheKey(doc, { where: { dibao: true, status: 'LIFTED' }, first: 20 });
    expect(a).toBe(b);
    expect(a.startsWith('Households:')).toBe(true);
    expect(cacheKey(doc, { first: 20, after: 'abc' })).not.toBe(cacheKey(doc, { first: 20 }));
    expect(cacheKey(ViewerDocument.toString(), {})).not.toBe(cacheKey(doc, {}));
  });

  it('writes stable JSON', () => {
    expect(stableStringify({ b: [2, { d: 1, c: null }], a: 'x', z: undefined })).toBe('{"a":"x","b":[2,{"c":null,"d":1}]}');
    expect(operationName('query Viewer { viewer { name } }')).toBe('Viewer');
    expect(operationName('mutation Login($p: String!) { x }')).toBe('Login');
  });
});

describe('query', () => {
  it('posts the document as JSON with the session cookie and returns fresh data', async () => {
    const fetch = answer({ data: viewer });
    vi.stubGlobal('fetch', fetch);
    const r = await query(ViewerDocument, {});
    expect(r.data).toEqual(viewer);
    expect(r.stale).toBe(false);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/graphql');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    const body = JSON.parse(String(init.body));
    expect(body.operationName).toBe('Viewer');
    expect(body.query).toContain('query Viewer');
    expect(body.variables).toEqual({});
  });

  it('stores each answer and returns it, marked stale, when the network fails', async () => {
    vi.stubGlobal('fetch', answer({ data: viewer }));
    const fresh = await query(ViewerDocument, {});
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const r = await query(ViewerDocument, {});
    expect(r.stale).toBe(true);
    expect(r.data).toEqual(viewer);
    expect(r.fetchedAt).toBe(fresh.fetchedAt);
    expect(online.value).toBe(false);
  });

  it('keys stored answers by variables', async () => {
    const page = (n: number) => ({ households: { totalCount: n, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } });
    vi.stubGlobal('fetch', answer({ data: page(1) }));
    await query(HouseholdsDocument, { first: 20, search: '李' });
    vi.stubGlobal('fetch', answer({ data: page(2) }));
    await query(HouseholdsDocument, { first: 20, search: '王' });
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    expect((await query(HouseholdsDocument, { first: 20, search: '李' })).data.households.totalCount).toBe(1);
    expect((await query(HouseholdsDocument, { first: 20, search: '王' })).data.households.totalCount).toBe(2);
    await expect(query(HouseholdsDocument, { first: 20, search: '张' })).rejects.toBeInstanceOf(NetworkError);
  });

  it('treats a gateway error as unreachable and falls back to the store', async () => {
    vi.stubGlobal('fetch', answer({ data: viewer }));
    await query(ViewerDocument, {});
    vi.stubGlobal('fetch', vi.fn(async () => new Response('Bad Gateway', { status: 502 })));
    expect((await query(ViewerDocument, {})).stale).toBe(true);
  });

  it('neither stores nor reads answers when cache is false', async () => {
    vi.stubGlobal('fetch', answer({ data: viewer }));
    await query(ViewerDocument, {}, { cache: false });
    expect(await readCached(cacheKey(ViewerDocument.toString(), {}))).toBeUndefined();
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('offline'))));
    await expect(query(ViewerDocument, {}, { cache: false })).rejects.toBeInstanceOf(NetworkError);
  });

  it('raises server errors with their code and field, and does not store them', async () => {
    vi.stubGlobal('fetch', answer({ errors: [{ message: '无权进行此操作', extensions: { code: 'FORBIDDEN' } }], data: null }));
    const err = await query(ViewerDocument, {}).catch((e) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('无权进行此操作');
    expect(err.code).toBe('FORBIDDEN');
    expect(await readCached(cacheKey(ViewerDocument.toString(), {}))).toBeUndefined();
  });

  it('reports an expired session to the handler with the server message', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    vi.stubGlobal('fetch', answer({ errors: [{ message: '登录已过期，请重新登录', extensions: { code: 'UNAUTHENTICATED' } }], data: { viewer: null } }));
    await expect(query(ViewerDocument, {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' });
    expect(handler).toHaveBeenCalledWith('登录已过期，请重新登录');
  });

  it('leaves a failed sign-in to the login form', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    vi.stubGlobal('fetch', answer({ errors: [{ message: '手机号或密码错误', extensions: { code: 'UNAUTHENTICATED' } }], data: null }));
    await expect(mutate(LoginDocument, { phone: '13900000001', password: 'x' }, { sessionCheck: false })).rejects.toMatchObject({
      message: '手机号或密码错误',
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('gives up after the timeout and uses the store', async () => {
    vi.stubGlobal('fetch', answer({ data: viewer }));
    await query(ViewerDocument, {});
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      ),
    );
    const r = await query(ViewerDocument, {}, { timeoutMs: 20 });
    expect(r.stale).toBe(true);
  });
});

describe('query cache housekeeping', () => {
  it('clears everything and prunes old answers', async () => {
    const now = Date.now();
    await writeCached('old', 1, now - 100 * 24 * 3600 * 1000);
    await writeCached('new', 2, now);
    expect(await prune(undefined, now)).toBe(1);
    expect(await readCached('old')).toBeUndefined();
    expect((await readCached('new'))?.data).toBe(2);
    await clearCache();
    expect(await readCached('new')).toBeUndefined();
  });
});
