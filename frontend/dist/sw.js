/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "038eb3c357c5cd3a";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AbsenceForm-BafB-Zbx.css",
  "/assets/AbsenceForm-iRvHLHXA.js",
  "/assets/AbsenceReportView-BCaOzEvu.css",
  "/assets/AbsenceReportView-DxGX1n1s.js",
  "/assets/AgreementProgressView-CG7YdPEz.js",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementState-D_hURqCF.js",
  "/assets/AgreementView-Da_Uh1NV.css",
  "/assets/AgreementView-DdCyWcdZ.js",
  "/assets/AgreementsView-APzjM6Jo.css",
  "/assets/AgreementsView-W9EGKdu5.js",
  "/assets/AidPoliciesView-DFT4I9xN.js",
  "/assets/AidPoliciesView-qFcw5YEm.css",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/AuditView-CqQmt7p4.js",
  "/assets/BackBar-CNNNNy9F.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DCeH7rob.js",
  "/assets/CompareView-CZC4sOxB.js",
  "/assets/CompareView-uFjxa4PN.css",
  "/assets/ContactFormView-Dxa-NPnL.js",
  "/assets/ContactFormView-h40DVWup.css",
  "/assets/CoverageView-4Z4TNoaH.js",
  "/assets/CoverageView-BZvkabg9.css",
  "/assets/DivisionSelect-BpM7X35D.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/DropoutCaseView-C2Mu9Ynm.css",
  "/assets/DropoutCaseView-y1UOh3IV.js",
  "/assets/DropoutView-1_FFTgG9.css",
  "/assets/DropoutView-C9rBdOwh.js",
  "/assets/ErrorBlock-CleIDxJo.js",
  "/assets/ExportLink-8CAHIXiB.js",
  "/assets/ExportLink-Czv6TvcL.css",
  "/assets/HomeView-CEAM--Cw.css",
  "/assets/HomeView-DduFF8i7.js",
  "/assets/HouseholdFormView-CVHUtGco.js",
  "/assets/HouseholdView-Bs8ejMOV.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdsView-D3AyP2Um.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-DNXCUhRO.js",
  "/assets/LoginView-CtiH6drR.js",
  "/assets/MeView-CySwq8MS.js",
  "/assets/NotFoundView-CGoQhzZz.js",
  "/assets/PasswordView-Bi42HOwx.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PersonPicker-Cm7bnzFb.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PositionFields-Bp0KSfCZ.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ProblemView-tcBbYxeU.css",
  "/assets/ProblemView-vNs-VmiE.js",
  "/assets/ProblemsView-D4yfQXju.js",
  "/assets/ProblemsView-DYhBJ9I8.css",
  "/assets/ResponsibilityCard-CCF3QhZz.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-6gVKfWJl.js",
  "/assets/SortHeader-BzAFaC-N.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffPersonView-CXCEnZVC.js",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaffView-nlKWnLNB.js",
  "/assets/StaleNote-mORKRGZ6.js",
  "/assets/StudentFormView-Bt-j294v.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-BhoYmo-I.js",
  "/assets/StudentView-CZjlg2Wc.css",
  "/assets/StudentView-Dp457B6Y.js",
  "/assets/StudentsView-CEqTjIyC.css",
  "/assets/StudentsView-D0GLCaTh.js",
  "/assets/TemplatesView-BQeYLQg6.js",
  "/assets/TemplatesView-BjSdf1mN.css",
  "/assets/VillageView-B0EmTWPW.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/_plugin-vue_export-helper-BDNMzG2s.js",
  "/assets/aid-rSx5YOzt.js",
  "/assets/client-COIE4k2-.js",
  "/assets/coverage-BW-lkrtU.js",
  "/assets/exports-BRWSrnXM.js",
  "/assets/format-CxFeWj5j.js",
  "/assets/index-Bvpp0Nzw.js",
  "/assets/index-Bztw0cFB.css",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-B_Jkrtmt.js",
  "/assets/registry-iUgOZVoO.js",
  "/assets/responsibility-CxGVgpmr.js",
  "/assets/staff-Dtrva9rN.js",
  "/assets/useConnection-D0WoPNGR.js",
  "/assets/useFamily-D1o2niaF.js",
  "/assets/useQuery-sJon03Na.js",
  "/assets/useRouteQuery-DBbn2sQT.js",
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
