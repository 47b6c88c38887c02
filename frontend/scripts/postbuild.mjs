#!/usr/bin/env node
// After `vite build`: writes the service worker with this build's file list,
// precompresses text files (.gz and .br, served by frontend/embed.go) and
// drops Vite's manifest. Everything here is deterministic: the same dist in,
// the same bytes out, so CI can rebuild and compare with the committed dist.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;
/** Files the offline shell needs besides the hashed assets. */
const SHELL = ['/index.html', '/manifest.webmanifest', '/icon.svg'];

export function walk(dir) {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

const urlPath = (file) => `/${relative(dist, file).split(sep).join('/')}`;

export function precacheList(files) {
  const assets = files.map(urlPath).filter((p) => p.startsWith('/assets/') && !/\.(gz|br)$/.test(p));
  for (const s of SHELL) if (!files.map(urlPath).includes(s)) throw new Error(`shell file ${s} is missing from dist`);
  return [...SHELL, ...assets.sort()];
}

export function swSource(template, list, version) {
  if (!template.includes("'__VERSION__'") || !template.includes('__PRECACHE__')) throw new Error('sw template lacks placeholders');
  return template.replace("'__VERSION__'", JSON.stringify(version)).replace('__PRECACHE__', JSON.stringify(list, null, 2));
}

function main() {
  rmSync(join(dist, '.vite'), { recursive: true, force: true });
  const files = walk(dist).filter((f) => !/\.(gz|br)$/.test(f) && !f.endsWith(`${sep}sw.js`));

  // The version changes whenever any shell file does, so phones pick up a release.
  const list = precacheList(files);
  const h = createHash('sha256');
  for (const p of list) h.update(p).update('\0').update(readFileSync(join(dist, p))).update('\0');
  const version = h.digest('hex').slice(0, 16);
  const template = readFileSync(join(root, 'sw', 'sw.js'), 'utf8');
  writeFileSync(join(dist, 'sw.js'), swSource(template, list, version));

  let count = 0;
  for (const f of [...files, join(dist, 'sw.js')]) {
    if (!COMPRESSIBLE.test(f)) continue;
    const raw = readFileSync(f);
    const gz = gzipSync(raw, { level: 9 });
    const br = brotliCompressSync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
        [constants.BROTLI_PARAM_MODE]: f.endsWith('.woff2') ? constants.BROTLI_MODE_FONT : constants.BROTLI_MODE_TEXT,
      },
    });
    // Only where it saves something; the server then sends the file as is.
    if (gz.length < raw.length) writeFileSync(`${f}.gz`, gz);
    if (br.length < raw.length) writeFileSync(`${f}.br`, br);
    count++;
  }
  console.log(`postbuild: sw.js (version ${version}, ${list.length} files precached), ${count} files precompressed`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
