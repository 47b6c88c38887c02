/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "c5c31d9e4938f115";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-05lQjuqD.css",
  "/assets/AgreementProgressView-DfBXNtjF.js",
  "/assets/AgreementState-Ds1cPtTi.js",
  "/assets/AgreementView-C1uNb--6.css",
  "/assets/AgreementView-DBJ6d9hr.js",
  "/assets/AgreementsView-5yiU93EY.js",
  "/assets/AgreementsView-B5co4x71.css",
  "/assets/BackBar-Lja2YNf3.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-BfjThPaC.js",
  "/assets/ContactFormView-DhkWXr5_.css",
  "/assets/ContactFormView-Q4Hzyvm1.js",
  "/assets/CoverageView-B6n6fl-t.css",
  "/assets/CoverageView-jpHLgrRx.js",
  "/assets/ErrorBlock-DDIS4U6t.js",
  "/assets/FlagPicker-4EHTl1Fh.js",
  "/assets/HomeView-BCGMpmMW.css",
  "/assets/HomeView-DP85Gt5f.js",
  "/assets/HouseholdView-Di3LLCOe.css",
  "/assets/HouseholdView-Lez8JlWq.js",
  "/assets/HouseholdsView-Dak-C0SE.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-C3YE4rK3.js",
  "/assets/LoginView-BRtHs5O7.js",
  "/assets/MeView-hvhkHpS4.js",
  "/assets/NotFoundView-kxlrN_xc.js",
  "/assets/ScrollList-CVLGzYxe.js",
  "/assets/StaleNote-CMQS62-B.js",
  "/assets/StudentRow-Cn-c5VP7.js",
  "/assets/StudentView-OQbHlS0S.js",
  "/assets/StudentsView-BNDmKfYf.js",
  "/assets/TemplatesView-BAv929BG.js",
  "/assets/TemplatesView-yuQFV3wm.css",
  "/assets/VillageView-D0l-tk0R.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/client-wPa96HCs.js",
  "/assets/contact-6oS8zVgT.js",
  "/assets/coverage-H6q-LfUv.js",
  "/assets/format-Cj9RZocl.js",
  "/assets/index-Bbt4Qp4b.js",
  "/assets/index-CZ80NeRo.css",
  "/assets/useFamily-DwK9yxQP.js",
  "/assets/useQuery-B6vvqJ14.js",
  "/assets/useRouteQuery-DTAinIz9.js",
  "/assets/vant-BDSBMIdo.css",
  "/assets/vant-Depjxp8Q.js",
  "/assets/vant-base-CpQLH0P6.js",
  "/assets/vant-base-D3kanG2c.css",
  "/assets/vue-iTqDhI4R.js"
];
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
// imports (/imports/…: uploads, templates, marked copies) are never
// answered from here.
function isAppPath(url) {
  const p = url.pathname;
  if (p === '/graphql' || p === '/healthz' || p === '/sw.js') return false;
  return !(p.startsWith('/agreements/') && p.endsWith('.pdf')) && !p.startsWith('/imports/');
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
