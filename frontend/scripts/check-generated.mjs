#!/usr/bin/env node
// Regenerates committed output and fails if it changed:
//   node scripts/check-generated.mjs codegen   src/gql/ from the GraphQL schema and operations
//   node scripts/check-generated.mjs build     dist/ from the sources (the build is deterministic)
// Two comparisons: with the files as they were checked out before
// regenerating (git diff --no-index), and, once the files are tracked, with
// the index (git diff, plus files git does not know yet).
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const modes = {
  codegen: { dir: 'src/gql', script: 'codegen', fix: 'npm run codegen' },
  build: { dir: 'dist', script: 'build', fix: 'npm run build' },
};
const mode = modes[process.argv[2]];
if (!mode) {
  console.error('usage: check-generated.mjs codegen|build');
  process.exit(2);
}

const git = (...args) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
const snapshot = mkdtempSync(join(tmpdir(), 'sanbao-check-'));
const before = join(snapshot, 'before');
let failed = false;
try {
  if (existsSync(join(root, mode.dir))) cpSync(join(root, mode.dir), before, { recursive: true });
  execFileSync('npm', ['run', '--silent', mode.script], { cwd: root, stdio: 'inherit' });

  const d1 = git('diff', '--no-index', '--stat', '--exit-code', before, mode.dir);
  if (d1.status !== 0) {
    failed = true;
    console.error(`${mode.dir} changed when regenerated:\n${d1.stdout}${d1.stderr}`);
  }

  const tracked = git('ls-files', '--', mode.dir).stdout.trim() !== '';
  if (tracked) {
    const d2 = git('diff', '--stat', '--exit-code', '--', mode.dir);
    const untracked = git('ls-files', '--others', '--exclude-standard', '--', mode.dir).stdout.trim();
    if (d2.status !== 0 || untracked) {
      failed = true;
      console.error(`${mode.dir} differs from what is committed:\n${d2.stdout}${untracked ? `new files:\n${untracked}\n` : ''}`);
    }
  } else {
    console.warn(`note: ${mode.dir} is not committed yet; compared with the checked-out files only`);
  }
} finally {
  rmSync(snapshot, { recursive: true, force: true });
}
if (failed) {
  console.error(`Run \`${mode.fix}\` in frontend/ and commit ${mode.dir}.`);
  process.exit(1);
}
console.log(`${mode.dir} is up to date`);
