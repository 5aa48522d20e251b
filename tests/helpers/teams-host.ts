import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import ts from 'typescript';
import { build } from 'vite';
import type {
  AuthTokenRequest,
  HostConfig,
  HostGlobals,
  Received,
  Theme,
} from '../browser/teams-host/host-protocol.js';

// A Teams test host for the browser tests: a tiny HTTP server serves the host page
// (tests/browser/teams-host/host.html) under /__teams-host/ and passes every other request on
// to the tab's own server. So host and tab share one origin, which teams-js accepts from a
// parent on http (from another origin it wants https and a Microsoft domain); the tab's API
// calls go through to the real bot unchanged.

export type { Received, Theme };

const HOST_DIR = resolve(import.meta.dirname, '..', 'browser', 'teams-host');
const PREFIX = '/__teams-host/';

export interface TeamsHost {
  /** Where the host listens, e.g. http://127.0.0.1:43210 (also the tab's origin as the browser sees it). */
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the host in front of `tabOrigin` (e.g. the bot's http://127.0.0.1:3978). `files` serves
 * folders on the host itself, by address prefix (the probe page next to the real bot's API).
 */
export async function startTeamsHost(
  tabOrigin: string,
  options: { files?: Record<string, string> } = {},
): Promise<TeamsHost> {
  const page = readFileSync(join(HOST_DIR, 'host.html'), 'utf8');
  // The host page's module is TypeScript with no imports: transpiled once, served as is.
  const script = ts.transpileModule(readFileSync(join(HOST_DIR, 'host-page.ts'), 'utf8'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  const target = new URL(tabOrigin);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === `${PREFIX}host.html`) send(res, 'text/html; charset=utf-8', page);
    else if (path === `${PREFIX}host.js`) send(res, 'text/javascript; charset=utf-8', script);
    else {
      const folder = Object.entries(options.files ?? {}).find(([prefix]) => path.startsWith(prefix));
      if (folder) sendFile(res, folder[1], path.slice(folder[0].length));
      else forward(req, res, target);
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function send(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript' };

function sendFile(res: ServerResponse, folder: string, relative: string): void {
  const file = resolve(folder, normalize(relative || 'index.html').replace(/^([/\\])+/, ''));
  if (!file.startsWith(resolve(folder)) || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
}

function forward(req: IncomingMessage, res: ServerResponse, target: URL): void {
  const upstream = request(
    {
      hostname: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: { ...req.headers, host: target.host },
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`Teams test host: ${target.origin} did not answer: ${error.message}`);
  });
  req.pipe(upstream);
}

export interface OpenOptions {
  /** The tab's address on the host's origin, e.g. '/tab/?view=tasks'. */
  tabPath: string;
  /** Teams' locale, e.g. 'nl-nl' or 'en-us'. */
  locale: string;
  theme?: Theme;
  /** The static tab's entityId (page.id) and the deep link's subEntityId (page.subPageId). */
  pageId?: string;
  subPageId?: string;
  /** The Entra object id and tenant Teams reports for the signed-in user. */
  userObjectId: string;
  tenantId: string;
  userPrincipalName?: string;
  /** Answers getAuthToken (called for every request): a token, or throw to refuse. */
  token: (request: AuthTokenRequest) => string | Promise<string>;
}

/**
 * Opens the tab inside the host on `page` and resolves with the tab's frame once the tab has
 * called app.initialize (the tab is then running the real teams-js handshake).
 */
export async function openInTeamsHost(page: Page, host: TeamsHost, options: OpenOptions): Promise<Frame> {
  const config: HostConfig = {
    tabUrl: new URL(options.tabPath, host.url).toString(),
    locale: options.locale,
    theme: options.theme ?? 'default',
    pageId: options.pageId ?? '',
    subPageId: options.subPageId ?? '',
    userObjectId: options.userObjectId,
    tenantId: options.tenantId,
    userPrincipalName: options.userPrincipalName ?? `${options.userObjectId}@example.org`,
  };
  // exposeFunction may be called once per page and name; a second open on the page reuses it.
  const current = tokenSources.get(page);
  tokenSources.set(page, options.token);
  if (!current) {
    // The host's own log lines (an unknown message from the tab) show in the test's output.
    page.on('console', (message) => {
      if (message.text().startsWith('[teams-host]')) console.warn(message.text());
    });
    await page.exposeFunction('teamsHostAuthToken', (request: AuthTokenRequest) =>
      tokenSources.get(page)!(request),
    );
  }
  // A new query each time: a change of the #fragment alone would not load the page again.
  const opening = (openings.get(page) ?? 0) + 1;
  openings.set(page, opening);
  await page.goto(
    `${host.url}${PREFIX}host.html?open=${opening}#${encodeURIComponent(JSON.stringify(config))}`,
  );
  await page
    .waitForFunction(() =>
      (globalThis as Partial<HostGlobals>).teamsHost?.received.some((m) => m.func === 'initialize'),
    )
    .catch((error: unknown) => {
      throw new Error(
        `the page at ${config.tabUrl} did not call app.initialize in the Teams test host (no teams-js, or it failed to load)`,
        { cause: error },
      );
    });
  const frame = page.frame({ url: (url) => url.toString().startsWith(config.tabUrl.split('?')[0]!) });
  if (!frame) throw new Error(`the host page has no frame at ${config.tabUrl}`);
  return frame;
}

const tokenSources = new WeakMap<Page, OpenOptions['token']>();
const openings = new WeakMap<Page, number>();

/** Switches Teams' theme: the host tells the tab (themeChange) and getContext says so after. */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  // The callbacks run in the browser: they use nothing from this module's scope.
  await page.evaluate((next) => (globalThis as unknown as HostGlobals).teamsHost.setTheme(next), theme);
}

/** Every message the tab sent to the host so far. */
export function hostMessages(page: Page): Promise<Received[]> {
  return page.evaluate(() =>
    (globalThis as unknown as HostGlobals).teamsHost.received.map((m) => ({ ...m })),
  );
}

/**
 * Builds the probe page (tests/browser/teams-host/probe/, the real teams-js bundled by vite)
 * into `outDir` as index.html + assets, for addresses under `base` (e.g. '/__teams-host/probe/').
 */
export async function buildProbe(outDir: string, base: string): Promise<void> {
  await build({
    configFile: false,
    root: join(HOST_DIR, 'probe'),
    base,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}
