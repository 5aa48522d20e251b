import type { SummaryQuery } from '../../casework/ports.js';

// The WHERE clauses of the list queries, built in one way: conditions joined by AND, each value a
// numbered parameter, never spliced into the SQL.

export class WhereClause {
  readonly params: unknown[] = [];
  private readonly conditions: string[] = [];

  /** The placeholder ($1, $2, …) of a new parameter holding value. */
  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }

  and(condition: string): this {
    this.conditions.push(condition);
    return this;
  }

  /** `WHERE …`, or nothing when there is no condition. */
  get sql(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }
}

/** A bound on closedAt: a bare date means midnight UTC, as comparing the ISO strings would. */
const instant = (bound: string) => (/^\d{4}-\d{2}-\d{2}$/.test(bound) ? `${bound}T00:00:00.000Z` : bound);

/** The WHERE clause of a summary query on the cases table, with its parameters. */
export function summaryFilter(q: SummaryQuery): WhereClause {
  const where = new WhereClause();
  const p = (value: unknown) => where.param(value);
  if (q.covenantId !== undefined) where.and(`covenant_id = ${p(q.covenantId)}`);
  if (q.status !== undefined) where.and(`status = ${p(q.status)}`);
  if (q.responsiblePartnerId !== undefined)
    where.and(`responsible_partner_id = ${p(q.responsiblePartnerId)}`);
  if (q.participantPartnerId !== undefined)
    where.and(`${p(q.participantPartnerId)}::text = ANY (participants)`);
  if (q.deadlineOnOrBefore !== undefined) where.and(`deadline <= ${p(q.deadlineOnOrBefore)}::date`);
  if (q.deadlines !== undefined) where.and(`deadline = ANY (${p(q.deadlines)}::date[])`);
  if (q.closedFrom !== undefined) where.and(`closed_at >= ${p(instant(q.closedFrom))}::timestamptz`);
  if (q.closedBefore !== undefined) where.and(`closed_at < ${p(instant(q.closedBefore))}::timestamptz`);
  if (q.purgeDueOnOrBefore !== undefined) where.and(`purge_after <= ${p(q.purgeDueOnOrBefore)}::date`);
  return where;
}
