import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type restify from 'restify';
import type { Logger } from 'pino';
import { texts } from '../cards/texts.js';
import { localeOf } from './tab-api/answers.js';

// The personal tab's built files (tab/dist, from `npm run build`) under /tab/. Vite names the
// assets by their content, so they are cached for a year; index.html is asked again each time so
// a new build is picked up. Only Teams (and Microsoft 365's hosts) may frame the pages. The tab
// routes by hash, so a path that is not a file is a 404, never index.html.

/** Microsoft's list for Teams tabs (learn.microsoft.com, tabs/how-to/tab-requirements), plus GCC High. */
const TEAMS_HOSTS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.office.com',
  'https://outlook.office365.com',
  'https://*.microsoft365.com',
  'https://*.cloud.microsoft',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** tab/dist in the project folder (the one with package.json): from bot/ under tsx, or dist/bot/. */
export function defaultTabDistDir(from: string = import.meta.dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'tab', 'dist');
}

export function addTabStatic(server: restify.Server, options: { distDir: string; logger: Logger }): void {
  const root = resolve(options.distDir);
  // 'self' also lets the browser tests' Teams host page, which serves the tab on its own origin.
  const frameAncestors = ["'self'", ...TEAMS_HOSTS].join(' ');
  let warned = false;
  if (!existsSync(join(root, 'index.html'))) {
    options.logger.warn(
      { dir: root },
      'the personal tab is not built: /tab/ answers 503 until `npm run build`',
    );
    warned = true;
  }

  const serve: restify.RequestHandler = (req, res, next) => {
    res.setHeader('content-security-policy', `frame-ancestors ${frameAncestors}`);
    res.setHeader('x-content-type-options', 'nosniff');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/tab') {
      res.redirect(301, `/tab/${url.search}`, next);
      return;
    }
    if (!existsSync(join(root, 'index.html'))) {
      if (!warned) options.logger.warn({ dir: root }, 'the personal tab is not built: /tab/ answers 503');
      warned = true;
      return sendText(res, 503, `${texts(localeOf(req)).tabApi.notBuilt}\n`, next);
    }
    const file = fileFor(root, url.pathname.slice('/tab/'.length));
    if (!file) return sendText(res, 404, 'Not found\n', next);
    res.setHeader('content-type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
    res.setHeader(
      'cache-control',
      file.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    // For HEAD, Node leaves the body out and keeps its length.
    res.sendRaw(200, readFileSync(file));
    return next();
  };
  for (const path of ['/tab', '/tab/*']) {
    server.get(path, serve);
    server.head(path, serve);
  }
}

/** The file a path under /tab/ names, only inside the dist folder and only a regular file. */
function fileFor(root: string, rest: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest || 'index.html');
  } catch {
    return undefined;
  }
  // No way out of the folder: no parent steps, backslashes or NUL, whatever their encoding was.
  if (decoded.split('/').some((part) => part === '..' || part === '.') || /[\\\0]/.test(decoded))
    return undefined;
  const file = resolve(root, decoded);
  if (!file.startsWith(root + sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

function sendText(res: restify.Response, status: number, text: string, next: restify.Next): void {
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  res.sendRaw(status, text);
  next();
}
