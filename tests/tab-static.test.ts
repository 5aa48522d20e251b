import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import restify from 'restify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addTabStatic, defaultTabDistDir } from '../bot/tab-static.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { rawRequest, startRunningBot, type RunningBot } from './helpers/running-bot.js';

// The bot's server serves the built tab under /tab/ (issue 11): the right content types, hashed
// assets cached for good and index.html never, nothing outside the folder whatever the path's
// encoding, only Teams' hosts may frame it, and without a build a 503 that says what to do.

const SECRET = 'the project folder, not for the browser';
let folder: string;
let dist: string;
let connector: FakeConnector;
let bot: RunningBot | undefined;

beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'aanzet-tab-'));
  dist = join(folder, 'tab', 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ secret: SECRET }));
  writeFileSync(join(folder, 'tab', 'secret.txt'), SECRET);
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>AanZet</title>');
  writeFileSync(join(dist, 'assets', 'index-Bx12.js'), 'console.log(1)');
  writeFileSync(join(dist, 'assets', 'index-Cq34.css'), 'body{}');
  writeFileSync(join(dist, 'assets', 'logo-D9.svg'), '<svg/>');
  connector = await startFakeConnector();
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await connector.close();
  rmSync(folder, { recursive: true, force: true });
});

const start = async (distDir = dist) =>
  (bot = await startRunningBot({ connectorUrl: connector.url, app: { tabDistDir: distDir } }));
const get = (path: string) =>
  rawRequest(`${bot!.app.server.url}${path}`, { method: 'GET', headers: { host: '127.0.0.1' } });
const fetched = (path: string) => fetch(`${bot!.app.server.url}${path}`, { redirect: 'manual' });

describe('the tab on the bot server', () => {
  it('serves index.html without caching and the hashed assets for a year, each with its type', async () => {
    await start();
    const redirect = await fetched('/tab');
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/tab/');

    for (const path of ['/tab/', '/tab/index.html']) {
      const page = await fetched(path);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(await page.text()).toContain('<title>AanZet</title>');
    }
    for (const [path, type] of [
      ['/tab/assets/index-Bx12.js', 'text/javascript; charset=utf-8'],
      ['/tab/assets/index-Cq34.css', 'text/css; charset=utf-8'],
      ['/tab/assets/logo-D9.svg', 'image/svg+xml'],
    ]) {
      const asset = await fetched(path!);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toBe(type);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // Hash routing: an unknown path is not the app.
    for (const path of ['/tab/casus/LEK-1', '/tab/assets/', '/tab/assets/nope.js'])
      expect((await fetched(path)).status).toBe(404);
  });

  it('lets Teams and Microsoft 365 frame it (and its own origin), nobody else', async () => {
    await start();
    const csp = (await fetched('/tab/')).headers.get('content-security-policy')!;
    expect(csp.startsWith("frame-ancestors 'self' ")).toBe(true);
    for (const host of [
      'https://teams.microsoft.com',
      'https://*.teams.microsoft.com',
      'https://*.cloud.microsoft',
      'https://*.office.com',
      'https://*.microsoft365.com',
    ])
      expect(csp.split(' ')).toContain(host);
    // Nothing but its own origin and Microsoft's https hosts: no wildcard host, no localhost.
    const sources = csp.split(' ').slice(1);
    expect(
      sources.filter((source) => source !== "'self'" && !/^https:\/\/[\w*.-]+\.[a-z]+$/.test(source)),
    ).toEqual([]);
    expect(sources.filter((source) => /^https:\/\/\*\.[a-z]+$|localhost|127\./.test(source))).toEqual([]);
    expect((await fetched('/tab/assets/index-Bx12.js')).headers.get('content-security-policy')).toBe(csp);
  });

  it('never serves a file outside the folder, however the path is written', async () => {
    await start();
    for (const path of [
      '/tab/..%2f..%2fpackage.json',
      '/tab/../../package.json',
      '/tab/%2e%2e/%2e%2e/package.json',
      '/tab/assets/..%2f..%2fsecret.txt',
      '/tab/..%5c..%5cpackage.json',
      '/tab/%2e%2e%2fsecret.txt',
      '/tab/index.html%00.js',
      '/tab/%E0%A4%A',
    ]) {
      const answer = await get(path);
      expect([400, 404], path).toContain(answer.status);
      expect(answer.body, path).not.toContain(SECRET);
    }
  });

  it('in local mode, only to this machine (as the rest of the server)', async () => {
    await start();
    const fromElsewhere = await rawRequest(`${bot!.app.server.url}/tab/`, {
      method: 'GET',
      headers: { host: 'aanzet.example.org' },
    });
    expect(fromElsewhere.status).toBe(403);
    expect(fromElsewhere.body).not.toContain('<title>');
  });

  it('answers 503 saying to build when tab/dist is missing, and the bot still runs (one warning)', async () => {
    await start(join(folder, 'nothing-here'));
    const first = await fetched('/tab/');
    expect(first.status).toBe(503);
    expect(first.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await first.text()).toMatch(/^De persoonlijke tab is nog niet gebouwd: voer `npm run build` uit/);
    const english = await fetch(`${bot!.app.server.url}/tab/`, { headers: { 'accept-language': 'en-GB' } });
    expect(await english.text()).toMatch(/^The personal tab is not built yet: run `npm run build`/);
    expect((await fetched('/tab/assets/index-Bx12.js')).status).toBe(503);
    expect((await fetched('/healthz')).status).toBe(200);
    const warnings = bot!.logs.filter((l) => l.level === 40 && l.msg.includes('personal tab is not built'));
    expect(warnings).toHaveLength(1);
  });
});

describe('the static files on their own', () => {
  it('serve the same frame-ancestors outside local mode', async () => {
    const server = restify.createServer();
    addTabStatic(server, { distDir: dist, logger: pino({ level: 'silent' }) });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const page = await fetch(`http://127.0.0.1:${server.address().port}/tab/`);
      expect(page.status).toBe(200);
      const csp = page.headers.get('content-security-policy')!;
      expect(csp).toContain('https://teams.microsoft.com');
      expect(csp).not.toContain('localhost');
      expect(csp).not.toContain('127.0.0.1');
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});

describe('where the built tab is found', () => {
  it('is tab/dist in the project folder, from bot/ (tsx) and from dist/bot/ (the build)', () => {
    const root = join(import.meta.dirname, '..');
    expect(defaultTabDistDir(join(root, 'bot'))).toBe(join(root, 'tab', 'dist'));
    expect(defaultTabDistDir(join(root, 'dist', 'bot'))).toBe(join(root, 'tab', 'dist'));
    expect(defaultTabDistDir()).toBe(join(root, 'tab', 'dist'));
  });
});
