import type { CaseEvent, CaseRecord, CaseSummary, PersonalData } from '../../casework/case/types.js';
import { toIsoDate } from '../../casework/covenant/calendar.js';
import { CaseNotFound } from '../../casework/errors.js';
import {
  DuplicateCase,
  VersionConflict,
  type AuditEntry,
  type CaseHistory,
  type Cases,
  type CaseSearch,
  type HistoryQuery,
  type PurgeChange,
  type SummaryQuery,
} from '../../casework/ports.js';
import { copy, type LowdbAccess } from './access.js';
import type { AuditIndex } from './audit.js';
import { byDeadline, CaseIndex, matches } from './case-index.js';
import { LowdbFigureCounts } from './figure-counts.js';
import { openStepsPage } from './open-steps.js';
import { stepOrder } from '../../casework/reads/step-order.js';
import { searchCandidates, searchMatcher } from './case-search.js';
import { allRecords, type CaseArchive } from './case-archive.js';
import { packCase, unpackCase, type PackedCase } from './packed-case.js';

// The cases on the lowdb document, keyed by id, packed (packed-case.ts), with in-memory indexes
// (case-index.ts) for the open case of a household and the summary lists. Closed cases move to
// the archive files (archive-sweep.ts) and are read from memory like live ones; the live
// document's copy wins where both hold a case, and a change to an archived case (the purge)
// goes to the live document.

/** The search's 'soonest': deadline, then case id as Mijn taken orders them (PostgreSQL's id_order). */
const soonestFirst = stepOrder<CaseSummary>(
  (s) => s.deadline,
  (s) => s.caseId,
  'asc',
);

export function lowdbCases(access: LowdbAccess, audit: AuditIndex, archive: CaseArchive): Cases {
  const doc = () => access.doc();
  /** The current record of a case, live or archived. */
  const recordOf = (caseId: string): PackedCase | undefined => doc().cases[caseId] ?? archive.get(caseId);
  const unpacked = (packed: PackedCase | undefined) =>
    packed === undefined ? undefined : unpackCase(packed);
  const index = new CaseIndex();
  for (const record of allRecords(doc(), archive)) index.add(record);
  // Every case, live or archived: a move to the archive changes no count.
  const figures = new LowdbFigureCounts(
    () => Array.from(allRecords(doc(), archive), (record) => record.id),
    (caseId) => unpacked(recordOf(caseId)),
    () => access.assertUsable(),
  );

  /** Inside mutate: the stored case at the expected version, or the error saying why not. */
  const current = (caseId: string, expectedVersion: number): PackedCase => {
    const stored = recordOf(caseId);
    if (!stored) throw new CaseNotFound(caseId);
    if (stored.version !== expectedVersion)
      throw new VersionConflict(caseId, expectedVersion, stored.version);
    return stored;
  };

  /**
   * Inside mutate: replaces a case (in the live document, also an archived one) and keeps the
   * indexes in step. Returns the new record, which nothing stored shares.
   */
  const replace = (previous: PackedCase, next: CaseRecord, entries: AuditEntry[]): CaseRecord => {
    figures.add(next); // first: a history it cannot count is refused before anything changed
    const packed = packCase(next);
    index.remove(previous);
    doc().cases[next.id] = packed;
    index.add(packed);
    audit.add(entries);
    return next;
  };

  const appendEvents = (
    caseId: string,
    expectedVersion: number,
    events: CaseEvent[],
    summary: CaseSummary,
    personal: PersonalData | null | undefined,
    entries: AuditEntry[],
  ): Promise<CaseRecord> =>
    access.mutate(() => {
      const previous = current(caseId, expectedVersion);
      const stored = unpackCase(previous);
      const next: CaseRecord = {
        ...stored,
        version: stored.version + events.length,
        events: [...stored.events, ...events],
        summary,
        // Purging removes the household too: nothing left to match a new signal against.
        ...(personal === undefined
          ? {}
          : { personal, householdKey: personal === null ? null : stored.householdKey }),
      };
      return replace(previous, next, entries);
    });

  const purgeCase = (caseId: string, expectedVersion: number, change: PurgeChange): Promise<CaseRecord> =>
    access.mutate(() => {
      const previous = current(caseId, expectedVersion);
      const stored = unpackCase(previous);
      const bySeq = new Map(change.redacted.map((e) => [e.seq, e]));
      for (const event of change.redacted) {
        const original = stored.events.find((e) => e.seq === event.seq);
        if (!original || original.type !== event.type)
          throw new Error(`case ${caseId}: a redaction must keep seq ${event.seq} and its type`);
      }
      const next: CaseRecord = {
        ...stored,
        version: stored.version + change.events.length,
        events: [...stored.events.map((e) => bySeq.get(e.seq) ?? e), ...change.events],
        summary: change.summary,
        personal: null,
        householdKey: null,
      };
      return replace(previous, next, change.audit ?? []);
    });

  /** A covenant's case ids in byte order, for paging; sorted again after a case is created. */
  const sortedIds = new Map<string, string[]>();
  const idsOf = (covenantId: string): string[] => {
    let ids = sortedIds.get(covenantId);
    if (!ids) {
      ids = [...index.candidates({ covenantId })!].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      sortedIds.set(covenantId, ids);
    }
    return ids;
  };

  const histories = ({ covenantId, from, to, after, limit }: HistoryQuery): CaseHistory[] => {
    const ids = idsOf(covenantId);
    // The first id after `after`, by binary search.
    let [low, high] = [0, ids.length];
    while (after !== undefined && low < high) {
      const mid = (low + high) >>> 1;
      if (ids[mid]! <= after) low = mid + 1;
      else high = mid;
    }
    const page: CaseHistory[] = [];
    for (let i = low; i < ids.length && page.length < limit; i++) {
      const record = recordOf(ids[i]!);
      if (!record) continue;
      const { summary } = record;
      if (summary.signalDate > to || (summary.closedAt !== null && toIsoDate(summary.closedAt) < from))
        continue;
      page.push({ summary: record.summary, events: unpackCase(record).events });
    }
    return page;
  };

  const summaries = (query: SummaryQuery): CaseSummary[] => {
    const ids = index.candidates(query) ?? index.allIds();
    const found: CaseSummary[] = [];
    for (const id of ids) {
      const summary = recordOf(id)?.summary;
      if (summary && matches(summary, query)) found.push(summary);
    }
    return found.sort(byDeadline);
  };

  const search = (query: CaseSearch): CaseSummary[] => {
    const found: CaseSummary[] = [];
    const limit = Math.max(0, query.limit);
    const matches = searchMatcher(query);
    const mayMatch = searchCandidates(query, index) ?? (() => true);
    if (query.order !== 'soonest') {
      // Newest first is the covenant's ids walked backwards (byte order, as PostgreSQL's COLLATE "C" sorts): stop
      // at the limit instead of testing and sorting every case.
      const ids = idsOf(query.covenantId);
      for (let i = ids.length - 1; i >= 0 && found.length < limit; i--) {
        if (!mayMatch(ids[i]!)) continue;
        const record = recordOf(ids[i]!);
        if (record && matches(record)) found.push(record.summary);
      }
      return found;
    }
    // Only the open steps asked for: the partner's open steps are a smaller set than the covenant.
    const narrow =
      query.openStepsOf !== undefined &&
      !query.caseIdContains &&
      !query.responsiblePartnerIds?.length &&
      !query.postcode
        ? { covenantId: query.covenantId, status: 'open' as const, responsiblePartnerId: query.openStepsOf }
        : { covenantId: query.covenantId };
    for (const id of index.candidates(narrow) ?? []) {
      if (!mayMatch(id)) continue;
      const record = recordOf(id);
      if (record && matches(record)) found.push(record.summary);
    }
    return found.sort(soonestFirst).slice(0, limit);
  };

  return {
    nextCaseNumber: (covenantId, year) =>
      access.mutate(() => {
        const key = `${covenantId}:${year}`;
        return (doc().caseCounters[key] = (doc().caseCounters[key] ?? 0) + 1);
      }),
    create: (record, auditEntries = []) => {
      const stored = copy(record);
      const entries = copy(auditEntries);
      return access.mutate(() => {
        if (recordOf(stored.id)) throw new DuplicateCase(stored.id, 'id');
        const open = stored.householdKey && index.openCaseOf(stored.covenantId, stored.householdKey);
        if (open) throw new DuplicateCase(open, 'household');
        figures.add(stored);
        const packed = packCase(stored);
        doc().cases[stored.id] = packed;
        index.add(packed);
        sortedIds.delete(stored.covenantId);
        audit.add(entries);
      });
    },
    get: async (caseId) => access.read(() => unpacked(recordOf(caseId))),
    getSummary: async (caseId) => access.read(() => recordOf(caseId)?.summary),
    findOpenByHousehold: async (covenantId, householdKey) =>
      access.read(() => {
        const id = index.openCaseOf(covenantId, householdKey);
        return id === undefined ? undefined : unpacked(recordOf(id));
      }),
    append: (caseId, expectedVersion, events, summary, personal, auditEntries = []) =>
      appendEvents(caseId, expectedVersion, copy(events), copy(summary), copy(personal), copy(auditEntries)),
    listSummaries: async (query) => access.read(() => summaries(query)),
    openStepsPage: async (query) =>
      access.read(() => {
        const summaryOf = (id: string) => recordOf(id)?.summary;
        const candidates = [...index.openStepCandidates(query.scope)].map(summaryOf);
        return openStepsPage(
          candidates.filter((s) => s !== undefined),
          query,
        );
      }),
    searchSummaries: async (query) => access.read(() => search(query)),
    listHistories: async (query) => access.read(() => histories(query)),
    figureCounts: async (query) => {
      await figures.ready();
      return access.read(() => figures.counts(query));
    },
    findBySource: async (covenantId, partnerId, sourceId) =>
      access.read(() => index.caseOfSource(covenantId, partnerId, sourceId)),
    purge: (caseId, expectedVersion, change) => purgeCase(caseId, expectedVersion, copy(change)),
  };
}
