/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "c82b9b6a8d67550a";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AgreementProgressView-BultEy12.js",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementState-D_hURqCF.js",
  "/assets/AgreementView-DJbjkiby.js",
  "/assets/AgreementView-Da_Uh1NV.css",
  "/assets/AgreementsView-APzjM6Jo.css",
  "/assets/AgreementsView-BubLhvx8.js",
  "/assets/AuditView-9d8ntbcf.js",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/BackBar-BQ7zvVnF.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DCeH7rob.js",
  "/assets/CompareView-BjSLj-13.js",
  "/assets/CompareView-uFjxa4PN.css",
  "/assets/ContactFormView-h40DVWup.css",
  "/assets/ContactFormView-qVRydcG2.js",
  "/assets/CoverageView-BZvkabg9.css",
  "/assets/CoverageView-KelapJPZ.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/DivisionSelect-fJu4vZQ6.js",
  "/assets/ErrorBlock-DPqP9QEw.js",
  "/assets/ExportLink-Czv6TvcL.css",
  "/assets/ExportLink-rXESvCgG.js",
  "/assets/HomeView-B2gyeX_g.js",
  "/assets/HomeView-N5rDE8Fz.css",
  "/assets/HouseholdFormView-Db4WoIet.js",
  "/assets/HouseholdView-CeFxtMcW.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdsView-Cx80U0nI.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-PHDdWX_T.js",
  "/assets/LoginView-BH6Gi2Y_.js",
  "/assets/MeView-CsPgUkn2.js",
  "/assets/NotFoundView-BlG1yyqi.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PasswordView-qh23l1UG.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PersonPicker-DaHEvx9E.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/PositionFields-gTBrHi6X.js",
  "/assets/ResponsibilityCard-ACB47dqa.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-DD4969it.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/SortHeader-TmaByz3C.js",
  "/assets/StaffPersonView-1pDDUiUi.js",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffView-Cf9rBLjq.js",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaleNote-mORKRGZ6.js",
  "/assets/StudentFormView-CzFQyZ7g.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-BhoYmo-I.js",
  "/assets/StudentView-BsIXMIjh.css",
  "/assets/StudentView-EiEdUKcI.js",
  "/assets/StudentsView-CEFOTAzw.js",
  "/assets/TemplatesView-BjSdf1mN.css",
  "/assets/TemplatesView-ws2JurEQ.js",
  "/assets/VillageView-RTq0l6qY.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/_plugin-vue_export-helper-BDNMzG2s.js",
  "/assets/client-BZRXqMRD.js",
  "/assets/contact-CJC4l4Fk.js",
  "/assets/coverage-Cv0hwVMa.js",
  "/assets/exports-sAXmOpj9.js",
  "/assets/format-CxFeWj5j.js",
  "/assets/index-Bztw0cFB.css",
  "/assets/index-C263XtXq.js",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-CQMQtkzr.js",
  "/assets/registry-BFq9FM32.js",
  "/assets/responsibility-CxGVgpmr.js",
  "/assets/staff-Dtrva9rN.js",
  "/assets/useConnection-Cu9FoZo7.js",
  "/assets/useFamily-DBX1IENz.js",
  "/assets/useQuery-CHHjuXvM.js",
  "/assets/useRouteQuery-DBbn2sQT.js",
  "/assets/useWide-NL6qTjL3.js",
  "/assets/vant-BDSBMIdo.css",
  "/assets/vant-DaJPo11t.js",
  "/assets/vant-base-BhJdjEK4.js",
  "/assets/vant-base-D3kanG2c.css",
  "/assets/vue-BXRm0bps.js"
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
