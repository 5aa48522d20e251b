import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../../cards/texts.js';
import { seriousViolations } from '../helpers/axe.js';
import { CHROMIUM, CHROMIUM_ARGS, noChromium, requireChromium } from '../helpers/chromium.js';
import { startRunningBot, type RunningBot } from '../helpers/running-bot.js';
import { ensureTabBuilt } from '../helpers/tab-build.js';

// README's newcomer path for the personal tab, in a plain browser as a newcomer has it: the bot
// in local mode with the demo members and the demo history (as `npm start` runs it), the tab at
// /tab/, the demo member picker, Alex Wilber, then his caseload and the Lekstroom dashboard with
// a year of figures. Today's date is the machine's, as for a newcomer.

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const FAILURES = join(ROOT, 'tests', '.tmp', 'browser');
const DEMO_MEMBERS = join(ROOT, 'bot', 'demo-members.yaml');
const nl = texts('nl').tab;
const ALEX = '00000000-0000-0000-0000-0000000000020';

requireChromium('the local tab test');

describe.skipIf(noChromium)('the personal tab on a newcomer’s machine', { timeout: 120_000 }, () => {
  let bot: RunningBot;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureTabBuilt();
    const dataDir = mkdtempSync(join(tmpdir(), 'aanzet-tab-local-'));
    bot = await startRunningBot({
      connectorUrl: 'http://127.0.0.1:9',
      env: { AANZET_DEMO_MEMBERS: DEMO_MEMBERS, AANZET_DEMO_HISTORY: 'on' },
      dataDir,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'nl-NL',
      timezoneId: 'Europe/Amsterdam',
    });
    await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
    page = await context.newPage();
    page.setDefaultTimeout(20_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => {});
    await bot?.stop();
  });

  async function keepEvidence<T>(name: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      mkdirSync(FAILURES, { recursive: true });
      await page?.screenshot({ path: join(FAILURES, `tab-local-${name}.png`) }).catch(() => {});
      throw error;
    }
  }

  it('asks who you are, and after Alex Wilber shows his open tasks from the demo history', async () => {
    await keepEvidence('picker', async () => {
      await page.goto(`${bot.app.server.url}/tab/`);
      const pick = page.getByRole('button', { name: nl.shell.demoPick('Alex Wilber') });
      await pick.waitFor();
      expect(await seriousViolations(page.mainFrame())).toEqual([]);
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'tab-demo-picker.png'), animations: 'disabled' });
      await pick.click();
      const firstCase = page.getByRole('button', { name: /^Casus LEK-\d{4}-\d{4} openen$/ }).first();
      await firstCase.waitFor();
      expect(await page.getByRole('button', { name: /^Casus LEK-/ }).count()).toBeGreaterThan(0);
    });
  });

  it('shows Alex, as Lekstroom’s coordinator, the dashboard of a year of figures', async () => {
    await keepEvidence('monitoring', async () => {
      await page.getByRole('tab', { name: 'Monitoring' }).click();
      await page.getByRole('heading', { name: nl.monitoring.signalsPerMonth }).waitFor();
      await page.getByRole('button', { name: nl.monitoring.last12Months }).click();
      await page.getByRole('heading', { name: nl.monitoring.keyFigures }).waitFor();
      // The tile shows what the API counts for the period on screen: a year of Lekstroom signals.
      const from = await page.getByLabel(nl.monitoring.from, { exact: true }).inputValue();
      const to = await page.getByLabel(nl.monitoring.to, { exact: true }).inputValue();
      const alex = (await bot.app.store.members.get(ALEX))!;
      const figures = await bot.app.casework.figures(alex, 'lekstroom', { from, to });
      expect(figures.signalsReceived).toBeGreaterThan(100);
      const tile = page.getByRole('group', { name: texts('nl').report.signalsReceived });
      await expect.poll(() => tile.textContent()).toContain(String(figures.signalsReceived));
      expect(await seriousViolations(page.mainFrame())).toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'tab-demo-monitoring.png'), animations: 'disabled' });
    });
  });
});
