// End-to-end, reminders and the audit log: the teacher's home says how many
// families are still to contact this month and the 首页 tab carries the
// count; the county's home lists who is behind with phones to call; the
// inspector (督导) filters the audit log by person and finds no edit button
// on any page they may open; 我的 shows the outbox only to those who log
// contacts. Real server, demo data, Chromium at 360×740 and 1280×800.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, signIn, startServer, VIEWPORTS } from './harness.mjs';

const AID = '13900000001'; // 李文静, the county's aid centre
const TEACHER = '13900000003'; // 张丽
const INSPECTOR = '13900000005'; // 孙秀英, 督导
const COUNTY = '130681000000';

let server;
let asAid;
let asTeacher;
let asInspector;

before(
  async () => {
    server = await startServer();
    [asAid, asTeacher, asInspector] = await Promise.all([api(server.url, AID), api(server.url, TEACHER), api(server.url, INSPECTOR)]);
    // The aid centre opens three students: three rows of the audit log in her name.
    const d = await asAid(`{ students(first: 3) { edges { node { id } } } }`);
    for (const e of d.students.edges) await asAid(`query($id: ID!) { node(id: $id) { ... on Student { name } } }`, { id: e.node.id });
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

async function fits(page, width, what) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `${what} is ${w}px wide on a ${width}px screen`);
}

/** Visible buttons and links that change something: none for an inspector. */
const EDITS = /修改(?!密码)|编辑|添加|新增|分配|(?<!未)结束|删除|下发责任书|作废|更正|记录联系|导入|调动|离职|重置|清除重签|保存/;
async function editControls(page) {
  return page.$$eval('button, a, [role="button"]', (els, src) => {
    const re = new RegExp(src);
    return els
      .filter((e) => e.offsetParent !== null && !e.closest('nav'))
      .map((e) => e.textContent.trim().replace(/\s+/g, ' '))
      .filter((t) => re.test(t));
  }, EDITS.source);
}

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  describe(`reminders (${name})`, () => {
    test('the teacher’s home says how many families are left this month; 首页 carries the count', async () => {
      const r = (await asTeacher(`{ reminders { daysLeft familiesDue } }`)).reminders;
      assert.ok(r.familiesDue > 0, 'the demo teacher has families not contacted this month');
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, TEACHER);
        await page.waitForURL(`${server.url}/`);
        const banner = page.getByTestId('remind-teacher');
        await banner.waitFor();
        assert.match(await banner.innerText(), new RegExp(`本月还有 ${r.familiesDue} 户未联系，还剩 \\d+ 天`));
        const badge = page.getByTestId('nav-home-badge');
        await badge.waitFor();
        assert.equal((await badge.innerText()).trim(), String(Math.min(r.familiesDue, 99)));
        // A teacher sees nobody behind.
        assert.equal(await page.getByTestId('home-behind').count(), 0);
        await fits(page, viewport.width, 'the teacher’s home');
        await page.goto(`${server.url}/me`);
        await page.getByTestId('outbox').waitFor();
      });
    });

    test('the county’s home lists who is behind, worst first, with phones to call', async () => {
      const d = await asAid(`{ behind(first: 20) { totalCount edges { node { overdue person { name phone } } } } }`);
      assert.ok(d.behind.totalCount > 0, 'someone is behind in the demo county');
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, AID);
        await page.waitForURL(`${server.url}/`);
        const section = page.getByTestId('home-behind');
        await section.getByTestId('behind-row').first().waitFor();
        if (name === 'desktop') await section.getByTestId('behind-table').waitFor();
        const first = d.behind.edges[0].node;
        const row = section.getByTestId('behind-row').first();
        assert.ok((await row.innerText()).includes(first.person.name));
        const tel = row.locator('a[href^="tel:"]');
        assert.equal(await tel.getAttribute('href'), `tel:${first.person.phone}`);
        const h = await tel.evaluate((e) => e.getBoundingClientRect().height);
        assert.ok(h >= 43.5, `the phone link is ${h}px tall`);
        assert.equal(await section.locator('a[href^="tel:"]').count(), Math.min(20, d.behind.totalCount));
        assert.equal(await section.getByTestId('behind-xlsx').getAttribute('href'), `/exports/overdue.xlsx?division=${COUNTY}`);
        await fits(page, viewport.width, 'the county’s home');
      });
    });

    test('the inspector filters the audit log by person and finds no edit button anywhere', async () => {
      const where = { actorNameContains: '李文静' };
      const want = (await asInspector(`query($w: AuditLogWhereInput) { auditLogs(first: 0, where: $w) { totalCount } }`, { w: where })).auditLogs.totalCount;
      assert.ok(want >= 3, 'the aid centre’s reads are in the inspector’s log');
      const ids = await asInspector(`{ households(first: 1) { edges { node { id } } } students(first: 1) { edges { node { id } } } }`);
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, INSPECTOR);
        await page.waitForURL(`${server.url}/`);
        // 我的: no outbox for someone who logs no contacts; the audit log is there.
        await page.goto(`${server.url}/me`);
        await page.getByTestId('me-audit').waitFor();
        assert.equal(await page.getByTestId('outbox').count(), 0, 'the inspector sees the teacher’s outbox');
        await fits(page, viewport.width, '我的');
        await page.getByTestId('me-audit').click();
        await page.waitForURL(/\/audit/);
        await page.getByTestId('list-total').waitFor();
        await fits(page, viewport.width, 'the audit log');
        if (name === 'desktop') await page.getByTestId('audit-table').waitFor();

        await page.getByTestId('audit-person').fill('李文静');
        await page.waitForURL(/person=/);
        await page.waitForFunction((n) => document.querySelector('[data-testid="list-total"]')?.textContent?.includes(`共 ${n} 条`), want);
        const rows = await page.getByTestId('audit-row').allInnerTexts();
        assert.ok(rows.length > 0 && rows.every((t) => t.includes('李文静')), `rows not all by 李文静: ${rows.slice(0, 3)}`);
        assert.ok(rows.some((t) => t.includes('查看学生')));
        const href = await page.getByTestId('audit-export').getAttribute('href');
        assert.ok(href.startsWith('/exports/auditlog.xlsx?') && href.includes(`person=${encodeURIComponent('李文静')}`), href);
        await fits(page, viewport.width, 'the filtered audit log');

        await page.getByTestId('audit-person').fill('无此人');
        await page.getByTestId('audit-empty').waitFor();

        // Read-only everywhere the inspector may go.
        for (const path of [
          '/',
          '/households',
          `/households/${ids.households.edges[0].node.id}`,
          '/students',
          `/students/${ids.students.edges[0].node.id}`,
          '/coverage',
          '/signing',
          '/me',
          '/audit',
        ]) {
          await page.goto(`${server.url}${path}`);
          await page.waitForLoadState('networkidle');
          assert.deepEqual(await editControls(page), [], `edit controls on ${path}`);
          await fits(page, viewport.width, path);
        }
      });
    });
  });
}
