import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

// The tab's JavaScript as shipped (tab/dist): what the first view loads (index.html's entry
// module, its modulepreloads and every module they import statically, not the lazy chunks) and
// everything, both gzipped as a web server would send them.

export const TAB_DIST = resolve(import.meta.dirname, '..', '..', 'tab', 'dist');
const BASE = '/tab/';

export interface BundleSizes {
  first_view_files: string[];
  first_view_gzip_kb: number;
  all_js_files: number;
  all_js_gzip_kb: number;
}

/** "/tab/assets/x.js" → "assets/x.js" (paths inside tab/dist). */
function distPath(url: string, from = ''): string {
  if (url.startsWith(BASE)) return url.slice(BASE.length);
  return posix.normalize(posix.join(posix.dirname(from), url));
}

/** Static imports of an ES module chunk: `import … from "./x.js"` and `import "./x.js"`, not `import("…")`. */
function staticImports(dist: string, file: string): string[] {
  const code = readFileSync(join(dist, file), 'utf8');
  const found = new Set<string>();
  for (const match of code.matchAll(
    /(?:^|[;\s})])(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?["']([^"']+\.js)["']/g,
  ))
    found.add(distPath(match[1]!, file));
  return [...found];
}

/** `dist`: a vite build's output folder (default tab/dist); sizes in KB of 1,024 bytes. */
export function measureBundle(dist = TAB_DIST): BundleSizes {
  const gzipKb = (file: string) => gzipSync(readFileSync(join(dist, file))).length / 1024;
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const roots = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => distPath(m[1]!));
  if (roots.length === 0) throw new Error('tab/dist/index.html names no module script');
  const firstView = new Set<string>();
  const visit = (file: string) => {
    if (firstView.has(file)) return;
    firstView.add(file);
    staticImports(dist, file).forEach(visit);
  };
  roots.forEach(visit);
  const allJs = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`);
  const sum = (files: Iterable<string>) => [...files].reduce((total, f) => total + gzipKb(f), 0);
  return {
    first_view_files: [...firstView],
    first_view_gzip_kb: Math.round(sum(firstView) * 10) / 10,
    all_js_files: allJs.length,
    all_js_gzip_kb: Math.round(sum(allJs) * 10) / 10,
  };
}
