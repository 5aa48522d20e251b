import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepView } from '../casework/reads/views.js';
import type { CovenantFigures } from '../casework/reads/figures.js';
import { startRunningBot, type RunningBot } from './helpers/running-bot.js';
import { callApi } from './helpers/tab-api.js';

// npm start's demo history (bot/demo-history): a year of anonymous Lekstroom cases, written
// through the use cases into an empty store, once, in local mode only.

const NOW = DateTime.fromISO('2026-12-03T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
const ALEX = '00000000-0000-0000-0000-0000000000020';
const DEMO_MEMBERS = resolve(import.meta.dirname, '..', 'bot', 'demo-members.yaml');
const ENV = { AANZET_DEMO_MEMBERS: DEMO_MEMBERS, AANZET_DEMO_HISTORY: 'on' };

const seededLine = (bot: RunningBot) => bot.logs.find((line) => line.msg.startsWith('demo history'));
const caseCount = async (bot: RunningBot) => (await bot.app.store.cases.listSummaries({})).length;

describe('the demo history of npm start', () => {
  let dataDir: string;
  let bot: RunningBot;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'aanzet-demo-history-'));
    bot = await startRunningBot({ connectorUrl: 'http://127.0.0.1:9', clock: () => NOW, env: ENV, dataDir });
  });
  afterAll(async () => {
    await bot.app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is seeded into the empty store at start, a Lekstroom-sized year, within a few seconds', async () => {
    const line = seededLine(bot);
    expect(line).toMatchObject({ msg: expect.stringContaining('seeded'), seeded: true, cases: 240 });
    // Measured at about 1.5 s on a quiet machine; generous here, the machine is shared.
    expect(line?.ms).toBeLessThan(15_000);
    expect(await caseCount(bot)).toBe(240);
  });

  it('has signals in each of the last 12 months, and reached households, arrangements and debt help', async () => {
    const alex = (await bot.app.store.members.get(ALEX))!;
    const months = Array.from({ length: 12 }, (_, i) =>
      DateTime.fromJSDate(NOW, { zone: 'Europe/Amsterdam' })
        .startOf('month')
        .minus({ months: 12 - i }),
    );
    for (const month of months) {
      const figures = await bot.app.casework.figures(alex, 'lekstroom', {
        from: month.toISODate()!,
        to: month.endOf('month').toISODate()!,
      });
      expect(figures.signalsReceived, month.toISODate()!).toBeGreaterThan(10);
      expect(figures.householdsReached, month.toISODate()!).toBeGreaterThan(0);
    }
    const year = await callApi(
      bot.app.server.url,
      `/api/tab/figures?covenant=lekstroom&from=${months[0]!.toISODate()}&to=2026-12-03`,
      { headers: { 'x-aanzet-demo-user': ALEX } },
    );
    expect(year.status).toBe(200);
    const figures = year.body as CovenantFigures;
    expect(figures.signalsReceived).toBeGreaterThan(200);
    expect(figures.contactAttempts).toBeGreaterThan(figures.signalsReceived);
    expect(figures.paymentArrangements).toBeGreaterThan(50);
    expect(figures.referredToDebtHelp).toBeGreaterThan(10);
    // A mix of final results, not one; on-time and late steps both.
    const results = Object.values(figures.perFinalResult).filter((n) => n > 0);
    expect(results.length).toBeGreaterThanOrEqual(8);
    const wil = figures.onTimePerPartner.find((p) => p.partnerId === 'wil')!;
    expect(wil.numerator).toBeGreaterThan(0);
    expect(wil.numerator).toBeLessThan(wil.denominator);
  });

  it("gives Alex Wilber (Mitros) open tasks in the tab, and the other steps' open cases deadlines near today", async () => {
    const tasks = await callApi(bot.app.server.url, '/api/tab/tasks', {
      headers: { 'x-aanzet-demo-user': ALEX },
    });
    expect(tasks.status).toBe(200);
    const { items } = tasks.body as { items: StepView[] };
    expect(items.length).toBeGreaterThan(0);
    const open = await bot.app.store.cases.listSummaries({ status: 'open' });
    expect(open.length).toBeGreaterThan(5);
    expect(open.length).toBeLessThan(40);
    const monthAgo = DateTime.fromJSDate(NOW).minus({ days: 31 }).toISODate()!;
    for (const summary of open) expect(summary.deadline! >= monthAgo, summary.caseId).toBe(true);
  });

  it('plans no flood of reminders for the past: at most one per open case besides the daily digests', async () => {
    const open = (await bot.app.store.cases.listSummaries({ status: 'open' })).length;
    const planned = await bot.app.casework.planDueMessages();
    const aboutCases = planned.filter((m) => m.caseId !== null);
    expect(aboutCases.length).toBeLessThanOrEqual(open);
  });

  it('holds no real-looking personal data: invented household names, postcodes of the municipalities', async () => {
    const open = await bot.app.store.cases.listSummaries({ status: 'open' });
    for (const summary of open) {
      const record = (await bot.app.store.cases.get(summary.caseId))!;
      expect(record.personal?.name).toMatch(/^Demo Huishouden \d+$/);
      expect(record.personal?.address.postcode).toMatch(/^(3431 AB|3991 CD|3401 EF|4131 GH|3411 JK)$/);
    }
  });

  it('is not seeded again by a second start on the same store', async () => {
    await bot.app.stop();
    bot = await startRunningBot({ connectorUrl: 'http://127.0.0.1:9', clock: () => NOW, env: ENV, dataDir });
    expect(seededLine(bot)).toMatchObject({ seeded: false, skipped: 'the store already holds cases' });
    expect(await caseCount(bot)).toBe(240);
  });
});

describe('without the demo history', () => {
  it('AANZET_DEMO_HISTORY=off (and any start but npm start) seeds nothing', async () => {
    const bot = await startRunningBot({
      connectorUrl: 'http://127.0.0.1:9',
      clock: () => NOW,
      env: { ...ENV, AANZET_DEMO_HISTORY: 'off' },
    });
    try {
      expect(seededLine(bot)).toBeUndefined();
      expect(await caseCount(bot)).toBe(0);
    } finally {
      await bot.stop();
    }
  });
});
