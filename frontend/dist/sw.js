/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "88d95f81ea69be9f";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AbsenceReportView-BCaOzEvu.css",
  "/assets/AbsenceReportView-DcFWzDmV.js",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementProgressView-TILDOVKB.js",
  "/assets/AgreementState-D_hURqCF.js",
  "/assets/AgreementView--pMT_1G5.js",
  "/assets/AgreementView-Da_Uh1NV.css",
  "/assets/AgreementsView-APzjM6Jo.css",
  "/assets/AgreementsView-CfD551uz.js",
  "/assets/AidPoliciesView-DwcgQPX_.js",
  "/assets/AidPoliciesView-qFcw5YEm.css",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/AuditView-u1hurG4D.js",
  "/assets/BackBar-CNNNNy9F.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DCeH7rob.js",
  "/assets/ContactFormView-D4L7SYEy.js",
  "/assets/ContactFormView-h40DVWup.css",
  "/assets/CoverageView-BZvkabg9.css",
  "/assets/CoverageView-sqVuK3pr.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/DivisionSelect-Djzt9Ory.js",
  "/assets/DropoutCaseView-8xzCyVXx.css",
  "/assets/DropoutCaseView-lx5Rimqr.js",
  "/assets/DropoutView-DFAotBzZ.js",
  "/assets/DropoutView-vW7QHlLV.css",
  "/assets/ErrorBlock-vxuCfY1Y.js",
  "/assets/HomeView-CEAM--Cw.css",
  "/assets/HomeView-D1lF0F9b.js",
  "/assets/HouseholdFormView-DSCY20o3.js",
  "/assets/HouseholdView-Bdw__f4E.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdsView-BhlTMceg.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-CAAKrkiQ.js",
  "/assets/LoginView-DNLrBC21.js",
  "/assets/MeView-DNlBLFOP.js",
  "/assets/NotFoundView-CGoQhzZz.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PasswordView-Dzxx5kNA.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PersonPicker-uAYB_0tR.js",
  "/assets/PositionFields-Bp0KSfCZ.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ResponsibilityCard-YqViPiqv.js",
  "/assets/ScrollList-CYFMN17R.js",
  "/assets/SortHeader-DmrdPLXa.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-CKfq_SjY.js",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffView-CXsfdJCL.js",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaleNote-mORKRGZ6.js",
  "/assets/StudentFormView-BhwmWeUC.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-BhoYmo-I.js",
  "/assets/StudentView-DUof-nS2.css",
  "/assets/StudentView-RupAh5OC.js",
  "/assets/StudentsView-By37qgJ5.js",
  "/assets/TemplatesView-BjSdf1mN.css",
  "/assets/TemplatesView-DtOlc757.js",
  "/assets/VillageView-JpSM62Z8.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/_plugin-vue_export-helper-BDNMzG2s.js",
  "/assets/aid-rSx5YOzt.js",
  "/assets/client-CRJIXgJ9.js",
  "/assets/coverage-B1jNXqnt.js",
  "/assets/exports-CElVYjJS.js",
  "/assets/exports-Czv6TvcL.css",
  "/assets/format-CxFeWj5j.js",
  "/assets/index-B7Nb4dNi.js",
  "/assets/index-Bztw0cFB.css",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-vVKutEZP.js",
  "/assets/registry-BE8rJccS.js",
  "/assets/responsibility-CxGVgpmr.js",
  "/assets/staff-Dtrva9rN.js",
  "/assets/useConnection-BYSqyV2A.js",
  "/assets/useFamily-Cczg1lub.js",
  "/assets/useQuery-dBjI-qDb.js",
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
