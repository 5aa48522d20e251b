import type { CaseSearch, SummaryQuery } from '../../casework/ports.js';

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

/** LIKE's own characters in user text, escaped (the default escape character is the backslash). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The WHERE clause of the compose box's search: the covenant, the participant, then any of the
 * criteria given. Undefined when no criterion is given: such a search finds nothing.
 */
export function searchFilter(q: CaseSearch): WhereClause | undefined {
  const where = new WhereClause();
  const p = (value: unknown) => where.param(value);
  where.and(`covenant_id = ${p(q.covenantId)}`);
  if (q.participantPartnerId !== undefined)
    where.and(`${p(q.participantPartnerId)}::text = ANY (participants)`);
  const any: string[] = [];
  if (q.caseIdContains) any.push(`id ILIKE ${p(`%${likeLiteral(q.caseIdContains)}%`)}`);
  // Only an open case has a responsible partner; saying so lets cases_open_steps (migration 5) serve.
  if (q.responsiblePartnerIds?.length)
    any.push(`(status = 'open' AND responsible_partner_id = ANY (${p(q.responsiblePartnerIds)}::text[]))`);
  if (q.postcode) {
    // The same expression as the index cases_search_postcode (migration 7).
    const held =
      q.postcode.heldBy === undefined
        ? ''
        : ` AND status = 'open' AND responsible_partner_id = ${p(q.postcode.heldBy)}`;
    any.push(`(split_part(household_key, '|', 1) = ${p(q.postcode.value)}${held})`);
  }
  if (q.openStepsOf !== undefined)
    any.push(`(status = 'open' AND responsible_partner_id = ${p(q.openStepsOf)})`);
  if (any.length === 0) return undefined;
  return where.and(`(${any.join(' OR ')})`);
}
