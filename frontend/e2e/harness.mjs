// End-to-end harness: builds the Go server (which embeds frontend/dist), runs
// it on a free port with a fresh SQLite database (seeded with the demo county
// on start), and drives Debian's Chromium through playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { browserEnv } from './fonts.mjs';

export const FRONTEND = fileURLToPath(new URL('..', import.meta.url));
export const REPO = join(FRONTEND, '..');
export const OUTPUT = join(FRONTEND, 'test-output');
export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';
export const PASSWORD = 'sanbao-demo';

export const VIEWPORTS = {
  mobile: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
};

export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Builds and starts the server; resolves when /readyz answers (migrated and seeded). */
export async function startServer({ seed = true } = {}) {
  if (!existsSync(join(FRONTEND, 'dist', 'index.html'))) throw new Error('frontend/dist is missing: run npm run build first');
  const dir = mkdtempSync(join(tmpdir(), 'sanbao-e2e-'));
  const bin = join(dir, 'sanbao');
  execFileSync('go', ['build', '-o', bin, '.'], { cwd: REPO, stdio: 'inherit' });
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), DATABASE_URL: join(dir, 'e2e.db') };
  if (!seed) env.SANBAO_SEED = 'off';
  delete env.SANBAO_ENV;
  const proc = spawn(bin, [], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  let exited = null;
  proc.on('exit', (code) => (exited = code));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== null) throw new Error(`server exited with ${exited}:\n${log}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error(`server did not become ready:\n${log}`);
    }
    await sleep(250);
  }
  return {
    url,
    log: () => log,
    async stop() {
      if (exited === null) {
        proc.kill('SIGTERM');
        for (let i = 0; i < 40 && exited === null; i++) await sleep(100);
        if (exited === null) proc.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh browser profile at the given viewport. */
export async function openBrowser(viewport) {
  const profile = mkdtempSync(join(tmpdir(), 'sanbao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROME_ARGS,
    env: browserEnv(), // a Chinese font without installing one: see fonts.mjs
    viewport,
    deviceScaleFactor: 1,
    isMobile: viewport.width < 500,
    hasTouch: viewport.width < 500,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    serviceWorkers: 'allow',
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function screenshotPath(name) {
  mkdirSync(OUTPUT, { recursive: true });
  return join(OUTPUT, `${name}.png`);
}

/** Calls the API as a demo account (Bearer token), for the numbers the UI must show. */
export async function api(url, phone) {
  const login = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }',
      variables: { p: phone, w: PASSWORD },
    }),
  });
  const token = (await login.json()).data.login.token;
  return async (query, variables = {}) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
}

/** Signs in through the login form. */
export async function signIn(page, url, phone, password = PASSWORD) {
  await page.goto(`${url}/login`);
  await page.getByLabel('手机号').fill(phone);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/** Text of the big number of a stat tile by its label, within a locator. */
export async function stat(scope, label) {
  return (await scope.locator(`[data-stat="${label}"]`).first().innerText()).trim();
}
