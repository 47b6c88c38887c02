// End-to-end: the real server (fresh database, demo county) and Debian's
// Chromium, at a phone's 360×740 and a PC's 1280×800. Run: npm run e2e.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, PASSWORD, screenshotPath, signIn, startServer, stat, VIEWPORTS } from './harness.mjs';

const ACCOUNTS = {
  aid: '13900000001', // 资助中心专干, 涿州市教育和体育局
  principal: '13900000002', // 校长, 松林店镇中心校
  teacher: '13900000003', // 教师、班主任, 松林店镇中心校
  overseer: '13900000004', // 分管领导, 保定市教育局
  inspector: '13900000005', // 督导, 涿州市
};

let server;
/** Per account: runs a GraphQL query as that account (the numbers the UI must show). */
const as = {};

before(
  async () => {
    server = await startServer();
    for (const [k, phone] of Object.entries(ACCOUNTS)) as[k] = await api(server.url, phone);
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

const AREA = `{
  households(first: 0) { totalCount }
  registered: households(first: 0, where: { statusIn: [NOT_LIFTED, LIFTED] }) { totalCount }
  students(first: 0) { totalCount }
  junior: students(first: 0, where: { stage: JUNIOR }) { totalCount }
  dropout: students(first: 0, where: { enrollmentStatus: DROPOUT }) { totalCount }
  suspected: students(first: 0, where: { enrollmentStatus: SUSPECTED_DROPOUT }) { totalCount }
  outside: students(first: 0, where: { schoolIDIsNil: true, outsideSchoolNameNotNil: true }) { totalCount }
}`;

/** Runs fn with a fresh browser; fails on uncaught page errors; always closes. */
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
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `page is ${scrollWidth}px wide in a ${width}px viewport`);
}

async function expectHome(page) {
  await page.waitForURL(`${server.url}/`);
}

async function checkArea(page, expected, title, areaName) {
  const area = page.getByTestId('home-area');
  await area.getByRole('heading', { name: title }).waitFor();
  await area.getByText(areaName, { exact: true }).waitFor();
  await area.locator('[data-stat="户数"]').waitFor();
  assert.equal(await stat(area, '户数'), String(expected.households.totalCount));
  assert.equal(await stat(area, '建档立卡户'), String(expected.registered.totalCount));
  assert.equal(await stat(area, '学生'), String(expected.students.totalCount));
  assert.equal(await stat(area, '辍学'), String(expected.dropout.totalCount));
  assert.equal(await stat(area, '疑似辍学'), String(expected.suspected.totalCount));
  assert.equal(await stat(area, '县外就读'), String(expected.outside.totalCount));
  const junior = await area.locator('[data-stage="JUNIOR"] .bar__value').innerText();
  assert.equal(junior.trim(), String(expected.junior.totalCount));
}

for (const [vpName, viewport] of Object.entries(VIEWPORTS)) {
  describe(`homes at ${viewport.width}×${viewport.height}`, () => {
    test('资助中心专干 sees 全县概况 of 涿州市: 3000 households', async () => {
      const expected = await as.aid(AREA);
      assert.equal(expected.households.totalCount, 3000, 'the demo county has 3000 households');
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, ACCOUNTS.aid);
        await expectHome(page);
        await page.getByRole('heading', { name: '李文静' }).waitFor();
        await checkArea(page, expected, '全县概况', '涿州市');
        assert.equal(await stat(page.getByTestId('home-area'), '户数'), '3000');
        assert.equal(await page.getByTestId('home-teacher').count(), 0);
        assert.equal(await page.getByTestId('home-school').count(), 0);
        await noHorizontalScroll(page, viewport.width);
        if (vpName === 'mobile') {
          // One thumb: the tab bar sits at the bottom with big targets.
          for (const tab of ['home', 'households', 'students', 'me']) {
            const box = await page.locator(`[data-tab="${tab}"]`).boundingBox();
            assert.ok(box && box.height >= 48 && box.width >= 80, `tab ${tab} is ${box?.width}×${box?.height}`);
            assert.ok(box.y + box.height >= viewport.height - 2, `tab ${tab} is not at the bottom`);
          }
        } else {
          const box = await page.locator('[data-tab="home"]').boundingBox();
          assert.ok(box && box.x < 240 && box.y < 200, 'the navigation is a side rail on a PC');
        }
        await page.screenshot({ path: screenshotPath(`home-county-aid-${vpName}`) });
      });
    });

    test('city overseer sees 全市概况 of 保定市', async () => {
      const expected = await as.overseer(AREA);
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, ACCOUNTS.overseer);
        await expectHome(page);
        await checkArea(page, expected, '全市概况', '保定市');
        await noHorizontalScroll(page, viewport.width);
        await page.screenshot({ path: screenshotPath(`home-overseer-${vpName}`) });
      });
    });

    test('inspector (督导) sees 全县概况, read only', async () => {
      const expected = await as.inspector(AREA);
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, ACCOUNTS.inspector);
        await expectHome(page);
        await checkArea(page, expected, '全县概况', '涿州市');
        await page.getByRole('heading', { name: '孙秀英' }).waitFor();
        await page.screenshot({ path: screenshotPath(`home-inspector-${vpName}`) });
      });
    });

    test('principal of a central school sees 我的学校 and the township ledger', async () => {
      const v = await as.principal('{ viewer { permissions { object action schoolIDs } } }');
      const schoolID = v.viewer.permissions.find((p) => p.object === 'student' && p.action === 'read').schoolIDs[0];
      const e = await as.principal(
        `query($s: ID!, $t: String!) {
          school: students(first: 0, where: { schoolID: $s }) { totalCount }
          enrolled: students(first: 0, where: { schoolID: $s, enrollmentStatus: ENROLLED }) { totalCount }
          households(first: 0, divisionCode: $t) { totalCount }
          registered: households(first: 0, divisionCode: $t, where: { statusIn: [NOT_LIFTED, LIFTED] }) { totalCount }
          students(first: 0, divisionCode: $t) { totalCount }
        }`,
        { s: schoolID, t: '130681100000' },
      );
      assert.ok(e.school.totalCount > 0 && e.households.totalCount > 0, 'the demo school has students and the township households');
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, ACCOUNTS.principal);
        await expectHome(page);
        const home = page.getByTestId('home-school');
        await home.getByRole('heading', { name: '我的学校' }).waitFor();
        const school = home.locator('[data-school="松林店镇中心校"]');
        await school.locator('[data-stat="在校学生"]').waitFor();
        assert.equal(await stat(school, '在校学生'), String(e.school.totalCount));
        await school.getByText(`在读 ${e.enrolled.totalCount}`).waitFor();
        const town = home.locator('[data-township="松林店镇"]');
        await town.locator('[data-stat="户数"]').waitFor();
        assert.equal(await stat(town, '户数'), String(e.households.totalCount));
        assert.equal(await stat(town, '建档立卡户'), String(e.registered.totalCount));
        assert.equal(await stat(town, '学生'), String(e.students.totalCount));
        assert.equal(await page.getByTestId('home-area').count(), 0);
        await noHorizontalScroll(page, viewport.width);
        await page.screenshot({ path: screenshotPath(`home-principal-${vpName}`) });

        // A tile opens the school's students.
        await school.locator('a.stat', { hasText: '在校学生' }).click();
        await page.waitForURL(/\/students\?/);
        await page.getByTestId('list-total').getByText(`共 ${e.school.totalCount} 名学生`).waitFor();
        await page.getByText('范围：松林店镇中心校').waitFor();
      });
    });

    test('teacher sees 本月任务 and 我的家庭, the longest uncontacted first', async () => {
      const e = await as.teacher(
        '{ households: myFamilies(first: 50) { totalCount edges { node { headName lastContactOn } } } students(first: 0) { totalCount } }',
      );
      const overdue = e.households.edges.filter((x) => x.node.lastContactOn < monthStart()).length;
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, ACCOUNTS.teacher);
        await expectHome(page);
        await page.getByRole('heading', { name: '张丽' }).waitFor();
        await page.getByText('松林店镇中心校 教师、班主任（四年级2班）').waitFor();
        const tasks = page.getByTestId('month-tasks');
        await tasks.getByRole('heading', { name: '本月任务' }).waitFor();
        await tasks.locator('[data-task="families"]', { hasText: String(e.households.totalCount) }).waitFor();
        assert.equal((await tasks.locator('[data-task="students"]').innerText()).trim(), String(e.students.totalCount));
        assert.equal((await tasks.locator('[data-task="pending"]').innerText()).trim(), '0');
        assert.equal((await tasks.locator('[data-task="overdue"]').innerText()).trim(), String(overdue));
        const mine = page.getByTestId('home-teacher');
        await mine.getByRole('heading', { name: '我的家庭' }).waitFor();
        if (e.households.totalCount === 0) {
          await mine.getByTestId('families-empty').getByText('还没有分配给您的家庭').waitFor();
        } else {
          const rows = mine.getByTestId('family-row');
          await rows.first().waitFor();
          assert.equal(await rows.count(), e.households.edges.length);
          assert.deepEqual(
            (await rows.locator('.row__name').allInnerTexts()).map((t) => t.trim()),
            e.households.edges.map((x) => x.node.headName),
            "the server's order: the longest uncontacted first",
          );
          assert.equal(await mine.locator('[data-overdue="true"]').count(), overdue);
          assert.equal(await mine.getByTestId('overdue-mark').count(), overdue);
          if (overdue > 0) assert.equal(await rows.first().getAttribute('data-overdue'), 'true');
        }
        assert.equal(await page.getByTestId('home-area').count(), 0);
        await noHorizontalScroll(page, viewport.width);
        await page.screenshot({ path: screenshotPath(`home-teacher-${vpName}`) });
      });
    });

    test('teacher goes offline: the app stays usable with the last data, then recovers', async () => {
      const e = await as.teacher('{ households(first: 0) { totalCount } families: myFamilies(first: 0) { totalCount } students(first: 0) { totalCount } }');
      await withBrowser(viewport, async ({ page, context }) => {
        await signIn(page, server.url, ACCOUNTS.teacher);
        await expectHome(page);
        const families = page.getByTestId('month-tasks').locator('[data-task="families"]');
        await families.getByText(String(e.families.totalCount)).waitFor();
        // The service worker has the shell once it controls the page.
        await page.evaluate(() => navigator.serviceWorker.ready);
        if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
          await page.reload();
          await families.waitFor();
        }
        // Online once through each tab: that is the data kept for later.
        await page.locator('[data-tab="households"]').click();
        await page.getByTestId('list-total').getByText(`共 ${e.households.totalCount} 户`).waitFor();
        await page.locator('[data-tab="students"]').click();
        await page.getByTestId('list-total').getByText(`共 ${e.students.totalCount} 名学生`).waitFor();
        await page.locator('[data-tab="me"]').click();
        await page.getByTestId('outbox').waitFor();
        await page.locator('[data-tab="home"]').click();
        await families.waitFor();
        assert.equal(await page.getByTestId('offline').count(), 0, 'no offline indicator while online');

        await context.setOffline(true);
        const offline = page.getByTestId('offline');
        await offline.getByText('离线').waitFor();

        await page.locator('[data-tab="households"]').click();
        await page.getByTestId('list-total').getByText(`共 ${e.households.totalCount} 户`).waitFor();
        await page.getByTestId('stale').first().getByText('离线数据').waitFor();
        await page.locator('[data-tab="students"]').click();
        await page.getByTestId('list-total').getByText(`共 ${e.students.totalCount} 名学生`).waitFor();
        await page.getByTestId('stale').first().waitFor();
        await page.locator('[data-tab="me"]').click();
        await page.getByText('当前离线').waitFor();
        await page.locator('[data-tab="home"]').click();
        await families.getByText(String(e.families.totalCount)).waitFor();
        await page.getByTestId('month-tasks').getByTestId('stale').getByText(/离线数据.*更新于/).waitFor();
        await offline.waitFor();

        // Opening the app again with no signal: the shell comes from the service worker.
        const res = await page.reload();
        assert.ok(res?.fromServiceWorker(), 'the page was not served by the service worker');
        await families.getByText(String(e.families.totalCount)).waitFor();
        await offline.getByText('离线').waitFor();
        await page.screenshot({ path: screenshotPath(`home-teacher-offline-${vpName}`) });

        await context.setOffline(false);
        await offline.waitFor({ state: 'detached' });
        // Stale data is refreshed once the network is back.
        await page.getByTestId('month-tasks').getByTestId('stale').waitFor({ state: 'detached' });
      });
    });
  });
}

describe('browsing in scope (phone)', () => {
  const viewport = VIEWPORTS.mobile;

  test('households: infinite scroll, search, filter, a household page with a tel: link', async () => {
    const e = await as.aid(`{
      all: households(first: 1, orderBy: { field: NUMBER, direction: ASC }) { totalCount edges { node { id number headName phone } } }
      registered: households(first: 0, where: { statusIn: [NOT_LIFTED, LIFTED] }) { totalCount }
      dibao: households(first: 0, where: { dibao: true }) { totalCount }
    }`);
    const first = e.all.edges[0].node;
    await withBrowser(viewport, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.aid);
      await expectHome(page);
      await page.locator('[data-tab="households"]').click();
      await page.getByTestId('list-total').getByText(`共 ${e.all.totalCount} 户`).waitFor();
      const rows = page.getByTestId('household-row');
      await rows.nth(19).waitFor();
      assert.equal(await rows.count(), 20, 'first page of 20');
      await rows.nth(19).scrollIntoViewIfNeeded();
      await page.mouse.wheel(0, 4000);
      await rows.nth(39).waitFor();
      assert.ok((await rows.count()) >= 40, 'scrolling loads the next page');
      await noHorizontalScroll(page, viewport.width);

      // Status filter from the dropdown.
      await page.locator('.van-dropdown-menu__item').first().click();
      await page.getByRole('menuitem', { name: '建档立卡户' }).click();
      await page.getByTestId('list-total').getByText(`共 ${e.registered.totalCount} 户`).waitFor();
      assert.match(page.url(), /status=REGISTERED/);
      // Flags: 低保 only.
      await page.goto(`${server.url}/households?flags=dibao`);
      await page.getByTestId('list-total').getByText(`共 ${e.dibao.totalCount} 户`).waitFor();

      // Search by 户编号.
      await page.goto(`${server.url}/households`);
      await page.getByRole('searchbox').fill(first.number);
      await page.getByTestId('list-total').getByText('共 1 户').waitFor();
      await rows.first().getByText(first.headName).waitFor();
      await rows.first().click();
      await page.waitForURL(`${server.url}/households/${first.id}`);
      const h = page.getByTestId('household');
      await h.getByRole('heading', { name: first.headName }).waitFor();
      assert.equal(await page.getByTestId('call').getAttribute('href'), `tel:${first.phone}`);
      await page.getByText(first.number).waitFor();
      await page.screenshot({ path: screenshotPath('household-mobile') });
    });
  });

  test('students: search by the last digits of the ID number, filter by 学段, the student page with reveal', async () => {
    const pick = await as.aid(
      '{ students(first: 1, where: { schoolIDNotNil: true }, orderBy: { field: NAME, direction: ASC }) { edges { node { id name idNumber } } } }',
    );
    const student = pick.students.edges[0].node;
    const tail = student.idNumber.slice(-4);
    const e = await as.aid(
      `query($q: String!, $id: ID!) {
        search: students(first: 0, search: $q) { totalCount }
        junior: students(first: 0, where: { stage: JUNIOR }) { totalCount }
        full: students(first: 1, where: { id: $id }) { edges { node { idNumber(full: true) } } }
      }`,
      { q: tail, id: student.id },
    );
    const fullId = e.full.edges[0].node.idNumber;
    assert.match(fullId, /^\d{17}[\dX]$/);
    await withBrowser(viewport, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.aid);
      await expectHome(page);
      await page.locator('[data-tab="students"]').click();
      await page.getByTestId('student-row').first().waitFor();

      await page.getByRole('button', { name: '全部学段' }).click();
      await page.getByRole('menuitem', { name: '初中' }).click();
      await page.getByTestId('list-total').getByText(`共 ${e.junior.totalCount} 名学生`).waitFor();

      await page.goto(`${server.url}/students`);
      await page.getByRole('searchbox').fill(tail);
      await page.getByTestId('list-total').getByText(`共 ${e.search.totalCount} 名学生`).waitFor();

      await page.goto(`${server.url}/students/${student.id}`);
      const card = page.getByTestId('student');
      await card.getByRole('heading', { name: student.name }).waitFor();
      const id = page.getByTestId('id-number');
      assert.match(await id.innerText(), /^\d{6} \*{8} [\dX]{4}$/);
      await card.getByText('查看将被记录').waitFor();
      await page.getByTestId('reveal').click();
      await id.getByText(`${fullId.slice(0, 6)} ${fullId.slice(6, 14)} ${fullId.slice(14)}`).waitFor();
      await card.getByText('本次查看已记录').waitFor();
      assert.equal(await page.getByTestId('reveal').count(), 0);
      await page.screenshot({ path: screenshotPath('student-mobile') });
    });
  });

  test('who may reveal full ID numbers: not the inspector, the principal only in his school', async () => {
    const v = await as.principal('{ viewer { permissions { object action schoolIDs } } }');
    const schoolID = v.viewer.permissions.find((p) => p.object === 'student' && p.action === 'read').schoolIDs[0];
    const e = await as.principal(
      `query($s: ID!) {
        own: students(first: 1, where: { schoolID: $s }) { edges { node { id name } } }
        other: students(first: 1, where: { or: [{ schoolIDNEQ: $s }, { schoolIDIsNil: true }] }) { edges { node { id name } } }
      }`,
      { s: schoolID },
    );
    const own = e.own.edges[0].node;
    const other = e.other.edges[0]?.node;
    assert.ok(other, 'the township has students of other schools');
    await withBrowser(viewport, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.principal);
      await expectHome(page);
      await page.goto(`${server.url}/students/${own.id}`);
      await page.getByTestId('student').getByRole('heading', { name: own.name }).waitFor();
      await page.getByTestId('reveal').waitFor();
      await page.goto(`${server.url}/students/${other.id}`);
      await page.getByTestId('student').getByRole('heading', { name: other.name }).waitFor();
      assert.equal(await page.getByTestId('reveal').count(), 0);
    });
    await withBrowser(viewport, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.inspector);
      await expectHome(page);
      await page.goto(`${server.url}/students/${own.id}`);
      await page.getByTestId('student').getByRole('heading', { name: own.name }).waitFor();
      assert.match(await page.getByTestId('id-number').innerText(), /\*{8}/);
      assert.equal(await page.getByTestId('reveal').count(), 0);
    });
  });

  test('sign-in errors are shown inline', async () => {
    await withBrowser(viewport, async ({ page }) => {
      await page.goto(`${server.url}/`);
      await page.waitForURL(`${server.url}/login`);
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByText('请输入手机号').waitFor();
      await page.getByText('请输入密码').waitFor();
      await signIn(page, server.url, ACCOUNTS.inspector, `${PASSWORD}-wrong`);
      await page.getByTestId('login-error').getByText('手机号或密码错误').waitFor();
      assert.equal(new URL(page.url()).pathname, '/login');
      await page.screenshot({ path: screenshotPath('login-error-mobile') });
    });
  });

  test('an expired session says so, then shows the login page', async () => {
    await withBrowser(viewport, async ({ page, context }) => {
      await signIn(page, server.url, ACCOUNTS.inspector);
      await expectHome(page);
      await page.getByTestId('home-area').waitFor();
      // From 我的, which loads no more pages as it scrolls: nothing but the tap
      // below meets the expired session.
      await page.locator('[data-tab="me"]').click();
      await page.waitForURL(`${server.url}/me`);
      await page.waitForLoadState('networkidle');
      await context.addCookies([{ name: 'sanbao_session', value: 'expired-or-revoked', url: server.url }]);
      await page.locator('[data-tab="students"]').click();
      await page.waitForURL(/\/login\?redirect=(%2F|\/)students$/);
      await page.getByTestId('login-notice').getByText('登录已过期，请重新登录').waitFor();
      // Signing in again returns to where the person was.
      await page.getByLabel('手机号').fill(ACCOUNTS.inspector);
      await page.getByLabel('密码').fill(PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(`${server.url}/students`);
      await page.getByTestId('student-row').first().waitFor();
    });
  });

  test('sign out from 我的', async () => {
    await withBrowser(viewport, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.principal);
      await expectHome(page);
      await page.locator('[data-tab="me"]').click();
      await page.getByTestId('outbox-pending').getByText('0').waitFor();
      await page.locator('.plain-list').getByText('松林店镇中心校').waitFor();
      await page.getByTestId('logout').click();
      await page.getByRole('button', { name: '退出', exact: true }).click();
      await page.waitForURL(`${server.url}/login`);
      await page.goto(`${server.url}/me`);
      await page.waitForURL(/\/login/);
      await page.getByRole('button', { name: '登录' }).waitFor();
    });
  });
});

describe('no server at all (last: stops the server)', () => {
  test('the app opens from the service worker with the last data', async () => {
    const e = await as.teacher('{ households: myFamilies(first: 0) { totalCount } }');
    await withBrowser(VIEWPORTS.mobile, async ({ page }) => {
      await signIn(page, server.url, ACCOUNTS.teacher);
      await expectHome(page);
      const families = page.getByTestId('month-tasks').locator('[data-task="families"]');
      await families.getByText(String(e.households.totalCount)).waitFor();
      await page.locator('[data-tab="students"]').click();
      await page.getByTestId('list-total').waitFor();
      await page.locator('[data-tab="home"]').click();
      await page.evaluate(() => navigator.serviceWorker.ready);
      // Let the worker finish storing the shell.
      await page.waitForFunction(async () => {
        const keys = await caches.keys();
        for (const k of keys) if ((await (await caches.open(k)).keys()).length > 5) return true;
        return false;
      });
      await server.stop();
      const res = await page.reload();
      assert.ok(res?.fromServiceWorker(), 'the page was not served by the service worker');
      await page.getByRole('heading', { name: '张丽' }).waitFor();
      await families.getByText(String(e.households.totalCount)).waitFor();
      await page.getByTestId('offline').getByText('离线').waitFor();
      await page.locator('[data-tab="students"]').click();
      await page.getByTestId('list-total').waitFor();
    });
  });
});
