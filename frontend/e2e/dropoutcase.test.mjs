// End-to-end, issue 12 (控辍保学), the case page: the county admin opens a
// confirmed dropout case of the demo, sees its 七长, records the return-to-
// school notice (复学通知书) as served, prints it (the test reads the
// student's name back from the PDF) and downloads the case ledger. Real
// server, fresh database, Debian's Chromium at 360×740.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { api, openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';
import { readXlsx } from './xlsx.mjs';

const ADMIN = '13900000001';
const phone = VIEWPORTS.mobile;

let server;
let aid;

before(
  async () => {
    server = await startServer();
    aid = await api(server.url, ADMIN);
  },
  { timeout: 600_000 },
);

after(async () => {
  await server?.stop();
});

const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600e3 + offsetDays * 86400e3).toISOString().slice(0, 10);

/** The text of a PDF (poppler's pdftotext). */
function pdfText(buf) {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: buf }).toString('utf8');
}

const CASES = `{ dropoutCases(first: 50, where: { kind: DROPOUT, status: OPEN }) { edges { node { id student { name } sevenHeads { role label name phone } returnNotice { id } noticeOverdue } } } }`;

test('the county records and prints the 复学通知书 of a dropout case (phone)', { timeout: 300_000 }, async () => {
  const cases = (await aid(CASES)).dropoutCases.edges.map((e) => e.node);
  assert.ok(cases.length > 0, 'the demo has an open confirmed dropout case');
  // One with no notice yet if there is one: the page then shows this test's.
  const k = cases.find((c) => !c.returnNotice) ?? cases[0];
  const named = k.sevenHeads.filter((h) => h.name);
  assert.ok(named.length >= 3, `the demo names most of the 七长: ${JSON.stringify(k.sevenHeads)}`);
  const served = chinaDay(0);
  const deadline = chinaDay(10);

  const b = await openBrowser(phone);
  try {
    const { page } = b;
    await signIn(page, server.url, ADMIN);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/dropout/cases/${k.id}`);
    await page.getByTestId('dropout-case').getByText(k.student.name).waitFor();

    // 七长: every head the API names shows with its name, the rest as 未登记.
    const heads = page.getByTestId('seven-heads');
    await heads.waitFor();
    assert.equal(await heads.locator('li').count(), k.sevenHeads.length);
    for (const h of named) {
      const row = heads.locator(`li[data-role="${h.role}"]`);
      assert.match(await row.innerText(), new RegExp(h.name));
      if (h.phone) assert.ok(await row.locator('a[href^="tel:"]').count(), `${h.label} has a phone link`);
    }

    // 记录劝返 does not offer the notice: it has its own form.
    await page.getByTestId('add-action').click();
    const chips = await page.getByTestId('action-form').locator('fieldset').first().innerText();
    assert.doesNotMatch(chips, /复学通知书/);
    await page.getByTestId('action-form').getByRole('button', { name: '取消' }).click();

    // A deadline before the served date: the server's words, in Chinese.
    const notice = page.getByTestId('return-notice');
    await notice.getByTestId('add-notice').click();
    await notice.locator('#notice-served').fill(served);
    await notice.locator('#notice-deadline').fill(chinaDay(-1));
    await notice.getByTestId('save-notice').click();
    assert.match(await notice.getByTestId('notice-error').innerText(), /复学期限/);

    // Served today, back within ten days.
    await notice.locator('#notice-deadline').fill(deadline);
    await notice.locator('#notice-notes').fill('监护人签收');
    await notice.getByTestId('save-notice').click();
    await notice.getByTestId('notice-form').waitFor({ state: 'detached' });
    await notice.getByTestId('notice-latest').waitFor();
    const [m, d] = deadline.slice(5).split('-').map(Number);
    assert.match(await notice.getByTestId('notice-deadline').innerText(), new RegExp(`${m}月${d}日`));
    assert.equal(await notice.getByTestId('notice-overdue').count(), 0, 'not overdue before its deadline');
    assert.match(await page.locator('[data-testid="case-action"][data-kind="NOTICE"]').first().innerText(), new RegExp(`限${m}月${d}日前复学`));
    const stored = await aid(`query($id: ID!) { node(id: $id) { ... on DropoutCase { noticeOverdue returnNotice { deadline servedOn } } } }`, { id: k.id });
    assert.deepEqual(stored.node.returnNotice, { deadline, servedOn: served });

    // 打印复学通知书: a real link to a new tab, a 44-px target, on the page's cookies.
    const link = notice.getByTestId('notice-pdf');
    assert.equal(await link.getAttribute('href'), `/dropout/cases/${k.id}/notice.pdf`);
    assert.equal(await link.getAttribute('target'), '_blank');
    const box = await link.boundingBox();
    assert.ok(box && box.height >= 43.5 && box.x + box.width <= phone.width, `tap target ${JSON.stringify(box)}`);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), 'the page fits 360 px');
    await page.screenshot({ path: screenshotPath('dropout-case-notice-mobile'), fullPage: true });

    const pdf = await page.request.get(`${server.url}/dropout/cases/${k.id}/notice.pdf`);
    assert.equal(pdf.status(), 200);
    assert.equal(pdf.headers()['content-type'], 'application/pdf');
    const text = pdfText(await pdf.body());
    assert.ok(text.replace(/\s+/g, '').includes(k.student.name), `the notice names ${k.student.name}:\n${text}`);

    // The demo's case past its notice's deadline says so.
    const late = cases.find((c) => c.noticeOverdue && c.id !== k.id);
    assert.ok(late, 'the demo has a case past its notice deadline');
    await page.goto(`${server.url}/dropout/cases/${late.id}`);
    await page.getByTestId('return-notice').getByTestId('notice-overdue').waitFor();

    // The case ledger's 导出Excel holds the case.
    await page.goto(`${server.url}/dropout?ledger=cases`);
    const exp = page.getByTestId('export-cases');
    await exp.waitFor();
    assert.match(await exp.getAttribute('href'), /^\/exports\/dropout-cases\.xlsx/);
    const [file] = await Promise.all([page.waitForEvent('download'), exp.click()]);
    const rows = readXlsx(readFileSync(await file.path()));
    assert.ok(rows.some((r) => r.includes(k.student.name)), `${k.student.name} in the exported ledger`);
    assert.deepEqual(b.errors, [], 'uncaught errors in the page');
  } catch (err) {
    await b.page.screenshot({ path: screenshotPath('dropout-case-failed-mobile'), fullPage: true });
    throw err;
  } finally {
    await b.close();
  }
});
