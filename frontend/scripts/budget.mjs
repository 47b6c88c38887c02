#!/usr/bin/env node
// Prints the gzipped size of the JS and CSS each route needs and fails when
// the JavaScript for the login screen plus the teacher's home (entry, its
// static imports, and those two route chunks) is over budget.
//
// Reads Vite's manifest (dist/.vite/manifest.json, removed afterwards by
// postbuild.mjs so it is never served).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const BUDGET_BYTES = 120 * 1000; // 120 KB gzipped
const ROUTES = {
  'src/views/LoginView.vue': '/login 登录',
  'src/views/HomeView.vue': '/ 首页',
  'src/views/HouseholdsView.vue': '/households 户',
  'src/views/HouseholdView.vue': '/households/:id 户详情',
  'src/views/HouseholdFormView.vue': '/households/new 新增户 (and …/edit)',
  'src/views/StudentsView.vue': '/students 学生',
  'src/views/StudentView.vue': '/students/:id 学生详情',
  'src/views/StudentFormView.vue': '/students/new 添加学生 (and …/edit)',
  'src/views/ContactFormView.vue': '/households/:id/contact 记录联系',
  'src/views/MeView.vue': '/me 我的',
  'src/views/CoverageView.vue': '/coverage 覆盖情况',
  'src/views/VillageView.vue': '/villages/:id 村档案',
  'src/views/AgreementsView.vue': '/my/agreements 我的责任书',
  'src/views/AgreementView.vue': '/my/agreements/:id 责任书',
  'src/views/AgreementProgressView.vue': '/signing 签订进度',
  'src/views/TemplatesView.vue': '/signing/templates 责任书模板',
  'src/views/StaffView.vue': '/staff 人员',
  'src/views/StaffPersonView.vue': '/staff/:id 人员详情',
  'src/views/PasswordView.vue': '/me/password 修改密码',
  'src/views/ImportView.vue': '/import 导入',
  'src/views/AuditView.vue': '/audit 审计日志',
  'src/views/DropoutView.vue': '/dropout 控辍保学',
  'src/views/DropoutCaseView.vue': '/dropout/cases/:id 辍学案例',
  'src/views/AbsenceReportView.vue': '/dropout/absences/:id 缺勤报告',
  'src/views/ProblemsView.vue': '/problems 问题清单',
  'src/views/ProblemView.vue': '/problems/:id 问题详情',
  'src/views/ProblemNewView.vue': '/problems/new 登记问题',
  'src/views/InspectionsView.vue': '/inspections 抽查',
  'src/views/NotFoundView.vue': '(404)',
};

/** Files (JS and CSS) a manifest chunk loads: itself and its static imports, recursively. */
export function closure(manifest, key, seen = new Set()) {
  const out = new Set();
  const walk = (k) => {
    if (seen.has(k)) return;
    seen.add(k);
    const c = manifest[k];
    if (!c) throw new Error(`manifest has no chunk ${k}`);
    out.add(c.file);
    for (const css of c.css ?? []) out.add(css);
    for (const i of c.imports ?? []) walk(i);
  };
  walk(key);
  return out;
}

export function gzSize(buf) {
  return gzipSync(buf, { level: 9 }).length;
}

export function analyse(dist, manifest) {
  const size = new Map();
  const gz = (f) => {
    if (!size.has(f)) size.set(f, gzSize(readFileSync(join(dist, f))));
    return size.get(f);
  };
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  if (!entryKey) throw new Error('manifest has no entry');
  const entry = closure(manifest, entryKey);
  const sum = (files, ext) => [...files].filter((f) => f.endsWith(ext)).reduce((n, f) => n + gz(f), 0);
  const rows = [{ route: 'entry (app shell)', files: entry, js: sum(entry, '.js'), css: sum(entry, '.css') }];
  const routeFiles = {};
  for (const [key, label] of Object.entries(ROUTES)) {
    if (!manifest[key]) throw new Error(`route chunk ${key} is missing from the build`);
    const own = new Set([...closure(manifest, key)].filter((f) => !entry.has(f)));
    routeFiles[key] = own;
    rows.push({ route: label, files: own, js: sum(own, '.js'), css: sum(own, '.css') });
  }
  const teacher = new Set([...entry, ...routeFiles['src/views/LoginView.vue'], ...routeFiles['src/views/HomeView.vue']]);
  const teacherJS = sum(teacher, '.js');
  return { rows, teacherJS };
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

function main() {
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const { rows, teacherJS } = analyse(dist, manifest);
  console.log('\nGzipped size per route (beyond the entry, which every route loads):\n');
  console.log('| route | JS | CSS | files |');
  console.log('|---|---:|---:|---|');
  for (const r of rows) console.log(`| ${r.route} | ${kb(r.js)} | ${kb(r.css)} | ${[...r.files].map((f) => f.replace('assets/', '')).join(' ')} |`);
  console.log(`\nLogin + teacher home JavaScript: ${kb(teacherJS)} of ${kb(BUDGET_BYTES)} budget`);
  if (teacherJS > BUDGET_BYTES) {
    console.error(`Over budget by ${kb(teacherJS - BUDGET_BYTES)}: cut the JavaScript these screens load.`);
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
