import { requireCoordinator, type Actor } from '../access.js';
import { toIsoDate, type IsoDate } from '../covenant/calendar.js';
import { nextMeetingDate } from '../covenant/meeting-dates.js';
import type { CaseSummary } from '../case/types.js';
import type { CaseworkContext } from '../context.js';
import type { Covenant } from '../covenant/covenant.js';
import {
  FINAL_RESULT_CODES,
  NOT_TAKEN_UP,
  POSITIVE_RESULTS,
  storedFinalResult,
  type FinalResult,
} from '../covenant/final-results.js';
import { partnerName, stepViewOfSummary, type Locale, type StepView } from './views.js';

// For coordinators: the monthly casuistry agenda and the monitoring figures.

const NETWORK_KINDS = new Set(['ggd', 'welzijn', 'politie']);

export interface CasuistryAgenda {
  covenantId: string;
  meetingDate: IsoDate | null;
  late: StepView[];
  escalated: StepView[];
  childrenFacingEviction: StepView[];
  waitingForNetwork: StepView[];
  flaggedByRules: StepView[];
}

export async function casuistryAgenda(
  ctx: CaseworkContext,
  actor: Actor,
  covenantId: string,
  locale: Locale,
): Promise<CasuistryAgenda> {
  const covenant = ctx.covenant(covenantId);
  requireCoordinator(actor, covenant, 'see the casuistry agenda');
  return buildAgenda(ctx, covenant, locale);
}

/** Also used by the scheduler, which posts the agenda without a person asking. */
export async function buildAgenda(
  ctx: CaseworkContext,
  covenant: Covenant,
  locale: Locale,
): Promise<CasuistryAgenda> {
  const open = await ctx.deps.cases.listSummaries({ covenantId: covenant.id, status: 'open' });
  // Posted to a channel too: read as by anyone there (a creditor may be among them).
  const view = (s: CaseSummary) => stepViewOfSummary(ctx, s, locale, null);
  const isNetworkStep = (s: CaseSummary) => {
    const partner = covenant.partners.find((p) => p.id === s.responsiblePartnerId);
    const step = covenant.steps.find((st) => st.id === s.stepId);
    return (partner !== undefined && NETWORK_KINDS.has(partner.kind)) || (step?.with.length ?? 0) > 0;
  };
  const today = toIsoDate(ctx.now());
  return {
    covenantId: covenant.id,
    meetingDate: nextMeetingDate(covenant, ctx.calendar(covenant), today),
    late: open.filter((s) => s.deadline !== null && s.deadline < today).map(view),
    escalated: open.filter((s) => s.escalations > 0).map(view),
    childrenFacingEviction: open
      .filter((s) => s.flags.includes('children') && s.flags.includes('crisis'))
      .map(view),
    waitingForNetwork: open.filter(isNetworkStep).map(view),
    flaggedByRules: open.filter((s) => s.onAgenda).map(view),
  };
}

export interface MonitoringFigures {
  covenantId: string;
  from: IsoDate;
  to: IsoDate;
  signalsReceived: number;
  closed: number;
  perFinalResult: Record<FinalResult, number>;
  /** As Vroeg Eropaf! counted it: positive results among the cases that were taken up. */
  positiveShare: number | null;
  medianWorkingDaysToFirstContact: number | null;
  onTimePerPartner: {
    partnerId: string;
    partnerName: string;
    steps: number;
    onTime: number;
    share: number;
  }[];
}

/** Figures for the period [from, to] (dates inclusive); anonymous, so they survive purging. */
export async function monitoringFigures(
  ctx: CaseworkContext,
  actor: Actor,
  covenantId: string,
  period: { from: IsoDate; to: IsoDate },
): Promise<MonitoringFigures> {
  const covenant = ctx.covenant(covenantId);
  requireCoordinator(actor, covenant, 'see the monitoring figures');
  const calendar = ctx.calendar(covenant);
  const all = await ctx.deps.cases.listSummaries({ covenantId });
  const inPeriod = (date: IsoDate | null) => date !== null && date >= period.from && date <= period.to;

  // Summaries written before DDAS v1.2 carry the old codes: count them under the current ones.
  const closed = all
    .filter((s) => s.finalResult !== null && s.closedAt !== null && inPeriod(toIsoDate(s.closedAt)))
    .map((s) => ({ ...s, finalResult: storedFinalResult(s.finalResult!) }));
  const perFinalResult = Object.fromEntries(FINAL_RESULT_CODES.map((c) => [c, 0])) as Record<
    FinalResult,
    number
  >;
  closed.forEach((s) => perFinalResult[s.finalResult!]++);
  const takenUp = closed.filter((s) => !NOT_TAKEN_UP.has(s.finalResult!));
  const positive = takenUp.filter((s) => POSITIVE_RESULTS.has(s.finalResult!));

  const received = all.filter((s) => inPeriod(s.signalDate));
  const daysToContact = received
    .filter((s) => s.firstContactDate !== null)
    .map((s) => calendar.workingDaysBetween(s.signalDate, s.firstContactDate!));

  const perPartner = new Map<string, { steps: number; onTime: number }>();
  for (const summary of all) {
    for (const step of summary.completedSteps.filter((c) => inPeriod(c.doneOn))) {
      const entry = perPartner.get(step.partnerId) ?? { steps: 0, onTime: 0 };
      entry.steps++;
      if (step.doneOn <= step.deadline) entry.onTime++;
      perPartner.set(step.partnerId, entry);
    }
  }
  return {
    covenantId,
    from: period.from,
    to: period.to,
    signalsReceived: received.length,
    closed: closed.length,
    perFinalResult,
    positiveShare: takenUp.length > 0 ? positive.length / takenUp.length : null,
    medianWorkingDaysToFirstContact: median(daysToContact),
    onTimePerPartner: [...perPartner.entries()]
      .map(([partnerId, e]) => ({
        partnerId,
        partnerName: partnerName(covenant, partnerId),
        ...e,
        share: e.onTime / e.steps,
      }))
      .sort((a, b) => a.partnerName.localeCompare(b.partnerName)),
  };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
