import type { CaseSummary } from '../../casework/case/types.js';
import type { OpenStepsQuery, SummariesPage } from '../../casework/ports.js';
import { stepOrder, type OrderValue } from '../../casework/reads/step-order.js';

// Cases.openStepsPage over the summaries in memory: filter, sort (step-order.ts), cut the page.

/** Whether an open step is in the query's scope and meets its filters. */
function matchesOpenStep(s: CaseSummary, q: OpenStepsQuery): boolean {
  if (s.status !== 'open') return false;
  const inScope =
    'responsible' in q.scope
      ? q.scope.responsible.some(
          (p) => p.covenantId === s.covenantId && p.partnerId === s.responsiblePartnerId,
        )
      : s.covenantId === q.scope.covenantId &&
        (q.scope.participantPartnerId === undefined || s.participants.includes(q.scope.participantPartnerId));
  const search = q.caseIdContains?.toLowerCase();
  return (
    inScope &&
    (q.deadlineBefore === undefined || (s.deadline !== null && s.deadline < q.deadlineBefore)) &&
    (q.flags ?? []).every((flag) => s.flags.includes(flag)) &&
    (q.responsiblePartnerId === undefined || s.responsiblePartnerId === q.responsiblePartnerId) &&
    (!search || s.caseId.toLowerCase().includes(search))
  );
}

function sortKey(sort: OpenStepsQuery['sort']): (s: CaseSummary) => OrderValue {
  switch (sort.by) {
    case 'deadline':
      return (s) => s.deadline;
    case 'caseId':
      return (s) => s.caseId;
    case 'partner':
      return (s) =>
        s.responsiblePartnerId === null ? null : (sort.ranks[s.covenantId]?.[s.responsiblePartnerId] ?? null);
    case 'step':
      return (s) => (s.stepId === null ? null : (sort.ranks[s.covenantId]?.[s.stepId] ?? null));
  }
}

export function openStepsPage(candidates: Iterable<CaseSummary>, query: OpenStepsQuery): SummariesPage {
  const found: CaseSummary[] = [];
  for (const summary of candidates) if (matchesOpenStep(summary, query)) found.push(summary);
  found.sort(stepOrder(sortKey(query.sort), (s) => s.caseId, query.order, query.sort.by === 'caseId'));
  return { total: found.length, summaries: found.slice(query.offset, query.offset + query.limit) };
}
