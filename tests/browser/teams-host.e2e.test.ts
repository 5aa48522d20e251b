import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostGlobals } from './teams-host/host-protocol.js';
import { CHROMIUM, CHROMIUM_ARGS, noChromium, requireChromium } from '../helpers/chromium.js';
import {
  buildProbe,
  hostMessages,
  openInTeamsHost,
  setTheme,
  startTeamsHost,
  type TeamsHost,
} from '../helpers/teams-host.js';
import { startTokenKeys, type TokenKeys } from '../helpers/token-keys.js';

// The Teams test host proven with a probe page (tests/browser/teams-host/probe.ts): the real
// @microsoft/teams-js, bundled by vite, runs app.initialize, getContext, getAuthToken and a theme
// handler inside the host's iframe in Chromium, and the host answers as Teams does. The probe's
// files come from a server of their own, as the tab's come from the bot: the host passes them on.

const TENANT = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';
const AUDIENCE = 'api://aanzet.example.org/00000000-0000-4000-8000-0000000000aa';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const MEGAN = 'aad-megan';

requireChromium('the Teams test host test');

/**
 * The probe's own server: its built files under /probe/, and an /api/tab/me that answers with
 * the Authorization header it got (so the test sees what the host passed on).
 */
async function serveProbe(dir: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/api/tab/me') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ authorization: req.headers.authorization ?? null }));
      return;
    }
    const file = path === '/probe/' ? 'index.html' : path.replace(/^\/probe\//, '');
    try {
      const body = readFileSync(join(dir, normalize(file).replace(/^(\.\.[/\\])+/, '')));
      res.writeHead(200, { 'content-type': extname(file) === '.js' ? 'text/javascript' : 'text/html' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe.skipIf(noChromium)('the Teams test host with the real teams-js', { timeout: 60_000 }, () => {
  let buildDir: string;
  let probeServer: Server;
  let host: TeamsHost;
  let keys: TokenKeys;
  let browser: Browser;
  let page: Page;
  let probe: Frame;
  const tokenRequests: unknown[] = [];

  const text = (id: string) => probe.locator(`#${id}`).textContent();

  beforeAll(async () => {
    buildDir = mkdtempSync(join(tmpdir(), 'aanzet-probe-'));
    await buildProbe(buildDir, '/probe/');
    const files = await serveProbe(buildDir);
    probeServer = files.server;
    host = await startTeamsHost(files.origin);
    keys = await startTokenKeys();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    const context = await browser.newContext();
    // Offline, as in CI: teams-js asks a CDN for its list of valid origins; it falls back.
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    probe = await openInTeamsHost(page, host, {
      tabPath: '/probe/',
      locale: 'nl-nl',
      theme: 'default',
      pageId: 'tasks',
      subPageId: 'LEK-2026-0001',
      userObjectId: MEGAN,
      tenantId: TENANT,
      token: (request) => {
        tokenRequests.push(request);
        const seconds = Math.floor(Date.now() / 1000);
        return keys.signed({
          iss: ISSUER,
          aud: AUDIENCE,
          tid: TENANT,
          oid: MEGAN,
          iat: seconds,
          nbf: seconds - 60,
          exp: seconds + 3600,
        });
      },
    });
    await probe.locator('#token').filter({ hasText: /\S/ }).waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await host?.close();
    await keys?.close();
    await new Promise((done) => probeServer?.close(done));
    if (buildDir) rmSync(buildDir, { recursive: true, force: true });
  });

  it('completes the initialize handshake and gives the context Teams would', async () => {
    expect(await text('error')).toBe('');
    expect(await text('initialized')).toBe('yes');
    expect(JSON.parse((await text('context')) ?? '')).toEqual({
      locale: 'nl-nl',
      theme: 'default',
      hostName: 'Teams',
      pageId: 'tasks',
      subPageId: 'LEK-2026-0001',
      frameContext: 'content',
      userId: MEGAN,
      tenantId: TENANT,
    });
  });

  it('hands out a token from getAuthToken that verifies against the local key set', async () => {
    const token = (await text('token')) ?? '';
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(keys.jwksUrl)), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['RS256'],
    });
    expect(payload).toMatchObject({ oid: MEGAN, tid: TENANT });
    expect(tokenRequests).toHaveLength(1);
    // The tab's API call went through the host to the tab's own server, with the token.
    expect(await text('me')).toBe(`200 ${JSON.stringify({ authorization: `Bearer ${token}` })}`);
  });

  it('tells the tab when Teams changes theme, and getContext says so after', async () => {
    expect(await page.evaluate(() => (globalThis as unknown as HostGlobals).teamsHost.handlers)).toContain(
      'themeChange',
    );
    await setTheme(page, 'dark');
    await expect.poll(() => text('themes')).toBe('dark');
    await setTheme(page, 'contrast');
    await expect.poll(() => text('themes')).toBe('dark contrast');
    await expect.poll(() => text('context-theme')).toBe('contrast');
  });

  it('received every message it answers as a known one, and the app said it loaded', async () => {
    const messages = await hostMessages(page);
    expect(messages.filter((m) => m.kind === 'unknown')).toEqual([]);
    expect(messages.map((m) => m.func)).toEqual(
      expect.arrayContaining([
        'initialize',
        'getContext',
        'authentication.getAuthToken',
        'appInitialization.success',
      ]),
    );
  });

  it('passes a refused token on to the tab as getAuthToken failing, with the reason', async () => {
    const refused = await openInTeamsHost(page, host, {
      tabPath: '/probe/',
      locale: 'en-us',
      userObjectId: MEGAN,
      tenantId: TENANT,
      token: () => {
        throw new Error('consent_required');
      },
    });
    await refused.locator('#error').filter({ hasText: /\S/ }).waitFor();
    expect(await refused.locator('#error').textContent()).toContain('consent_required');
    expect(await refused.locator('#token').textContent()).toBe('');
  });
});
