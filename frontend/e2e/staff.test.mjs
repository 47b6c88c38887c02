// End-to-end, staff (人员与任职): the county admin adds a teacher, gives her a
// position, assigns her a family; she signs in with the one-time password,
// must change it, and then sees her home with that family. Real server, fresh
// database, Debian's Chromium at 360×740 and 1280×800. Run: npm run e2e.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';

const AID = '13900000001'; // 李文静, 资助中心专干, the county bureau
const UNIT = '松林店镇中心校';
const TOWNSHIP = '130681100000';

let server;
let asAid;

before(
  async () => {
    server = await startServer();
    asAid = await api(server.url, AID);
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

/** Nothing wider than the screen. */
async function fits(page, width) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= width, `page is ${w}px wide on a ${width}px screen`);
}

/** 44-px tap targets for the buttons of the page (those shown); sub-pixel layout (43.99997) passes, as in layout.test.mjs. */
async function tappable(page, selector) {
  const small = await page.$$eval(selector, (els) =>
    els
      .filter((e) => e.offsetParent !== null)
      .map((e) => ({ t: e.textContent.trim(), h: e.getBoundingClientRect().height }))
      .filter((x) => x.h < 43.5),
  );
  assert.deepEqual(small, [], 'tap targets under 44px');
}

const REGISTERED = `query($d: String!) {
  households(first: 20, divisionCode: $d, where: { statusIn: [NOT_LIFTED, LIFTED] }) { edges { node { id headName guarantor { id } } } }
}`;

/** Who each viewport's first test added, for the departure that follows. */
const added = {};

for (const [name, viewport] of Object.entries(VIEWPORTS)) {
  describe(`staff (${name})`, () => {
    test('the county adds a teacher with a position and a family; she must change the one-time password first', async () => {
      const phone = name === 'mobile' ? '13555500001' : '13555500002';
      const teacher = name === 'mobile' ? '周晓梅' : '吴雪莲';
      let otp;

      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, AID);
        await page.waitForURL(`${server.url}/`);
        await page.goto(`${server.url}/staff`);
        await page.getByTestId('list-total').waitFor();
        if (name === 'desktop') await page.getByTestId('staff-table').waitFor();
        await fits(page, viewport.width);

        // 添加人员: name, phone, unit, role; the one-time password is shown once.
        await page.getByTestId('add-person-open').click();
        const form = page.getByTestId('add-person');
        await form.getByTestId('person-name').fill(teacher);
        await form.getByTestId('person-phone').fill(phone);
        await form.getByTestId('position-unit').selectOption({ label: UNIT });
        await form.getByTestId('position-role').selectOption('TEACHER');
        await tappable(page, '[data-testid="add-person"] button, [data-testid="add-person"] select, [data-testid="add-person"] input');
        await form.getByTestId('add-person-submit').click();
        const dialog = page.getByTestId('otp-dialog');
        await dialog.waitFor();
        otp = await dialog.getByTestId('otp').inputValue();
        assert.match(otp, /^[a-z0-9]{10}$/, 'a one-time password is shown');
        await page.screenshot({ path: screenshotPath(`staff-otp-${name}`) });
        await dialog.getByTestId('otp-done').click();
        await dialog.waitFor({ state: 'hidden' });

        // Find her and give her a second position: 班主任 of 三年级1班.
        await page.locator('.van-search input').fill(phone);
        const row = page.getByTestId('staff-row').filter({ hasText: teacher });
        await row.waitFor();
        assert.equal(await page.getByTestId('staff-row').count(), 1);
        await (name === 'desktop' ? row.getByRole('link', { name: teacher }) : row).click();
        await page.getByTestId('person-name').filter({ hasText: teacher }).waitFor();
        await page.getByTestId('act-give').click();
        const give = page.getByTestId('give-position');
        await give.getByTestId('position-unit').selectOption({ label: UNIT });
        await give.getByTestId('position-role').selectOption('HEAD_TEACHER');
        await give.getByTestId('position-grade').selectOption('3');
        await give.getByTestId('position-class').fill('1');
        await give.getByTestId('give-submit').click();
        await page.getByTestId('current-positions').getByText('班主任（三年级1班）').waitFor();
        await fits(page, viewport.width);
        await tappable(page, '.staff-person__actions button');
        await page.screenshot({ path: screenshotPath(`staff-person-${name}`) });
      });

      // Assign her a family (the API the coverage screen uses).
      const me = (await asAid(`query($s: String!) { staff(search: $s) { edges { node { id currentPositions { role } } } } }`, { s: phone })).staff.edges[0].node;
      assert.deepEqual(me.currentPositions.map((p) => p.role).sort(), ['HEAD_TEACHER', 'TEACHER']);
      const households = (await asAid(REGISTERED, { d: TOWNSHIP })).households.edges.map((e) => e.node);
      const family = households[name === 'mobile' ? 0 : 1];
      await asAid(`mutation($p: ID!, $t: ID!) { assign(input: { kind: HOUSEHOLD, personID: $p, targetID: $t }) { id } }`, { p: me.id, t: family.id });
      added[name] = { id: me.id, teacher, family, phone };

      // She signs in with the one-time password: nothing opens until she changes it.
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, phone, otp);
        await page.waitForURL(`${server.url}/me/password`);
        await page.getByTestId('password-first').waitFor();
        assert.equal(await page.locator('nav.nav').count(), 0, 'no navigation before the change');
        await page.goto(`${server.url}/households`);
        await page.waitForURL(`${server.url}/me/password`);
        await fits(page, viewport.width);
        await tappable(page, '[data-testid="password-form"] button, [data-testid="password-form"] input:not([hidden])');
        const newPassword = `e2e-${name}-2026`;
        await page.getByTestId('password-old').fill(otp);
        await page.getByTestId('password-new').fill(otp);
        await page.getByTestId('password-again').fill(otp);
        await page.getByTestId('password-submit').click();
        await page.getByText('新密码不能与原密码相同').waitFor();
        await page.getByTestId('password-new').fill(newPassword);
        await page.getByTestId('password-again').fill(newPassword);
        await page.getByTestId('password-submit').click();
        await page.waitForURL(`${server.url}/`);
        await page.getByTestId('family-row').filter({ hasText: family.headName }).first().waitFor();
        await page.screenshot({ path: screenshotPath(`staff-teacher-home-${name}`) });
      });
      // The one-time password is spent.
      const again = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }', variables: { p: phone, w: otp } }),
      });
      assert.equal((await again.json()).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    });

    test('离职 shows her family before confirming; ended, it waits under 无人负责', async () => {
      const { id, teacher, family } = added[name];
      await withBrowser(viewport, async ({ page }) => {
        await signIn(page, server.url, AID);
        await page.waitForURL(`${server.url}/`);
        await page.goto(`${server.url}/staff/${id}`);
        await page.getByTestId('act-leave').click();
        const sheet = page.getByTestId('handover-sheet');
        await sheet.getByTestId('handover-list').getByText(family.headName).waitFor();
        assert.equal(await sheet.getByTestId('handover-list').locator('li').count(), 1);
        await fits(page, viewport.width);
        await tappable(page, '[data-testid="handover-sheet"] button');
        await page.screenshot({ path: screenshotPath(`staff-leave-${name}`) });
        await sheet.getByTestId('handover-mode-end').check();
        await sheet.getByTestId('handover-confirm').click();
        await sheet.waitFor({ state: 'hidden' });
        await page.getByTestId('person-status').filter({ hasText: '离职' }).waitFor();
        await page.getByTestId('ended-positions').getByText('离职').first().waitFor();
        // The family is 无人负责 until someone takes it.
        await page.goto(`${server.url}/staff?view=orphans`);
        await page.getByTestId('orphan-row').filter({ hasText: family.headName }).waitFor();
        await fits(page, viewport.width);
      });
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ query: 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }', variables: { p: added[name].phone, w: `e2e-${name}-2026` } }),
      });
      assert.equal((await res.json()).errors?.[0]?.extensions?.code, 'UNAUTHENTICATED', `${teacher} cannot sign in after leaving`);
    });
  });
}
