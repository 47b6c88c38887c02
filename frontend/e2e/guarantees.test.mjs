// End-to-end, issue 5 (三包 and the monthly contact log): the teacher logs a
// contact with no signal and it reaches the server exactly once; the county
// fills a 包村 gap from the coverage view. Real server, fresh database,
// Debian's Chromium at a phone's 360×740. Run: npm run e2e.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';

const ACCOUNTS = { aid: '13900000001', principal: '13900000002', teacher: '13900000003' };
const TOWNSHIP = '130681100000'; // 松林店镇
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

/** The first day of this month in China (YYYY-MM-01): contacts before it are overdue. */
function monthStart(now = new Date()) {
  return `${new Date(now.getTime() + 8 * 3600e3).toISOString().slice(0, 7)}-01`;
}

async function withBrowser(viewport, fn) {
  const b = await openBrowser(viewport);
  try {
    await fn(b);
    assert.deepEqual(b.errors, [], 'uncaught errors in the page');
  } finally {
    await b.close();
  }
}

/** Waits until the service worker controls the page and holds the whole shell (every route chunk). */
async function shellCached(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await page.waitForFunction(async () => {
    for (const k of await caches.keys()) if ((await (await caches.open(k)).keys()).length > 20) return true;
    return false;
  });
}

const FAMILIES = `{
  myFamilies(first: 50) {
    totalCount
    edges { node { id headName lastContactOn contacts(first: 0) { totalCount } } }
  }
}`;

describe('contact log (phone)', () => {
  test('offline: a contact waits as 待发送, then reaches the server exactly once, even when the answer is lost', async () => {
    const before = await as.teacher(FAMILIES);
    const families = before.myFamilies.edges.map((e) => e.node);
    const overdue = families.filter((f) => f.lastContactOn < monthStart());
    assert.ok(overdue.length > 0, 'the demo teacher has families not contacted this month');
    const family = overdue[0];
    const count0 = family.contacts.totalCount;
    const note = `e2e 离线电话联系 ${Date.now()}`;

    await withBrowser(phone, async ({ page, context }) => {
      await signIn(page, server.url, ACCOUNTS.teacher);
      await page.waitForURL(`${server.url}/`);
      const tasks = page.getByTestId('month-tasks');
      await tasks.locator('[data-task="overdue"]', { hasText: String(overdue.length) }).waitFor();
      const row = page.getByTestId('family-row').filter({ hasText: family.headName }).first();
      assert.equal(await row.getAttribute('data-overdue'), 'true');
      await row.getByText('本月未联系').waitFor();
      await shellCached(page);
      await page.getByTestId('family-row').first().waitFor();

      // In the village: no signal. The family page was never opened online.
      await context.setOffline(true);
      await page.getByTestId('offline').waitFor();
      await row.click();
      await page.waitForURL(`${server.url}/households/${family.id}`);
      await page.getByTestId('household').getByRole('heading', { name: family.headName }).waitFor();
      await page.getByTestId('log-contact').click();
      await page.waitForURL(`${server.url}/households/${family.id}/contact`);

      const form = page.getByTestId('contact-form');
      await form.getByText('当前离线').waitFor();
      const today = await page.locator('#contact-date').inputValue();
      assert.match(today, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(await page.locator('#contact-date').getAttribute('max'), today, 'no date in the future');
      // Nothing chosen yet: the form says what is missing and keeps nothing.
      await page.getByTestId('save-contact').click();
      await form.getByText('请选择联系方式').waitFor();
      await form.getByRole('radio', { name: '电话' }).click();
      assert.equal(await form.getByRole('checkbox', { name: '了解情况' }).isChecked(), true);
      await form.getByRole('button', { name: '控辍保学政策' }).click();
      await form.getByRole('button', { name: '两课两信两回执' }).click();
      await page.locator('#contact-notes').fill(note);
      await page.screenshot({ path: screenshotPath('contact-form-offline-mobile'), fullPage: true });
      await page.getByTestId('save-contact').click();

      // Back on the family page at once, marked 待发送.
      await page.waitForURL(`${server.url}/households/${family.id}`);
      const entry = page.getByTestId('contact-entry').filter({ hasText: note });
      await entry.getByTestId('contact-status').getByText('待发送').waitFor();
      await entry.getByText('两课两信两回执、控辍保学政策').waitFor(); // in the options' order
      await entry.getByText('电话', { exact: true }).waitFor();
      assert.equal(await page.getByTestId('overdue-mark').count(), 0, 'contacted this month, on this phone');
      await page.screenshot({ path: screenshotPath('household-contact-pending-mobile'), fullPage: true });
      assert.equal((await as.teacher(FAMILIES)).myFamilies.edges.find((e) => e.node.id === family.id).node.contacts.totalCount, count0);

      // Signal again, but the server's answer to the first send is lost on the way.
      let lost = 0;
      let reached = false;
      await context.route('**/graphql', async (route) => {
        if (lost === 0 && route.request().postDataJSON()?.operationName === 'LogContact') {
          lost++;
          await route.fetch(); // the server stores it…
          reached = true;
          await route.fulfill({ status: 504, contentType: 'text/plain', body: 'gateway timeout' }); // …the phone never hears
          return;
        }
        await route.fallback();
      });
      await context.setOffline(false);
      await page.getByTestId('offline').waitFor({ state: 'detached' });
      for (let i = 0; i < 150 && !reached; i++) await page.waitForTimeout(100);
      assert.equal(lost, 1, 'the outbox sent the contact when the network came back');
      assert.ok(reached, 'the send reached the server');
      const stored = await as.teacher(FAMILIES);
      assert.equal(stored.myFamilies.edges.find((e) => e.node.id === family.id).node.contacts.totalCount, count0 + 1, 'the server has it');
      // Sent again with the same UUID, stored once: by the teacher (立即发送 in
      // 我的) while it waits, or by the app itself as soon as another answer
      // shows the server is reachable again (a race the test cannot fix).
      const status = entry.getByTestId('contact-status');
      await status.getByText(/^(待发送|已发送)$/).waitFor();
      if ((await status.innerText()).trim() === '待发送') {
        await page.locator('[data-tab="me"]').click();
        const pending = page.getByTestId('outbox-pending');
        await pending.waitFor();
        if ((await pending.innerText()).includes('1')) {
          await page.getByTestId('outbox-items').getByText(`联系记录 · ${family.headName}家`).waitFor();
          await page.getByRole('button', { name: '立即发送' }).click();
        }
        await pending.getByText('0').waitFor();
        await page.getByTestId('outbox-items').locator('[data-state="sent"]').first().waitFor();
        await page.goBack();
        await page.waitForURL(`${server.url}/households/${family.id}`);
      }
      await status.getByText('已发送').waitFor();
      assert.equal(await page.getByTestId('contact-entry').filter({ hasText: note }).count(), 1, 'shown once');
      await page.screenshot({ path: screenshotPath('household-contact-sent-mobile'), fullPage: true });

      // Home: one family fewer to contact this month.
      await page.locator('[data-tab="home"]').click();
      await page.getByTestId('month-tasks').locator('[data-task="overdue"]', { hasText: String(overdue.length - 1) }).waitFor();
      assert.equal(await page.getByTestId('family-row').filter({ hasText: family.headName }).first().getAttribute('data-overdue'), 'false');

      // Going offline and online again flushes nothing more.
      await context.setOffline(true);
      await context.setOffline(false);
      await page.waitForTimeout(1500);
    });

    const after = await as.teacher(
      `query($id: ID!) { node(id: $id) { ... on Household { lastContactOn contacts(first: 50) { totalCount edges { node { uuid date mode notes learnedSituation policiesExplained person { name } } } } } } }`,
      { id: family.id },
    );
    const h = after.node;
    assert.equal(h.contacts.totalCount, count0 + 1, 'stored exactly once');
    const mine = h.contacts.edges.map((e) => e.node).filter((c) => c.notes === note);
    assert.equal(mine.length, 1);
    assert.deepEqual(
      { mode: mine[0].mode, learned: mine[0].learnedSituation, policies: mine[0].policiesExplained, who: mine[0].person.name },
      { mode: 'PHONE', learned: true, policies: ['两课两信两回执', '控辍保学政策'], who: '张丽' },
    );
    assert.ok(mine[0].date >= monthStart(), 'dated today');
    assert.equal(h.lastContactOn, mine[0].date);

    // Sending the same UUID once more (a phone retrying) returns the stored record.
    const again = await as.teacher(
      `mutation($in: LogContactInput!) { logContact(input: $in) { uuid notes } }`,
      { in: { uuid: mine[0].uuid, householdID: family.id, date: mine[0].date, mode: 'PHONE', learnedSituation: true, notes: 'a different text' } },
    );
    assert.deepEqual(again.logContact, { uuid: mine[0].uuid, notes: note });
    const final = await as.teacher(`query($id: ID!) { node(id: $id) { ... on Household { contacts(first: 0) { totalCount } } } }`, { id: family.id });
    assert.equal(final.node.contacts.totalCount, count0 + 1);
  });
});

describe('coverage and bulk assignment (phone)', () => {
  test('the county fills a 包村 gap: a refused person stores nothing and says why, an eligible one drops the gap by one', async () => {
    const cov = `query($code: String!) {
      coverage(divisionCode: $code) {
        total { villages { total gaps } }
        villageGaps(first: 50) { totalCount edges { node { id name } } }
      }
    }`;
    const before = await as.aid(cov, { code: TOWNSHIP });
    const gaps0 = before.coverage.total.villages.gaps;
    assert.ok(gaps0 > 0, 'the demo township has villages without a 包村责任人');
    assert.equal(before.coverage.villageGaps.totalCount, gaps0);
    const village = before.coverage.villageGaps.edges[0].node;

    // Eligible: a leader of the township's central school. Not eligible: a
    // teacher of another township's central school.
    const staff = `query($code: String!) {
      orgs(first: 1, where: { isCentral: true, divisionCode: $code }) {
        edges { node { id name positions(first: 50) { edges { node { role person { id name } } } } } }
      }
    }`;
    const central = (await as.aid(staff, { code: TOWNSHIP })).orgs.edges[0].node;
    const leader = central.positions.edges.map((e) => e.node).find((p) => p.role === 'PRINCIPAL').person;
    const other = (await as.aid(staff, { code: '130681001000' })).orgs.edges[0].node;
    const outsider = other.positions.edges.map((e) => e.node).find((p) => p.role === 'TEACHER').person;

    await withBrowser(phone, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.aid);
      await page.waitForURL(`${server.url}/`);
      const home = page.getByTestId('home-guarantees');
      await home.locator('[data-gap="villages"] .stat__value').waitFor();
      await home.getByRole('link', { name: /覆盖情况/ }).click();
      await page.waitForURL(/\/coverage\?division=130681000000/);
      await page.getByTestId('coverage-title').getByText('涿州市').waitFor();

      // County → township.
      await page.locator(`[data-testid="coverage-row"][data-key="${TOWNSHIP}"]`).click();
      await page.getByTestId('coverage-title').getByText('松林店镇').waitFor();
      const tile = page.getByTestId('coverage-total').locator('[data-gap="villages"]');
      const count = tile.locator('[data-gap-count]');
      await page.waitForFunction((n) => document.querySelector('[data-gap="villages"] [data-gap-count]')?.getAttribute('data-gap-count') === String(n), gaps0);
      assert.equal((await count.innerText()).trim(), `缺 ${gaps0}`);
      await page.screenshot({ path: screenshotPath('coverage-township-mobile') });

      // The list of villages without a 包村责任人.
      await tile.click();
      const list = page.getByTestId('gap-list-villages');
      await list.getByTestId('gap-list-total').getByText(`共 ${gaps0} 个村`).waitFor();
      assert.equal(await list.getByTestId('gap-row').count(), gaps0);
      await list.getByTestId('start-assign').click();
      await list.locator(`[data-testid="gap-row"][data-id="${village.id}"] [data-testid="gap-check"]`).check();
      await list.getByTestId('chosen-count').getByText('1').waitFor();

      // Someone from another township: the picker says why before anyone is
      // picked, and offers no way to pick them.
      await list.getByTestId('pick-person').click();
      const picker = page.getByTestId('person-picker');
      await picker.locator('[data-eligible="true"]').first().waitFor();
      await picker.getByLabel('搜索姓名').fill(outsider.name);
      const no = picker.locator('[data-eligible="false"]').filter({ hasText: other.name }).first();
      await no.getByTestId('person-reason').getByText('包村责任人应为该村所在乡镇的中心校或学校人员，或县教育局人员').waitFor();
      assert.equal(await no.locator('button').count(), 0, 'an ineligible person cannot be picked');
      assert.equal((await as.aid(cov, { code: TOWNSHIP })).coverage.total.villages.gaps, gaps0, 'nothing stored');
      await page.screenshot({ path: screenshotPath('coverage-picker-ineligible-mobile'), fullPage: true });

      // The central school's principal: assigned.
      await picker.getByLabel('搜索姓名').fill(leader.name);
      await picker.getByTestId('person-row').filter({ hasText: central.name }).first().click();
      await page.getByRole('button', { name: '确定分配' }).click();
      await page.waitForFunction((n) => document.querySelector('[data-gap="villages"] [data-gap-count]')?.getAttribute('data-gap-count') === String(n), gaps0 - 1);
      assert.equal((await count.innerText()).trim(), gaps0 - 1 === 0 ? '已清零' : `缺 ${gaps0 - 1}`);
      await list.getByTestId('gap-list-total').getByText(gaps0 - 1 === 0 ? '已清零' : `共 ${gaps0 - 1} 个村`).waitFor();
      assert.equal(await list.locator(`[data-testid="gap-row"][data-id="${village.id}"]`).count(), 0);
      assert.equal(await list.getByTestId('assign-bar').count(), 0);
      await page.screenshot({ path: screenshotPath('coverage-assigned-mobile'), fullPage: true });

      // The village archive (村档案) now names its 包村责任人.
      await page.getByTestId('view-breakdown').click();
      await page.locator(`[data-testid="coverage-row"][data-key]`).filter({ hasText: village.name }).click();
      await page.waitForURL(`${server.url}/villages/${village.id}`);
      await page.getByTestId('village').getByRole('heading', { name: village.name }).waitFor();
      await page.getByTestId('village-guarantor').getByText(leader.name).waitFor();
      await page.getByTestId('village-stages').waitFor();
      await page.getByTestId('archive-student').first().waitFor();
    });

    const after = await as.aid(cov, { code: TOWNSHIP });
    assert.equal(after.coverage.total.villages.gaps, gaps0 - 1, 'the gap dropped by exactly one');
    const v = await as.aid(`query($id: ID!) { node(id: $id) { ... on Division { guarantor { id name } } } }`, { id: village.id });
    assert.equal(v.node.guarantor.id, leader.id);
  });

  test('the principal sees the township and a school by class; the teacher has no coverage', async () => {
    const e = await as.principal(`query($code: String!) { coverage(divisionCode: $code) { total { households { gaps } students { gaps } overdue } } }`, { code: TOWNSHIP });
    await withBrowser(phone, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.principal);
      await page.waitForURL(`${server.url}/`);
      const home = page.getByTestId('home-guarantees');
      await home.locator('[data-gap="households"] .stat__value').waitFor();
      const shown = (n) => (n === 0 ? '已清零' : String(n));
      assert.equal((await home.locator('[data-gap="households"] .stat__value').innerText()).trim(), shown(e.coverage.total.households.gaps));
      assert.equal((await home.locator('[data-gap="overdue"] .stat__value').innerText()).trim(), shown(e.coverage.total.overdue));
      await home.locator('[data-gap="students"]').click();
      await page.getByTestId('coverage-title').getByText('松林店镇').waitFor();
      await page.getByTestId('gap-list-students').getByTestId('gap-list-total').waitFor();
      await page.getByTestId('view-breakdown').click();
      await page.getByTestId('school-row').filter({ hasText: '松林店镇中心校' }).first().click();
      await page.getByTestId('coverage-title').getByText('松林店镇中心校').waitFor();
      await page.getByTestId('view-breakdown').click();
      await page.getByTestId('coverage-row').first().waitFor();
      assert.match(await page.getByTestId('coverage-row').first().innerText(), /年级/);
      await page.getByTestId('coverage-up').click();
      // exact: the school's title 松林店镇中心校 contains the township's name
      await page.getByTestId('coverage-title').getByText('松林店镇', { exact: true }).waitFor();
      assert.equal(await page.getByTestId('coverage-up').count(), 0, 'no way up past the township');
    });
    await withBrowser(phone, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.teacher);
      await page.waitForURL(`${server.url}/`);
      await page.getByTestId('month-tasks').waitFor();
      assert.equal(await page.getByTestId('home-guarantees').count(), 0);
      await page.goto(`${server.url}/coverage`);
      await page.getByText('您没有负责的地区或学校').waitFor();
    });
  });
});
