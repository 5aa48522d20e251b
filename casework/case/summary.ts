import { DateTime } from 'luxon';
import { toIsoDate, ZONE, type IsoDate } from '../covenant/calendar.js';
import type { CaseSummary } from './types.js';
import { authorName, involvedPartners, type CaseState } from './state.js';
import type { Covenant } from '../covenant/covenant.js';
import { pickedUpOn } from './picked-up.js';

/** The indexed projection of a case; recomputed from the state on every write. */
export function summarize(covenant: Covenant, state: CaseState): CaseSummary {
  const activeRules = covenant.special_rules.filter((r) => state.flags.includes(r.when));
  const firstContact =
    state.attempts
      .filter((a) => a.reached)
      .map((a) => a.date)
      .sort()[0] ?? null;
  const last = state.events[state.events.length - 1]!;
  return {
    caseId: state.caseId,
    covenantId: state.covenantId,
    status: state.status,
    version: state.version,
    stepId: state.step?.id ?? null,
    responsiblePartnerId: state.step?.responsiblePartnerId ?? null,
    deadline: state.step?.deadline ?? null,
    participants: involvedPartners(state),
    flags: state.flags,
    labels: [...new Set(activeRules.flatMap((r) => (r.label ? [r.label] : [])))],
    onAgenda: activeRules.some((r) => r.agenda),
    escalations: state.escalations.length,
    signallerPartnerId: state.signals[0]!.signallerPartnerId,
    municipalityId: state.municipalityId,
    signalDate: state.signals[0]!.signalDate,
    firstContactDate: firstContact,
    pickedUpOn: pickedUpOn(covenant, state.events),
    openedAt: state.openedAt,
    closedAt: state.closedAt,
    finalResult: state.finalResult,
    completedSteps: state.completedSteps,
    purgeAfter: state.closedAt ? purgeDate(covenant, state.closedAt) : null,
    lastChange: { at: last.at, by: authorName(last.by) },
  };
}

/** The first day personal data may no longer be kept: the covenant's retention after closing. */
export function purgeDate(covenant: Covenant, closedAt: string): IsoDate {
  return DateTime.fromISO(toIsoDate(closedAt), { zone: ZONE })
    .plus({ months: covenant.retention.months_after_closing })
    .toISODate()!;
}
