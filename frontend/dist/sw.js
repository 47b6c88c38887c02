/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "8ef59d3b25c8eabf";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AbsenceReportView-BCaOzEvu.css",
  "/assets/AbsenceReportView-BLQ2karM.js",
  "/assets/AgreementProgressView-C8zciPhF.js",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementState-D_hURqCF.js",
  "/assets/AgreementView-8iJoLTOM.js",
  "/assets/AgreementView-Da_Uh1NV.css",
  "/assets/AgreementsView-APzjM6Jo.css",
  "/assets/AgreementsView-Bk_kI3gT.js",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/AuditView-BMFIIFn5.js",
  "/assets/BackBar-CNNNNy9F.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DCeH7rob.js",
  "/assets/ContactFormView-D9JFOfLB.js",
  "/assets/ContactFormView-h40DVWup.css",
  "/assets/CoverageView-BZvkabg9.css",
  "/assets/CoverageView-ZmHLu7PL.js",
  "/assets/DivisionSelect-Cqe4O_QM.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/DropoutCaseView-BY_azIBp.js",
  "/assets/DropoutCaseView-DbkiGjYP.css",
  "/assets/DropoutView-CsSJ852T.css",
  "/assets/DropoutView-D3Liztvo.js",
  "/assets/ErrorBlock-CfSQQvfj.js",
  "/assets/HomeView-BTlPK6NF.js",
  "/assets/HomeView-CEAM--Cw.css",
  "/assets/HouseholdFormView-C97c0Jey.js",
  "/assets/HouseholdView-C9zuTQiQ.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdsView-CyMlwMpv.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/ImportView-Bm6SKK3m.js",
  "/assets/LoginView-CpNSU6X9.js",
  "/assets/MeView-RVrZcE8k.js",
  "/assets/NotFoundView-CGoQhzZz.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PasswordView-DAMOnZ0Z.js",
  "/assets/PersonPicker-B4V13ipg.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PositionFields-Bp0KSfCZ.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-DF5A4Ylf.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-C4DqBpLo.js",
  "/assets/SortHeader-DqcIe3pe.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-BbWjazIP.js",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaffView-DdW7uLlS.js",
  "/assets/StaleNote-mORKRGZ6.js",
  "/assets/StudentFormView-BDtmzBo8.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-BhoYmo-I.js",
  "/assets/StudentView-BHl0O09F.css",
  "/assets/StudentView-C7TM2wkO.js",
  "/assets/StudentsView-HDfwhRaL.js",
  "/assets/TemplatesView-BjSdf1mN.css",
  "/assets/TemplatesView-P-y84DCG.js",
  "/assets/VillageView-BNo77kDc.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/_plugin-vue_export-helper-BDNMzG2s.js",
  "/assets/client-DceImsTx.js",
  "/assets/coverage-CBcVfpRX.js",
  "/assets/exports-CKbkTZut.js",
  "/assets/exports-Czv6TvcL.css",
  "/assets/format-CxFeWj5j.js",
  "/assets/index-Bztw0cFB.css",
  "/assets/index-v-9YZMg7.js",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-_FE3Qk46.js",
  "/assets/registry-tqYOd12H.js",
  "/assets/responsibility-CxGVgpmr.js",
  "/assets/staff-Dtrva9rN.js",
  "/assets/useConnection-B5dbXx6w.js",
  "/assets/useFamily-Q18w4_QP.js",
  "/assets/useQuery-CuW0R4UE.js",
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
