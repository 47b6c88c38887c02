// End-to-end, spreadsheets out: the county admin opens a village's page,
// taps 导出村台账 and the downloaded .xlsx holds the title, the frozen header
// and a known household with its student (ID number masked); the households
// list exports the ledger of its division filter. Real server, demo county,
// Debian's Chromium at 360×740 and 1280×800. Run: npm run e2e.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';
import { readXlsx } from './xlsx.mjs';

const ADMIN = '13900000001'; // 李文静, 资助中心专干, 涿州市
const VILLAGE = '130681100200'; // 史家庄村, 松林店镇

let server;
let known;
before(
  async () => {
    server = await startServer();
    const gql = await api(server.url, ADMIN);
    const d = await gql(
      `query($c: String!) { households(first: 50, divisionCode: $c, orderBy: { field: NUMBER, direction: ASC }) {
        edges { node { number headName village { id name } students { name idNumber } } } } }`,
      { c: VILLAGE },
    );
    const h = d.households.edges.map((e) => e.node).find((n) => n.students.length > 0);
    assert.ok(h, 'the village has a household with a student');
    known = h;
  },
  { timeout: 600_000 },
);
after(async () => {
  await server?.stop();
});

/** Clicks the link and reads the downloaded workbook's first sheet. */
async function download(page, testid) {
  const link = page.getByTestId(testid).first();
  const box = await link.boundingBox();
  assert.ok(box && box.height >= 43.5 && box.x + box.width <= (page.viewportSize()?.width ?? 0), `tap target ${JSON.stringify(box)}`);
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.match(file.suggestedFilename(), /\.xlsx$/);
  return { name: file.suggestedFilename(), rows: readXlsx(readFileSync(await file.path())) };
}

function findRow(rows, number, student) {
  return rows.find((r) => r[2] === number && r[12] === student);
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  test(`the county admin downloads the village ledger (${name})`, { timeout: 300_000 }, async () => {
    const b = await openBrowser(viewport);
    try {
      const { page } = b;
      await signIn(page, server.url, ADMIN);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/villages/${known.village.id}`);
      await page.getByTestId('village').getByRole('heading', { name: known.village.name }).waitFor();
      assert.equal(await page.getByTestId('export-village-ledger').getAttribute('href'), `/exports/village-ledger.xlsx?division=${VILLAGE}`);
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing wider than the screen');
      await page.screenshot({ path: screenshotPath(`exports-village-${name}`), fullPage: true });

      const { name: fileName, rows } = await download(page, 'export-village-ledger');
      assert.match(fileName, /^村台账_/);
      assert.match(rows[0][0], /^涿州市教育和体育局.*村台账.*范围：史家庄村.*日期：\d{4}年\d{1,2}月\d{1,2}日$/);
      assert.deepEqual(rows[1].slice(0, 5), ['乡镇', '村', '户编号', '户主姓名', '户类别']);
      const s = known.students[0];
      const row = findRow(rows, known.number, s.name);
      assert.ok(row, `household ${known.number} with ${s.name} in ${rows.length} rows`);
      assert.equal(row[1], known.village.name);
      assert.equal(row[3], known.headName);
      assert.equal(row[14], s.idNumber, 'the ID number masked as the app shows it');
      assert.match(row[14], /^\d{6}\*{8}\d{3}[\dX]$/);
      assert.ok(rows.slice(2).every((r) => r[1] === known.village.name), 'only the village');

      // The households list exports what its division filter shows.
      await page.goto(`${server.url}/households?division=${VILLAGE}&scope=史家庄村`);
      await page.getByTestId('list-total').waitFor();
      const listed = await download(page, 'export-village-ledger');
      assert.ok(findRow(listed.rows, known.number, s.name), 'the list export holds the household too');
      assert.equal(listed.rows.length, rows.length);
    } finally {
      await b.close();
    }
  });
}
