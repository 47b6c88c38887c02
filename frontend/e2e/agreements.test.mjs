// End-to-end, issue 6 (责任书): the teacher reads and signs her agreement on
// the phone and the county's count rises by one; a school issues (again:
// nothing twice); the county edits a template while issued texts stay as
// they were. Real server, fresh database, Debian's Chromium. Run: npm run e2e.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';

const ACCOUNTS = { aid: '13900000001', principal: '13900000002', teacher: '13900000003' };
const COUNTY = '130681000000';
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

/** The school year running in China: from September. */
function currentTerm(now = new Date()) {
  const d = new Date(now.getTime() + 8 * 3600e3);
  const y = d.getUTCMonth() + 1 >= 9 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
  return `${y}—${y + 1}学年`;
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

const COMPLETION = `query($term: String!, $code: String, $org: ID) {
  agreementCompletion(term: $term, divisionCode: $code, orgID: $org) { total { issued signed unsigned } }
}`;

/** Draws a few strokes across the signature pad, with the mouse. */
async function drawSignature(page) {
  const box = await page.getByTestId('sign-canvas').boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 30, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 30 + i * 20, y + (i % 2 ? -40 : 40), { steps: 4 });
  await page.mouse.up();
  await page.mouse.move(box.x + 60, y + 50);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width - 40, y - 30, { steps: 10 });
  await page.mouse.up();
}

describe('signing (phone)', () => {
  test('the teacher reads to the end, draws and types her name; the county’s completion rises by exactly one', async () => {
    const term = currentTerm();
    const before = await as.aid(COMPLETION, { term, code: COUNTY });
    const mine = await as.teacher(`{ myAgreements(state: ISSUED) { totalCount edges { node { id title term contentHash issuerOrg { name } } } } }`);
    assert.equal(mine.myAgreements.totalCount, 1, 'the demo teacher has one agreement to sign');
    const agreement = mine.myAgreements.edges[0].node;
    assert.equal(agreement.term, term);

    await withBrowser(phone, async ({ page, context }) => {
      await signIn(page, server.url, ACCOUNTS.teacher);
      await page.waitForURL(`${server.url}/`);
      await page.getByTestId('sign-notice').getByText('您有 1 份责任书待签署').waitFor();
      await page.getByTestId('nav-me-badge').getByText('1').waitFor();

      // 我的 → 我的责任书 → the agreement.
      await page.locator('[data-tab="me"]').click();
      await page.getByTestId('me-agreements').getByText('1 份待签署').waitFor();
      await page.getByTestId('me-agreements').click();
      await page.waitForURL(`${server.url}/my/agreements`);
      const row = page.locator(`[data-testid="agreement-row"][data-id="${agreement.id}"]`);
      await row.getByTestId('agreement-state').getByText(/待签署/).waitFor();
      await row.click();
      await page.waitForURL(`${server.url}/my/agreements/${agreement.id}`);
      await page.getByTestId('agreement').getByRole('heading', { name: agreement.title }).waitFor();
      await page.getByTestId('agreement-text').getByText('乙方：张丽（帮扶责任人）').waitFor();

      // Not before the end has been read.
      const sign = page.getByTestId('sign-button');
      await sign.waitFor();
      assert.equal(await sign.isDisabled(), true, 'the sign button waits for the end of the text');
      await page.getByText('请先阅读至文末').waitFor();
      await page.screenshot({ path: screenshotPath('agreement-unread-mobile') });
      await page.getByTestId('agreement-end').scrollIntoViewIfNeeded();
      await page.getByText('已阅读全文').waitFor();
      assert.equal(await sign.isDisabled(), false);
      await sign.click();

      // The pad: an empty drawing and another's name are refused here.
      const pad = page.getByTestId('sign-pad');
      await pad.waitFor();
      await page.getByTestId('sign-name').fill('张三');
      await page.getByTestId('sign-confirm').click();
      await pad.getByText('请在签名区手写签名').waitFor();
      await pad.getByText('请输入本人姓名（张丽）确认签署').waitFor();
      await drawSignature(page);
      await page.getByTestId('sign-clear').click(); // start again
      await drawSignature(page);
      await page.getByTestId('sign-name').fill('张丽');
      await page.screenshot({ path: screenshotPath('agreement-sign-pad-mobile') });
      await page.getByTestId('sign-confirm').click();
      await pad.waitFor({ state: 'detached' });

      // Signed: both parties and the signature, from the server.
      const state = page.getByTestId('agreement').getByTestId('agreement-state');
      await page.waitForFunction(() => document.querySelector('[data-testid="agreement"] [data-testid="agreement-state"]')?.getAttribute('data-state') === 'SIGNED');
      assert.match(await state.innerText(), /已签署/);
      const parties = page.getByTestId('agreement-parties');
      await parties.getByText(agreement.issuerOrg.name).waitFor();
      await parties.getByText('张丽（帮扶责任人）').waitFor();
      await parties.getByTestId('signed-name').getByText(/张丽/).waitFor();
      assert.match(await parties.getByTestId('signature-image').getAttribute('src'), /^data:image\/png;base64,/);
      assert.equal(await page.getByTestId('sign-button').count(), 0);
      assert.equal(await page.getByTestId('nav-me-badge').count(), 0, 'nothing left to sign or send');
      await page.screenshot({ path: screenshotPath('agreement-signed-mobile'), fullPage: true });

      // The PDF, with the signature, for the signer.
      const href = await page.getByTestId('agreement-pdf').getAttribute('href');
      assert.equal(href, `/agreements/${agreement.id}.pdf`);
      const pdf = await context.request.get(`${server.url}${href}`);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    });

    const signed = await as.teacher(`query($id: ID!) { node(id: $id) { ... on Agreement { state signedName contentHash } } }`, { id: agreement.id });
    assert.deepEqual(signed.node, { state: 'SIGNED', signedName: '张丽', contentHash: agreement.contentHash });
    const after = await as.aid(COMPLETION, { term, code: COUNTY });
    assert.equal(after.agreementCompletion.total.signed, before.agreementCompletion.total.signed + 1, 'signed rose by exactly one');
    assert.equal(after.agreementCompletion.total.issued, before.agreementCompletion.total.issued);

    // The county's completion view shows it.
    await withBrowser(phone, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.aid);
      await page.waitForURL(`${server.url}/`);
      await page.getByTestId('home-agreements').click();
      await page.waitForURL(`${server.url}/signing`);
      const total = page.getByTestId('completion-total');
      await total.getByTestId('completion-signed').getByText(String(after.agreementCompletion.total.signed)).waitFor();
      assert.equal(await total.getAttribute('data-signed'), String(before.agreementCompletion.total.signed + 1));
      assert.equal(await total.getAttribute('data-issued'), String(after.agreementCompletion.total.issued));
      assert.match(await page.getByTestId('archive-pdf').getAttribute('href'), /^\/agreements\/archive\.pdf\?divisionCode=130681000000&term=/);
      await page.getByTestId('view-unsigned').click();
      const rows = page.getByTestId('unsigned-row');
      await rows.first().waitFor();
      assert.equal(await rows.filter({ hasText: '张丽' }).count(), 0, 'no longer waiting for 张丽');
      await page.screenshot({ path: screenshotPath('signing-progress-county-mobile') });
    });
  });
});

describe('issuing and templates', () => {
  test('a school issues its agreements again: nothing twice, the numbers shown are the server’s', async () => {
    const v = await as.principal('{ viewer { person { positions { org { id name } } } } }');
    const school = v.viewer.person.positions[0].org;
    const term = currentTerm();
    const before = await as.principal(COMPLETION, { term, org: school.id });
    await withBrowser(phone, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.principal);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/signing?org=${school.id}`);
      await page.getByTestId('open-issue').click();
      const dialog = page.getByTestId('issue-dialog');
      assert.equal(await dialog.getByTestId('issue-term').inputValue(), term);
      for (const k of ['学校与校长', '学校与分管领导', '学校与帮扶责任人']) {
        assert.equal(await dialog.getByRole('button', { name: k }).getAttribute('aria-pressed'), 'true');
      }
      assert.equal(await dialog.getByRole('button', { name: '教育局与学校' }).count(), 0, 'a school does not issue to schools');
      await dialog.getByTestId('issue-confirm').click();
      await dialog.getByTestId('issue-result').waitFor();
      await page.screenshot({ path: screenshotPath('issue-result-mobile') });
      const created = Number(await dialog.getByTestId('issue-created').innerText());
      const existing = Number(await dialog.getByTestId('issue-existing').innerText());
      // Issued by the school itself: all but the one the bureau issued to it.
      const byKind = await as.principal(
        `query($term: String!, $org: ID) { agreementCompletion(term: $term, orgID: $org) { byKind { kind issued } } }`,
        { term, org: school.id },
      );
      const ownIssued = byKind.agreementCompletion.byKind.filter((k) => k.kind !== 'BUREAU_SCHOOL').reduce((n, k) => n + k.issued, 0);
      assert.equal(created + existing, ownIssued);
      assert.equal(created, 0, 'the demo school had issued everything already');
      await dialog.getByRole('button', { name: '完成' }).click();
    });
    const after = await as.principal(COMPLETION, { term, org: school.id });
    assert.deepEqual(after.agreementCompletion.total, before.agreementCompletion.total, 'issuing again changed nothing');
  });

  test('the county edits a template on a PC: numbered duties reorder, issued texts stay frozen', async () => {
    const q = `query($code: String!) { agreementTemplates(divisionCode: $code) { kind ownerCode version duties } }`;
    const before = (await as.aid(q, { code: COUNTY })).agreementTemplates.find((t) => t.kind === 'SCHOOL_CONTACT');
    const issued = await as.teacher(`{ myAgreements { edges { node { id text contentHash } } } }`);
    await withBrowser(VIEWPORTS.desktop, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.aid);
      await page.waitForURL(`${server.url}/`);
      // The side rail lists what a phone reaches from 首页 and 我的.
      for (const tab of ['coverage', 'agreements', 'progress']) await page.locator(`[data-tab="${tab}"]`).waitFor();
      await page.locator('[data-tab="progress"]').click();
      await page.waitForURL(`${server.url}/signing`);
      await page.getByRole('link', { name: '编辑责任书模板 ›' }).click();
      await page.waitForURL(`${server.url}/signing/templates`);
      await page.getByRole('radio', { name: '学校与帮扶责任人' }).click();
      const form = page.getByTestId('template-form');
      await form.getByLabel('第1条职责').waitFor();
      assert.equal(await form.getByLabel('第1条职责').inputValue(), before.duties[0]);
      assert.equal(await form.getByTestId('duty').count(), before.duties.length);
      await form.getByRole('button', { name: '第2条上移' }).click();
      await form.getByRole('button', { name: '添加一条' }).click();
      await form.getByLabel(`第${before.duties.length + 1}条职责`).fill('每学期向学校书面报告一次帮扶情况。');
      await form.getByTestId('template-save').click();
      await form.getByTestId('template-version').getByText(/涿州市模板 · 第 1 版/).waitFor();
      await page.screenshot({ path: screenshotPath('templates-desktop') });
    });
    const after = (await as.aid(q, { code: COUNTY })).agreementTemplates.find((t) => t.kind === 'SCHOOL_CONTACT');
    assert.equal(after.ownerCode, COUNTY);
    assert.deepEqual(after.duties, [before.duties[1], before.duties[0], ...before.duties.slice(2), '每学期向学校书面报告一次帮扶情况。']);
    const still = await as.teacher(`{ myAgreements { edges { node { id text contentHash } } } }`);
    assert.deepEqual(still, issued, 'agreements already issued keep their text');
  });
});
