// The test browser draws Chinese with a real font (see fonts.mjs): two
// different characters give different ink, not the same empty box, and text
// has width. Without the font every other layout assertion would be wrong, so
// this fails loudly first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openBrowser, VIEWPORTS } from './harness.mjs';

test('Chinese characters render with glyphs of their own', async () => {
  const b = await openBrowser(VIEWPORTS.mobile);
  try {
    await b.page.setContent('<!doctype html><meta charset="utf-8"><body>');
    const m = await b.page.evaluate(() => {
      const ink = (ch) => {
        const c = document.createElement('canvas');
        c.width = c.height = 48;
        const g = c.getContext('2d');
        g.font = '40px sans-serif';
        g.textBaseline = 'top';
        g.fillText(ch, 4, 4);
        const px = g.getImageData(0, 0, 48, 48).data;
        const alpha = [];
        for (let i = 3; i < px.length; i += 4) alpha.push(px[i]);
        return alpha;
      };
      const g = document.createElement('canvas').getContext('2d');
      g.font = '40px sans-serif';
      const [san, bao, latin] = [ink('三'), ink('包'), ink('A')];
      const inked = (a) => a.filter((x) => x > 0).length;
      return {
        width: g.measureText('三包').width,
        inkSan: inked(san),
        inkBao: inked(bao),
        inkLatin: inked(latin),
        differ: san.filter((x, i) => x !== bao[i]).length,
      };
    });
    assert.ok(m.inkLatin > 0, 'Latin text draws at all');
    assert.ok(m.width >= 60, `'三包' is about two em wide at 40 px (got ${m.width})`);
    assert.ok(m.inkSan > 0 && m.inkBao > 0, `'三' and '包' leave ink (${m.inkSan}, ${m.inkBao} pixels)`);
    // An empty box (tofu) looks the same for every character: a real glyph of
    // 三 (three strokes) and of 包 share few pixels.
    assert.ok(m.differ > 100, `'三' and '包' draw differently (${m.differ} pixels differ): no CJK font in the browser`);
    assert.ok(m.inkBao > m.inkSan, `'包' has more strokes than '三' (${m.inkBao} vs ${m.inkSan} pixels)`);
  } finally {
    await b.close();
  }
});
