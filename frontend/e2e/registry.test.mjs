// End-to-end, issue 11 items 4–6: the county admin adds a household and a
// student through the forms (a wrong ID number shows the server's reason under
// the ID field), finds them with the filters of the PC table and sorts a
// column; gives the household a 包户责任人 through the picker (which tells why
// someone else may not be), ends it with a reason and sees it on the
// timeline; issues agreements for a term chosen from the picker and voids
// one from its page. Phones (360×740) get the same screens without
// overflowing. Real server, fresh database, Debian's Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';

const ACCOUNTS = { aid: '13900000001', principal: '13900000002' };
const TOWNSHIP = '130681100000'; // 松林店镇
const OTHER_TOWNSHIP = '130681001000';
const pc = VIEWPORTS.desktop;
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

async function noHorizontalScroll(page, width) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `${page.url()} is ${w}px wide in a ${width}px viewport`);
}

/** A resident ID number (GB 11643) with its check character; wrong: a different one. */
function idNumber(area, birth, seq, wrong = false) {
  const body = `${area}${birth}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((n, d, i) => n + Number(d) * w[i], 0);
  const codes = '10X98765432';
  const check = codes[sum % 11];
  return body + (wrong ? codes[(sum + 1) % 11] : check);
}

/** A birth date for a primary pupil of about nine, YYYYMMDD. */
function pupilBirth(now = new Date()) {
  return `${now.getFullYear() - 9}0405`;
}

const TAG = String(Date.now()).slice(-6);
const HEAD = `测试户主${TAG}`;
const PUPIL = `测试学生${TAG}`;
const NUMBER = `E2E${TAG}`;

describe('registry, three guarantees and terms (PC)', () => {
  test('the county admin adds a household and a student, finds and sorts them, ends a guarantee, voids an agreement', async () => {
    const staff = `query($code: String!) {
      orgs(first: 1, where: { isCentral: true, divisionCode: $code }) {
        edges { node { id name positions(first: 50) { edges { node { role person { id name } } } } } }
      }
    }`;
    const central = (await as.aid(staff, { code: TOWNSHIP })).orgs.edges[0].node;
    const leader = central.positions.edges.map((e) => e.node).find((p) => p.role === 'PRINCIPAL').person;
    const other = (await as.aid(staff, { code: OTHER_TOWNSHIP })).orgs.edges[0].node;
    const outsider = other.positions.edges.map((e) => e.node).find((p) => p.role === 'TEACHER').person;
    const badId = idNumber('130681', pupilBirth(), 731, true);
    const goodId = idNumber('130681', pupilBirth(), 731);

    await withBrowser(pc, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.aid);
      await page.waitForURL(`${server.url}/`);

      // 新增户: the village from the division tree, never a code.
      await page.locator('[data-tab="households"]').click();
      await page.getByTestId('households-table').waitFor();
      await page.getByTestId('add-household').click();
      await page.waitForURL(`${server.url}/households/new`);
      const form = page.getByTestId('household-form');
      await form.getByTestId('save').click();
      await form.getByTestId('error-number').getByText('请填写户编号').waitFor();
      await form.getByLabel('户编号').fill(NUMBER);
      await form.getByLabel('户主姓名').fill(HEAD);
      await form.locator('select[data-level="TOWNSHIP"]').selectOption({ label: '松林店镇' });
      const villages = form.locator('select[data-level="VILLAGE"]');
      await villages.locator('option').nth(1).waitFor({ state: 'attached' });
      const villageName = (await villages.locator('option').nth(1).innerText()).trim();
      await villages.selectOption({ index: 1 });
      await form.getByLabel('户类别').selectOption('NOT_LIFTED');
      await form.getByLabel('低保').check();
      await form.getByLabel(/联系电话/).fill('13812345678');
      await page.screenshot({ path: screenshotPath('household-form-desktop'), fullPage: true });
      await form.getByTestId('save').click();
      await page.waitForURL(/\/households\/\d+$/);
      const householdID = page.url().split('/').pop();
      await page.getByTestId('household').getByRole('heading', { name: HEAD }).waitFor();
      const stored = await as.aid(`query($id: ID!) { node(id: $id) { ... on Household { number headName dibao village { name parent { code } } } } }`, { id: householdID });
      assert.deepEqual(stored.node, { number: NUMBER, headName: HEAD, dibao: true, village: { name: villageName, parent: { code: TOWNSHIP } } });

      // 添加学生: a wrong ID number gets the server's reason under the ID field.
      await page.getByTestId('add-student').click();
      await page.waitForURL(/\/students\/new\?household=/);
      const sf = page.getByTestId('student-form');
      await sf.getByTestId('student-household').getByText(HEAD).waitFor();
      await sf.getByLabel('姓名').fill(PUPIL);
      await sf.getByLabel(/身份证号/).fill(badId);
      await sf.getByLabel('学段').selectOption('PRIMARY');
      await sf.getByLabel(/年级/).selectOption('4');
      await sf.locator('#st-school').fill('松林店镇中心校');
      await sf.getByTestId('search-select-option').filter({ hasText: '松林店镇中心校' }).first().click();
      await sf.getByTestId('save').click();
      const idError = sf.getByTestId('error-idNumber');
      await idError.waitFor();
      const refusal = await as
        .aid(`mutation($in: CreateStudentInput!) { createStudent(input: $in) { id } }`, {
          in: { name: PUPIL, idNumber: badId, householdID: householdID, stage: 'PRIMARY' },
        })
        .then(
          () => null,
          (e) => JSON.parse(e.message)[0],
        );
      assert.equal(refusal.extensions.field, 'idNumber');
      const reason = refusal.message.replace(/^idNumber:\s*/, '');
      assert.equal((await idError.innerText()).trim(), reason, 'the server’s reason, under the ID field');
      assert.equal(await sf.getByLabel(/身份证号/).getAttribute('aria-invalid'), 'true');
      await page.screenshot({ path: screenshotPath('student-form-bad-id-desktop'), fullPage: true });
      await sf.getByLabel(/身份证号/).fill(goodId);
      await sf.getByTestId('save').click();
      await page.waitForURL(/\/students\/\d+$/);
      await page.getByTestId('student').getByRole('heading', { name: PUPIL }).waitFor();

      // The PC table: filters from the division tree and a school, then sort.
      await page.goto(`${server.url}/households`);
      const table = page.getByTestId('households-table');
      await table.waitFor();
      const more = page.getByRole('button', { name: /更多筛选/ });
      await more.click();
      const filters = page.getByTestId('place-filters');
      await filters.locator('select[data-level="TOWNSHIP"]').selectOption({ label: '松林店镇' });
      await filters.locator('select[data-level="VILLAGE"]').selectOption({ label: villageName });
      await filters.locator('#filter-school').fill('松林店镇中心校');
      await filters.getByTestId('search-select-option').filter({ hasText: '松林店镇中心校' }).first().click();
      await page.waitForURL(/school=/);
      await filters.getByTestId('filters-done').click();
      await filters.waitFor({ state: 'hidden' });
      const e = await as.aid(
        `query($code: String!, $school: ID!) {
          all: households(first: 0, divisionCode: $code, schoolID: $school) { totalCount }
          registered: households(first: 0, divisionCode: $code, schoolID: $school, where: { statusIn: [NOT_LIFTED, LIFTED] }) { totalCount }
          guaranteed: households(first: 0, divisionCode: $code, schoolID: $school, where: { statusIn: [NOT_LIFTED, LIFTED], guarantorIDNotNil: true }) { totalCount }
        }`,
        { code: new URL(page.url()).searchParams.get('division'), school: new URL(page.url()).searchParams.get('school') },
      );
      await page.getByTestId('list-total').getByText(`共 ${e.all.totalCount} 户`).waitFor();
      assert.ok(e.all.totalCount >= 1);
      await table.getByRole('link', { name: HEAD }).waitFor();
      const share = e.registered.totalCount ? Math.round((e.guaranteed.totalCount / e.registered.totalCount) * 100) : 0;
      const foot = page.getByTestId('table-foot');
      await foot.getByTestId('guaranteed-share').waitFor();
      const footText = (await foot.innerText()).replace(/\s+/g, ' ');
      assert.ok(footText.includes(`建档立卡户 ${e.registered.totalCount} 户`), footText);
      assert.ok(footText.includes(`已落实包户责任人 ${e.guaranteed.totalCount} 户`), footText);
      assert.match(footText, new RegExp(`占 ${share}(\\.\\d)?%`));
      await page.getByRole('searchbox').fill(HEAD);
      await page.getByTestId('list-total').getByText('共 1 户').waitFor();
      await page.screenshot({ path: screenshotPath('households-table-desktop') });

      // Sorting by 户主: ascending, then descending, as the server orders.
      await page.goto(`${server.url}/households?status=REGISTERED`);
      const order = (dir) =>
        as.aid(`{ households(first: 1, where: { statusIn: [NOT_LIFTED, LIFTED] }, orderBy: { field: HEAD_NAME, direction: ${dir} }) { edges { node { headName } } } }`);
      const head = table.locator('th[data-sort="HEAD_NAME"]');
      await head.getByRole('button').click();
      await page.waitForURL(/sort=HEAD_NAME/);
      assert.equal(await head.getAttribute('aria-sort'), 'ascending');
      const asc = (await order('ASC')).households.edges[0].node.headName;
      await table.getByTestId('household-tr').first().getByRole('link', { name: asc }).waitFor();
      await head.getByRole('button').click();
      await page.waitForURL(/sort=-HEAD_NAME/);
      assert.equal(await head.getAttribute('aria-sort'), 'descending');
      const desc = (await order('DESC')).households.edges[0].node.headName;
      await table.getByTestId('household-tr').first().getByRole('link', { name: desc }).waitFor();

      // Students: the new pupil by school and name.
      await page.goto(`${server.url}/students?q=${encodeURIComponent(PUPIL)}`);
      await page.getByTestId('students-table').getByRole('link', { name: PUPIL }).waitFor();
      await page.getByTestId('list-total').getByText('共 1 名学生').waitFor();

      // 包户: the picker says why another township's teacher may not; the
      // central school's principal may.
      await page.goto(`${server.url}/households/${householdID}`);
      const card = page.getByTestId('responsibility');
      await card.getByTestId('responsible-now').getByText('未落实').waitFor();
      await card.getByTestId('change-responsible').click();
      const picker = page.getByTestId('person-picker');
      await picker.locator('[data-eligible="true"]').first().waitFor();
      await picker.getByLabel('搜索姓名').fill(outsider.name);
      const no = picker.locator('[data-eligible="false"]').filter({ hasText: outsider.name }).first();
      await no.getByTestId('person-reason').getByText('包户责任人应为该户所在乡镇学校、该户学生就读学校或县教育局人员').waitFor();
      await page.screenshot({ path: screenshotPath('person-picker-ineligible-desktop') });
      await picker.getByLabel('搜索姓名').fill(leader.name);
      await picker.locator('[data-eligible="true"]').filter({ hasText: leader.name }).first().click();
      await page.getByTestId('reason-confirm').click();
      await card.getByTestId('responsible-now').getByText(leader.name).waitFor();

      // 结束包联 with a reason: the timeline keeps it.
      await card.getByTestId('end-responsible').click();
      await page.getByTestId('reason-confirm').click();
      await page.getByTestId('reason-error').getByText('请填写原因').waitFor();
      await page.getByTestId('reason-input').fill('教师调动');
      await page.getByTestId('reason-confirm').click();
      await card.getByTestId('responsible-now').getByText('未落实').waitFor();
      await card.getByTestId('timeline-reason').getByText(/结束原因.教师调动/).waitFor();
      assert.equal(await card.getByTestId('timeline-item').count(), 1);
      await page.screenshot({ path: screenshotPath('household-timeline-desktop'), fullPage: true });
      const hist = await as.aid(`query($id: ID!) { node(id: $id) { ... on Household { hasGuarantor assignments(first: 5) { edges { node { endReason endsAt personID } } } } } }`, { id: householdID });
      assert.equal(hist.node.hasGuarantor, false);
      assert.equal(hist.node.assignments.edges[0].node.endReason, '教师调动');
      assert.equal(hist.node.assignments.edges[0].node.personID, leader.id);
    });
  });

  test('the county admin issues agreements for a term chosen from the picker and voids one from its page', async () => {
    const { terms } = await as.aid('{ terms { label isYear current } }');
    const semester = terms.find((t) => t.current && !t.isYear).label;
    const before = await as.aid(`query($t: String!) { agreementCompletion(term: $t, divisionCode: "130681000000") { total { issued } } }`, { t: semester });
    assert.equal(before.agreementCompletion.total.issued, 0, 'nothing issued for the semester yet');

    await withBrowser(pc, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.aid);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/signing`);
      await page.getByTestId('open-issue').click();
      const dialog = page.getByTestId('issue-dialog');
      const picker = dialog.getByTestId('issue-term');
      assert.equal(await picker.locator('option').count(), terms.length, 'the server’s terms, nothing typed');
      await picker.selectOption(semester);
      await dialog.getByTestId('issue-confirm').click();
      await dialog.getByTestId('issue-result').waitFor();
      const created = Number(await dialog.getByTestId('issue-created').innerText());
      assert.ok(created > 0);
      await dialog.getByRole('button', { name: '完成' }).click();
      await page.waitForURL(/term=/);
      assert.equal(await page.getByTestId('progress-term').inputValue(), semester);

      await page.getByTestId('view-unsigned').click();
      const row = page.getByTestId('unsigned-row').first();
      await row.waitFor();
      await row.click();
      await page.waitForURL(/\/my\/agreements\/\d+$/);
      const id = page.url().split('/').pop();
      await page.getByTestId('agreement').waitFor();
      await page.getByTestId('void-agreement').click();
      await page.getByTestId('agreement-reason').fill('误发');
      await page.getByTestId('agreement-reason-confirm').click();
      await page.getByTestId('agreement-parties').getByText(/已作废.误发/).waitFor();
      assert.equal(await page.getByTestId('void-agreement').count(), 0, 'a void agreement is not voided again');
      await page.screenshot({ path: screenshotPath('agreement-void-desktop'), fullPage: true });
      const a = await as.aid(`query($id: ID!) { node(id: $id) { ... on Agreement { state voidReason term } } }`, { id });
      assert.deepEqual(a.node, { state: 'VOID', voidReason: '误发', term: semester });
    });
    const afterIssue = await as.aid(`query($t: String!) { agreementCompletion(term: $t, divisionCode: "130681000000") { total { issued } } }`, { t: semester });
    assert.ok(afterIssue.agreementCompletion.total.issued > 0);
  });
});

describe('registry screens (phone)', () => {
  test('lists, filters, forms and the 三包 card fit a 360-px screen', async () => {
    const e = await as.aid(`query($code: String!) { households(first: 1, divisionCode: $code, where: { statusIn: [NOT_LIFTED, LIFTED] }) { totalCount edges { node { id } } } }`, {
      code: TOWNSHIP,
    });
    const hid = e.households.edges[0].node.id;
    await withBrowser(phone, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.aid);
      await page.waitForURL(`${server.url}/`);
      await page.locator('[data-tab="households"]').click();
      await page.getByTestId('household-row').first().waitFor();
      assert.equal(await page.getByTestId('households-table').count(), 0, 'a list, not a table, on a phone');
      const more = page.getByRole('button', { name: /更多筛选/ });
      await more.click();
      await page.getByTestId('place-filters').locator('select[data-level="TOWNSHIP"]').selectOption({ label: '松林店镇' });
      await page.waitForURL(new RegExp(`division=${TOWNSHIP}`));
      await page.getByTestId('filters-done').click();
      const n = (await as.aid(`query($code: String!) { households(first: 0, divisionCode: $code) { totalCount } }`, { code: TOWNSHIP })).households.totalCount;
      await page.getByTestId('list-total').getByText(`共 ${n} 户`).waitFor();
      await noHorizontalScroll(page, phone.width);

      for (const path of ['/households/new', '/students/new', `/households/${hid}`, '/students']) {
        await page.goto(`${server.url}${path}`);
        await page.locator('.page').first().waitFor();
        if (path === `/households/${hid}`) await page.getByTestId('responsibility').getByTestId('responsible-now').waitFor();
        await noHorizontalScroll(page, phone.width);
      }
      await page.goto(`${server.url}/households/new`);
      await page.getByTestId('household-form').getByTestId('save').click();
      await page.getByTestId('error-number').waitFor();
      await page.screenshot({ path: screenshotPath('household-form-mobile'), fullPage: true });
      await page.goto(`${server.url}/households/${hid}`);
      await page.getByTestId('change-responsible').click();
      await page.getByTestId('person-picker').locator('[data-testid="person-row"]').first().waitFor();
      await noHorizontalScroll(page, phone.width);
      await page.screenshot({ path: screenshotPath('person-picker-mobile') });
    });
  });
});
