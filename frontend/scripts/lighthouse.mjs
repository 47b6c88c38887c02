#!/usr/bin/env node
// Lighthouse (mobile preset: a mid-range phone on a slow 4G link, simulated)
// against the login page of the Go server built from the committed dist.
// Prints the performance score; fails below LIGHTHOUSE_MIN (default 95).
//   npm run lighthouse            builds and runs its own server
//   LIGHTHOUSE_URL=http://… npm run lighthouse   measures a running one
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROME_ARGS, CHROMIUM, screenshotPath, startServer } from '../e2e/harness.mjs';

const min = Number(process.env.LIGHTHOUSE_MIN ?? 95);
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

let server = null;
let base = process.env.LIGHTHOUSE_URL;
if (!base) {
  server = await startServer({ seed: false }); // the login page needs no data
  base = server.url;
}
const profile = mkdtempSync(join(tmpdir(), 'sanbao-lighthouse-'));
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || CHROMIUM,
  chromeFlags: [...CHROME_ARGS.filter((f) => f !== '--headless'), '--headless=new'],
  userDataDir: profile,
});
let worst = 100;
try {
  const scores = [];
  for (let i = 0; i < runs; i++) {
    // Each run starts cold: Lighthouse clears storage and the service worker.
    const result = await lighthouse(`${base}/login`, { port: chrome.port, onlyCategories: ['performance'], output: 'html', logLevel: 'error' });
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    const score = Math.round(lhr.categories.performance.score * 100);
    scores.push(score);
    const m = (id) => lhr.audits[id]?.displayValue ?? '–';
    console.log(
      `run ${i + 1}: performance ${score} (FCP ${m('first-contentful-paint')}, LCP ${m('largest-contentful-paint')}, TBT ${m('total-blocking-time')}, CLS ${m('cumulative-layout-shift')}, SI ${m('speed-index')})`,
    );
    if (i === runs - 1) writeFileSync(screenshotPath('lighthouse-login').replace(/\.png$/, '.html'), result.report);
  }
  const sorted = [...scores].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  worst = median;
  console.log(`Lighthouse performance score (mobile, login page, median of ${runs}): ${median}`);
} finally {
  await chrome.kill();
  rmSync(profile, { recursive: true, force: true });
  await server?.stop();
}
if (worst < min) {
  console.error(`below the target of ${min}`);
  process.exit(1);
}
