import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import pino from 'pino';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import { CHROMIUM, CHROMIUM_ARGS, noChromium, requireChromium } from '../helpers/chromium.js';

// Browser end to end (DESIGN.md, Testing): the real bot on a free port with the demo members, the
// Microsoft 365 Agents Playground (offline, channel msteams) in front of it, and Debian's
// Chromium driven by playwright-core clicking and typing like a caseworker: scenario 1 of
// SCENARIOS.md up to the opened case, then `wie is aan zet`. Screenshots of the main cards go to
// tests/browser/screenshots/ (not committed; the README's copies are in docs/screenshots/).
//
// The Playground sends every activity with locale en-US (hard-coded in its server), so AanZet
// answers in English there; the expectations accept the Dutch texts too.

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'tests', 'browser', 'screenshots');
const FAILURES = join(ROOT, 'tests', '.tmp', 'browser');
const DEMO_MEMBERS = join(ROOT, 'bot', 'demo-members.yaml');
const WIL = 'WIL — Werk en Inkomen Lekstroom';

requireChromium('the browser end-to-end test (Agents Playground)');

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// ---------------------------------------------------------------------------------------------
// The bot and the Playground

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error())));
    });
  });
}

interface Playground {
  process: ChildProcess;
  port: number;
  output: string[];
}

/** Starts the Playground CLI; resolves with the port it says it listens on (it may pick another). */
async function startPlayground(endpoint: string, cwd: string): Promise<Playground> {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const wanted = await freePort();
  const child = spawn(
    process.execPath,
    [
      cli,
      '--app-endpoint',
      endpoint,
      '--channel-id',
      'msteams',
      '--port',
      String(wanted),
      '--disable-telemetry',
    ],
    // cwd: a temp folder, so no .m365agentsplayground.yml of the developer changes the users.
    {
      cwd,
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(cwd, '.m365agentsplayground.yml'),
        M365_AGENTS_PLAYGROUND_LOGFILE: join(cwd, 'm365agentsplayground.log'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  const port = await new Promise<number>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the Playground did not start in 60 s:\n${output.join('\n')}`)),
      60_000,
    );
    child.once('exit', (code) =>
      fail(new Error(`the Playground exited (${code}) before listening:\n${output.join('\n')}`)),
    );
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const match = /Listening on (\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          done(Number(match[1]));
        }
      });
  });
  return { process: child, port, output };
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------------------------------------
// A person in the Playground

/** The newest Adaptive Card in the chat; Action.Execute replaces a card in place. */
function newestCard(page: Page): Locator {
  return page.locator('.ac-adaptiveCard').last();
}

async function say(page: Page, text: string): Promise<void> {
  const cardsBefore = await page.locator('.ac-adaptiveCard').count();
  await page.locator('[data-lexical-editor="true"]').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.locator('.ac-adaptiveCard').count(), { timeout: 15_000 })
    .toBeGreaterThan(cardsBefore);
}

async function typeInto(card: Locator, label: RegExp, value: string): Promise<void> {
  await card.getByLabel(label).click();
  await card.page().keyboard.type(value);
}

async function choose(card: Locator, label: RegExp, option: RegExp): Promise<void> {
  await card.getByRole('combobox', { name: label }).click();
  await card.page().getByRole('option', { name: option }).click();
}

interface Day {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

/** The date picker opens a calendar; page to the month and click the day. */
async function pickDate(card: Locator, label: RegExp, date: Day): Promise<void> {
  const page = card.page();
  await card.getByRole('combobox', { name: label }).click();
  const calendar = page.getByRole('dialog', { name: 'Calendar' });
  await calendar.waitFor();
  const day = calendar.getByRole('button', {
    name: `${date.day}, ${MONTHS[date.month - 1]}, ${date.year}`,
    exact: true,
  });
  const wanted = date.year * 12 + date.month - 1;
  for (let step = 0; step < 48 && (await day.count()) === 0; step++) {
    const header =
      (await calendar
        .getByRole('button', { name: /^[A-Z][a-z]+ \d{4}$/ })
        .first()
        .textContent()) ?? '';
    const [month = '', year = ''] = header.trim().split(' ');
    const shown = Number(year) * 12 + MONTHS.indexOf(month);
    await calendar.getByRole('button', { name: wanted < shown ? /^Previous month/ : /^Next month/ }).click();
  }
  await day.first().click();
  await calendar.waitFor({ state: 'hidden' });
}

async function click(card: Locator, name: RegExp): Promise<void> {
  await card.getByRole('button', { name }).click();
}

async function shoot(target: Page | Locator, name: string): Promise<void> {
  await target.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled' });
}

// ---------------------------------------------------------------------------------------------

describe.skipIf(noChromium)('the Agents Playground in Chromium', { timeout: 120_000 }, () => {
  let dataDir: string;
  let app: App | undefined;
  let playground: Playground | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const logs: { level: number; msg: string }[] = [];
  let caseId = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'aanzet-playground-'));
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          logs.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    const config = readConfig({
      PORT: '0',
      AANZET_DATA_DIR: join(dataDir, 'store'),
      AANZET_DEMO_MEMBERS: DEMO_MEMBERS,
      LOG_LEVEL: 'info',
    });
    app = await startApp(config, { logger: pino({ level: 'info' }, sink) });
    playground = await startPlayground(`${app.server.url}/api/messages`, dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      deviceScaleFactor: 2,
      // The calendar's labels and "today" do not depend on the machine's settings.
      locale: 'en-US',
      timezoneId: 'Europe/Amsterdam',
    });
    // Offline: the Playground's web fonts and telemetry live on CDNs; fail those fast.
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await stopChild(playground?.process);
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  /** On a failure, a full-page screenshot (not committed) tells what the browser showed. */
  async function keepEvidence<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      mkdirSync(FAILURES, { recursive: true });
      await page?.screenshot({ path: join(FAILURES, `${name}.png`) }).catch(() => {});
      throw error;
    }
  }

  it('greets Alex Wilber when the Playground installs the bot', async () => {
    await keepEvidence('welcome', async () => {
      await page.goto(`http://localhost:${playground!.port}`, { waitUntil: 'load' });
      await page
        .getByText(/^(Welcome|Welkom),/)
        .first()
        .waitFor({ timeout: 30_000 });
      const hideLog = page.getByRole('button', { name: 'Hide log panel' });
      if (await hideLog.count()) await hideLog.first().click();
      await shoot(page, '01-welcome');
    });
  });

  it('registers scenario 1 (Lekstroom) card by card and opens a case with WIL responsible', async () => {
    await keepEvidence('register', async () => {
      await say(page, 'nieuw signaal');
      let card = newestCard(page);

      // Alex is in two covenants, so the flow first asks which one.
      await card.getByText(/First choose the covenant|Kies eerst het convenant/).waitFor();
      await choose(card, /Covenant|Convenant/, /Lekstroom/);
      await shoot(card, '02-covenant');
      await page.keyboard.press('Escape');
      await click(card, /^(Next|Volgende)$/);

      card = newestCard(page);
      await card.getByText(/Step 1 of 3|Stap 1 van 3/).waitFor();
      // The Playground keeps the first card's choices in a ChoiceSet that replaces another one
      // in place (it offers the covenants again here), so a person cannot pick the municipality;
      // the bot accepts the household without it. Pick it when the Playground offers it.
      await card.getByRole('combobox', { name: /Municipality|Gemeente/ }).click();
      const nieuwegein = page.getByRole('option', { name: /Nieuwegein/ });
      if ((await nieuwegein.count()) > 0) await nieuwegein.click();
      else {
        console.warn('Agents Playground: the municipality list shows stale choices; left empty.');
        await page.keyboard.press('Escape');
      }
      await typeInto(card, /Tenant name|Naam/, 'J. de Vries');
      await typeInto(card, /^(Street|Straat)/, 'Dukatenburg');
      await typeInto(card, /House number|Huisnummer/, '12');
      await typeInto(card, /Postcode/, '3437 AB');
      await typeInto(card, /^(Town|Plaats)/, 'Nieuwegein');
      await typeInto(card, /Phone|Telefoon/, '06-12345678');
      await typeInto(card, /adults|volwassenen/, '2');
      await typeInto(card, /children|kinderen/, '0');
      // The household size is the corporation's own observation: the tenant agreed to share it.
      await card.getByRole('checkbox', { name: /agrees that I share|stemt ermee in/ }).check();
      await shoot(card, '03-household');
      await click(card, /^(Next|Volgende)$/);

      card = newestCard(page);
      await card.getByText(/Step 2 of 3|Stap 2 van 3/).waitFor();
      expect(await card.getByRole('combobox', { name: /Kind of arrears|Soort/ }).inputValue()).toMatch(
        /Rent|Huur/,
      );
      await typeInto(card, /Amount|Bedrag/, '712');
      // "Today" as the bot sees it; the browser runs in the same time zone (see newContext).
      const today = DateTime.now().setZone('Europe/Amsterdam');
      await pickDate(card, /arose|ontstaan/, { year: 2026, month: 2, day: 1 });
      await pickDate(card, /Date of the signal|Datum van het signaal/, today);
      await pickDate(card, /Reminder|Herinnering/, { year: 2026, month: 2, day: 16 });
      await card.getByRole('checkbox', { name: /personal contact|Persoonlijk contact/ }).check();
      await card.getByRole('checkbox', { name: /debt help|schuldhulp/ }).check();
      await card.getByRole('checkbox', { name: /did not object|bezwaar/ }).check();
      await shoot(card, '04-arrears');
      await click(card, /^(Next|Volgende)$/);

      card = newestCard(page);
      await card.getByText(/Step 3 of 3|Stap 3 van 3/).waitFor();
      await card.getByText(/J\. de Vries, Dukatenburg 12, 3437 AB Nieuwegein/).waitFor();
      await card.getByText(/712,00/).waitFor();
      await shoot(card, '05-confirm');
      await click(card, /^(Register signal|Signaal registreren)$/);

      card = newestCard(page);
      const heading = card.getByText(/^(Case|Casus) [A-Z]+-\d{4}-\d{4} (opened|geopend)$/);
      await heading.waitFor();
      caseId = /[A-Z]+-\d{4}-\d{4}/.exec((await heading.textContent()) ?? '')?.[0] ?? '';
      expect(caseId).toMatch(/^LEK-\d{4}-\d{4}$/);
      await card.getByText(WIL, { exact: true }).waitFor();
      await shoot(card, '06-case-opened');
      const dismiss = page.getByRole('button', { name: 'Dismiss Invoke Message' });
      if (await dismiss.count()) await dismiss.first().click();
      await shoot(page, '07-playground');
    });
  });

  it('answers `wie is aan zet <id>` with WIL as the responsible partner', async () => {
    expect(caseId, 'the case from the previous test').not.toBe('');
    await keepEvidence('who-is-responsible', async () => {
      await say(page, `wie is aan zet ${caseId}`);
      const card = newestCard(page);
      await card.getByText(caseId).first().waitFor();
      await card.getByText(WIL, { exact: true }).first().waitFor();
      await shoot(card, '08-who-is-responsible');
    });
  });

  it('shows typed Markdown, tags and addresses as text, without links and without backslashes', async () => {
    await keepEvidence('inert-text', async () => {
      // Quoted back by the help card ("I don't know '…'"); WebChat renders it with markdown-it.
      const hostile = '[klik](https://evil.example) <at>Ahmed</at> www.evil.example';
      await say(page, hostile);
      const card = newestCard(page);
      await card.getByText(hostile, { exact: false }).first().waitFor();
      expect(await card.locator('a').count()).toBe(0);
      expect(await card.textContent()).not.toContain('\\');
      // "<id>" was taken for an HTML tag before it was escaped.
      await card.getByText('status <id>', { exact: true }).waitFor();
      await shoot(card, '09-inert-text');
    });
  });

  // The compose box's message extension (manifest composeExtensions, bot/compose-box.ts). The
  // Playground does not read the manifest: its "Trigger Message Extension App" menu offers a
  // search command whose command id and parameter name a person types in (left empty, it sends a
  // parameter without a name, so AanZet answers with the searcher's own open steps).

  /** The compact status card of the case as a message in the conversation (not in the compose box). */
  function statusCards(): Locator {
    return page
      .locator('.ac-adaptiveCard')
      .filter({ has: page.getByText(`Status ${caseId}`, { exact: true }) })
      .filter({ hasNot: page.locator('[data-lexical-editor="true"]') });
  }

  async function expectNoPersonalData(card: Locator): Promise<void> {
    const text = (await card.textContent()) ?? '';
    for (const personal of ['J. de Vries', 'Dukatenburg', '06-12345678', '3437'])
      expect(text).not.toContain(personal);
  }

  it('finds the case with the search message extension and inserts its compact status card', async () => {
    expect(caseId, 'the case from the registration test').not.toBe('');
    await keepEvidence('search', async () => {
      const before = await statusCards().count();
      await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
      await page.getByRole('menuitem', { name: 'Search Command' }).click();
      await page.getByText('Specify Command ID or Parameter').click();
      await page.getByRole('textbox', { name: 'Command ID' }).fill('findCase');
      await page.getByRole('textbox', { name: 'Parameter name' }).fill('searchText');
      await page.getByPlaceholder('Enter a search term').click();
      await page.keyboard.type(caseId);
      // The result list: the case's preview (id, step, responsible partner).
      const result = page.getByText(caseId, { exact: true }).last();
      await result.waitFor();
      await page
        .getByText(/Responsible: WIL|Verantwoordelijk: WIL/)
        .first()
        .waitFor();
      await shoot(page, '10-search');
      // Picking it puts the card in the compose box, as in Teams; sending posts it.
      await result.click();
      const editor = page.locator('[data-lexical-editor="true"]');
      await expect.poll(() => editor.innerText()).toContain(`Status ${caseId}`);
      await page.getByRole('button', { name: 'Send Message' }).click();
      await expect.poll(() => statusCards().count()).toBeGreaterThan(before);
      const card = statusCards().last();
      await card.getByText(WIL, { exact: true }).waitFor();
      await expectNoPersonalData(card);
      await card.scrollIntoViewIfNeeded();
      await shoot(card, '11-search-inserted');
    });
  });

  it("unfurls a link to the case's tab into the same compact status card", async () => {
    expect(caseId, 'the case from the registration test').not.toBe('');
    await keepEvidence('unfurl', async () => {
      const before = await statusCards().count();
      // The Playground has no pasting into the compose box: its "Link Unfurling" dialog takes
      // the address, shows the card the app answers (composeExtension/queryLink) and sends it.
      await page.getByRole('button', { name: 'Trigger Message Extension App' }).click();
      await page.getByRole('menuitem', { name: 'Link Unfurling' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: 'Enter an URL' }).click();
      await page.keyboard.type(`${app!.server.url}/tab/#/case/${caseId}`);
      await dialog.getByText(`Status ${caseId}`, { exact: true }).waitFor();
      await dialog.getByText(WIL, { exact: true }).waitFor();
      await shoot(page, '12-unfurl');
      await dialog.getByRole('button', { name: 'Send to Conversation' }).click();
      await expect.poll(() => statusCards().count()).toBeGreaterThan(before);
      await expectNoPersonalData(statusCards().last());
      // The Playground also hands both sent cards to the bot as messages (a card attachment and,
      // for the search result, its markup as text): AanZet answers neither, so no "I don't know"
      // quotes the markup or nothing. The status question after them is answered as usual.
      await say(page, `status ${caseId}`);
      const cards = page.locator('.ac-adaptiveCard');
      expect(await cards.filter({ hasText: /inline-compose-card|(know|ken) ''/ }).count()).toBe(0);
    });
  });

  it('logged no errors and no refused card actions on the way', () => {
    const bad = logs.filter((line) => line.level >= 50 || /unknown verb|bad data/.test(line.msg));
    expect(bad).toEqual([]);
  });
});
