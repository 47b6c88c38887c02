// A small typed GraphQL client over fetch. Documents are typed strings from
// codegen (src/gql), so no GraphQL library is shipped.
//
// Queries are network-first: each successful response is stored in IndexedDB
// under its document and variables; when the server cannot be reached the
// stored response is returned instead, marked stale with the time it was
// fetched. Mutations are never cached (offline writes go to the outbox).
import type { TypedDocumentString } from '@/gql/graphql';
import { readCached, writeCached } from '@/offline/queryCache';
import { reportOffline, reportOnline } from '@/state/network';
import { ApiError, NetworkError } from './errors';

export const ENDPOINT = '/graphql';
const TIMEOUT_MS = 20_000;

export interface QueryResult<T> {
  data: T;
  /** True when the server could not be reached and this is stored data. */
  stale: boolean;
  /** When the data was fetched from the server (ms since the epoch). */
  fetchedAt: number;
}

export interface RequestOptions {
  /** false: neither read nor write the offline cache (sensitive answers). */
  cache?: boolean;
  /** false: an UNAUTHENTICATED answer is the caller's business (sign-in). */
  sessionCheck?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

type UnauthenticatedHandler = (message: string) => void;
let onUnauthenticated: UnauthenticatedHandler | null = null;

/** Called when the server says the session is missing or expired. */
export function setUnauthenticatedHandler(fn: UnauthenticatedHandler | null): void {
  onUnauthenticated = fn;
}

let onPasswordChange: (() => void) | null = null;

/** Called when the server refuses everything until a one-time password is changed. */
export function setPasswordChangeHandler(fn: (() => void) | null): void {
  onPasswordChange = fn;
}

export function operationName(doc: string): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(doc)?.[1];
}

/** JSON with sorted keys and no undefined values, so equal variables give equal keys. */
export function stableStringify(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(o[k])}`).join(',')}}`;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** The offline cache key of one query with its variables. */
export function cacheKey(doc: string, variables: unknown): string {
  return `${operationName(doc) ?? 'query'}:${fnv1a(doc)}:${stableStringify(variables ?? {})}`;
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message?: string; extensions?: { code?: string; field?: string } }[];
}

async function post<T>(doc: string, variables: unknown, opts: RequestOptions): Promise<GraphQLBody<T>> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), opts.timeoutMs ?? TIMEOUT_MS);
  const cancel = () => ctl.abort();
  opts.signal?.addEventListener('abort', cancel);
  try {
    let res: Response;
    try {
      res = await fetch(ENDPOINT, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ query: doc, variables: variables ?? {}, operationName: operationName(doc) }),
        signal: ctl.signal,
      });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      reportOffline();
      throw new NetworkError();
    }
    if (res.status === 502 || res.status === 503 || res.status === 504) {
      throw new NetworkError('服务器暂时无法访问，请稍后再试');
    }
    let body: GraphQLBody<T>;
    try {
      body = (await res.json()) as GraphQLBody<T>;
    } catch (err) {
      if (err instanceof SyntaxError) throw new ApiError(`服务器返回了无法识别的内容（HTTP ${res.status}）`, 'BAD_RESPONSE');
      reportOffline();
      throw new NetworkError();
    }
    reportOnline();
    return body;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', cancel);
  }
}

function check<T>(body: GraphQLBody<T>, opts: RequestOptions): T {
  const e = body.errors?.[0];
  if (e) {
    const err = new ApiError(e.message || '出错了，请稍后再试', e.extensions?.code ?? 'INTERNAL', e.extensions?.field ?? null);
    if (err.code === 'UNAUTHENTICATED' && opts.sessionCheck !== false) onUnauthenticated?.(err.message);
    if (err.code === 'PASSWORD_CHANGE_REQUIRED') onPasswordChange?.();
    throw err;
  }
  if (body.data == null) throw new ApiError('服务器没有返回数据', 'BAD_RESPONSE');
  return body.data;
}

/** Runs a query network-first, falling back to the stored answer when offline. */
export async function query<R, V>(
  doc: TypedDocumentString<R, V>,
  variables: V,
  opts: RequestOptions = {},
): Promise<QueryResult<R>> {
  const text = doc.toString();
  const useCache = opts.cache !== false;
  const key = cacheKey(text, variables);
  let body: GraphQLBody<R>;
  try {
    body = await post<R>(text, variables, opts);
  } catch (err) {
    if (err instanceof NetworkError && useCache) {
      const hit = await readCached<R>(key);
      if (hit) return { data: hit.data, stale: true, fetchedAt: hit.fetchedAt };
    }
    throw err;
  }
  const data = check(body, opts);
  const fetchedAt = Date.now();
  if (useCache) await writeCached(key, data, fetchedAt);
  return { data, stale: false, fetchedAt };
}

/** Runs a mutation; never cached, never answered from storage. */
export async function mutate<R, V>(doc: TypedDocumentString<R, V>, variables: V, opts: RequestOptions = {}): Promise<R> {
  return check(await post<R>(doc.toString(), variables, opts), opts);
}
