/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "947aa0e77c5be83c";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementProgressView-dMTsbavg.js",
  "/assets/AgreementState-B6mxgpaz.js",
  "/assets/AgreementView-CG0ShwGF.js",
  "/assets/AgreementView-D4KicCEm.css",
  "/assets/AgreementsView-B5co4x71.css",
  "/assets/AgreementsView-Cn93pF7b.js",
  "/assets/BackBar-C9J0OIdz.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-Dj0H1heP.js",
  "/assets/ContactFormView-B8kFPSj9.js",
  "/assets/ContactFormView-DhkWXr5_.css",
  "/assets/CoverageView-BLUrKu6q.css",
  "/assets/CoverageView-Cs8j2HkG.js",
  "/assets/DivisionSelect-BUdSf52o.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/ErrorBlock-CnPKB3Z0.js",
  "/assets/HomeView-BCGMpmMW.css",
  "/assets/HomeView-DF7m5UKI.js",
  "/assets/HouseholdFormView-Bfyn66zv.js",
  "/assets/HouseholdView-BmG1VgyV.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdsView-BhEtL-W3.js",
  "/assets/LoginView-Dh0JQ5sc.js",
  "/assets/MeView-BpXmTnCA.js",
  "/assets/NotFoundView-BxED2K_2.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PersonPicker-cX55FaWB.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ResponsibilityCard-q9sEnF1K.js",
  "/assets/ScrollList-C5xj91kC.js",
  "/assets/SortHeader-DQPJJ-WV.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaleNote-DR4TIYlw.js",
  "/assets/StudentFormView-BFuKN7Lk.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-4geJIODg.js",
  "/assets/StudentView-BsIXMIjh.css",
  "/assets/StudentView-mwzdtsTX.js",
  "/assets/StudentsView-BPz74_O2.js",
  "/assets/TemplatesView-B6AzUkEW.js",
  "/assets/TemplatesView-yuQFV3wm.css",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/VillageView-iEWDGT3G.js",
  "/assets/contact-fPIMMT9h.js",
  "/assets/coverage-DQt0cZs3.js",
  "/assets/format-Cj9RZocl.js",
  "/assets/index-CZ80NeRo.css",
  "/assets/index-D4Jb51lC.js",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-Cj3rW_im.js",
  "/assets/registry-Bj03o4Nm.js",
  "/assets/responsibility-Br22lT3_.js",
  "/assets/useFamily-DxUN-uhb.js",
  "/assets/useRouteQuery-D7xj88GB.js",
  "/assets/vant-BDSBMIdo.css",
  "/assets/vant-BSOFr0MI.js",
  "/assets/vant-base-D3kanG2c.css",
  "/assets/vant-base-Dt_GmSCY.js",
  "/assets/vue-BwGMVTC6.js"
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

// The API, the health probe, the worker itself and the agreement PDFs
// (/agreements/12.pdf, /agreements/archive.pdf: made by the server on
// request, which may take longer than a page may wait) are never answered
// from here.
function isAppPath(url) {
  const p = url.pathname;
  if (p === '/graphql' || p === '/healthz' || p === '/sw.js') return false;
  return !(p.startsWith('/agreements/') && p.endsWith('.pdf'));
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
