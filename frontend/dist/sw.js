/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "dc4208169e976ce7";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-BdhT9_vY.js",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementState-BfQrA9ax.js",
  "/assets/AgreementView-D4KicCEm.css",
  "/assets/AgreementView-Dm0xxkpM.js",
  "/assets/AgreementsView-B5co4x71.css",
  "/assets/AgreementsView-Byn77rIc.js",
  "/assets/BackBar-D1hfxtEw.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DhT55Rek.js",
  "/assets/ContactFormView-BIC7RtfK.js",
  "/assets/ContactFormView-DhkWXr5_.css",
  "/assets/CoverageView-olZV5mga.css",
  "/assets/CoverageView-zVYCH1T2.js",
  "/assets/DivisionSelect-C2t3iuc_.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/ErrorBlock-CVq7ljtm.js",
  "/assets/HomeView-BCGMpmMW.css",
  "/assets/HomeView-ndEjicVp.js",
  "/assets/HouseholdFormView-DN7VhhOv.js",
  "/assets/HouseholdView-B-z0qO93.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdsView-C8vLUu8X.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-CMRSyPx8.js",
  "/assets/LoginView-DaRCu_JJ.js",
  "/assets/MeView-7aE38CwX.js",
  "/assets/NotFoundView-BUgCwgid.js",
  "/assets/PasswordView-BRjufDj7.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PersonPicker-Hk8hTlT6.js",
  "/assets/PositionFields-DNfaFyUJ.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-CgvVWy3g.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-B0Dbo9h2.js",
  "/assets/SortHeader-C5w6a7RN.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-CH1tYjMB.js",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaffView-DaCK_Em-.js",
  "/assets/StaleNote-Ws5LJjmI.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentFormView-qbe-GKsQ.js",
  "/assets/StudentRow-BCVnFden.js",
  "/assets/StudentView-BsIXMIjh.css",
  "/assets/StudentView-CSHvohwX.js",
  "/assets/StudentsView-DDWC9nVM.js",
  "/assets/TemplatesView-DnTk3kdj.js",
  "/assets/TemplatesView-yuQFV3wm.css",
  "/assets/VillageView-CReTod_t.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/client-pic-Y3qY.js",
  "/assets/contact-fPIMMT9h.js",
  "/assets/coverage-DWSBBNYA.js",
  "/assets/format-Cj9RZocl.js",
  "/assets/index-BIOayHZc.js",
  "/assets/index-CIOmfWNS.css",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-B_uRO58f.js",
  "/assets/registry-BpsDeNli.js",
  "/assets/responsibility-Br22lT3_.js",
  "/assets/staff-2JpYx1Ek.js",
  "/assets/useFamily-BYC6AGtf.js",
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
