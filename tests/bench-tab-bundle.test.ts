import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { measureBundle } from '../bench/tab/bundle.js';

// bench/tab/bundle.ts: the first view is the entry module, its modulepreloads and what they
// import statically; a chunk only imported with import() is not part of it.

let dist: string;
beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), 'aanzet-bundle-'));
  mkdirSync(join(dist, 'assets'));
});
afterEach(() => rmSync(dist, { recursive: true, force: true }));

const write = (file: string, text: string) => writeFileSync(join(dist, file), text);
const kb = (text: string) => gzipSync(Buffer.from(text)).length / 1024;

describe('the tab bundle sizes', () => {
  it('count the entry and its static imports (also nested and preloaded) for the first view, every chunk for all', () => {
    const entry = `import{a as b}from"./react-x1.js";import"./side-x2.js";const c=()=>import("./charts-x3.js");export{b,c};`;
    const react = `export{r as a}from"./shared-x4.js";const r=1;`;
    const side = 'console.log(1);';
    const charts = `import{a}from"./react-x1.js";${'x'.repeat(5000)}`;
    const shared = 'export const s=2;';
    const preloaded = 'export const p=3;';
    write('assets/index-x0.js', entry);
    write('assets/react-x1.js', react);
    write('assets/side-x2.js', side);
    write('assets/charts-x3.js', charts);
    write('assets/shared-x4.js', shared);
    write('assets/pre-x5.js', preloaded);
    write(
      'index.html',
      '<script type="module" crossorigin src="/tab/assets/index-x0.js"></script>' +
        '<link rel="modulepreload" crossorigin href="/tab/assets/pre-x5.js">',
    );
    const sizes = measureBundle(dist);
    expect(sizes.first_view_files.sort()).toEqual([
      'assets/index-x0.js',
      'assets/pre-x5.js',
      'assets/react-x1.js',
      'assets/shared-x4.js',
      'assets/side-x2.js',
    ]);
    const firstView = [entry, react, side, shared, preloaded].reduce((sum, text) => sum + kb(text), 0);
    expect(sizes.first_view_gzip_kb).toBeCloseTo(firstView, 1);
    expect(sizes.all_js_files).toBe(6);
    expect(sizes.all_js_gzip_kb).toBeCloseTo(firstView + kb(charts), 1);
  });

  it('refuses an index.html without a module script', () => {
    write('index.html', '<p>nothing</p>');
    expect(() => measureBundle(dist)).toThrow('tab/dist/index.html names no module script');
  });
});
