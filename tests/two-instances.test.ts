import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import { openStore } from '../storage/open-store.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { freshServerDatabase, type ServerDatabase } from './helpers/postgres.js';
import { NUDGE_MOMENT, seedDueNudges } from './helpers/reminder-seed.js';
import { TeamsClient, type Conversation, type TeamsUser } from './helpers/teams-client.js';

// Several bot instances on one PostgreSQL database (issue 5): a batch of due reminders is
// delivered exactly once between two processes, and a card flow started on one instance
// continues on the other. Needs a real server: runs when DATABASE_URL is set (CI starts one).

const serverUrl = process.env.DATABASE_URL;
const CASES = 10;
const CHATS = 15;

let database: ServerDatabase;
let connector: FakeConnector;
const dirs: string[] = [];

describe.skipIf(!serverUrl)('two bot instances on one PostgreSQL database', () => {
  beforeEach(async () => {
    database = await freshServerDatabase(serverUrl!);
    connector = await startFakeConnector({ delayMs: 5 });
  });
  afterEach(async () => {
    await connector.close();
    await database.cleanup();
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  function worker(): Promise<Record<string, number>> {
    const dir = mkdtempSync(join(tmpdir(), 'aanzet-two-'));
    dirs.push(dir);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/helpers/reminder-worker.ts', dir, NUDGE_MOMENT, database.url],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    return new Promise((resolve, reject) => {
      let report: Record<string, number> | undefined;
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('report ')) report = JSON.parse(line.slice(7)) as Record<string, number>;
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        if (report) resolve(report);
        else reject(new Error(`worker exited with ${code} without a report`));
      });
    });
  }

  it('delivers every due reminder exactly once between two bot processes', async () => {
    const store = await openStore({ DATABASE_URL: database.url });
    await seedDueNudges(store, connector.url, { cases: CASES, chats: CHATS });
    await store.close();

    const [a, b] = await Promise.all([worker(), worker()]);

    const delivered = connector.sent.map(
      // Each worker listens on a port of its own (PORT=0): the cards' local tab link names it.
      (s) =>
        `${s.conversationId} ${JSON.stringify(s.activity.attachments).replace(/localhost:\d+/g, 'localhost')}`,
    );
    expect(delivered).toHaveLength(CASES * CHATS);
    expect(new Set(delivered).size).toBe(CASES * CHATS);
    expect(a.sent! + b.sent!).toBe(CASES * CHATS);
    const check = await openStore({ DATABASE_URL: database.url });
    const entries = await check.outbox.list({});
    await check.close();
    expect(entries.filter((e) => e.state !== 'sent')).toEqual([]);
    expect(entries.reduce((sum, e) => sum + e.reclaimed, 0)).toBe(0);
  }, 120_000);

  it('continues a card flow started on one instance on the other, and refuses a stale click from either', async () => {
    const apps: App[] = [];
    const start = async () => {
      const dir = mkdtempSync(join(tmpdir(), 'aanzet-two-'));
      dirs.push(dir);
      const config = readConfig(
        {
          PORT: '0',
          AANZET_DATA_DIR: dir,
          AANZET_REMINDERS: 'off',
          DATABASE_URL: database.url,
        },
        { localModeWithDatabaseForTests: true },
      );
      const app = await startApp(config, { logger: pino({ level: 'silent' }) });
      apps.push(app);
      return app;
    };
    try {
      const [one, two] = [await start(), await start()];
      await one.store.members.put({
        userId: 'aad-sanne',
        name: 'Sanne',
        memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
      });
      const sanne: TeamsUser = { id: '29:sanne', aadObjectId: 'aad-sanne', name: 'Sanne' };
      const chat: Conversation = { id: 'a:chat-sanne', conversationType: 'personal', tenantId: 't' };
      const viaOne = new TeamsClient(one.server.url, connector.url);
      const viaTwo = new TeamsClient(two.server.url, connector.url);

      await viaOne.message(sanne, chat, 'nieuw signaal');
      await connector.waitFor((sent) => sent.length === 1);
      const flowId = /"flowId":"([^"]+)"/.exec(JSON.stringify(connector.sent[0]!.activity))![1]!;
      const household = await viaTwo.invoke(sanne, chat, 'signal.household', {
        flowId,
        name: 'J. de Vries',
        street: 'Dukatenburg',
        houseNumber: '12',
        postcode: '3437 AB',
        city: 'Nieuwegein',
      });
      // Instance two knew the flow that instance one started: it answers with the next card.
      expect(JSON.stringify(household.body)).toContain('"id":"amount"');

      const signalDate = new Date().toISOString().slice(0, 10);
      const arrears = { flowId, type: 'Huur', amount: '712,00', arisingDate: '2026-01-01', signalDate };
      await viaOne.invoke(sanne, chat, 'signal.arrears', {
        ...arrears,
        reminderSentOn: signalDate,
        personalContactAttempted: 'true',
        pointedToDebtHelp: 'true',
        offeredToShareWithoutObjection: 'true',
      });
      const done = await viaTwo.invoke(sanne, chat, 'signal.confirm', { flowId });
      const caseId = /(LEK-\d{4}-\d{4})/.exec(JSON.stringify(done.body))![1]!;

      // An outcome stored through one instance makes the same click through the other stale.
      const wil = { userId: 'aad-ahmed', name: 'Ahmed' };
      await one.store.members.put({
        ...wil,
        memberships: [{ covenantId: 'lekstroom', partnerId: 'wil', roles: [], status: 'active' }],
      });
      const ahmed: TeamsUser = { id: '29:ahmed', aadObjectId: 'aad-ahmed', name: 'Ahmed' };
      const ahmedChat: Conversation = { id: 'a:chat-ahmed', conversationType: 'personal', tenantId: 't' };
      const version = (await one.store.cases.getSummary(caseId))!.version;
      await new TeamsClient(one.server.url, connector.url).invoke(ahmed, ahmedChat, 'case.outcome', {
        caseId,
        version,
        outcomeId: 'regeling',
      });
      const stale = await new TeamsClient(two.server.url, connector.url).invoke(
        ahmed,
        ahmedChat,
        'case.outcome',
        {
          caseId,
          version,
          outcomeId: 'regeling',
        },
      );
      expect(JSON.stringify(stale.body)).toContain('Al gedaan door Ahmed');
      const record = await two.store.cases.get(caseId);
      expect(record!.events.filter((e) => e.type === 'outcome_logged')).toHaveLength(1);
    } finally {
      await Promise.all(apps.map((app) => app.stop()));
    }
  }, 60_000);
});
