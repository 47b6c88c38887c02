/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "c1747d64044dfe37";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementProgressView-DeEiGd5D.js",
  "/assets/AgreementState-BoYtIgAw.js",
  "/assets/AgreementView-BqJPRdJt.js",
  "/assets/AgreementView-D4KicCEm.css",
  "/assets/AgreementsView-2urZQ5kX.js",
  "/assets/AgreementsView-B5co4x71.css",
  "/assets/BackBar-D1hfxtEw.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DhT55Rek.js",
  "/assets/ContactFormView-gQiwGjGC.js",
  "/assets/ContactFormView-h40DVWup.css",
  "/assets/CoverageView-C_1oc_Zn.js",
  "/assets/CoverageView-olZV5mga.css",
  "/assets/DivisionSelect-D-BRt9T7.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/ErrorBlock-ChgZeaSc.js",
  "/assets/HomeView-BCGMpmMW.css",
  "/assets/HomeView-BiWur2vl.js",
  "/assets/HouseholdFormView-cl-Bc8r6.js",
  "/assets/HouseholdView-Cwbll0j-.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdsView-gDEd47xN.js",
  "/assets/ImportView-B2JQ6RKE.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/LoginView-7eQWRgik.js",
  "/assets/MeView-DgoqgCNX.js",
  "/assets/NotFoundView-BUgCwgid.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PasswordView-DOKsU5a-.js",
  "/assets/PersonPicker-BQDEx0mF.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PositionFields-DYjhuAL9.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-CgpKIVTK.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-BYxv9fzh.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/SortHeader-DuWCk8Ho.js",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffPersonView-DCPWNWiH.js",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaffView-DLPTHdO2.js",
  "/assets/StaleNote-CAb5dFID.js",
  "/assets/StudentFormView-DXK1cGk2.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-CaDFJxF8.js",
  "/assets/StudentView-BsIXMIjh.css",
  "/assets/StudentView-_AlWAESr.js",
  "/assets/StudentsView-BhmH0bBa.js",
  "/assets/TemplatesView-BVdckqXs.js",
  "/assets/TemplatesView-yuQFV3wm.css",
  "/assets/VillageView-DPdz_LCc.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/client-BSK3IUVR.js",
  "/assets/contact-CJC4l4Fk.js",
  "/assets/coverage-BKxBQZzf.js",
  "/assets/format-CxFeWj5j.js",
  "/assets/index-CIOmfWNS.css",
  "/assets/index-Dw8-whTj.js",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-Dj0to9RR.js",
  "/assets/registry-x3Uyqlbj.js",
  "/assets/responsibility-CxGVgpmr.js",
  "/assets/staff-Dtrva9rN.js",
  "/assets/useFamily-CbK7mr06.js",
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
