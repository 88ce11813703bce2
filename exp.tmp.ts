import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
const out = await build({ entryPoints: ['src/game/portableMath.ts'], bundle: true, write: false, format: 'iife', globalName: 'PM' });
const code = out.outputFiles[0].text;
const body = `(() => { ${code}; let s = 12345; const r = () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 4294967296; };
  const o = new Float64Array(2); const res = []; let maxS = 0, maxA = 0;
  for (let i = 0; i < 200000; i++) { const a = (r() - 0.5) * 40, b = (r() - 0.5) * 2000, c = (r()-0.5)*2000;
    PM.sinCos(a, o, 0); res.push(o[0], o[1]); maxS = Math.max(maxS, Math.abs(o[0]-Math.sin(a)), Math.abs(o[1]-Math.cos(a)));
    PM.atan2Into(b, c, o, 0); res.push(o[0]); maxA = Math.max(maxA, Math.abs(o[0]-Math.atan2(b,c))); }
  let h = 0; const u = new Uint32Array(new Float64Array(res).buffer); for (let i = 0; i < u.length; i++) h = Math.imul(h ^ u[i], 16777619);
  return [h >>> 0, maxS, maxA]; })()`;
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'c-')), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-first-run'] });
const page = ctx.pages()[0] ?? await ctx.newPage();
console.log('browser', await page.evaluate(body), 'node', eval(body));
await ctx.close();
