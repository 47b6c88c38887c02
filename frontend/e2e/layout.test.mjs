// End-to-end, issue 11 item 9: every route of the app, for every demo role,
// on a 360×740 phone: nothing is wider than the screen (the trial's gap list
// was 395 px wide) and every button, link and field a thumb taps is at least
// 44 px high (the trial found 32-px 批量分配, 全选, 取消…). Also: saving an
// empty contact form brings the first error into view. Real server, fresh
// database, Debian's Chromium.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { api, FRONTEND, openBrowser, screenshotPath, signIn, startServer, VIEWPORTS } from './harness.mjs';

const ROLES = {
  aid: '13900000001', // 县资助中心
  principal: '13900000002',
  teacher: '13900000003',
  overseer: '13900000004', // 保定市教育局
  inspector: '13900000005', // 督导
};
const phone = VIEWPORTS.mobile;

let server;
const as = {};

before(
  async () => {
    server = await startServer();
    for (const [k, p] of Object.entries(ROLES)) as[k] = await api(server.url, p);
  },
  { timeout: 600_000 },
);

after(async () => {
  await server?.stop();
});

/** The first id a query finds, or null when the role may not run it. */
async function firstID(role, query, pick) {
  try {
    return pick(await as[role](query)) ?? null;
  } catch {
    return null;
  }
}

/** Every route in router.ts, with ids this role can see. */
async function routesFor(role) {
  const household = await firstID(role, '{ households(first: 1) { edges { node { id village { id } } } } }', (d) => d.households.edges[0]?.node);
  const student = await firstID(role, '{ students(first: 1) { edges { node { id } } } }', (d) => d.students.edges[0]?.node.id);
  const agreement = await firstID(role, '{ myAgreements(first: 1) { edges { node { id } } } }', (d) => d.myAgreements.edges[0]?.node.id);
  const person = await firstID(role, '{ staff(first: 1) { edges { node { id } } } }', (d) => d.staff.edges[0]?.node.id);
  const family = await firstID(role, '{ myFamilies(first: 1) { edges { node { id } } } }', (d) => d.myFamilies.edges[0]?.node.id);
  const dropoutCase = await firstID(role, '{ dropoutCases(first: 1) { edges { node { id } } } }', (d) => d.dropoutCases.edges[0]?.node.id);
  const problem = await firstID(role, '{ problems(first: 1) { edges { node { id } } } }', (d) => d.problems.edges[0]?.node.id);
  const absence = await firstID(role, '{ absenceReports(first: 1) { edges { node { id } } } }', (d) => d.absenceReports.edges[0]?.node.id);
  const paths = [
    '/',
    '/households',
    '/households/new',
    '/students',
    '/students/new',
    '/me',
    '/me/password',
    '/my/agreements',
    '/coverage',
    '/coverage?gap=villages&view=list',
    '/coverage?gap=households&view=list',
    '/coverage?gap=students&view=list',
    '/signing',
    '/signing/templates',
    '/staff',
    '/import',
    '/audit',
    '/dropout',
    '/dropout?ledger=absences&overdue=1',
    '/dropout?ledger=children&nowhere=1',
    '/aid/policies',
    '/compare',
    '/problems',
    '/problems?state=PENDING&repeat=1',
    '/problems/new',
    '/inspections',
    '/no-such-page',
  ];
  if (household) paths.push(`/households/${household.id}`, `/households/${household.id}/edit`, `/villages/${household.village.id}`);
  if (family) paths.push(`/households/${family}/contact`);
  if (student) paths.push(`/students/${student}`, `/students/${student}/edit`);
  if (agreement) paths.push(`/my/agreements/${agreement}`);
  if (person) paths.push(`/staff/${person}`);
  if (dropoutCase) paths.push(`/dropout/cases/${dropoutCase}`);
  if (absence) paths.push(`/dropout/absences/${absence}`);
  if (problem) paths.push(`/problems/${problem}`);
  return paths;
}

test('the pages visited cover every route of router.ts', async () => {
  const visited = new Set();
  for (const role of Object.keys(ROLES)) for (const p of await routesFor(role)) visited.add(p.split('?')[0]);
  const router = readFileSync(`${FRONTEND}/src/router.ts`, 'utf8');
  const missing = [...router.matchAll(/path: '([^']+)'/g)]
    .map((m) => m[1])
    .filter((r) => r !== '/login' && !r.startsWith('/:pathMatch'))
    .filter((r) => {
      const re = new RegExp(`^${r.replace(/:[a-zA-Z]+/g, '[^/]+')}$`);
      return ![...visited].some((v) => re.test(v));
    });
  assert.deepEqual(missing, [], `routes no role visits: ${missing.join(' ')}`);
});

/** Waits until the page has drawn its data (no spinner, no request running). */
async function settle(page) {
  await page.locator('.page, .login').first().waitFor();
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await page
    .waitForFunction(() => !document.querySelector('.van-loading, .van-skeleton'), null, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(150);
}

/**
 * What overflows a 360-px screen and which tap targets are under 44 px. A
 * target's tap area is its own box or the label / cell around it; links inside
 * running text are exempt (WCAG 2.5.8).
 */
function measure(page) {
  return page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    const screen = document.documentElement.clientWidth; // innerWidth grows with the page on a phone
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > screen + 0.5 && getComputedStyle(el).position !== 'fixed') wide.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(r.right)}px)`);
    }
    const small = [];
    const targets = document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, [role="button"], [role="tab"], [role="radio"]');
    for (const el of targets) {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || el.closest('[aria-hidden="true"], [hidden]')) continue;
      if (el.tagName === 'A' && cs.display === 'inline') {
        const p = el.parentElement;
        if (p && p.textContent.trim() !== el.textContent.trim()) continue; // a link in a sentence
      }
      const around = el.closest('label, .van-cell, .van-field, .check');
      const h = Math.max(r.height, around && around !== el ? around.getBoundingClientRect().height : 0);
      if (h < 43.5) {
        const name = (el.getAttribute('aria-label') || el.textContent || el.getAttribute('placeholder') || el.getAttribute('name') || '').trim().slice(0, 20);
        small.push(`${el.tagName.toLowerCase()}.${[...el.classList].slice(0, 2).join('.')} “${name}” ${Math.round(r.height)}px`);
      }
    }
    return { width, wide: wide.slice(0, 8), small };
  });
}

describe('every route fits a 360-px phone', () => {
  for (const role of Object.keys(ROLES)) {
    test(`${role}: no page wider than 360 px, no tap target under 44 px`, { timeout: 600_000 }, async () => {
      const paths = await routesFor(role);
      const b = await openBrowser(phone);
      const problems = [];
      try {
        const { page } = b;
        await signIn(page, server.url, ROLES[role]);
        await page.waitForURL(`${server.url}/`);
        for (const path of paths) {
          await page.goto(`${server.url}${path}`);
          await settle(page);
          const m = await measure(page);
          if (m.width > phone.width) problems.push(`${path}: ${m.width}px wide: ${m.wide.join(', ')}`);
          if (m.small.length) problems.push(`${path}: tap targets under 44px: ${[...new Set(m.small)].join('; ')}`);
          if (m.width > phone.width || m.small.length) await page.screenshot({ path: screenshotPath(`layout-${role}-${path.replace(/[^a-z0-9]+/gi, '_')}`), fullPage: true });
        }
      } finally {
        await b.close();
      }
      assert.deepEqual(problems, [], `${role} at 360×740:\n${problems.join('\n')}`);
    });
  }

  test('signed out: the login page fits', async () => {
    const b = await openBrowser(phone);
    try {
      await b.page.goto(`${server.url}/login`);
      await settle(b.page);
      const m = await measure(b.page);
      assert.ok(m.width <= phone.width, `/login is ${m.width}px wide: ${m.wide.join(', ')}`);
      assert.deepEqual(m.small, [], 'tap targets under 44px on /login');
    } finally {
      await b.close();
    }
  });
});

describe('forms bring the first error into view', () => {
  test('saving an empty contact form scrolls to its first error', async () => {
    const family = await firstID('teacher', '{ myFamilies(first: 1) { edges { node { id } } } }', (d) => d.myFamilies.edges[0]?.node.id);
    assert.ok(family, 'the teacher has a family');
    const b = await openBrowser(phone);
    try {
      const { page } = b;
      await signIn(page, server.url, ROLES.teacher);
      await page.waitForURL(`${server.url}/`);
      await page.goto(`${server.url}/households/${family}/contact`);
      const form = page.getByTestId('contact-form');
      await form.waitFor();
      assert.equal(await page.evaluate(() => scrollY), 0);
      await form.getByTestId('save-contact').click();
      const err = form.locator('.form__error').first();
      await err.waitFor();
      await page.waitForTimeout(300);
      const box = await err.boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= phone.height - 58, `the first error is on the screen (at ${box?.y}px)`);
      await page.screenshot({ path: screenshotPath('contact-form-first-error-mobile') });
    } finally {
      await b.close();
    }
  });
});

/**
 * Text whose contrast with what is behind it is under WCAG AA: 4.5:1, or 3:1
 * for large text (24 px, or 18.66 px bold). The background is the first
 * opaque one up the tree, translucent ones blended over it.
 */
function lowContrast(page) {
  return page.evaluate(() => {
    const rgba = (s) => {
      const m = s.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r, g, b, a];
    };
    const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3])).concat(1);
    const lum = ([r, g, b]) => {
      const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.backgroundImage !== 'none') return null; // a gradient or picture: not judged here
        const c = rgba(cs.backgroundColor);
        if (c && c[3] > 0) {
          layers.push(c);
          if (c[3] >= 1) break;
        }
      }
      return layers.reduceRight((under, top) => over(top, under), [255, 255, 255, 1]);
    };
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || seen.has(el)) continue;
      seen.add(el);
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden' || Number(cs.opacity) === 0) continue;
      if (el.closest('[disabled], [aria-disabled="true"], [aria-hidden="true"]')) continue; // inactive: exempt
      const bg = background(el);
      const fg = rgba(cs.color);
      if (!bg || !fg) continue;
      const c = over(fg, bg);
      const [hi, lo] = [lum(c), lum(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5)) out.push(`“${n.textContent.trim().slice(0, 16)}” ${cs.color} on rgb(${bg.slice(0, 3).map(Math.round)}) = ${ratio.toFixed(2)}`);
    }
    return out;
  });
}

describe('text contrast (WCAG AA)', () => {
  for (const [role, paths] of [
    ['teacher', ['/', '/households', '/students']],
    ['aid', ['/', '/households', '/coverage']],
  ]) {
    test(`${role}: every text on ${paths.join(' ')} meets AA`, async () => {
      const b = await openBrowser(phone);
      const problems = [];
      try {
        const { page } = b;
        await signIn(page, server.url, ROLES[role]);
        await page.waitForURL(`${server.url}/`);
        for (const path of paths) {
          await page.goto(`${server.url}${path}`);
          await settle(page);
          for (const p of await lowContrast(page)) problems.push(`${path}: ${p}`);
        }
      } finally {
        await b.close();
      }
      assert.deepEqual(problems, [], `text under AA contrast:\n${problems.join('\n')}`);
    });
  }
});
