/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "496dd9682e88f96e";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementProgressView-DV7c9nyy.js",
  "/assets/AgreementState-BoYtIgAw.js",
  "/assets/AgreementView-BMGBBkRu.js",
  "/assets/AgreementView-Da_Uh1NV.css",
  "/assets/AgreementsView-APzjM6Jo.css",
  "/assets/AgreementsView-BIaJNqDK.js",
  "/assets/BackBar-D1hfxtEw.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DhT55Rek.js",
  "/assets/ContactFormView-Cf4OWC_0.js",
  "/assets/ContactFormView-h40DVWup.css",
  "/assets/CoverageView-BZvkabg9.css",
  "/assets/CoverageView-CZR-7roA.js",
  "/assets/DivisionSelect-CJw2ltpd.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/ErrorBlock-Bip_FpEs.js",
  "/assets/HomeView-BCGMpmMW.css",
  "/assets/HomeView-GyXvuUZt.js",
  "/assets/HouseholdFormView-BLk6GMDZ.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdView-MB-K_sGG.js",
  "/assets/HouseholdsView-CyG0-lVK.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-CN5m8uLK.js",
  "/assets/LoginView-CK9ztoj3.js",
  "/assets/MeView-DlNegkqL.js",
  "/assets/NotFoundView-BUgCwgid.js",
  "/assets/PasswordView-3VvxpkIe.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PersonPicker-B-6KvRza.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PositionFields-DYjhuAL9.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-CsHEgMhm.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-CZVNVzzr.js",
  "/assets/SortHeader-CVoWwwuK.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffPersonView-Dzne6-tY.js",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaffView-DKJeBxSJ.js",
  "/assets/StaleNote-CAb5dFID.js",
  "/assets/StudentFormView-B9ay243l.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-CUeSUAXB.js",
  "/assets/StudentView-BsIXMIjh.css",
  "/assets/StudentView-C4rdK19f.js",
  "/assets/StudentsView-57I0UjWC.js",
  "/assets/TemplatesView-BcOMR600.js",
  "/assets/TemplatesView-BjSdf1mN.css",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/VillageView-c1aTpyvb.js",
  "/assets/client-C1NIa9lh.js",
  "/assets/contact-CJC4l4Fk.js",
  "/assets/coverage-BhyBG178.js",
  "/assets/format-CxFeWj5j.js",
  "/assets/index-Bt04CYuY.js",
  "/assets/index-CIraBNhD.css",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-j8d9CEmp.js",
  "/assets/registry-C_ADu5Vi.js",
  "/assets/responsibility-CxGVgpmr.js",
  "/assets/staff-Dtrva9rN.js",
  "/assets/useFamily-BlYtPmja.js",
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
