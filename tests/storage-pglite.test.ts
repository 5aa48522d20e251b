import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Casework } from '../casework/casework.js';
import { VersionConflict, type Member, type Store } from '../casework/ports.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../storage/postgres/migrations.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { makeCaseRecord, makeEvent, makePersonal } from './fixtures/case-records.js';
import { signalFor } from './helpers/casework-harness.js';
import { closeSharedPglite, emptyPglite, freshPglite } from './helpers/postgres.js';
import { storageContract } from './storage-contract.js';

// The PostgreSQL store on PGlite (PostgreSQL in WebAssembly): in every test run, no server needed.

afterAll(closeSharedPglite);

storageContract('PGlite', async () => {
  const { client, cleanup } = await freshPglite();
  const store = await openPostgresStore(client);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await cleanup();
    },
  };
});

describe('PGlite: migrations', () => {
  it('are applied once and recorded; running them again is a no-op', async () => {
    const { client, cleanup } = await emptyPglite();
    try {
      await expect(openPostgresStore(client)).rejects.toThrow(
        `schema version 0, AanZet needs ${SCHEMA_VERSION}`,
      );
      const versions = MIGRATIONS.map((m) => m.version);
      expect(await migrate(client)).toEqual(versions);
      const recorded = async () =>
        (await client.query('SELECT version, name FROM schema_migrations ORDER BY version')).rows;
      const first = await recorded();
      expect(first).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
      expect(await migrate(client)).toEqual([]);
      expect(await recorded()).toEqual(first);
      await openPostgresStore(client);
    } finally {
      await cleanup();
    }
  });

  it('migration 2 gives the entries written before it their message, so none is planned again', async () => {
    const { client, cleanup } = await emptyPglite();
    try {
      await migrate(client, MIGRATIONS.slice(0, 1));
      const legacy = (key: string, conversationId: string) => ({
        key,
        conversationId,
        kind: 'due',
        covenantId: 'lekstroom',
        caseId: 'LEK-2026-0001',
        stepId: 'visit',
        partnerId: 'wil',
        forDate: '2026-03-23',
        notBefore: '2026-03-23T07:30:00.000Z',
        state: 'sent',
        attempts: 1,
        reclaimed: 0,
        leaseUntil: null,
        sentAt: '2026-03-23T07:30:01.000Z',
        lastError: null,
      });
      const M = 'LEK-2026-0001|visit|2026-03-23|due|2026-03-23';
      for (const entry of [
        legacy(`${M}|a:chat-ahmed`, 'a:chat-ahmed'),
        legacy(`${M}|a:chat-ahmed|reroute|a:chat-carla`, 'a:chat-carla'),
      ])
        await client.query(
          `INSERT INTO outbox (key, state, not_before, covenant_id, attempts, reclaimed, entry)
           VALUES ($1, 'sent', $2::timestamptz, 'lekstroom', 1, 0, $3::text::jsonb)`,
          [entry.key, entry.notBefore, JSON.stringify(entry)],
        );
      expect(await migrate(client)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
      const store = await openPostgresStore(client);
      expect((await store.outbox.list({})).map((e) => e.messageKey)).toEqual([M, M]);
      const channel = { ...legacy(`${M}|19:wil`, '19:wil'), messageKey: M, kind: 'due' as const };
      expect(await store.outbox.plan([channel])).toBe(0);
      await store.close();
    } finally {
      await cleanup();
    }
  });

  it('applies a new migration alone, and one that fails not at all', async () => {
    const { client, cleanup } = await emptyPglite();
    try {
      await migrate(client);
      const next = {
        version: 90,
        name: 'test',
        sql: 'CREATE TABLE t90 (x int); CREATE INDEX t90_x ON t90 (x);',
      };
      expect(await migrate(client, [...MIGRATIONS, next])).toEqual([90]);
      const broken = {
        version: 91,
        name: 'broken',
        sql: 'CREATE TABLE t91 (x int); SELECT no_such_function();',
      };
      const later = { version: 92, name: 'later', sql: 'CREATE TABLE t92 (x int);' };
      await expect(migrate(client, [...MIGRATIONS, next, later, broken])).rejects.toThrow(/no_such_function/);
      const { rows } = await client.query<{ version: number; t91: string | null; t92: string | null }>(
        `SELECT max(version) AS version, to_regclass('t91')::text AS t91, to_regclass('t92')::text AS t92
         FROM schema_migrations`,
      );
      expect(rows).toEqual([{ version: 90, t91: null, t92: null }]);
    } finally {
      await cleanup();
    }
  });
});

describe('PGlite: two store objects on one database, as two instances', () => {
  it('a stale version appended through the second store is refused', async () => {
    const { client, cleanup } = await freshPglite();
    const [one, two] = [await openPostgresStore(client), await openPostgresStore(client)];
    try {
      const record = makeCaseRecord();
      await one.cases.create(record);
      const contact = (version: number) =>
        makeEvent(version + 1, {
          type: 'contact_attempt',
          kind: 'Telefoon',
          reached: true,
          date: '2026-03-10',
          daypart: 'Ochtend',
        });
      const saved = await one.cases.append(record.id, record.version, [contact(record.version)], {
        ...record.summary,
        version: record.version + 1,
      });
      const late = two.cases.append(record.id, record.version, [contact(record.version)], {
        ...record.summary,
        version: record.version + 1,
        firstContactDate: '2026-03-11',
      });
      await expect(late).rejects.toBeInstanceOf(VersionConflict);
      await expect(late).rejects.toMatchObject({
        expectedVersion: record.version,
        actualVersion: saved.version,
      });
      expect(await two.cases.get(record.id)).toEqual(saved);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await cleanup();
    }
  });

  it('two claims at once never return the same entry', async () => {
    const { client, cleanup } = await freshPglite();
    const [one, two] = [await openPostgresStore(client), await openPostgresStore(client)];
    try {
      const NOW = '2026-03-23T08:00:00.000Z';
      await one.outbox.plan(
        Array.from({ length: 40 }, (_, i) => ({
          key: `m${String(i).padStart(2, '0')}`,
          messageKey: `m${String(i).padStart(2, '0')}`,
          conversationId: 'a:personal-wil',
          kind: 'due' as const,
          covenantId: 'lekstroom',
          caseId: null,
          stepId: null,
          partnerId: 'wil',
          forDate: '2026-03-23',
          notBefore: '2026-03-23T07:30:00.000Z',
        })),
      );
      const batches = await Promise.all(
        [one, two, one, two].map((store) => store.outbox.claim(NOW, 15, 60_000)),
      );
      const keys = batches.flat().map((e) => e.key);
      expect(keys).toHaveLength(40);
      expect(new Set(keys).size).toBe(40);
      expect(await two.outbox.list({ state: 'sending' })).toHaveLength(40);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await cleanup();
    }
  });
});

describe('PGlite: what the domain wrote reads back as written', () => {
  it('instants in any ISO form, in summaries, events and the outbox; text with any characters', async () => {
    const { client, cleanup } = await freshPglite();
    const store = await openPostgresStore(client);
    try {
      const record = makeCaseRecord({
        personal: makePersonal({ name: 'Ë. d\'Açaí 🏠 "quoted" \\ back\nslash' }),
        summary: {
          closedAt: '2026-04-01T12:00:00+02:00',
          openedAt: '2026-03-09T09:00:00Z',
          deadline: '2026-03-20',
        },
        events: [makeEvent(1, { type: 'rule_applied', ruleId: 'r' }, '2026-03-09T10:00:00.123456+01:00')],
        version: 1,
      });
      await store.cases.create(record);
      expect(await store.cases.get(record.id)).toEqual(record);
      // The typed column compares instants: 12:00+02:00 is 10:00Z.
      expect(await store.cases.listSummaries({ closedFrom: '2026-04-01T10:00:00.000Z' })).toHaveLength(1);
      expect(await store.cases.listSummaries({ closedBefore: '2026-04-01T10:00:00.000Z' })).toHaveLength(0);
      const notBefore = '2026-03-23T08:30:00+01:00';
      await store.outbox.plan([
        {
          key: 'k',
          messageKey: 'k',
          conversationId: 'c',
          kind: 'due',
          covenantId: 'x',
          caseId: null,
          stepId: null,
          partnerId: 'p',
          forDate: '2026-03-23',
          notBefore,
        },
      ]);
      expect(await store.outbox.claim('2026-03-23T07:29:59.999Z', 10, 1)).toEqual([]);
      const [claimed] = await store.outbox.claim('2026-03-23T07:30:00.000Z', 10, 1_500);
      expect(claimed).toMatchObject({ notBefore, leaseUntil: '2026-03-23T07:30:01.500Z' });
      await store.outbox.finish('k', {
        state: 'planned',
        notBefore: '2026-03-24T08:30:00.5+01:00',
        error: 'e',
      });
      expect((await store.outbox.list({}))[0]).toMatchObject({
        notBefore: '2026-03-24T08:30:00.5+01:00',
        leaseUntil: null,
        lastError: 'e',
      });
    } finally {
      await store.close();
      await cleanup();
    }
  });
});

describe('PGlite: the casework on it', () => {
  it('leaves the same cases, audit and summaries as on lowdb', async () => {
    const covenants = loadCovenants();
    const member = (userId: string, partnerId: string): Member => ({
      userId,
      name: userId,
      memberships: [{ covenantId: 'lekstroom', partnerId, roles: [], status: 'active' }],
    });
    const [sanne, ahmed] = [member('sanne', 'mitros'), member('ahmed', 'wil')];
    const work = async (store: Store) => {
      const casework = new Casework({ covenants, ...store, clock: () => new Date('2026-03-09T09:00:00Z') });
      for (const m of [sanne, ahmed]) await store.members.put(m);
      const first = await casework.registerSignal(sanne, signalFor('lekstroom'));
      await casework.registerSignal(sanne, signalFor('lekstroom', { houseNumber: 14 }));
      await casework.registerSignal(sanne, signalFor('lekstroom', { amountCents: 90000 })); // joins the first
      const now = (await store.cases.get(first.caseId))!;
      await casework.logOutcome(ahmed, first.caseId, now.version, { outcomeId: 'regeling' });
      await expect(
        casework.logOutcome(ahmed, first.caseId, now.version, { outcomeId: 'regeling' }),
      ).rejects.toThrow();
      await casework.caseView(ahmed, first.caseId, { locale: 'nl', withPersonalData: true });
      const summaries = await store.cases.listSummaries({});
      return {
        summaries,
        cases: await Promise.all(summaries.map((s) => store.cases.get(s.caseId))),
        audit: await store.audit.list({}),
        mine: await store.cases.listSummaries({
          covenantId: 'lekstroom',
          status: 'open',
          responsiblePartnerId: 'wil',
        }),
      };
    };
    const dir = mkdtempSync(join(tmpdir(), 'aanzet-pglite-'));
    const lowdb = await openLowdbStore({ dataDir: dir });
    const { client, cleanup } = await freshPglite();
    const postgres = await openPostgresStore(client);
    try {
      const expected = await work(lowdb);
      expect(expected.cases).toHaveLength(2);
      expect(expected.cases.reduce((n, c) => n + c!.events.length, 0)).toBeGreaterThan(4);
      expect(await work(postgres)).toEqual(expected);
    } finally {
      await Promise.all([lowdb.close(), postgres.close()]);
      await cleanup();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
