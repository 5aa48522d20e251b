import { afterAll, describe, expect, it } from 'vitest';
import { Casework, type ImportRow } from '../casework/casework.js';
import { InvalidInput, NotAllowed } from '../casework/errors.js';
import type { Member } from '../casework/ports.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { MIGRATIONS, migrate } from '../storage/postgres/migrations.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { makeCaseRecord } from './fixtures/case-records.js';
import { signalFor } from './helpers/casework-harness.js';
import { closeSharedPglite, emptyPglite, freshPglite } from './helpers/postgres.js';

// Casework.importSignals on PostgreSQL (PGlite): the register card's checks per row, household
// matching, source ids remembered in the database, all-or-nothing; and migration 4's backfill.

afterAll(closeSharedPglite);

const covenants = loadCovenants();
const sanne: Member = {
  userId: 'sanne',
  name: 'Sanne',
  memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
};

function importRow(row: number, sourceId: string, options: Parameters<typeof signalFor>[1] = {}): ImportRow {
  const { covenantId: _covenant, ...input } = signalFor('lekstroom', options);
  return { row, sourceId, input };
}

async function pglite() {
  const { client, cleanup } = await freshPglite();
  const store = await openPostgresStore(client);
  await store.members.put(sanne);
  const casework = new Casework({ covenants, ...store, clock: () => new Date('2026-03-09T09:00:00Z') });
  return {
    store,
    casework,
    cleanup: async () => {
      await store.close();
      await cleanup();
    },
  };
}

describe('importing signals on PostgreSQL', () => {
  it('imports good rows, refuses bad ones with their reasons, and imports nothing twice', async () => {
    const { store, casework, cleanup } = await pglite();
    try {
      const rows = [
        importRow(1, 'R-1'),
        importRow(2, 'R-2', { houseNumber: 14 }),
        importRow(3, 'R-3'), // the household of R-1: joins its case
        importRow(4, 'R-4', { postcode: '12345' }),
        importRow(5, 'R-5', { signalDate: '2026-04-01' }),
        importRow(6, 'R-6', { type: 'Energie', houseNumber: 30 }),
        { ...importRow(7, 'R-7', { houseNumber: 40 }), partnerId: 'viveste' },
      ];
      const options = { covenantId: 'lekstroom', fileName: 'signalen.csv' };
      const first = await casework.importSignals(sanne, rows, options);
      expect(first).toMatchObject({ imported: 3, joined: 1, duplicates: 0, refused: 4, written: true });
      const refused = first.rows.filter((r) => r.outcome === 'refused').map((r) => r.error);
      expect((refused[0] as InvalidInput).fieldErrors).toHaveProperty(['household.postcode']);
      expect((refused[1] as InvalidInput).fieldErrors['signal.signalDate']?.code).toBe(
        'signal_date_in_future',
      );
      expect((refused[2] as NotAllowed).refusal).toMatchObject({ code: 'sends_no_signals' });
      expect((refused[3] as InvalidInput).fieldErrors['partnerId']?.code).toBe('import_not_your_partner');
      expect(await store.cases.listSummaries({ covenantId: 'lekstroom' })).toHaveLength(2);

      const again = await casework.importSignals(sanne, rows, options);
      expect(again).toMatchObject({ imported: 0, duplicates: 3, refused: 4 });
      expect(await store.cases.listSummaries({ covenantId: 'lekstroom' })).toHaveLength(2);
      const joined = (await store.cases.findBySource('lekstroom', 'mitros', 'R-3'))!;
      expect(joined).toBe(await store.cases.findBySource('lekstroom', 'mitros', 'R-1'));
      expect((await store.cases.get(joined))!.events.filter((e) => e.type === 'signal_joined')).toHaveLength(
        1,
      );
      const audit = await store.audit.list({ userId: 'sanne' });
      expect(audit.filter((a) => a.detail.startsWith('import of "signalen.csv"'))).toHaveLength(2);
    } finally {
      await cleanup();
    }
  });

  it('with allOrNothing imports nothing when one row is bad', async () => {
    const { store, casework, cleanup } = await pglite();
    try {
      const rows = [importRow(1, 'R-1'), importRow(2, 'R-2', { houseNumber: 14, amountCents: 0 })];
      const report = await casework.importSignals(sanne, rows, {
        covenantId: 'lekstroom',
        fileName: 'a.csv',
        allOrNothing: true,
      });
      expect(report).toMatchObject({ imported: 0, refused: 1, written: false });
      expect(await store.cases.listSummaries({})).toHaveLength(0);
      expect(await store.cases.findBySource('lekstroom', 'mitros', 'R-1')).toBeUndefined();
    } finally {
      await cleanup();
    }
  });
});

describe('PostgreSQL migration 4: signal sources', () => {
  it('indexes the source ids of signals stored before it', async () => {
    const { client, cleanup } = await emptyPglite();
    try {
      await migrate(
        client,
        MIGRATIONS.filter((m) => m.version < 4),
      );
      const store = await openPostgresStore(client).catch(() => undefined);
      expect(store).toBeUndefined(); // the code needs version 4
      const record = makeCaseRecord();
      const opening = record.events[0]!;
      const events = [
        { ...opening, signal: { ...(opening as { signal: object }).signal, sourceId: 'OLD-1' } },
      ];
      await client.query(
        `INSERT INTO cases (id, covenant_id, version, household_key, personal, summary, status, participants)
         VALUES ($1, 'test', 1, NULL, NULL, $2::text::jsonb, 'open', '{}')`,
        [record.id, JSON.stringify(record.summary)],
      );
      await client.query(`INSERT INTO case_events (case_id, seq, event) VALUES ($1, 1, $2::text::jsonb)`, [
        record.id,
        JSON.stringify(events[0]),
      ]);
      // 4 and whatever came after it
      expect(await migrate(client)).toEqual(MIGRATIONS.map((m) => m.version).filter((v) => v >= 4));
      const migrated = await openPostgresStore(client);
      expect(await migrated.cases.findBySource('test', 'corporatie', 'OLD-1')).toBe(record.id);
      await migrated.close();
    } finally {
      await cleanup();
    }
  });
});
