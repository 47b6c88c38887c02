/* 三包联系 service worker (hand-written; scripts/postbuild.mjs fills in the
 * build's version and its files). It keeps the app shell (index.html and the
 * hashed assets) so the app opens with no signal. Data is not cached here:
 * the app stores GraphQL answers in IndexedDB itself, and POST /graphql is
 * never intercepted. */
const VERSION = "ffa2d0dd6f3820de";
const PRECACHE = [
  "/index.html",
  "/manifest.webmanifest",
  "/icon.svg",
  "/assets/AbsenceReportView-BCaOzEvu.css",
  "/assets/AbsenceReportView-nwltUDqi.js",
  "/assets/AgreementProgressView-BCAa8-R2.js",
  "/assets/AgreementProgressView-D-5UDLlI.css",
  "/assets/AgreementState-D_hURqCF.js",
  "/assets/AgreementView-Da_Uh1NV.css",
  "/assets/AgreementView-DmNF_sl7.js",
  "/assets/AgreementsView-APzjM6Jo.css",
  "/assets/AgreementsView-DgQB9ckh.js",
  "/assets/AidPoliciesView-D5G8Eeox.js",
  "/assets/AidPoliciesView-qFcw5YEm.css",
  "/assets/AuditView-B3p6VFDf.css",
  "/assets/AuditView-DCVMluLa.js",
  "/assets/BackBar-CNNNNy9F.js",
  "/assets/ChipGroup-BH1yM4Q7.css",
  "/assets/ChipGroup-DCeH7rob.js",
  "/assets/CompareView-rb24KQC-.js",
  "/assets/CompareView-uFjxa4PN.css",
  "/assets/ContactFormView-B2s1meAS.js",
  "/assets/ContactFormView-h40DVWup.css",
  "/assets/CoverageView-BZvkabg9.css",
  "/assets/CoverageView-CpBep_tI.js",
  "/assets/DivisionSelect-DAt2F60F.css",
  "/assets/DivisionSelect-k9DBeg62.js",
  "/assets/DropoutCaseView-8xzCyVXx.css",
  "/assets/DropoutCaseView-BOcdZWfW.js",
  "/assets/DropoutView-B_F_W3B4.js",
  "/assets/DropoutView-vW7QHlLV.css",
  "/assets/ErrorBlock-C7tCz6dV.js",
  "/assets/ExportLink-Bkv7nsXS.js",
  "/assets/ExportLink-Czv6TvcL.css",
  "/assets/HomeView-CEAM--Cw.css",
  "/assets/HomeView-T5cAVWvd.js",
  "/assets/HouseholdFormView-BACzY68k.js",
  "/assets/HouseholdView-C0A312BS.js",
  "/assets/HouseholdView-DMdZyFbx.css",
  "/assets/HouseholdsView-BEsk20f9.js",
  "/assets/ImportView-BTnq0XM9.js",
  "/assets/ImportView-BhvjuAMS.css",
  "/assets/LoginView-DcYN2C10.js",
  "/assets/MeView-BIOSN8kd.js",
  "/assets/NotFoundView-CGoQhzZz.js",
  "/assets/PasswordView-Bx4NRoKP.css",
  "/assets/PasswordView-Cj_kq21d.js",
  "/assets/PersonPicker-CB7JLbDD.js",
  "/assets/PersonPicker-DVzhahMx.css",
  "/assets/PositionFields-Bp0KSfCZ.js",
  "/assets/PositionFields-Ez90iK53.css",
  "/assets/ResponsibilityCard-BbSM_0n2.js",
  "/assets/ResponsibilityCard-DvRdTcYy.css",
  "/assets/ScrollList-BF2faB58.js",
  "/assets/SortHeader-Dh611k5d.js",
  "/assets/SortHeader-DtDypoh2.css",
  "/assets/StaffPersonView-CMsWVrGo.css",
  "/assets/StaffPersonView-hdNxAZu3.js",
  "/assets/StaffView-BCozXLrl.js",
  "/assets/StaffView-CwM84-j3.css",
  "/assets/StaleNote-mORKRGZ6.js",
  "/assets/StudentFormView-C1Vhhglo.js",
  "/assets/StudentFormView-DjbJ0e0I.css",
  "/assets/StudentRow-BhoYmo-I.js",
  "/assets/StudentView-CGyhj--w.js",
  "/assets/StudentView-DUof-nS2.css",
  "/assets/StudentsView-CpBIlmBJ.js",
  "/assets/TemplatesView-BjSdf1mN.css",
  "/assets/TemplatesView-DkdzicBy.js",
  "/assets/VillageView-Xt2TahhN.css",
  "/assets/VillageView-n1fKsABP.js",
  "/assets/_plugin-vue_export-helper-BDNMzG2s.js",
  "/assets/aid-rSx5YOzt.js",
  "/assets/client-D9nzWNmY.js",
  "/assets/coverage-BaCfgjZi.js",
  "/assets/exports-sAXmOpj9.js",
  "/assets/format-CxFeWj5j.js",
  "/assets/index-Bztw0cFB.css",
  "/assets/index-CzI6N_bP.js",
  "/assets/pickers-BI8Z27iH.css",
  "/assets/pickers-DiSXf7yn.js",
  "/assets/registry-wEKYw_Kx.js",
  "/assets/responsibility-CxGVgpmr.js",
  "/assets/staff-Dtrva9rN.js",
  "/assets/useConnection-4vQ4C5I7.js",
  "/assets/useFamily-DkOiFRFb.js",
  "/assets/useQuery-DiP31ZvE.js",
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
