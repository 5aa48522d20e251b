import type { CaseSummary } from '../../casework/case/types.js';
import type { OpenStepsQuery, SummaryQuery } from '../../casework/ports.js';
import { importedSources, type PackedCase } from './packed-case.js';

// In-memory indexes over the cases, rebuilt on load and kept up to date on every write, so
// the frequent questions (open case of a household, my tasks, a covenant's open cases) do not
// walk all cases.

/** Key → the ids carrying it. */
class MultiIndex {
  private readonly sets = new Map<string, Set<string>>();

  add(key: string | null, id: string): void {
    if (key === null) return;
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = new Set()));
    set.add(id);
  }

  remove(key: string | null, id: string): void {
    if (key === null) return;
    const set = this.sets.get(key);
    set?.delete(id);
    if (set?.size === 0) this.sets.delete(key);
  }

  get(key: string): ReadonlySet<string> {
    return this.sets.get(key) ?? new Set();
  }

  /** Every id under a key that passes the test (keys are few: dates, partners). */
  union(test: (key: string) => boolean): ReadonlySet<string> {
    const ids = new Set<string>();
    for (const [key, set] of this.sets) if (test(key)) for (const id of set) ids.add(id);
    return ids;
  }
}

export class CaseIndex {
  private readonly openHouseholds = new Map<string, string>();
  private readonly byCovenant = new MultiIndex();
  private readonly byStatus = new MultiIndex();
  // Every status, not only open: a query without a status must still find closed cases.
  private readonly byResponsible = new MultiIndex();
  /** Open steps by deadline: the reminder sweep and the overdue list read a prefix of it. */
  private readonly openByDeadline = new MultiIndex();
  /** Imported signals by covenant, partner and source id; kept for good, as their events are. */
  private readonly sources = new Map<string, string>();

  add(record: PackedCase): void {
    const { id, summary } = record;
    for (const { partnerId, sourceId } of importedSources(record))
      this.sources.set(sourceSlot(record.covenantId, partnerId, sourceId), id);
    const household = householdSlot(record);
    if (household !== null) this.openHouseholds.set(household, id);
    this.byCovenant.add(summary.covenantId, id);
    this.byStatus.add(summary.status, id);
    this.byResponsible.add(summary.responsiblePartnerId, id);
    if (summary.status === 'open' && summary.deadline !== null) this.openByDeadline.add(summary.deadline, id);
  }

  remove(record: PackedCase): void {
    const { id, summary } = record;
    const household = householdSlot(record);
    if (household !== null && this.openHouseholds.get(household) === id)
      this.openHouseholds.delete(household);
    this.byCovenant.remove(summary.covenantId, id);
    this.byStatus.remove(summary.status, id);
    this.byResponsible.remove(summary.responsiblePartnerId, id);
    if (summary.status === 'open' && summary.deadline !== null)
      this.openByDeadline.remove(summary.deadline, id);
  }

  caseOfSource(covenantId: string, partnerId: string, sourceId: string): string | undefined {
    return this.sources.get(sourceSlot(covenantId, partnerId, sourceId));
  }

  openCaseOf(covenantId: string, householdKey: string): string | undefined {
    return this.openHouseholds.get(slot(covenantId, householdKey));
  }

  /** Every case an open-steps query may find: of the partners held, or of the covenant. */
  openStepCandidates(scope: OpenStepsQuery['scope']): Iterable<string> {
    if (!('responsible' in scope)) return this.byCovenant.get(scope.covenantId);
    const ids = new Set<string>();
    for (const partnerId of new Set(scope.responsible.map((p) => p.partnerId)))
      for (const id of this.byResponsible.get(partnerId)) ids.add(id);
    return ids;
  }

  /** Every case id (each case is under its covenant). */
  allIds(): ReadonlySet<string> {
    return this.byCovenant.union(() => true);
  }

  /** The smallest indexed set that contains every match, or undefined when no indexed field is asked. */
  candidates(query: SummaryQuery): ReadonlySet<string> | undefined {
    const sets: ReadonlySet<string>[] = [];
    if (query.covenantId !== undefined) sets.push(this.byCovenant.get(query.covenantId));
    if (query.status !== undefined) sets.push(this.byStatus.get(query.status));
    if (query.responsiblePartnerId !== undefined)
      sets.push(this.byResponsible.get(query.responsiblePartnerId));
    if (query.status === 'open' && query.deadlines !== undefined) {
      const ids = new Set<string>();
      for (const deadline of query.deadlines) for (const id of this.openByDeadline.get(deadline)) ids.add(id);
      sets.push(ids);
    }
    if (query.status === 'open' && query.deadlineOnOrBefore !== undefined)
      sets.push(this.openByDeadline.union((deadline) => deadline <= query.deadlineOnOrBefore!));
    return sets.sort((a, b) => a.size - b.size)[0];
  }
}

const sets = new WeakMap<readonly string[], ReadonlySet<string>>();
/** The sweep asks for a few hundred deadlines: a set per query, not a list search per case. */
function setOf(list: readonly string[]): ReadonlySet<string> {
  let set = sets.get(list);
  if (!set) sets.set(list, (set = new Set(list)));
  return set;
}

/** Whether a summary meets every field of the query (the indexes only narrow the search). */
export function matches(s: CaseSummary, q: SummaryQuery): boolean {
  return (
    (q.covenantId === undefined || s.covenantId === q.covenantId) &&
    (q.status === undefined || s.status === q.status) &&
    (q.responsiblePartnerId === undefined || s.responsiblePartnerId === q.responsiblePartnerId) &&
    (q.participantPartnerId === undefined || s.participants.includes(q.participantPartnerId)) &&
    (q.deadlineOnOrBefore === undefined || (s.deadline !== null && s.deadline <= q.deadlineOnOrBefore)) &&
    (q.deadlines === undefined || (s.deadline !== null && setOf(q.deadlines).has(s.deadline))) &&
    // closedAt is an ISO instant in UTC, so string order is time order; a date bound works too.
    (q.closedFrom === undefined || (s.closedAt !== null && s.closedAt >= q.closedFrom)) &&
    (q.closedBefore === undefined || (s.closedAt !== null && s.closedAt < q.closedBefore)) &&
    (q.purgeDueOnOrBefore === undefined || (s.purgeAfter !== null && s.purgeAfter <= q.purgeDueOnOrBefore))
  );
}

/** Deadline ascending, cases without a deadline last, then case id. */
export function byDeadline(a: CaseSummary, b: CaseSummary): number {
  if (a.deadline !== b.deadline) {
    if (a.deadline === null) return 1;
    if (b.deadline === null) return -1;
    return a.deadline < b.deadline ? -1 : 1;
  }
  return a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
}

function householdSlot(record: PackedCase): string | null {
  if (record.summary.status !== 'open' || record.householdKey === null) return null;
  return slot(record.covenantId, record.householdKey);
}

function slot(covenantId: string, householdKey: string): string {
  return `${covenantId}\u0000${householdKey}`;
}

function sourceSlot(covenantId: string, partnerId: string, sourceId: string): string {
  return `${covenantId}\u0000${partnerId}\u0000${sourceId}`;
}
