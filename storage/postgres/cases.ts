import type { CaseEvent, CaseRecord, CaseSummary, PersonalData } from '../../casework/case/types.js';
import { CaseNotFound } from '../../casework/errors.js';
import { DuplicateCase, VersionConflict, type Cases } from '../../casework/ports.js';
import { insertAudit } from './audit.js';
import { figureCounts, writeFigureFacts } from './figure-counts.js';
import { searchFilter, summaryFilter } from './filters.js';
import { openStepsPage } from './open-steps.js';
import type { SqlClient } from './sql-client.js';
import { batchedSummaryReads } from './summary-reads.js';
import { json } from './sql-json.js';

// The cases on PostgreSQL: a row per case with the summary's queried fields as columns, and its
// events in case_events. Optimistic versions and one open case per household are kept by the
// database (a versioned UPDATE; the unique index cases_open_household).

/** The constraint named in a unique violation, when the error is one. */
function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && typeof e.constraint === 'string' ? e.constraint : undefined;
}

const OPEN_HOUSEHOLD = 'cases_open_household';
const CASE_COLUMNS = `c.id, c.covenant_id, c.version, c.household_key, c.personal, c.summary,
  COALESCE((SELECT jsonb_agg(e.event ORDER BY e.seq) FROM case_events e WHERE e.case_id = c.id), '[]'::jsonb)
    AS events`;

interface CaseRow {
  id: string;
  covenant_id: string;
  version: number;
  household_key: string | null;
  personal: PersonalData | null;
  summary: CaseSummary;
  events: CaseEvent[];
}

const toRecord = (row: CaseRow): CaseRecord => ({
  id: row.id,
  covenantId: row.covenant_id,
  version: row.version,
  householdKey: row.household_key,
  personal: row.personal,
  events: row.events,
  summary: row.summary,
});

/** The summary's fields the queries use, as parameters: status, responsible, deadline, closed, purge, participants. */
const summaryColumns = (s: CaseSummary) => [
  s.status,
  s.responsiblePartnerId,
  s.deadline,
  s.closedAt,
  s.purgeAfter,
  s.participants,
];

async function insertEvents(tx: SqlClient, caseId: string, events: CaseEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Numbered after the last stored event; the case row is locked by this transaction.
  await tx.query(
    `INSERT INTO case_events (case_id, seq, event)
     SELECT $1, last.seq + t.ord, t.event
     FROM jsonb_array_elements($2::text::jsonb) WITH ORDINALITY AS t(event, ord),
          (SELECT COALESCE(max(seq), 0) AS seq FROM case_events WHERE case_id = $1) AS last
     ORDER BY t.ord`,
    [caseId, json(events)],
  );
}

/** The imported signals among the events, in signal_sources (the index findBySource reads). */
async function insertSources(tx: SqlClient, caseId: string, events: CaseEvent[]): Promise<void> {
  const imported = events.filter(
    (e) => (e.type === 'signal_received' || e.type === 'signal_joined') && e.signal.sourceId !== undefined,
  );
  if (imported.length === 0) return;
  // A source id already known stays with its first case: the import looks before it registers.
  await tx.query(
    `INSERT INTO signal_sources (covenant_id, partner_id, source_id, case_id)
     SELECT c.covenant_id, t.event -> 'signal' ->> 'signallerPartnerId', t.event -> 'signal' ->> 'sourceId', c.id
     FROM jsonb_array_elements($2::text::jsonb) AS t(event), cases c
     WHERE c.id = $1
     ON CONFLICT DO NOTHING`,
    [caseId, json(imported)],
  );
}

async function readCase(db: SqlClient, caseId: string): Promise<CaseRecord | undefined> {
  const { rows } = await db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $1`, [caseId]);
  return rows[0] && toRecord(rows[0]);
}

/** After a versioned UPDATE changed no row: why not (no such case, or another version). */
async function refuseVersion(tx: SqlClient, caseId: string, expectedVersion: number): Promise<never> {
  const { rows } = await tx.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [caseId]);
  if (!rows[0]) throw new CaseNotFound(caseId);
  throw new VersionConflict(caseId, expectedVersion, rows[0].version);
}

export function postgresCases(db: SqlClient): Cases {
  const openCaseId = async (covenantId: string, householdKey: string): Promise<string | undefined> => {
    const { rows } = await db.query<{ id: string }>(
      `SELECT id FROM cases WHERE covenant_id = $1 AND household_key = $2 AND status = 'open'`,
      [covenantId, householdKey],
    );
    return rows[0]?.id;
  };

  return {
    nextCaseNumber: async (covenantId, year) => {
      const { rows } = await db.query<{ n: number }>(
        `INSERT INTO case_counters (covenant_id, year, n) VALUES ($1, $2::integer, 1)
         ON CONFLICT (covenant_id, year) DO UPDATE SET n = case_counters.n + 1
         RETURNING n`,
        [covenantId, year],
      );
      return rows[0]!.n;
    },

    create: async (record, audit = []) => {
      // Twice at most: when the open case that blocked the household closes in between, the
      // second attempt goes through (or is blocked by yet another case).
      for (let attempt = 1; ; attempt++) {
        try {
          await db.transaction(async (tx) => {
            const { rows } = await tx.query(
              `INSERT INTO cases (id, covenant_id, version, household_key, personal, summary,
                 status, responsible_partner_id, deadline, closed_at, purge_after, participants)
               VALUES ($1, $2, $3::integer, $4, $5::text::jsonb, $6::text::jsonb,
                 $7, $8, $9::date, $10::timestamptz, $11::date, $12::text[])
               ON CONFLICT (id) DO NOTHING
               RETURNING id`,
              [
                record.id,
                record.covenantId,
                record.version,
                record.householdKey,
                record.personal === null ? null : json(record.personal),
                json(record.summary),
                ...summaryColumns(record.summary),
              ],
            );
            if (rows.length === 0) throw new DuplicateCase(record.id, 'id');
            await insertEvents(tx, record.id, record.events);
            await insertSources(tx, record.id, record.events);
            await writeFigureFacts(tx, record.covenantId, record);
            await insertAudit(tx, audit);
          });
          return;
        } catch (error) {
          if (uniqueViolation(error) !== OPEN_HOUSEHOLD || record.householdKey === null) throw error;
          const open = await openCaseId(record.covenantId, record.householdKey);
          if (open !== undefined || attempt >= 2) throw new DuplicateCase(open ?? record.id, 'household');
        }
      }
    },

    get: (caseId) => readCase(db, caseId),

    getSummary: batchedSummaryReads(db),

    findOpenByHousehold: async (covenantId, householdKey) => {
      const { rows } = await db.query<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases c
         WHERE c.covenant_id = $1 AND c.household_key = $2 AND c.status = 'open'`,
        [covenantId, householdKey],
      );
      return rows[0] && toRecord(rows[0]);
    },

    append: async (caseId, expectedVersion, events, summary, personal, audit = []) => {
      try {
        return await db.transaction(async (tx) => {
          const updated = await tx.query(
            `UPDATE cases SET
               version = version + $3::integer,
               summary = $4::text::jsonb,
               status = $5, responsible_partner_id = $6, deadline = $7::date,
               closed_at = $8::timestamptz, purge_after = $9::date, participants = $10::text[],
               personal = CASE WHEN $11::boolean THEN $12::text::jsonb ELSE personal END,
               -- purging removes the household too: nothing left to match a new signal against
               household_key = CASE WHEN $11::boolean AND $12::text IS NULL THEN NULL ELSE household_key END
             WHERE id = $1 AND version = $2::integer
             RETURNING id`,
            [
              caseId,
              expectedVersion,
              events.length,
              json(summary),
              ...summaryColumns(summary),
              personal !== undefined,
              personal === undefined || personal === null ? null : json(personal),
            ],
          );
          if (updated.rows.length === 0) await refuseVersion(tx, caseId, expectedVersion);
          await insertEvents(tx, caseId, events);
          await insertSources(tx, caseId, events);
          await insertAudit(tx, audit);
          const stored = (await readCase(tx, caseId))!;
          await writeFigureFacts(tx, stored.covenantId, stored);
          return stored;
        });
      } catch (error) {
        // An append that reopens a case while its household has another open case.
        if (uniqueViolation(error) !== OPEN_HOUSEHOLD) throw error;
        const { rows } = await db.query<{ household_key: string | null; covenant_id: string }>(
          'SELECT household_key, covenant_id FROM cases WHERE id = $1',
          [caseId],
        );
        const key = rows[0]?.household_key;
        const open = key == null ? undefined : await openCaseId(rows[0]!.covenant_id, key);
        throw new DuplicateCase(open ?? caseId, 'household');
      }
    },

    listSummaries: async (query) => {
      const where = summaryFilter(query);
      const { rows } = await db.query<{ summary: CaseSummary }>(
        `SELECT summary FROM cases ${where.sql} ORDER BY deadline ASC NULLS LAST, id`,
        where.params,
      );
      return rows.map((r) => r.summary);
    },

    openStepsPage: (query) => openStepsPage(db, query),
    searchSummaries: async (search) => {
      const where = searchFilter(search);
      if (!where) return [];
      // An ordered walk of an index that stops at the limit: cases_search_ids (newest case id
      // first) or, for the open steps of a partner, cases_open_steps (soonest first, ties in
      // its id_order: ordered by id instead, a partner's 50,000 steps were sorted per page).
      const order = search.order === 'soonest' ? 'deadline ASC NULLS LAST, id_order, id' : 'id DESC';
      const { rows } = await db.query<{ summary: CaseSummary }>(
        `SELECT summary FROM cases ${where.sql} ORDER BY ${order} LIMIT ${where.param(Math.max(0, search.limit))}::integer`,
        where.params,
      );
      return rows.map((r) => r.summary);
    },
    listHistories: async ({ covenantId, from, to, after, limit }) => {
      // closed_at on or after the Amsterdam midnight that starts `from`: closed on that day or later.
      const params: unknown[] = [covenantId, from, to, limit];
      const afterId = after === undefined ? '' : `AND c.id > $${params.push(after)}`;
      // The page's cases first, then each one's events: json_agg, as the rows are only passed on
      // (cheaper than building jsonb).
      const { rows } = await db.query<{ summary: CaseSummary; events: CaseEvent[] }>(
        `SELECT c.summary, e.events
         FROM (SELECT c.id, c.summary FROM cases c
               WHERE c.covenant_id = $1
                 AND (c.summary ->> 'signalDate') COLLATE "C" <= $3::text
                 AND (c.closed_at IS NULL
                      OR c.closed_at >= ($2::date::timestamp AT TIME ZONE 'Europe/Amsterdam'))
                 ${afterId}
               ORDER BY c.id
               LIMIT $4::integer) c
         CROSS JOIN LATERAL (SELECT COALESCE(json_agg(e.event ORDER BY e.seq), '[]'::json) AS events
                             FROM case_events e WHERE e.case_id = c.id) e
         ORDER BY c.id`,
        params,
      );
      return rows;
    },

    figureCounts: (query) => figureCounts(db, query),

    findBySource: async (covenantId, partnerId, sourceId) => {
      const { rows } = await db.query<{ case_id: string }>(
        `SELECT case_id FROM signal_sources WHERE covenant_id = $1 AND partner_id = $2 AND source_id = $3`,
        [covenantId, partnerId, sourceId],
      );
      return rows[0]?.case_id;
    },

    purge: (caseId, expectedVersion, change) =>
      db.transaction(async (tx) => {
        const updated = await tx.query(
          `UPDATE cases SET
             version = version + $3::integer,
             summary = $4::text::jsonb,
             status = $5, responsible_partner_id = $6, deadline = $7::date,
             closed_at = $8::timestamptz, purge_after = $9::date, participants = $10::text[],
             personal = NULL, household_key = NULL
           WHERE id = $1 AND version = $2::integer
           RETURNING id`,
          [
            caseId,
            expectedVersion,
            change.events.length,
            json(change.summary),
            ...summaryColumns(change.summary),
          ],
        );
        if (updated.rows.length === 0) await refuseVersion(tx, caseId, expectedVersion);
        for (const event of change.redacted) {
          // Only the same event, without its free text: seq and type must match.
          const { rows } = await tx.query(
            `UPDATE case_events SET event = $3::text::jsonb
             WHERE case_id = $1 AND seq = $2::integer AND event ->> 'type' = $4
             RETURNING seq`,
            [caseId, event.seq, json(event), event.type],
          );
          if (rows.length === 0)
            throw new Error(`case ${caseId}: a redaction must keep seq ${event.seq} and its type`);
        }
        await insertEvents(tx, caseId, change.events);
        await insertAudit(tx, change.audit ?? []);
        const stored = (await readCase(tx, caseId))!;
        await writeFigureFacts(tx, stored.covenantId, stored);
        return stored;
      }),
  };
}
