/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "2d9a13230874d823";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementProgressView-gohzGHAm.js",
  "/assets/AgreementState-BfQrA9ax.js",
  "/assets/AgreementView-D4KicCEm.css",
  "/assets/AgreementView-bYJezcFB.js",
  "/assets/AgreementsView-B5co4x71.css",
  "/assets/AgreementsView-CM7NcGgd.js",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/AuditView-CWl7Rmzn.js",
  "/assets/BackBar-D1hfxtEw.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DhT55Rek.js",
  "/assets/ContactFormView-DhkWXr5_.css",
  "/assets/ContactFormView-aGdaGGwl.js",
  "/assets/CoverageView-B4NNv6kH.js",
  "/assets/CoverageView-olZV5mga.css",
  "/assets/DivisionSelect-D1aQbmLG.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/ErrorBlock-CXVkIJ4V.js",
  "/assets/HomeView-CyaNLrzp.js",
  "/assets/HomeView-N5rDE8Fz.css",
  "/assets/HouseholdFormView-CyccMIMi.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdView-MJjgmzEb.js",
  "/assets/HouseholdsView-J2M3r_Xg.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-D1I2Tn67.js",
  "/assets/LoginView-Bp91YJt6.js",
  "/assets/MeView-DI4tdPIj.js",
  "/assets/NotFoundView-D3V84mYa.js",
  "/assets/PasswordView-BKqZRxMi.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PersonPicker-BI9itr8C.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PositionFields-DNfaFyUJ.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-BIhqjuJV.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-BjUco4lq.js",
  "/assets/SortHeader-BhgHCXFk.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-C4W6OJuD.js",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaffView-Da3T6smd.js",
  "/assets/StaleNote-Ws5LJjmI.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentFormView-nzgK3sQv.js",
  "/assets/StudentRow-BCVnFden.js",
  "/assets/StudentView-BsIXMIjh.css",
  "/assets/StudentView-mJOrCfcI.js",
  "/assets/StudentsView-BPk6Btfn.js",
  "/assets/TemplatesView-B4yxlVc-.js",
  "/assets/TemplatesView-yuQFV3wm.css",
  "/assets/VillageView-Cy7Fu7Ny.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/_plugin-vue_export-helper-BDNMzG2s.js",
  "/assets/client-v05Icspy.js",
  "/assets/contact-fPIMMT9h.js",
  "/assets/coverage-9F_CqHWV.js",
  "/assets/exports-Czv6TvcL.css",
  "/assets/exports-EqiogV1u.js",
  "/assets/format-Cj9RZocl.js",
  "/assets/index-_FWRhQMZ.css",
  "/assets/index-homA0ibh.js",
  "/assets/pickers-B-2nw_k2.js",
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
