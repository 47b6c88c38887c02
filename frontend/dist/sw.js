/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "cc684b93bb2c21ea";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AbsenceForm-BafB-Zbx.css",
  "/assets/AbsenceForm-xGEjUYHE.js",
  "/assets/AbsenceReportView-BCaOzEvu.css",
  "/assets/AbsenceReportView-Dax8evTo.js",
  "/assets/AgreementProgressView-B19EYL5k.js",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementState-D_hURqCF.js",
  "/assets/AgreementView-BG8EjkyE.js",
  "/assets/AgreementView-Da_Uh1NV.css",
  "/assets/AgreementsView-APzjM6Jo.css",
  "/assets/AgreementsView-C9lH-6HF.js",
  "/assets/AidPoliciesView-Bhrsv7V4.js",
  "/assets/AidPoliciesView-qFcw5YEm.css",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/AuditView-BFhkXC6f.js",
  "/assets/BackBar-CNNNNy9F.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DCeH7rob.js",
  "/assets/CompareView-CslaZ27i.js",
  "/assets/CompareView-uFjxa4PN.css",
  "/assets/ContactFormView-DpwEEse4.js",
  "/assets/ContactFormView-h40DVWup.css",
  "/assets/CoverageView-B-l6Sgk3.js",
  "/assets/CoverageView-BZvkabg9.css",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/DivisionSelect-DYhOSO41.js",
  "/assets/DropoutCaseView-C2Mu9Ynm.css",
  "/assets/DropoutCaseView-WHPYbtyQ.js",
  "/assets/DropoutView-1_FFTgG9.css",
  "/assets/DropoutView-B6h1cpvT.js",
  "/assets/ErrorBlock-DnO8NUj0.js",
  "/assets/ExportLink-Czv6TvcL.css",
  "/assets/ExportLink-baiPWABJ.js",
  "/assets/HomeView-CEAM--Cw.css",
  "/assets/HomeView-gs_E_hfP.js",
  "/assets/HouseholdFormView-cYs7rPie.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdView-_al5WzsB.js",
  "/assets/HouseholdsView-BlMWcf-2.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-Cd8X2dwW.js",
  "/assets/InspectionsView-BS26dwg-.css",
  "/assets/InspectionsView-KzxN09N-.js",
  "/assets/LoginView-CxqsSZNr.js",
  "/assets/MeView-DMmNCKSn.js",
  "/assets/NotFoundView-CGoQhzZz.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PasswordView-tkmND8W-.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PersonPicker-DphHiWa3.js",
  "/assets/PositionFields-Bp0KSfCZ.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ProblemNewView-CurYI2E3.css",
  "/assets/ProblemNewView-hwswfrw4.js",
  "/assets/ProblemView-CmMBAZKq.js",
  "/assets/ProblemView-tcBbYxeU.css",
  "/assets/ProblemsView-BiOnVaYS.css",
  "/assets/ProblemsView-DPsYiOel.js",
  "/assets/ResponsibilityCard-DeQTyMf7.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-5QRDdy1P.js",
  "/assets/SortHeader-BvE7jGkw.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-B4ET1g69.js",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaffView-F9EMXxKT.js",
  "/assets/StaleNote-mORKRGZ6.js",
  "/assets/StudentFormView-DH8lszOL.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-BhoYmo-I.js",
  "/assets/StudentView-CD3WmcR3.js",
  "/assets/StudentView-CZjlg2Wc.css",
  "/assets/StudentsView-C0n6GsB0.js",
  "/assets/StudentsView-CEqTjIyC.css",
  "/assets/TemplatesView-BjSdf1mN.css",
  "/assets/TemplatesView-Tsqxfsw4.js",
  "/assets/VillageView-DB1BeIYM.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/_plugin-vue_export-helper-BDNMzG2s.js",
  "/assets/aid-rSx5YOzt.js",
  "/assets/client-D9b5mR2Y.js",
  "/assets/coverage-B1srsojI.js",
  "/assets/exports-BRWSrnXM.js",
  "/assets/format-CxFeWj5j.js",
  "/assets/index-Bztw0cFB.css",
  "/assets/index-C7SowcBf.js",
  "/assets/inspections-MBdrNzQ_.js",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-i0O9M9pZ.js",
  "/assets/registry-DxTpOPRi.js",
  "/assets/responsibility-CxGVgpmr.js",
  "/assets/staff-Dtrva9rN.js",
  "/assets/useConnection-DSWWVpGA.js",
  "/assets/useFamily-D0zJzejQ.js",
  "/assets/useQuery-NztdhkH0.js",
  "/assets/useRouteQuery-DBbn2sQT.js",
  "/assets/useTerms-D4BZUF3y.js",
  "/assets/useWide-NL6qTjL3.js",
  "/assets/vant-BfAAF7dE.js",
  "/assets/vant-By0Oo49d.css",
  "/assets/vant-base-CIE-vEYq.js",
  "/assets/vant-base-DLyhFgyU.css",
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
