import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { Casework } from '../casework/casework.js';
import type { Member, Store } from '../casework/ports.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { TransferRefused, transferStore } from '../storage/transfer.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { signalFor } from './helpers/casework-harness.js';
import { closeSharedPglite, freshPglite, freshServerDatabase } from './helpers/postgres.js';

// Moving a store to another engine: everything arrives, is counted on both sides, and the
// target goes on where the source stopped.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
afterAll(() => closeSharedPglite());

async function lowdb(): Promise<Store> {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-transfer-'));
  dirs.push(dir);
  return openLowdbStore({ dataDir: dir });
}

const covenants = loadCovenants();
const sanne: Member = {
  userId: 'sanne',
  name: 'Sanne',
  memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
};
const ahmed: Member = {
  userId: 'ahmed',
  name: 'Ahmed',
  memberships: [{ covenantId: 'lekstroom', partnerId: 'wil', roles: [], status: 'active' }],
};

async function filledSource(): Promise<Store> {
  const store = await lowdb();
  const casework = new Casework({ covenants, ...store, clock: () => new Date('2026-03-09T09:00:00Z') });
  for (const m of [sanne, ahmed]) await store.members.put(m);
  const first = await casework.registerSignal(sanne, signalFor('lekstroom'));
  await casework.registerSignal(sanne, signalFor('lekstroom', { houseNumber: 14 }));
  await casework.logOutcome(ahmed, first.caseId, first.loaded.record.version, { outcomeId: 'regeling' });
  await casework.caseView(ahmed, first.caseId, { locale: 'nl', withPersonalData: true }); // an audited read
  await store.conversations.put({
    id: 'a:chat-ahmed',
    kind: 'personal',
    tenantId: 't',
    userId: 'ahmed',
    reference: { conversation: { id: 'a:chat-ahmed' } },
    updatedAt: '2026-03-09T09:00:00.000Z',
  });
  const message = (key: string) => ({
    key,
    messageKey: key,
    kind: 'nudge' as const,
    covenantId: 'lekstroom',
    caseId: first.caseId,
    stepId: 'gezamenlijk-huisbezoek',
    partnerId: 'wil',
    forDate: '2026-03-20',
    notBefore: '2026-03-20T07:30:00.000Z',
    conversationId: 'a:chat-ahmed',
  });
  await store.outbox.plan([message('sent'), message('failed'), message('planned')]);
  await store.outbox.claim('2026-03-20T08:00:00.000Z', 2, 60_000);
  await store.outbox.finish('sent', { state: 'sent', at: '2026-03-20T08:00:01.000Z' });
  await store.outbox.finish('failed', { state: 'failed', error: 'BotDisabledByAdmin' });
  return store;
}

describe('moving a store to another engine', () => {
  it('copies cases, members, audit, conversations and outbox, verified by counting both sides', async () => {
    const source = await filledSource();
    const target = await lowdb();
    const report = await transferStore(source, target);
    expect(report).toEqual({
      cases: 2,
      events: 6,
      members: 2,
      audit: 4,
      conversations: 1,
      outbox: 3,
      caseCounters: 1,
    });
    for (const id of ['LEK-2026-0001', 'LEK-2026-0002'])
      expect(await target.cases.get(id)).toEqual(await source.cases.get(id));
    const states = Object.fromEntries((await target.outbox.list({})).map((e) => [e.key, e.state]));
    expect(states).toEqual({ sent: 'sent', failed: 'failed', planned: 'planned' });
    expect(await target.audit.list({})).toEqual(await source.audit.list({}));
    // The target goes on numbering after the highest copied case.
    expect(await target.cases.nextCaseNumber('lekstroom', 2026)).toBe(3);
    await Promise.all([source.close(), target.close()]);
  });

  it('copies a lowdb store into PostgreSQL (PGlite) with the same records', async () => {
    const source = await filledSource();
    const pglite = await freshPglite();
    const target = await openPostgresStore(pglite.client);
    try {
      const report = await transferStore(source, target);
      expect(report).toMatchObject({ cases: 2, events: 6, members: 2, audit: 4, outbox: 3 });
      for (const id of ['LEK-2026-0001', 'LEK-2026-0002'])
        expect(await target.cases.get(id)).toEqual(await source.cases.get(id));
      expect(await target.cases.nextCaseNumber('lekstroom', 2026)).toBe(3);
    } finally {
      await Promise.all([source.close(), target.close()]);
      await pglite.cleanup();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'npm run migrate copies a lowdb file into the PostgreSQL server and reports the verified counts',
    async () => {
      const source = await filledSource();
      await source.close();
      const database = await freshServerDatabase(process.env.DATABASE_URL!);
      try {
        const run = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'cli/migrate.ts', '--from', join(dirs.at(-1)!, 'aanzet.json')],
          {
            env: { ...process.env, DATABASE_URL: database.url },
            encoding: 'utf8',
          },
        );
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.stdout).toContain(
          '"cases":2,"events":6,"members":2,"audit":4,"conversations":1,"outbox":3',
        );
        const again = spawnSync(
          process.execPath,
          ['--import', 'tsx', 'cli/migrate.ts', '--from', join(dirs.at(-1)!, 'aanzet.json')],
          {
            env: { ...process.env, DATABASE_URL: database.url },
            encoding: 'utf8',
          },
        );
        expect(again.status).toBe(1);
        expect(again.stderr).toContain('already holds cases');
      } finally {
        await database.cleanup();
      }
    },
    60_000,
  );

  describe('npm run migrate refuses a wrong command line with exit 2, before touching any store', () => {
    const migrate = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'cli/migrate.ts', ...args], {
        env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
        encoding: 'utf8',
      });

    it('naming an unknown flag', () => {
      const run = migrate('--form', 'aanzet.json');
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("migrate: Unknown option '--form'");
      expect(run.stderr).toContain('--from <path to aanzet.json>');
    });

    it('naming --from when its file is missing', () => {
      const run = migrate('--from');
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("Option '--from <value>' argument missing");
    });

    it('and prints the usage with exit 0 for --help', () => {
      const run = migrate('--help');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('npm run migrate -- --from <path to aanzet.json>');
    });
  });

  it('refuses a target that already holds cases, and changes nothing there', async () => {
    const source = await filledSource();
    const target = await filledSource();
    const before = await target.cases.listSummaries({});
    await expect(transferStore(source, target)).rejects.toBeInstanceOf(TransferRefused);
    expect(await target.cases.listSummaries({})).toEqual(before);
    await Promise.all([source.close(), target.close()]);
  });
});
