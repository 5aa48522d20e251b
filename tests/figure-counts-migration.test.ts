import { afterAll, describe, expect, it } from 'vitest';
import type { CaseRecord } from '../casework/case/types.js';
import type { FigureCount } from '../casework/ports.js';
import {
  FIGURE_FACTS_VERSION,
  FigureCounter,
  figureFactsOf,
  figureKeyString,
} from '../casework/reads/figure-facts.js';
import { MIGRATIONS, migrate } from '../storage/postgres/migrations.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import type { SqlClient } from '../storage/postgres/sql-client.js';
import { makeEvent } from './fixtures/case-records.js';
import { randomHistory, seededRandom } from './fixtures/random-histories.js';
import { closeSharedPglite, emptyPglite } from './helpers/postgres.js';

// Migration 8 counts the figure facts of the cases stored before it; a store opened on cases
// counted by an older figureFactsOf (FIGURE_FACTS_VERSION) recounts them, without counting twice.

afterAll(closeSharedPglite);

const EVERY_DAY = { covenantId: 'lekstroom', from: '0000-01-01', to: '9999-12-31' };
const sorted = (counts: FigureCount[]) =>
  [...counts].sort((a, b) => figureKeyString(a).localeCompare(figureKeyString(b)));

function randomCases(count: number): CaseRecord[] {
  const random = seededRandom(8);
  const shape = {
    covenantId: 'lekstroom',
    municipalities: ['gemeente-houten', 'gemeente-lopik'],
    partners: ['mitros', 'wil'],
  };
  return Array.from({ length: count }, (_, i) => {
    const id = `LEK-2026-${String(i + 1).padStart(4, '0')}`;
    return { ...randomHistory(random, shape, id), householdKey: `h-${id}` };
  });
}

/** A case as the code before migration 8 stored it: its row and its events, nothing else. */
async function insertAsBefore(client: SqlClient, record: CaseRecord): Promise<void> {
  const s = record.summary;
  await client.query(
    `INSERT INTO cases (id, covenant_id, version, household_key, personal, summary, status,
       responsible_partner_id, deadline, closed_at, purge_after, participants)
     VALUES ($1, $2, $3::integer, $4, $5::text::jsonb, $6::text::jsonb, $7, $8, $9::date, $10::timestamptz,
       $11::date, $12::text[])`,
    [
      record.id,
      record.covenantId,
      record.version,
      // Closed cases keep no open household: the unique index is on open cases only.
      record.householdKey,
      JSON.stringify(record.personal),
      JSON.stringify(s),
      s.status,
      s.responsiblePartnerId,
      s.deadline,
      s.closedAt,
      s.purgeAfter,
      s.participants,
    ],
  );
  for (const event of record.events)
    await client.query(
      'INSERT INTO case_events (case_id, seq, event) VALUES ($1, $2::integer, $3::text::jsonb)',
      [record.id, event.seq, JSON.stringify(event)],
    );
}

function expected(cases: CaseRecord[]): FigureCount[] {
  const counter = new FigureCounter();
  for (const record of cases) counter.apply(record.covenantId, figureFactsOf(record), 1);
  return sorted(counter.counts(EVERY_DAY));
}

describe('PGlite: migration 8, the figure counters', () => {
  it('counts the cases stored at migration 7; a store opened on older facts recounts them once', async () => {
    const { client, cleanup } = await emptyPglite();
    try {
      await migrate(
        client,
        MIGRATIONS.filter((m) => m.version <= 7),
      );
      const cases = randomCases(60);
      for (const record of cases) await insertAsBefore(client, record);
      expect(await migrate(client)).toEqual(MIGRATIONS.filter((m) => m.version > 7).map((m) => m.version));
      const store = await openPostgresStore(client);
      const counted = sorted(await store.cases.figureCounts(EVERY_DAY));
      expect(counted.length).toBeGreaterThan(40);
      expect(counted).toEqual(expected(cases));
      const versions = await client.query<{ version: number | null; n: number }>(
        'SELECT figure_facts_version AS version, count(*)::integer AS n FROM cases GROUP BY 1',
      );
      expect(versions.rows).toEqual([{ version: FIGURE_FACTS_VERSION, n: 60 }]);

      // As if a third of the cases had been counted by an older figureFactsOf: recounted at open.
      await client.query(
        `UPDATE cases SET figure_facts_version = ${FIGURE_FACTS_VERSION - 1} WHERE right(id, 1) IN ('1', '4', '7')`,
      );
      const reopened = await openPostgresStore(client);
      expect(sorted(await reopened.cases.figureCounts(EVERY_DAY))).toEqual(expected(cases));
      const stale = await client.query<{ n: number }>(
        'SELECT count(*)::integer AS n FROM cases WHERE figure_facts_version < $1::integer',
        [FIGURE_FACTS_VERSION],
      );
      expect(stale.rows[0]!.n).toBe(0);
    } finally {
      await cleanup();
    }
  });

  it('keeps no counter at zero: a key a case no longer has is deleted', async () => {
    const { client, cleanup } = await emptyPglite();
    try {
      await migrate(client);
      const store = await openPostgresStore(client);
      const [record] = randomCases(1);
      await store.cases.create(record!);
      const count = async (where: string) =>
        (await client.query<{ n: number }>(`SELECT count(*)::integer AS n FROM figure_counts WHERE ${where}`))
          .rows[0]!.n;
      expect(await count('true')).toBeGreaterThan(0);
      // The same case under another municipality: every key of the first one goes.
      const moved = { ...record!.summary, municipalityId: 'gemeente-vianen', version: record!.version + 1 };
      await store.cases.append(
        record!.id,
        record!.version,
        [makeEvent(record!.version + 1, { type: 'rule_applied', ruleId: 'r' })],
        moved,
      );
      expect(await count('n = 0')).toBe(0);
      expect(await count(`municipality_id <> 'gemeente-vianen'`)).toBe(0);
    } finally {
      await cleanup();
    }
  });
});
