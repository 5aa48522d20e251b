import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Frame,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../cards/texts.js';
import { seriousViolations } from '../helpers/axe.js';
import { signalFor } from '../helpers/casework-harness.js';
import { CHROMIUM, CHROMIUM_ARGS, noChromium, requireChromium } from '../helpers/chromium.js';
import { lekstroomMember, startTabBot, TENANT, type TabBot } from '../helpers/tab-api.js';
import { ensureTabBuilt } from '../helpers/tab-build.js';
import {
  buildProbe,
  hostMessages,
  openInTeamsHost,
  setTheme,
  startTeamsHost,
  type TeamsHost,
  type Theme,
} from '../helpers/teams-host.js';
import { startTokenKeys, type TokenKeys } from '../helpers/token-keys.js';

// The personal tab as a caseworker meets it in Teams (issue 11, browser test): the real bot in
// signed-in mode (Entra's keys replaced by a local key set), the built tab (tab/dist) served by
// it under /tab/, inside the Teams test host (tests/helpers/teams-host.ts) so the tab's own
// teams-js gets its context, token and theme as in Teams. Megan (WIL) walks Mijn taken → a case
// → records an outcome → sees the next step; Lynne (coordinator) sees Monitoring's charts; in
// the light and the dark theme, with a screenshot of every view (docs/screenshots/tab-*.png,
// shown in the README) and axe-core finding nothing serious or critical.

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const FAILURES = join(ROOT, 'tests', '.tmp', 'browser');
const NOW = DateTime.fromISO('2026-03-20T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
const nl = texts('nl');
const en = texts('en');

const SANNE = lekstroomMember('aad-sanne', 'Sanne Bakker', 'mitros');
const MEGAN = lekstroomMember('aad-megan', 'Megan Bowen', 'wil');
const LYNNE = lekstroomMember('aad-lynne', 'Lynne Robbins', 'wil', ['coordinator-vroeg-eropaf']);

// Lekstroom's first step (WIL) and where the outcome "wijkteam" leads (covenants/lekstroom.yaml).
const FIRST_STEP = 'Gezamenlijk huisbezoek (corporatie + WIL)';
const WIJKTEAM = 'Meer aan de hand, naar het sociale wijkteam';
const NEXT_STEP = 'Hulp door het sociale wijkteam';

/** Teams' theme names and the screenshot's. */
const THEMES: { teams: Theme; name: string }[] = [
  { teams: 'default', name: 'light' },
  { teams: 'dark', name: 'dark' },
];

requireChromium('the tab walk test');

describe.skipIf(noChromium)('the personal tab inside the Teams test host', { timeout: 180_000 }, () => {
  let keys: TokenKeys;
  let tab: TabBot;
  let host: TeamsHost;
  let probeDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const caseIds: string[] = [];
  /** Errors nothing caught, in the host, the probe or the tab. */
  const uncaught: string[] = [];

  /** A token for `oid` as Entra would issue it for the tab (tests/helpers/tab-api.ts). */
  const tokenFor = (oid: string) => () => keys.signed(tab.claims(oid));

  const open = (path: string, who: { userId: string }, theme: Theme = 'default', locale = 'nl-nl') =>
    openInTeamsHost(page, host, {
      tabPath: path,
      locale,
      theme,
      pageId: path.includes('monitoring') ? 'monitoring' : 'tasks',
      userObjectId: who.userId,
      tenantId: TENANT,
      token: tokenFor(who.userId),
    });

  beforeAll(async () => {
    keys = await startTokenKeys();
    tab = await startTabBot(keys, () => NOW);
    for (const member of [SANNE, MEGAN, LYNNE]) await tab.bot.app.store.members.put(member);
    // Two open cases for Megan's walk (one per theme), two late ones, two closed: the list,
    // the deadline badges and the charts have something to show.
    const signals = [
      { signalDate: '2026-03-16', houseNumber: 12 },
      { signalDate: '2026-03-17', houseNumber: 14, children: 2 },
      { signalDate: '2026-02-16', houseNumber: 16 },
      { signalDate: '2026-02-02', houseNumber: 18, crisis: true },
      { signalDate: '2026-01-12', houseNumber: 20 },
      { signalDate: '2026-01-19', houseNumber: 22 },
    ];
    for (const signal of signals)
      caseIds.push((await tab.bot.app.casework.registerSignal(SANNE, signalFor('lekstroom', signal))).caseId);
    for (const [caseId, outcomeId] of [
      [caseIds[4]!, 'regeling'],
      [caseIds[5]!, 'schuldhulp'],
    ] as const) {
      const version = (await tab.bot.app.store.cases.get(caseId))!.events.length;
      const done = await tab.call(`/api/tab/cases/${caseId}/outcome`, {
        oid: MEGAN.userId,
        body: { version, outcomeId },
      });
      expect(done.status, done.text).toBe(200);
    }
    probeDir = mkdtempSync(join(tmpdir(), 'aanzet-probe-'));
    await buildProbe(probeDir, '/__teams-host/probe/');
    host = await startTeamsHost(tab.bot.app.server.url, { files: { '/__teams-host/probe/': probeDir } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    // A Dutch desktop: the browser's own controls (date fields) speak as the tab does.
    context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      deviceScaleFactor: 1,
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    // The tab's dates as the bot's: the same "today".
    await context.clock.setFixedTime(NOW);
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => uncaught.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await host?.close();
    await tab?.bot.stop();
    await keys?.close();
    if (probeDir) rmSync(probeDir, { recursive: true, force: true });
  });

  /** On a failure, a screenshot (not committed) tells what the browser showed. */
  async function keepEvidence<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      mkdirSync(FAILURES, { recursive: true });
      await page?.screenshot({ path: join(FAILURES, `tab-${name}.png`) }).catch(() => {});
      throw error;
    }
  }

  const shoot = async (view: string, theme: string) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `tab-${view}-${theme}.png`), animations: 'disabled' });
  };

  const expectAccessible = async (frame: Frame) => expect(await seriousViolations(frame)).toEqual([]);

  /**
   * Shown for real: not only in the DOM but on top where it stands (a trial click fails when
   * another element, such as an overlay, would take the click), so a screenshot shows it.
   */
  const seen = async (target: Locator) => {
    await target.waitFor();
    await target.click({ trial: true, timeout: 5_000 });
  };

  describe('the harness, against the real bot', () => {
    it("signs a page in the host in to the bot's tab API with a locally signed token", async () => {
      await keepEvidence('probe', async () => {
        const probe = await open('/__teams-host/probe/', MEGAN);
        await probe.locator('#me').filter({ hasText: /\S/ }).waitFor();
        expect(await probe.locator('#error').textContent()).toBe('');
        const me = (await probe.locator('#me').textContent()) ?? '';
        expect(me).toMatch(/^200 /);
        expect(JSON.parse(me.slice(4))).toMatchObject({ userId: MEGAN.userId, name: 'Megan Bowen' });
      });
    });

    it('has an accessibility check that finds what it should (a nameless button, a hidden focusable)', async () => {
      const probe = await open('/__teams-host/probe/', MEGAN);
      await probe.locator('#me').filter({ hasText: /\S/ }).waitFor();
      await expectAccessible(probe);
      // Only Fluent's own focus guards are let pass (tests/helpers/axe.ts), not this <i>.
      await probe
        .locator('body')
        .evaluate((body) =>
          body.insertAdjacentHTML('beforeend', '<button></button><i tabindex="0" aria-hidden="true">x</i>'),
        );
      const found = await seriousViolations(probe);
      expect(found.map((v) => v.id).sort()).toEqual(['aria-hidden-focus', 'button-name']);
    });
  });

  describe('the tab', () => {
    beforeAll(() => ensureTabBuilt(), 180_000);

    for (const [index, theme] of THEMES.entries()) {
      // Each theme walks its own case: the first theme's case has moved on by the second.
      const caseId = () => caseIds[index]!;

      it(`${theme.name}: Mijn taken → Casus → outcome → next step`, async () => {
        await keepEvidence(`walk-${theme.name}`, async () => {
          const frame = await open('/tab/?view=tasks', MEGAN, theme.teams);
          await seen(frame.getByRole('heading', { name: nl.tab.tasks.title }));
          // The list opens a case with a link (Fluent's Link: a button without an href).
          const opener = frame
            .getByRole('button', { name: caseId() })
            .or(frame.getByRole('link', { name: caseId() }));
          await opener.first().waitFor();
          await shoot('tasks', theme.name);
          await expectAccessible(frame);

          await opener.first().click();
          await seen(frame.getByRole('heading', { name: new RegExp(caseId()) }));
          await frame.getByText(FIRST_STEP).first().waitFor();
          await shoot('case', theme.name);
          await expectAccessible(frame);

          // The outcome as the outcome card asks it: opener "Uitkomst", the step's outcomes as choices.
          await frame.getByRole('button', { name: nl.case.outcome, exact: true }).click();
          const dialog = frame.getByRole('dialog', { name: nl.outcomeForm.title });
          await dialog.waitFor();
          await dialog.getByRole('radio', { name: WIJKTEAM }).check();
          await shoot('outcome', theme.name);
          await expectAccessible(frame);
          await dialog.getByRole('button', { name: nl.outcomeForm.submit }).click();
          await dialog.waitFor({ state: 'hidden' });
          await frame.getByText(NEXT_STEP).first().waitFor();
          // Recorded for real, through the same use case as the card.
          const stored = await tab.bot.app.store.cases.get(caseId());
          expect(JSON.stringify(stored?.events.at(-1))).toContain('hulp-sociaal-wijkteam');
        });
      });

      it(`${theme.name}: Monitoring shows the charts to the coordinator`, async () => {
        await keepEvidence(`monitoring-${theme.name}`, async () => {
          const frame = await open('/tab/?view=monitoring', LYNNE, theme.teams);
          await seen(frame.getByRole('heading', { name: nl.tab.monitoring.title }));
          // The charts as @fluentui/react-charts draws them: SVGs of a real size.
          await expect
            .poll(() =>
              frame
                .locator('svg')
                .evaluateAll((svgs) => svgs.filter((svg) => svg.getBoundingClientRect().width > 200).length),
            )
            .toBeGreaterThanOrEqual(2);
          await shoot('monitoring', theme.name);
          await expectAccessible(frame);
        });
      });
    }

    it('opens the case of a deep link ("Openen in AanZet": subEntityId case:<id>)', async () => {
      const frame = await openInTeamsHost(page, host, {
        tabPath: '/tab/?view=tasks',
        locale: 'nl-nl',
        pageId: 'tasks',
        subPageId: `case:${caseIds[2]}`,
        userObjectId: MEGAN.userId,
        tenantId: TENANT,
        token: tokenFor(MEGAN.userId),
      });
      await seen(frame.getByRole('heading', { name: new RegExp(caseIds[2]!) }));
    });

    it('follows a theme change in Teams without reloading', async () => {
      const frame = await open('/tab/?view=tasks', MEGAN, 'default');
      await seen(frame.getByRole('heading', { name: nl.tab.tasks.title }));
      // Fluent UI paints the FluentProvider's root with the theme's background.
      const background = () =>
        frame
          .locator('.fui-FluentProvider')
          .first()
          .evaluate(
            (element) =>
              (
                globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
              ).getComputedStyle(element).backgroundColor,
          );
      const light = await background();
      await setTheme(page, 'dark');
      await expect.poll(background).not.toBe(light);
      const [r = 255, g = 255, b = 255] = ((await background()).match(/\d+/g) ?? []).map(Number);
      expect(r + g + b, 'a dark background').toBeLessThan(3 * 80);
    });

    it('speaks English to an English Teams, and nothing Dutch', async () => {
      const frame = await open('/tab/?view=tasks', MEGAN, 'default', 'en-us');
      await seen(frame.getByRole('heading', { name: en.tab.tasks.title }));
      expect(await frame.getByText(nl.tab.tasks.title, { exact: true }).count()).toBe(0);
    });

    it('sent the host only messages Teams knows, and never reported a failed start', async () => {
      const frame = await open('/tab/?view=tasks', MEGAN);
      await seen(frame.getByRole('heading', { name: nl.tab.tasks.title }));
      const messages = await hostMessages(page);
      expect(messages.filter((m) => m.kind === 'unknown' || /failure/i.test(m.func))).toEqual([]);
      expect(messages.map((m) => m.func)).toEqual(
        expect.arrayContaining(['initialize', 'getContext', 'authentication.getAuthToken']),
      );
    });
  });

  it('logged no errors on the bot, and nothing went uncaught in the browser', () => {
    expect(tab.bot.logs.filter((line) => line.level >= 50)).toEqual([]);
    expect(uncaught).toEqual([]);
  });
});
