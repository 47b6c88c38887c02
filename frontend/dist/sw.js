/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "e4fb611d2c163cd7";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-BspFnfiA.js",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementState-BfQrA9ax.js",
  "/assets/AgreementView-BCk-6Flm.js",
  "/assets/AgreementView-D4KicCEm.css",
  "/assets/AgreementsView-B5co4x71.css",
  "/assets/AgreementsView-Bsvbj_kd.js",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/AuditView-ehbgUTmM.js",
  "/assets/BackBar-D1hfxtEw.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DhT55Rek.js",
  "/assets/ContactFormView-BpvmYFXK.js",
  "/assets/ContactFormView-DhkWXr5_.css",
  "/assets/CoverageView-DQP4B4u6.js",
  "/assets/CoverageView-olZV5mga.css",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/DivisionSelect-q4Dm4l0I.js",
  "/assets/ErrorBlock-CXVkIJ4V.js",
  "/assets/HomeView-DSi5jfAn.js",
  "/assets/HomeView-N5rDE8Fz.css",
  "/assets/HouseholdFormView-BmxM1LSA.js",
  "/assets/HouseholdView-Brl39j1j.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdsView-SHaIFnxH.js",
  "/assets/ImportView-68C1ndll.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/LoginView-Cocuublf.js",
  "/assets/MeView-CAHsEcHc.js",
  "/assets/NotFoundView-D3V84mYa.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PasswordView-CKtZZUZr.js",
  "/assets/PersonPicker-BI9itr8C.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PositionFields-DNfaFyUJ.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-BIhqjuJV.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-BjUco4lq.js",
  "/assets/SortHeader-D4CqQ_2q.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-BmD4UO3s.js",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffView-Cmb6L8XB.js",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaleNote-Ws5LJjmI.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentFormView-DuSiIUor.js",
  "/assets/StudentRow-BCVnFden.js",
  "/assets/StudentView-BsIXMIjh.css",
  "/assets/StudentView-BxxB0FTm.js",
  "/assets/StudentsView-BE4V3Td2.js",
  "/assets/TemplatesView-BUcOXjK4.js",
  "/assets/TemplatesView-yuQFV3wm.css",
  "/assets/VillageView--NzBT0lU.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/_plugin-vue_export-helper-BDNMzG2s.js",
  "/assets/client-v05Icspy.js",
  "/assets/contact-fPIMMT9h.js",
  "/assets/coverage-yz_EvBok.js",
  "/assets/exports-Czv6TvcL.css",
  "/assets/exports-EqiogV1u.js",
  "/assets/format-Cj9RZocl.js",
  "/assets/index-BIABXNZp.js",
  "/assets/index-_FWRhQMZ.css",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-C78mMcxt.js",
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
