// Who is signed in. The session itself is an HttpOnly cookie set by the
// login mutation; the app only keeps the viewer it got back, and (through the
// query cache) the last viewer seen, so it opens offline too.
import { reactive } from 'vue';
import { LoginDocument, LogoutDocument, ViewerDocument } from '@/gql/graphql';
import { mutate, query } from '@/api/client';
import { ApiError, NetworkError } from '@/api/errors';
import { clearCache } from '@/offline/queryCache';
import { setOwner } from '@/offline/outbox';
import type { Viewer } from '@/scope';

const LAST_PERSON = 'sanbao.lastPerson';

export const session = reactive({
  viewer: null as Viewer | null,
  /** The viewer comes from offline storage. */
  stale: false,
  /** Shown on the login page: why the person has to sign in (again). */
  notice: '',
});

let loading: Promise<Viewer | null> | null = null;

function lastPerson(): string | null {
  try {
    return localStorage.getItem(LAST_PERSON);
  } catch {
    return null;
  }
}

function rememberPerson(id: string | null | undefined): void {
  try {
    if (id) localStorage.setItem(LAST_PERSON, id);
    else localStorage.removeItem(LAST_PERSON);
  } catch {
    // storage disabled: the cache is then cleared on every sign-in
  }
}

/** Loads the viewer (from the server, or offline from storage). */
export function loadViewer(): Promise<Viewer | null> {
  if (loading) return loading;
  loading = (async () => {
    try {
      const r = await query(ViewerDocument, {});
      session.viewer = r.data.viewer ?? null;
      session.stale = r.stale;
      // Records written from now on are this person's; theirs are sent.
      setOwner(session.viewer?.person?.id ?? null);
    } catch (err) {
      session.viewer = null;
      if (err instanceof NetworkError) session.notice = '网络不可用，且本机没有离线数据，请联网后登录';
      else if (err instanceof ApiError && err.code !== 'UNAUTHENTICATED') session.notice = err.message;
    }
    return session.viewer;
  })().finally(() => {
    loading = null;
  });
  return loading;
}

let loaded: Promise<Viewer | null> | null = null;

/**
 * Whether this browser has signed in and not signed out since. The session
 * cookie is HttpOnly, so this is what tells a first visit (straight to the
 * login form, no request) from a returning one.
 */
export function hasSessionHint(): boolean {
  return lastPerson() !== null;
}

/** The viewer, loaded once per page load. */
export function ensureViewer(): Promise<Viewer | null> {
  if (!loaded) loaded = hasSessionHint() ? loadViewer() : Promise.resolve(null);
  return loaded;
}

/** Signs in; throws ApiError (shown inline) or NetworkError. */
export async function login(phone: string, password: string): Promise<Viewer | null> {
  const r = await mutate(LoginDocument, { phone, password }, { sessionCheck: false });
  const personID = r.login.viewer.person?.id ?? null;
  // Someone else used this phone before: their offline data must not show.
  if (personID !== lastPerson()) await clearCache();
  rememberPerson(personID);
  session.notice = '';
  const v = await loadViewer();
  loaded = Promise.resolve(v);
  return v;
}

/** Loads the viewer again after it changed (a new password), for the next navigation too. */
export async function reloadViewer(): Promise<Viewer | null> {
  const v = await loadViewer();
  loaded = Promise.resolve(v);
  return v;
}

/** Signs out on the server, then forgets everything stored for this person. */
export async function logout(): Promise<void> {
  try {
    await mutate(LogoutDocument, {}, { sessionCheck: false });
  } catch (err) {
    // Already signed out on the server (expired): nothing left to end there.
    if (!(err instanceof ApiError && err.code === 'UNAUTHENTICATED')) throw err;
  }
  await clearCache();
  rememberPerson(null);
  // Unsent records stay on the phone, for their owner's next sign-in.
  setOwner(null);
  session.viewer = null;
  session.stale = false;
  loaded = Promise.resolve(null);
}

/** The server said the session is gone: keep the offline data, ask to sign in. */
export function sessionExpired(message: string): void {
  session.viewer = null;
  session.notice = message || '登录已过期，请重新登录';
  loaded = Promise.resolve(null);
}
