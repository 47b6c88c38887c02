#!/usr/bin/env node
// Fails if any locked package does not run on the oldest Node this project
// names (package.json "engines": ">=20.19" → 20.19.0): npm ci would warn
// EBADENGINE and some of them fail at run time on that Node. Pins that keep
// the tree on Node 20 are the "overrides" in package.json.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
const lock = JSON.parse(readFileSync(`${root}/package-lock.json`, 'utf8'));

const parse = (v) => {
  const m = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?/.exec(v.trim());
  if (!m) throw new Error(`cannot read version ${JSON.stringify(v)}`);
  return m.slice(1).map((p) => (p === undefined || /[xX*]/.test(p) ? null : Number(p)));
};
const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const floor = (p) => p.map((x) => x ?? 0);

/** Whether version v ([major, minor, patch]) satisfies one comparator. */
function comparator(c, v) {
  const m = /^(>=|<=|>|<|=|\^|~)?\s*(.+)$/.exec(c);
  const op = m[1] ?? '';
  const p = parse(m[2]);
  const lo = floor(p);
  switch (op) {
    case '>=': return cmp(v, lo) >= 0;
    case '>': return cmp(v, lo) > 0;
    case '<': return cmp(v, lo) < 0;
    case '<=': return cmp(v, lo) <= 0;
    case '^': return cmp(v, lo) >= 0 && (lo[0] > 0 ? v[0] === lo[0] : v[0] === 0 && v[1] === lo[1]);
    case '~': return cmp(v, lo) >= 0 && v[0] === lo[0] && (p[1] === null || v[1] === lo[1]);
    default: // 20, 20.x, 20.19.0, *
      return p.every((x, i) => x === null || x === v[i]);
  }
}

/** Whether v satisfies a range such as "^18 || >=20", ">=16.0.0", "12 - 22". */
export function satisfies(range, v) {
  return range.split('||').some((set) => {
    set = set.trim().replace(/(>=|<=|>|<|=|\^|~)\s+/g, '$1');
    if (set === '' || set === '*') return true;
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(set);
    if (hyphen) return comparator(`>=${hyphen[1]}`, v) && comparator(`<=${hyphen[2]}`, v);
    return set.split(/\s+/).every((c) => comparator(c, v));
  });
}

const node = floor(parse(pkg.engines.node.replace(/^>=\s*/, '')));
const bad = Object.entries(lock.packages)
  .filter(([path, p]) => path !== '' && typeof p.engines?.node === 'string' && !satisfies(p.engines.node, node))
  .map(([path, p]) => `  ${path.replace(/^.*node_modules\//, '')}@${p.version} wants node ${p.engines.node}`);
if (bad.length) {
  console.error(`${bad.length} locked packages do not run on Node ${node.join('.')} (package.json engines):\n${bad.join('\n')}`);
  console.error('pin a version that does (package.json "overrides"), then npm install');
  process.exit(1);
}
console.log(`every locked package runs on Node ${node.join('.')}`);
