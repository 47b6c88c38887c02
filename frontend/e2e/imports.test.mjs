// End-to-end, spreadsheets in: the county admin uploads an .xlsx with two bad
// rows, sees the progress bar and both errors, downloads the marked copy
// (its 错误原因 column names both), fixes the file and imports it; the new
// households are in the list. Real server, fresh database, Debian's Chromium
// at 1280×800. Run: npm run e2e.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';
import { readXlsx, writeXlsx } from './xlsx.mjs';

const ADMIN = '13900000001';
const VILLAGE = '130681100200'; // 史家庄村, 松林店镇, 涿州市

let server;
before(
  async () => {
    server = await startServer();
  },
  { timeout: 600_000 },
);
after(async () => {
  await server?.stop();
});

/** A household list as an office keeps it: a title row, its own column order and widths of header. */
function households(bad) {
  const rows = [
    ['史家庄村建档立卡户名单'],
    ['户号', '户主姓名', '村级区划代码', '状态', '家庭人口（人）', '备注'],
    ['E2E-001', '周一', VILLAGE, '未脱贫', 4, ''],
    ['E2E-002', bad ? '' : '吴二', VILLAGE, '已脱贫', 3, ''],
    ['E2E-003', '郑三', VILLAGE, bad ? '富裕户' : '边缘户', 2, ''],
    ['E2E-004', '王四', VILLAGE, '未脱贫', 5, '新识别'],
  ];
  return writeXlsx(rows);
}

test('an .xlsx with two bad rows: errors, the marked copy, then the fixed file imports', { timeout: 300_000 }, async () => {
  const b = await openBrowser(VIEWPORTS.desktop);
  try {
    const { page } = b;
    await signIn(page, server.url, ADMIN);
    await page.waitForURL(`${server.url}/`);
    await page.locator('.nav__item[data-tab="imports"]').click();
    await page.waitForURL(`${server.url}/import`);
    const template = page.getByTestId('import-template');
    assert.match((await template.getAttribute('href')) ?? '', /^\/imports\/templates\/households\.xlsx$/);

    await page.getByTestId('import-file').setInputFiles({ name: '史家庄村.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: households(true) });
    const job = page.getByTestId('import-job');
    await job.waitFor();
    assert.ok(await page.getByTestId('import-progress').isVisible(), 'the progress bar is shown');
    await page.locator('[data-testid="import-job"][data-state="FAILED"]').waitFor();
    assert.equal(await page.getByTestId('import-progress').getAttribute('aria-valuenow'), '100');
    const errors = await page.getByTestId('import-error').allInnerTexts();
    assert.equal(errors.length, 2, `errors: ${errors}`);
    assert.match(errors[0], /^4\s+户主姓名\s+必填$/);
    assert.match(errors[1], /^5\s+状态\s+应为未脱贫、已脱贫、边缘户、非建档立卡困难户之一$/);
    assert.match(await page.getByTestId('import-state').innerText(), /未导入任何数据/);
    // The table is a real table on a PC, inside the screen.
    assert.equal(await page.locator('table[data-testid="import-errors"] th').count(), 3);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth));
    await page.screenshot({ path: screenshotPath('imports-errors-desktop'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()]);
    const marked = readXlsx(readFileSync(await download.path()));
    const reasonCol = marked[1].indexOf('错误原因');
    assert.ok(reasonCol >= 6, `header: ${marked[1]}`);
    assert.equal(marked[3][reasonCol], '户主姓名：必填');
    assert.equal(marked[4][reasonCol], '状态：应为未脱贫、已脱贫、边缘户、非建档立卡困难户之一');
    assert.equal(marked[2][reasonCol] ?? '', '');
    assert.equal(marked[5][0], 'E2E-004', 'the copy keeps every row where it was');

    await page.getByTestId('import-file').setInputFiles({ name: '史家庄村（改）.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: households(false) });
    await page.locator('[data-testid="import-job"][data-state="DONE"]').waitFor();
    assert.match(await page.getByTestId('import-state').innerText(), /导入完成：新增 4 条，更新 0 条/);
    assert.equal(await page.getByTestId('import-error').count(), 0);
    await page.getByTestId('import-history-row').first().waitFor();
    assert.match(await page.getByTestId('import-history-row').first().innerText(), /史家庄村（改）\.xlsx[\s\S]*完成，新增 4，更新 0/);

    await page.goto(`${server.url}/households?q=E2E-00`);
    // A PC lists households in a table.
    await page.getByTestId('household-tr').first().waitFor();
    const rows = await page.getByTestId('household-tr').allInnerTexts();
    assert.equal(rows.length, 4, rows.join(' | '));
    for (const name of ['周一', '吴二', '郑三', '王四']) assert.ok(rows.some((r) => r.includes(name)), `${name} in the list`);
    assert.deepEqual(b.errors, [], 'uncaught errors in the page');
  } finally {
    await b.close();
  }
});

test('at 360 px the import page fits the screen', { timeout: 120_000 }, async () => {
  const b = await openBrowser(VIEWPORTS.mobile);
  try {
    const { page } = b;
    await signIn(page, server.url, ADMIN);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/import`);
    await page.getByTestId('import-drop').waitFor().catch(async (e) => {
      await page.screenshot({ path: screenshotPath('imports-mobile-fail'), fullPage: true });
      throw e;
    });
    await page.getByTestId('import-history-row').first().waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360));
    const box = await page.getByTestId('import-template').boundingBox();
    assert.ok(box.height >= 43.5, `template link ${box.height}px tall`);
    await page.screenshot({ path: screenshotPath('imports-mobile'), fullPage: true });
    assert.deepEqual(b.errors, [], 'uncaught errors in the page');
  } finally {
    await b.close();
  }
});
