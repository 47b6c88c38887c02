// End-to-end, issue 12 item 9: a persuasion attempt (劝返) recorded on a case
// page with no signal waits on the phone as 待发送 and reaches the server
// exactly once when the signal is back; a resend with the same uuid answers
// the stored action and another person's reuse of it is refused. Real server,
// fresh database, Debian's Chromium at 360×740.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';

// The head teacher 张丽 first, the principal when she may work no open case.
const ACCOUNTS = { teacher: '13900000003', principal: '13900000002' };
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

const OPEN = `{ dropoutCases(first: 50, where: { status: OPEN }) { edges { node { id student { name } } } } }`;
const ACTS = `query($id: ID!) { node(id: $id) { ... on DropoutCase { actions { id uuid kind outcome participants method notes } } } }`;
const RECORD = `mutation($in: CaseActionInput!) { recordCaseAction(input: $in) { id } }`;

describe('case page offline (phone)', () => {
  test('a 劝返 recorded offline is stored exactly once', { timeout: 240_000 }, async () => {
    const b = await openBrowser(phone);
    try {
      const { page, context } = b;
      // Find an open case this person may work: the page offers 记录劝返.
      let who = null;
      let kase = null;
      for (const role of ['teacher', 'principal']) {
        const cases = (await as[role](OPEN)).dropoutCases.edges.map((e) => e.node);
        if (!cases.length) continue;
        await context.clearCookies();
        await signIn(page, server.url, ACCOUNTS[role]);
        await page.waitForURL(`${server.url}/`);
        for (const k of cases) {
          await page.goto(`${server.url}/dropout/cases/${k.id}`);
          await page.getByTestId('dropout-case').waitFor();
          if (await page.getByTestId('add-action').isVisible()) {
            who = role;
            kase = k;
            break;
          }
        }
        if (kase) break;
      }
      assert.ok(kase, 'the demo head teacher or principal may work an open case');
      const before = (await as[who](ACTS, { id: kase.id })).node.actions.length;
      const note = `离线记录的劝返 ${Date.now()}`;

      // At the family's door with no signal.
      await context.setOffline(true);
      await page.getByTestId('offline').waitFor();
      await page.getByTestId('add-action').click();
      const form = page.getByTestId('action-form');
      await page.locator('#action-who').fill('班主任张丽、村主任');
      await form.getByRole('radio', { name: '入户' }).click();
      await form.getByRole('radio', { name: '同意返校' }).click();
      await page.locator('#action-notes').fill(note);
      await page.getByTestId('save-action').click();
      const pending = page.getByTestId('case-action-pending').filter({ hasText: note });
      await pending.waitFor();
      assert.match(await pending.innerText(), /待发送/);
      await page.screenshot({ path: screenshotPath('case-action-offline-mobile'), fullPage: true });
      assert.equal((await as[who](ACTS, { id: kase.id })).node.actions.length, before, 'nothing reached the server offline');
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      assert.ok(fits, 'the case page fits the phone');

      // Signal again: the outbox sends it and the page shows the stored action.
      await context.setOffline(false);
      await page.getByTestId('offline').waitFor({ state: 'detached' });
      await page.getByTestId('case-action').filter({ hasText: note }).waitFor({ timeout: 20_000 });
      await pending.waitFor({ state: 'detached' });

      const acts = (await as[who](ACTS, { id: kase.id })).node.actions;
      const mine = acts.filter((a) => a.notes === note);
      assert.equal(acts.length, before + 1, 'stored exactly once');
      assert.equal(mine.length, 1);
      assert.deepEqual(
        { kind: mine[0].kind, outcome: mine[0].outcome, participants: mine[0].participants, method: mine[0].method },
        { kind: 'PERSUASION', outcome: 'PROMISED', participants: '班主任张丽、村主任', method: '入户' },
      );
      assert.match(mine[0].uuid, /^[0-9a-f-]{36}$/, 'the outbox item id is the uuid');

      // A lost answer resent: the same action, still once.
      const input = { uuid: mine[0].uuid, caseID: kase.id, kind: 'PERSUASION', date: '2026-01-01', participants: '重发', outcome: 'OTHER' };
      const again = await as[who](RECORD, { in: input });
      assert.equal(again.recordCaseAction.id, mine[0].id);
      assert.equal((await as[who](ACTS, { id: kase.id })).node.actions.length, before + 1, 'still once');
      // Someone else's reuse of the uuid is refused, naming the field.
      const other = who === 'teacher' ? 'principal' : 'teacher';
      await assert.rejects(as[other](RECORD, { in: input }), /记录编号|BAD_USER_INPUT|uuid/);
      assert.deepEqual(b.errors, [], 'uncaught errors in the page');
    } finally {
      await b.close();
    }
  });
});
