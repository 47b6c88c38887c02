/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = '__VERSION__';
const PRECACHE = __PRECACHE__;
const CACHE = `sanbao-shell-${VERSION}`;
const INDEX = '/index.html';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((p) => new Request(p, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('sanbao-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The API, the health probe, the worker itself, the agreement PDFs
// (/agreements/12.pdf, /agreements/archive.pdf: made by the server on
// request, which may take longer than a page may wait) and the files of
// imports (/imports/…: uploads, templates, marked copies) and exports
// (/exports/…xlsx) are never answered from here.
function isAppPath(url) {
  const p = url.pathname;
  if (p === '/graphql' || p === '/healthz' || p === '/sw.js') return false;
  return !(p.startsWith('/agreements/') && p.endsWith('.pdf')) && !p.startsWith('/imports/') && !p.startsWith('/exports/');
}

// Pages: the network when it answers in time, otherwise the stored shell
// (the router then shows the right page from the URL). A weak signal must not
// keep a teacher waiting: after a few seconds the stored shell is used and
// the network answer only refreshes the store.
const NAV_TIMEOUT_MS = 3500;

async function navigate(request) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (res) => {
    if (res.ok && (res.headers.get('Content-Type') || '').includes('text/html')) {
      await cache.put(INDEX, res.clone());
    }
    return res;
  });
  const shell = await cache.match(INDEX);
  if (!shell) return network;
  network.catch(() => undefined);
  const late = new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NAV_TIMEOUT_MS));
  try {
    return await Promise.race([network, late]);
  } catch {
    return shell;
  }
}

// Hashed assets never change: the stored copy first.
async function asset(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

// Other files of the shell (manifest, icon): the network, else the copy.
async function shellFile(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(request, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !isAppPath(url)) return;
  if (request.mode === 'navigate') {
    event.respondWith(navigate(request));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(shellFile(request));
  }
});
