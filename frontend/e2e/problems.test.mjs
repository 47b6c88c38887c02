// End-to-end, issue 15's problem list (问题清单) on a 360×740 phone: the
// principal's list puts the overdue problem first; the principal opens one
// 整改中, submits the rectification with evidence (已整改); the inspector (督导)
// who raised it opens it and accepts it (已销号). Each state is checked through
// the API too. Real server, demo data, Debian's Chromium.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { api, openBrowser, signIn, startServer, VIEWPORTS } from './harness.mjs';

const PRINCIPAL = '13900000002'; // 王建国, 松林店镇中心校
const INSPECTOR = '13900000005'; // 孙秀英, 督导
const phone = VIEWPORTS.mobile;

let server;
let asPrincipal;
let asInspector;

before(
  async () => {
    server = await startServer();
    [asPrincipal, asInspector] = await Promise.all([api(server.url, PRINCIPAL), api(server.url, INSPECTOR)]);
  },
  { timeout: 600_000 },
);

after(async () => {
  await server?.stop();
});

async function withBrowser(fn, viewport = phone) {
  const b = await openBrowser(viewport);
  try {
    await fn(b);
    assert.deepEqual(b.errors, [], 'uncaught errors in the page');
  } finally {
    await b.close();
  }
}

async function fits(page, what) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(w <= phone.width, `${what} is ${w}px wide on a ${phone.width}px screen`);
}

const stateOf = async (as, id) => (await as(`query($id: ID!) { node(id: $id) { ... on Problem { state } } }`, { id })).node.state;

test('the principal rectifies a problem with evidence; the inspector accepts it', { timeout: 180_000 }, async () => {
  const mine = (await asPrincipal(`{ problems(first: 50) { edges { node { id category state overdue } } } }`)).problems.edges.map((e) => e.node);
  assert.ok(mine.some((p) => p.overdue), 'the demo principal has an overdue problem');
  const target = mine.find((p) => p.state === 'IN_PROGRESS' && p.category === '档案不全');
  assert.ok(target, 'the demo principal has a problem 整改中');

  await withBrowser(async ({ page }) => {
    await signIn(page, server.url, PRINCIPAL);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/me`);
    await page.getByTestId('me-problems').click();
    await page.waitForURL(`${server.url}/problems`);
    const rows = page.getByTestId('problem-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), mine.length);
    // Overdue first, marked 已逾期.
    assert.equal(await rows.first().getAttribute('data-overdue'), '1');
    assert.match(await rows.first().innerText(), /已逾期/);
    assert.equal(await page.getByTestId('problem-repeat').count() > 0, true, 'the 再犯 problem carries its badge');
    await fits(page, 'the problem list');

    // The 整改中 filter keeps only those in progress.
    await page.getByTestId('problems-state').selectOption('IN_PROGRESS');
    await page.waitForURL(/state=IN_PROGRESS/);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="problem-row"]')].every((r) => r.dataset.state === 'IN_PROGRESS'));

    await page.locator(`a[href="/problems/${target.id}"]`).click();
    await page.waitForURL(`${server.url}/problems/${target.id}`);
    await page.getByTestId('problem-timeline').waitFor();
    assert.equal(await page.getByTestId('problem-state').innerText(), '整改中');
    assert.ok((await page.getByTestId('problem-event').count()) >= 2, 'raised and started');
    // The owner rectifies; accepting is not theirs.
    assert.equal(await page.getByTestId('problem-accept').count(), 0);
    const submit = page.getByTestId('problem-rectify');
    assert.ok(await submit.isDisabled(), 'evidence is required');
    await page.getByTestId('evidence-input').fill('补齐学生资助档案2份，附档案目录照片');
    await page.getByTestId('note-input').fill('已全部补齐');
    await fits(page, 'the problem page');
    await submit.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="problem-state"]')?.textContent?.trim() === '已整改');
    assert.match(await page.getByTestId('problem-evidence').innerText(), /补齐学生资助档案2份/);
  });
  assert.equal(await stateOf(asPrincipal, target.id), 'RECTIFIED');

  await withBrowser(async ({ page }) => {
    await signIn(page, server.url, INSPECTOR);
    await page.waitForURL(`${server.url}/`);
    await page.getByTestId('home-problems').click();
    await page.waitForURL(`${server.url}/problems`);
    await page.getByTestId('problems-state').selectOption('RECTIFIED');
    const link = page.locator(`a[href="/problems/${target.id}"]`);
    await link.click();
    await page.waitForURL(`${server.url}/problems/${target.id}`);
    await page.getByTestId('problem-accept').waitFor();
    // The inspector neither starts nor rectifies.
    assert.equal(await page.getByTestId('problem-rectify').count(), 0);
    assert.equal(await page.getByTestId('problem-start').count(), 0);
    await fits(page, 'the problem page for the inspector');
    await page.getByTestId('note-input').fill('整改到位，同意销号');
    await page.getByTestId('problem-accept').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="problem-state"]')?.textContent?.trim() === '已销号');
    assert.equal(await page.getByTestId('problem-actions').count(), 0, 'nothing left to do');
  });
  assert.equal(await stateOf(asInspector, target.id), 'CLOSED');
  const events = (await asInspector(`query($id: ID!) { node(id: $id) { ... on Problem { timeline { toState note } } } }`, { id: target.id })).node.timeline;
  assert.deepEqual(events.slice(-2).map((e) => [e.toState, e.note]), [
    ['RECTIFIED', '已全部补齐'],
    ['CLOSED', '整改到位，同意销号'],
  ]);
});

test('a move the server refuses shows its Chinese message; a return needs a reason', { timeout: 120_000 }, async () => {
  const rectified = (await asPrincipal(`{ problems(first: 50, where: { state: RECTIFIED }) { edges { node { id } } } }`)).problems.edges.map((e) => e.node.id);
  assert.ok(rectified.length > 0);
  const id = rectified[0];
  // The principal may not accept: the server refuses even when asked directly.
  await assert.rejects(asPrincipal(`mutation($id: ID!) { acceptProblem(id: $id) { id } }`, { id }));
  await withBrowser(async ({ page }) => {
    await signIn(page, server.url, INSPECTOR);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/problems/${id}`);
    await page.getByTestId('problem-accept').waitFor();
    // Meanwhile it was returned elsewhere: accepting now fails, and says why.
    await asInspector(`mutation($id: ID!) { returnProblem(id: $id, note: "另行退回") { id } }`, { id });
    await page.getByTestId('problem-accept').click();
    const err = page.getByTestId('problem-error');
    await err.waitFor();
    assert.match(await err.innerText(), /[\u4e00-\u9fa5]/, 'the refusal is in Chinese');
    // The owner rectifies again; the inspector returns it with a reason.
    await asPrincipal(`mutation($id: ID!) { rectifyProblem(id: $id, evidence: "补充佐证") { id } }`, { id });
    await page.reload();
    await page.getByTestId('problem-return-open').click();
    const confirm = page.getByTestId('problem-return');
    assert.ok(await confirm.isDisabled(), 'a reason is required');
    await page.getByTestId('note-input').fill('佐证材料不足，请补充');
    await confirm.click();
    await page.waitForFunction(() => document.querySelector('[data-testid="problem-state"]')?.textContent?.trim() === '整改中');
  });
  assert.equal(await stateOf(asInspector, id), 'IN_PROGRESS');
});

test('on a PC the list is a table, overdue first, 再犯 marked', { timeout: 120_000 }, async () => {
  await withBrowser(async ({ page }) => {
    await signIn(page, server.url, PRINCIPAL);
    await page.waitForURL(`${server.url}/`);
    await page.goto(`${server.url}/problems`);
    const table = page.getByTestId('problems-table');
    await table.waitFor();
    const first = table.getByTestId('problem-row').first();
    assert.equal(await first.getAttribute('data-overdue'), '1');
    assert.match(await first.innerText(), /已逾期/);
    await page.getByTestId('problems-repeat').selectOption('1');
    await page.waitForURL(/repeat=1/);
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('[data-testid="problem-row"]')];
      return rows.length > 0 && rows.every((r) => r.textContent.includes('再犯'));
    });
  }, VIEWPORTS.desktop);
});
