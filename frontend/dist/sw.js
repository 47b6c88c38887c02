/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "4e676c09a95f0b15";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-CIDhd0DA.js",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementState-BoYtIgAw.js",
  "/assets/AgreementView-Da_Uh1NV.css",
  "/assets/AgreementView-aL7ysR6u.js",
  "/assets/AgreementsView-APzjM6Jo.css",
  "/assets/AgreementsView-DHdJLvUy.js",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/AuditView-dG-ij01_.js",
  "/assets/BackBar-D1hfxtEw.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DhT55Rek.js",
  "/assets/ContactFormView-h40DVWup.css",
  "/assets/ContactFormView-ia107cqg.js",
  "/assets/CoverageView-BZvkabg9.css",
  "/assets/CoverageView-Ds5XwGLw.js",
  "/assets/DivisionSelect-Bm4HQcqF.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/ErrorBlock-B_4oNh9w.js",
  "/assets/HomeView-N5rDE8Fz.css",
  "/assets/HomeView-ur_qgyw4.js",
  "/assets/HouseholdFormView-CxF96_mA.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdView-DWlKMOFF.js",
  "/assets/HouseholdsView-DOPMKtPk.js",
  "/assets/ImportView-BU8KcuHL.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/LoginView-DmSV7NA0.js",
  "/assets/MeView-D1a7LcF8.js",
  "/assets/NotFoundView-D3V84mYa.js",
  "/assets/PasswordView-B6N_OwWR.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PersonPicker-CXYSxy_R.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PositionFields-DYjhuAL9.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-7HTGEO8a.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-BbokoGAS.js",
  "/assets/SortHeader-AQrEgKVk.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffPersonView-Dgc0rc0W.js",
  "/assets/StaffView-CqYnnBdv.js",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaleNote-CAb5dFID.js",
  "/assets/StudentFormView-BVQeEHtE.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-CUeSUAXB.js",
  "/assets/StudentView-BHFBq3GJ.js",
  "/assets/StudentView-BsIXMIjh.css",
  "/assets/StudentsView-I0DLo2Ug.js",
  "/assets/TemplatesView-4r3HaiTd.js",
  "/assets/TemplatesView-BjSdf1mN.css",
  "/assets/VillageView-D48x_kIw.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/_plugin-vue_export-helper-BDNMzG2s.js",
  "/assets/client-CUfyC-mP.js",
  "/assets/contact-CJC4l4Fk.js",
  "/assets/coverage-W6bGAW-f.js",
  "/assets/exports-B2eM0T0Z.js",
  "/assets/exports-Czv6TvcL.css",
  "/assets/format-CxFeWj5j.js",
  "/assets/index-Bztw0cFB.css",
  "/assets/index-u_wrffW6.js",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-CvaqYS7V.js",
  "/assets/registry-Dnq9ArDN.js",
  "/assets/responsibility-CxGVgpmr.js",
  "/assets/staff-Dtrva9rN.js",
  "/assets/useConnection-DBWTFGNA.js",
  "/assets/useFamily-D7JBEjxP.js",
  "/assets/useQuery-BHzBXXq8.js",
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
