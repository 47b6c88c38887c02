/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "f4ef785dd5d91ea6";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementProgressView-WKMu2nym.js",
  "/assets/AgreementState-BfQrA9ax.js",
  "/assets/AgreementView-CJR9h1DB.js",
  "/assets/AgreementView-D4KicCEm.css",
  "/assets/AgreementsView-B5co4x71.css",
  "/assets/AgreementsView-BW1MKn__.js",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/AuditView-sYrSCYGQ.js",
  "/assets/BackBar-D1hfxtEw.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DhT55Rek.js",
  "/assets/ContactFormView-D1HqrPOM.js",
  "/assets/ContactFormView-DhkWXr5_.css",
  "/assets/CoverageView-Ooi-JzGv.js",
  "/assets/CoverageView-olZV5mga.css",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/DivisionSelect-UcDmpgEl.js",
  "/assets/ErrorBlock-CXVkIJ4V.js",
  "/assets/HomeView-N5rDE8Fz.css",
  "/assets/HomeView-_5Wli_sK.js",
  "/assets/HouseholdFormView-C5i7_rJ4.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdView-DoxjPcJW.js",
  "/assets/HouseholdsView-B95oxG0k.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-CmDJdHEj.js",
  "/assets/LoginView-B6u6J275.js",
  "/assets/MeView-BQ_Jp_-O.js",
  "/assets/NotFoundView-BUgCwgid.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PasswordView-DrJ0Fq84.js",
  "/assets/PersonPicker-BI9itr8C.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PositionFields-DNfaFyUJ.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-BIhqjuJV.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-BjUco4lq.js",
  "/assets/SortHeader-2ndnm54p.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffPersonView-CQQC9Z_p.js",
  "/assets/StaffView-CM_RWXvn.js",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaleNote-Ws5LJjmI.js",
  "/assets/StudentFormView-CDwu5Ztz.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-BCVnFden.js",
  "/assets/StudentView-BsIXMIjh.css",
  "/assets/StudentView-DCQ_oF7W.js",
  "/assets/StudentsView-D8TRPtLJ.js",
  "/assets/TemplatesView--bbiNI8p.js",
  "/assets/TemplatesView-yuQFV3wm.css",
  "/assets/VillageView-DkTc7z67.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/client-v05Icspy.js",
  "/assets/contact-fPIMMT9h.js",
  "/assets/coverage-DZAb0xRd.js",
  "/assets/format-Cj9RZocl.js",
  "/assets/index-CZ80NeRo.css",
  "/assets/index-DfXqzsfa.js",
  "/assets/pickers-B1BX5brI.js",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/registry-D8hezNFj.js",
  "/assets/responsibility-Br22lT3_.js",
  "/assets/staff-2JpYx1Ek.js",
  "/assets/useConnection-KUjRMPvo.js",
  "/assets/useFamily-CNAQpqit.js",
  "/assets/useQuery-VxeA3TfH.js",
  "/assets/useRouteQuery-D5fRbjpg.js",
  "/assets/useWide-DP-rehS-.js",
  "/assets/vant-BDSBMIdo.css",
  "/assets/vant-BsMmN6Hr.js",
  "/assets/vant-base-CQyoLgBK.js",
  "/assets/vant-base-D3kanG2c.css",
  "/assets/vue-UAKsTmtj.js"
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
