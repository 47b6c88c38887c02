// Chinese text in the test browser without a system CJK font: Debian's
// Chromium on a fresh machine has none, so every Chinese character would be
// an empty box and layout (widths, line breaks, scroll heights) would be
// wrong. The browser gets a fontconfig file of its own that adds the font the
// agreement PDFs already ship (agreement/fonts/, AR PL SungtiL GB) to the
// system's fonts, with a cache in a temp dir; nothing is installed.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FONT_DIR = fileURLToPath(new URL('../../agreement/fonts/', import.meta.url));

let file = null;

const xml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The fontconfig file for the test browser (written once per process). */
export function fontconfigFile() {
  if (file) return file;
  const dir = mkdtempSync(join(tmpdir(), 'sanbao-fontconfig-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${xml(FONT_DIR)}</dir>
  <cachedir>${xml(join(dir, 'cache'))}</cachedir>
</fontconfig>
`,
  );
  return file;
}

/** The environment for the browser process. */
export function browserEnv() {
  return { ...process.env, FONTCONFIG_FILE: fontconfigFile() };
}
