import type { CaseEvent, CaseSummary } from '../../casework/case/types.js';
import type { CaseHistory, FigureCount, FigureCountQuery, FigureMeasure } from '../../casework/ports.js';
import {
  FIGURE_FACTS_VERSION,
  figureFactsOf,
  figureKeyString,
  type FigureFact,
} from '../../casework/reads/figure-facts.js';
import type { SqlClient } from './sql-client.js';
import { json } from './sql-json.js';

// The figure counters on PostgreSQL (migration 8): figure_counts holds, per covenant and key,
// the facts of every case summed (casework/reads/figure-facts.ts); cases.figure_facts holds
// each case's own, so that the next write of the case takes them away again. Both change in
// the transaction that writes the case, so the counters never disagree with the histories.

/** A fact as stored in cases.figure_facts: [measure, day, extra, municipality, signaller, signal type, n]. */
type StoredFact = [FigureMeasure, string, string, string, string, string, number];

const toStored = (f: FigureFact): StoredFact => [
  f.measure,
  f.day,
  f.extra,
  f.municipalityId,
  f.signallerPartnerId,
  f.signalType,
  f.n,
];

const fromStored = ([
  measure,
  day,
  extra,
  municipalityId,
  signallerPartnerId,
  signalType,
  n,
]: StoredFact): FigureFact => ({
  measure,
  day,
  extra,
  municipalityId,
  signallerPartnerId,
  signalType,
  n,
});

/** What the counters must change by: per covenant and key, new facts less old ones (no zeros). */
class Deltas {
  private readonly byKey = new Map<string, { covenantId: string; fact: FigureFact }>();

  add(covenantId: string, facts: readonly FigureFact[], sign: 1 | -1): void {
    for (const fact of facts) {
      const id = `${covenantId}\u0000${figureKeyString(fact)}`;
      const entry = this.byKey.get(id);
      if (entry) entry.fact.n += sign * fact.n;
      else this.byKey.set(id, { covenantId, fact: { ...fact, n: sign * fact.n } });
    }
  }

  /** In key order: every writer locks the counter rows it changes in the same order (no deadlock). */
  rows(): [string, ...StoredFact][] {
    return [...this.byKey.entries()]
      .filter(([, { fact }]) => fact.n !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, { covenantId, fact }]) => [covenantId, ...toStored(fact)]);
  }
}

const KEY_COLUMNS = 'covenant_id, day, measure, extra, municipality_id, signaller_partner_id, signal_type';
const KEY_VALUES = `t.f ->> 0, t.f ->> 2, t.f ->> 1, t.f ->> 3, t.f ->> 4, t.f ->> 5, t.f ->> 6`;

/** Adds the deltas to the counters, then removes the counters that reached zero. */
async function applyDeltas(tx: SqlClient, deltas: Deltas): Promise<void> {
  const rows = deltas.rows();
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO figure_counts (${KEY_COLUMNS}, n)
     SELECT ${KEY_VALUES}, (t.f ->> 7)::integer
     FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(f, ord)
     ORDER BY t.ord
     ON CONFLICT (${KEY_COLUMNS}) DO UPDATE SET n = figure_counts.n + EXCLUDED.n`,
    [json(rows)],
  );
  const lowered = rows.filter((row) => row[7] < 0);
  if (lowered.length === 0) return;
  // The keys as parallel arrays, so that each is found by the primary key.
  const column = (i: number) => lowered.map((row) => String(row[i]));
  await tx.query(
    `DELETE FROM figure_counts c
     USING unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
       AS k(covenant_id, measure, day, extra, municipality_id, signaller_partner_id, signal_type)
     WHERE c.covenant_id = k.covenant_id AND c.day = k.day AND c.measure = k.measure AND c.extra = k.extra
       AND c.municipality_id = k.municipality_id AND c.signaller_partner_id = k.signaller_partner_id
       AND c.signal_type = k.signal_type AND c.n = 0`,
    [0, 1, 2, 3, 4, 5, 6].map(column),
  );
}

/**
 * Inside the transaction that wrote the case (its row locked by it): stores the facts of the
 * history as it now stands and moves the counters by the difference with the facts stored before.
 */
export async function writeFigureFacts(
  tx: SqlClient,
  covenantId: string,
  history: CaseHistory,
): Promise<void> {
  const facts = figureFactsOf(history);
  // The subquery reads the row as it was before this statement: the facts counted until now.
  const { rows } = await tx.query<{ previous: StoredFact[] | null }>(
    `UPDATE cases c SET figure_facts = $2::text::jsonb, figure_facts_version = $3::integer
     FROM (SELECT figure_facts AS previous FROM cases WHERE id = $1) p
     WHERE c.id = $1
     RETURNING p.previous`,
    [history.summary.caseId, json(facts.map(toStored)), FIGURE_FACTS_VERSION],
  );
  const deltas = new Deltas();
  deltas.add(covenantId, (rows[0]?.previous ?? []).map(fromStored), -1);
  deltas.add(covenantId, facts, 1);
  await applyDeltas(tx, deltas);
}

export async function figureCounts(db: SqlClient, query: FigureCountQuery): Promise<FigureCount[]> {
  const params: unknown[] = [query.covenantId, query.from, query.to];
  const measures = query.measures ? `AND measure = ANY($${params.push(query.measures)}::text[])` : '';
  const { rows } = await db.query<{
    measure: FigureMeasure;
    day: string;
    extra: string;
    municipality_id: string;
    signaller_partner_id: string;
    signal_type: string;
    n: number;
  }>(
    `SELECT measure, day, extra, municipality_id, signaller_partner_id, signal_type, n
     FROM figure_counts
     WHERE covenant_id = $1 AND day BETWEEN $2 AND $3 AND n > 0 ${measures}`,
    params,
  );
  return rows.map((r) => ({
    measure: r.measure,
    day: r.day,
    extra: r.extra,
    municipalityId: r.municipality_id,
    signallerPartnerId: r.signaller_partner_id,
    signalType: r.signal_type,
    n: r.n,
  }));
}

/** How many cases one transaction of the backfill recounts. */
const BACKFILL_BATCH = 500;

/**
 * Counts the facts of every case stored without them, or with those of an older
 * FIGURE_FACTS_VERSION (migration 8, a bulk insert, a changed figureFactsOf), a batch per
 * transaction. Cases another transaction holds are left to it (it writes their facts itself).
 * Returns how many cases it recounted.
 */
export async function backfillFigureFacts(db: SqlClient, batch = BACKFILL_BATCH): Promise<number> {
  let recounted = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      // Any stale cases, found by cases_figure_facts_stale (in id order the scan would pass every
      // case counted before, batch after batch).
      const { rows } = await tx.query<{
        id: string;
        covenant_id: string;
        summary: CaseSummary;
        previous: StoredFact[] | null;
        events: CaseEvent[];
      }>(
        `SELECT c.id, c.covenant_id, c.summary, c.figure_facts AS previous,
           COALESCE((SELECT json_agg(e.event ORDER BY e.seq) FROM case_events e WHERE e.case_id = c.id), '[]'::json)
             AS events
         FROM cases c
         WHERE COALESCE(c.figure_facts_version, 0) < $1::integer
         LIMIT $2::integer
         FOR UPDATE OF c SKIP LOCKED`,
        [FIGURE_FACTS_VERSION, batch],
      );
      const deltas = new Deltas();
      const stored: [string, StoredFact[]][] = [];
      for (const row of rows) {
        const facts = figureFactsOf({ summary: row.summary, events: row.events });
        deltas.add(row.covenant_id, (row.previous ?? []).map(fromStored), -1);
        deltas.add(row.covenant_id, facts, 1);
        stored.push([row.id, facts.map(toStored)]);
      }
      if (rows.length > 0) {
        // Parallel arrays: the planner finds each case by its key (joined to a jsonb array, it
        // scanned the cases per element).
        await tx.query(
          `UPDATE cases c SET figure_facts = u.facts::jsonb, figure_facts_version = $3::integer
           FROM unnest($1::text[], $2::text[]) AS u(id, facts)
           WHERE c.id = u.id`,
          [stored.map(([id]) => id), stored.map(([, facts]) => json(facts)), FIGURE_FACTS_VERSION],
        );
        await applyDeltas(tx, deltas);
      }
      return rows.length;
    });
    recounted += done;
    if (done < batch) return recounted;
  }
}
