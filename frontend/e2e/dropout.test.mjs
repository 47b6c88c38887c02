// End-to-end, issue 12 (控辍保学): the head teacher reports a student absent
// with no signal, the report reaches the server once when the signal is
// back; the county's checks turn it into a suspected case and the county's
// 零辍学 figures count it; the head teacher records a persuasion attempt (劝返)
// on the case. Real server, fresh database, Debian's Chromium at 360×740.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';

const ACCOUNTS = { aid: '13900000001', teacher: '13900000003' };
const COUNTY = '130681000000'; // 涿州市
const phone = VIEWPORTS.mobile;

let server;
const as = {};

before(
  async () => {
    server = await startServer();
    for (const [k, p] of Object.entries(ACCOUNTS)) as[k] = await api(server.url, p);
  },
  { timeout: 600_000 },
);

after(async () => {
  await server?.stop();
});

async function withBrowser(viewport, fn) {
  const b = await openBrowser(viewport);
  try {
    await fn(b);
    assert.deepEqual(b.errors, [], 'uncaught errors in the page');
  } finally {
    await b.close();
  }
}

/** Waits until the service worker controls the page and holds the whole shell. */
async function shellCached(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await page.waitForFunction(async () => {
    for (const k of await caches.keys()) if ((await (await caches.open(k)).keys()).length > 20) return true;
    return false;
  });
}

const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);

const DASH = `query($d: String) { dropoutDashboard(divisionCode: $d) { total { suspected dropouts absencesOpen absencesOverdue } } }`;
const REPORTS = `query($s: ID!) { absenceReports(first: 10, where: { studentID: $s }) { totalCount edges { node { id uuid absentSince status } } } }`;
const CHECK = `mutation { runDropoutCheck(kind: ABSENCE, divisionCode: "${COUNTY}") { found opened } }`;

/**
 * A student of the head teacher's class (or, with wholeList, of her student
 * list at her school) with no open report and no open case.
 */
async function freeKid(wholeList = false) {
  const me = await as.teacher(`{ viewer { person { positions: currentPositions { role grade className org { id } } } } }`);
  const cls = me.viewer.person.positions.find((p) => p.role === 'HEAD_TEACHER');
  assert.ok(cls, 'the demo teacher is a head teacher');
  const kids = await as.teacher(
    `query($g: Int, $c: String) { students(first: 100, where: { grade: $g, className: $c, enrollmentStatus: ENROLLED }) { edges { node { id name schoolID } } } }`,
    wholeList ? {} : { g: cls.grade, c: cls.className },
  );
  const busy = new Set();
  const ids = kids.students.edges.map((e) => e.node.id);
  const open = await as.aid(
    `query($ids: [ID!]) { absenceReports(first: 100, where: { status: OPEN, studentIDIn: $ids }) { edges { node { studentID } } } dropoutCases(first: 100, where: { status: OPEN, studentIDIn: $ids }) { edges { node { studentID } } } }`,
    { ids },
  );
  for (const e of [...open.absenceReports.edges, ...open.dropoutCases.edges]) busy.add(e.node.studentID);
  const kid = kids.students.edges.map((e) => e.node).find((s) => s.schoolID === cls.org.id && !busy.has(s.id));
  assert.ok(kid, 'a student of the class with nothing open');
  return kid;
}

describe('dropout control (phone)', () => {
  test('an absence reported offline is stored once; the county sees the case; the head teacher records 劝返', { timeout: 240_000 }, async () => {
    const kid = await freeKid();

    // The county's checks have run over what the demo holds: from here on,
    // only this report can open a case.
    await as.aid(CHECK);
    const before = (await as.aid(DASH, { d: COUNTY })).dropoutDashboard.total;
    const since = chinaDay(-4); // absent four days: past the three-day rule
    const count0 = (await as.teacher(REPORTS, { s: kid.id })).absenceReports.totalCount;

    await withBrowser(phone, async ({ page, context }) => {
      await signIn(page, server.url, ACCOUNTS.teacher);
      await page.waitForURL(`${server.url}/`);
      await shellCached(page);
      await page.goto(`${server.url}/students/${kid.id}`);
      const card = page.getByTestId('student-dropout');
      await card.getByTestId('report-absence').waitFor();

      // In the classroom with no signal: two taps, the date changed to when it began.
      await context.setOffline(true);
      await page.getByTestId('offline').waitFor();
      await card.getByTestId('report-absence').click();
      await page.locator('#absent-since').fill(since);
      await page.locator('#absent-reason').fill('原因不明');
      await page.screenshot({ path: screenshotPath('absence-form-offline-mobile'), fullPage: true });
      await card.getByTestId('confirm-absence').click();
      await card.getByTestId('absence-pending').waitFor();
      assert.equal((await as.teacher(REPORTS, { s: kid.id })).absenceReports.totalCount, count0, 'nothing reached the server offline');

      // Signal again: the outbox sends it, and the page shows the stored report.
      await context.setOffline(false);
      await page.getByTestId('offline').waitFor({ state: 'detached' });
      await card.getByTestId('student-absence').waitFor({ timeout: 20_000 });
      const stored = (await as.teacher(REPORTS, { s: kid.id })).absenceReports;
      assert.equal(stored.totalCount, count0 + 1, 'stored exactly once');
      const report = stored.edges.map((e) => e.node).find((r) => r.status === 'OPEN');
      assert.equal(report.absentSince, since);
      // A resend with the same UUID (a lost answer) is the same report.
      const again = await as.teacher(`mutation($in: ReportAbsenceInput!) { reportAbsence(input: $in) { id } }`, {
        in: { uuid: report.uuid, studentID: kid.id, absentSince: since },
      });
      assert.equal(again.reportAbsence.id, report.id);
      assert.equal((await as.teacher(REPORTS, { s: kid.id })).absenceReports.totalCount, count0 + 1, 'still once');

      // The report's four steps, due from now.
      await card.getByTestId('student-absence').click();
      await page.waitForURL(`${server.url}/dropout/absences/${report.id}`);
      await page.getByTestId('absence-step').nth(3).waitFor();
      assert.equal(await page.getByTestId('absence-step').count(), 4);
      await page.getByTestId('absence-step').first().getByTestId('step-done').click();
      await page.locator('[data-testid="absence-step"][data-kind="HOME_VISIT"][data-state="done"]').waitFor();
      await page.screenshot({ path: screenshotPath('absence-report-mobile'), fullPage: true });
    });

    const mid = (await as.aid(DASH, { d: COUNTY })).dropoutDashboard.total;
    assert.equal(mid.absencesOpen, before.absencesOpen + 1, 'the county counts the open report');
    // The county's absence check (四查: 学籍比在校) opens the suspected case.
    const run = (await as.aid(CHECK)).runDropoutCheck;
    assert.equal(run.opened, 1, 'one new case: this student');
    const after = (await as.aid(DASH, { d: COUNTY })).dropoutDashboard.total;
    assert.equal(after.suspected, before.suspected + 1);

    await withBrowser(phone, async ({ page }) => {
      // The county's home and dashboard show the suspected count risen by one.
      await signIn(page, server.url, ACCOUNTS.aid);
      await page.waitForURL(`${server.url}/`);
      const home = page.getByTestId('home-dropout');
      await home.locator(`[data-tile="suspected"] [data-count="${after.suspected}"]`).waitFor();
      await home.getByText('控辍保学 ›').click();
      await page.waitForURL(/\/dropout\?/);
      await page.getByTestId('dropout-total').locator(`[data-tile="suspected"] [data-count="${after.suspected}"]`).waitFor();
      await page.getByTestId('dropout-row').first().waitFor();
      await page.screenshot({ path: screenshotPath('dropout-county-mobile'), fullPage: true });
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      assert.ok(fits, 'the dashboard fits the phone');
    });

    await withBrowser(VIEWPORTS.desktop, async ({ page }) => {
      // On a PC the breakdown and the ledgers are tables.
      await signIn(page, server.url, ACCOUNTS.aid);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/dropout?ledger=cases&kind=SUSPECTED`);
      await page.locator('.dz-table [data-testid="dropout-row"]').first().waitFor();
      await page.locator('.ledger__table [data-testid="ledger-row"]').first().waitFor();
      assert.match(await page.getByTestId('ledger-total').innerText(), new RegExp(`共 ${after.suspected} 件`));
      await page.screenshot({ path: screenshotPath('dropout-county-desktop'), fullPage: false });
    });

    const kase = (await as.aid(`query($s: ID!) { dropoutCases(first: 1, where: { studentID: $s, status: OPEN }) { edges { node { id kind source } } } }`, { s: kid.id }))
      .dropoutCases.edges[0]?.node;
    assert.ok(kase, 'the case is open');
    assert.equal(kase.kind, 'SUSPECTED');

    await withBrowser(phone, async ({ page }) => {
      // The head teacher goes to the family with the village cadre and records it.
      await signIn(page, server.url, ACCOUNTS.teacher);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/students/${kid.id}`);
      await page.getByTestId('student-case').click();
      await page.waitForURL(`${server.url}/dropout/cases/${kase.id}`);
      await page.getByTestId('add-action').click();
      const form = page.getByTestId('action-form');
      await page.locator('#action-who').fill('班主任张丽、村主任');
      await form.getByRole('radio', { name: '入户' }).click();
      await form.getByRole('radio', { name: '同意返校' }).click();
      await page.locator('#action-notes').fill('家长答应下周一送孩子返校');
      await page.getByTestId('save-action').click();
      await page.getByTestId('case-action').filter({ hasText: '家长答应下周一送孩子返校' }).waitFor();
      // The head teacher may not close a case: only the county does.
      assert.equal(await page.getByTestId('close-case').count(), 0);
      await page.screenshot({ path: screenshotPath('dropout-case-mobile'), fullPage: true });
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      assert.ok(fits, 'the case page fits the phone');
    });

    const acts = await as.aid(`query($id: ID!) { node(id: $id) { ... on DropoutCase { actions { kind outcome participants method } } } }`, { id: kase.id });
    assert.deepEqual(acts.node.actions, [{ kind: 'PERSUASION', outcome: 'PROMISED', participants: '班主任张丽、村主任', method: '入户' }]);
  });

  test('the class list reports an absence in two taps', { timeout: 120_000 }, async () => {
    const kid = await freeKid(true);
    const count0 = (await as.teacher(REPORTS, { s: kid.id })).absenceReports.totalCount;
    await withBrowser(phone, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.teacher);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/students?q=${encodeURIComponent(kid.name)}`);
      const button = page.getByRole('button', { name: `报告${kid.name}缺勤` }).first();
      await button.waitFor();
      const box = await button.boundingBox();
      assert.ok(box.height >= 44 && box.width >= 44, `the row's button is a 44-px target (${box.width}×${box.height})`);
      // Two taps: the row's 报告缺勤, then 确认报告 (today, no reason).
      await button.click();
      const sheet = page.getByTestId('absence-sheet');
      await sheet.getByTestId('confirm-absence').waitFor();
      const confirm = await sheet.getByTestId('confirm-absence').boundingBox();
      assert.ok(confirm.height >= 44, 'the confirm button is a 44-px target');
      await sheet.getByTestId('confirm-absence').click();
      await page.getByTestId('row-absence-state').filter({ hasText: '已报告' }).first().waitFor({ timeout: 20_000 });
      await page.screenshot({ path: screenshotPath('absence-class-list-mobile'), fullPage: false });
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      assert.ok(fits, 'the class list fits the phone');
    });
    const stored = (await as.teacher(REPORTS, { s: kid.id })).absenceReports;
    assert.equal(stored.totalCount, count0 + 1, 'stored exactly once');
    assert.equal(stored.edges.find((e) => e.node.status === 'OPEN').node.absentSince, chinaDay());
  });
});
