import type { CaseSummary } from '../../casework/case/types.js';
import type { OpenStepsQuery, SummariesPage } from '../../casework/ports.js';
import { WhereClause } from './filters.js';
import type { SqlClient } from './sql-client.js';

// Cases.openStepsPage in SQL: one query for the page, one for the count, with the same WHERE.
// The order is casework/reads/step-order.ts's: case ids by id_order (migration 5: numbers as
// numbers), a missing value last either way, ties by case id. The indexes of migration 5 serve
// the default (my tasks, or a covenant's overview, by deadline) without sorting.

/** The case id with its numbers padded (migration 5), then the id itself. */
const CASE_ORDER = 'id_order';

function openStepsFilter(q: OpenStepsQuery): WhereClause {
  const where = new WhereClause();
  const p = (value: unknown) => where.param(value);
  where.and(`status = 'open'`);
  if ('responsible' in q.scope) {
    const pairs = q.scope.responsible.map(
      (pair) => `(covenant_id = ${p(pair.covenantId)} AND responsible_partner_id = ${p(pair.partnerId)})`,
    );
    where.and(pairs.length ? `(${pairs.join(' OR ')})` : 'false');
  } else {
    where.and(`covenant_id = ${p(q.scope.covenantId)}`);
    if (q.scope.participantPartnerId !== undefined)
      where.and(`${p(q.scope.participantPartnerId)}::text = ANY (participants)`);
  }
  if (q.deadlineBefore !== undefined) where.and(`deadline < ${p(q.deadlineBefore)}::date`);
  if (q.flags?.length) where.and(`summary -> 'flags' @> ${p(JSON.stringify(q.flags))}::text::jsonb`);
  if (q.responsiblePartnerId !== undefined)
    where.and(`responsible_partner_id = ${p(q.responsiblePartnerId)}`);
  if (q.caseIdContains) where.and(`strpos(lower(id), lower(${p(q.caseIdContains)}::text)) > 0`);
  return where;
}

function orderBy(q: OpenStepsQuery, where: WhereClause): string {
  const direction = q.order === 'desc' ? 'DESC' : 'ASC';
  const ties = `${CASE_ORDER}, id`;
  switch (q.sort.by) {
    case 'deadline':
      return `deadline ${direction} NULLS LAST, ${ties}`;
    case 'caseId':
      return `${CASE_ORDER} ${direction}, id ${direction}`;
    case 'partner':
    case 'step': {
      const ranks = `${where.param(JSON.stringify(q.sort.ranks))}::text::jsonb`;
      const id = q.sort.by === 'partner' ? 'responsible_partner_id' : `summary ->> 'stepId'`;
      return `((${ranks} -> covenant_id) ->> (${id}))::integer ${direction} NULLS LAST, ${ties}`;
    }
  }
}

export async function openStepsPage(db: SqlClient, query: OpenStepsQuery): Promise<SummariesPage> {
  const counted = openStepsFilter(query);
  const paged = openStepsFilter(query);
  const order = orderBy(query, paged);
  const [count, page] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM cases ${counted.sql}`, counted.params),
    db.query<{ summary: CaseSummary }>(
      `SELECT summary FROM cases ${paged.sql} ORDER BY ${order}
       LIMIT ${paged.param(query.limit)}::integer OFFSET ${paged.param(query.offset)}::integer`,
      paged.params,
    ),
  ]);
  return { total: count.rows[0]!.n, summaries: page.rows.map((r) => r.summary) };
}
