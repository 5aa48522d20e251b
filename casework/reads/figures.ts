import { requireCoordinator, type Actor } from '../access.js';
import { toIsoDate, type IsoDate } from '../covenant/calendar.js';
import type { Covenant, SignalPartnerType } from '../covenant/covenant.js';
import {
  storedFinalResult,
  FINAL_RESULT_CODES,
  NOT_TAKEN_UP,
  POSITIVE_RESULTS,
  type FinalResult,
} from '../covenant/final-results.js';
import type { CaseEvent, CaseSummary } from '../case/types.js';
import type { CaseworkContext } from '../context.js';
import { partnerName } from './views.js';

// The monitoring figures of one covenant over a period, counted from the case histories (which
// survive purging). docs/figures.md says which events each figure counts.

/** A share always says what it divides: numerator / denominator (share null when nothing to divide). */
export interface Share {
  numerator: number;
  denominator: number;
  share: number | null;
}

/** Outcomes that record a payment arrangement or a payment apart; the covenants use these ids. */
const ARRANGEMENT_OUTCOMES: ReadonlySet<string> = new Set(['regeling']);
const PAID_OUTCOMES: ReadonlySet<string> = new Set(['betaald']);
/** An outcome that records an eviction; no covenant has one yet, so evictions read "not recorded". */
const EVICTION_OUTCOMES: ReadonlySet<string> = new Set(['ontruimd', 'ontruiming-uitgevoerd']);
const PAID_OR_ARRANGEMENT: FinalResult = 'zelf-betaald-of-regeling';
const DEBT_HELP: FinalResult = 'vervolghulp-financieel';

export interface FigureCounts {
  signalsReceived: number;
  signalsPerType: Partial<Record<SignalPartnerType, number>>;
  crisisSignals: number;
  contactAttempts: number;
  householdsReached: number;
  homeVisits: number;
  householdsVisited: number;
  closed: number;
  perFinalResult: Record<FinalResult, number>;
  paymentArrangements: number;
  paid: number;
  /** Closed as "zelf betaald/regeling" by an outcome that does not say which of the two. */
  paidOrArrangementUnsplit: number;
  referredToDebtHelp: number;
  /** Closed with help given through early signalling (positive results other than "zelf betaald"). */
  helpAccepted: number;
  /** Positive final results among the closed cases that were taken up (as Vroeg Eropaf! counted). */
  positive: Share;
  /** null: the covenant records no evictions (not the same as none). */
  evictions: number | null;
  /** Working days from the first signal to the first reached contact, for signals in the period. */
  medianWorkingDaysToFirstContact: number | null;
  /** How many cases the median is taken over. */
  firstContacts: number;
}

/** One month of the period (a partial month at either end counts only its days in the period). */
export interface MonthFigures {
  month: YearMonth;
  signals: number;
  reached: number;
  arrangement: number;
  debtHelp: number;
}

/** 'YYYY-MM' */
export type YearMonth = string;

export interface CovenantFigures extends FigureCounts {
  covenantId: string;
  from: IsoDate;
  to: IsoDate;
  /** Every month of the period, zeros included; each adds up to the totals of the same name. */
  perMonth: MonthFigures[];
  /** Steps done in the period by their deadline / steps done in the period, per partner. */
  onTimePerPartner: ({ partnerId: string; partnerName: string } & Share)[];
  perMunicipality: { id: string; name: string; figures: FigureCounts }[];
  perSignaller: { id: string; name: string; figures: FigureCounts }[];
  perSignalType: { id: string; figures: FigureCounts }[];
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export interface CaseHistory {
  summary: CaseSummary;
  events: CaseEvent[];
}

export async function covenantFigures(
  ctx: CaseworkContext,
  actor: Actor,
  covenantId: string,
  period: Period,
): Promise<CovenantFigures> {
  const covenant = ctx.covenant(covenantId);
  requireCoordinator(actor, covenant, 'see the monitoring figures');
  return figuresOf(ctx, covenant, await historiesTouching(ctx, covenantId, period), period);
}

/** The figures of histories already read (the export reads them once for figures and case list). */
export function figuresOf(
  ctx: CaseworkContext,
  covenant: Covenant,
  histories: CaseHistory[],
  period: Period,
): CovenantFigures {
  const covenantId = covenant.id;
  const count = (subset: CaseHistory[]) => countFigures(ctx, covenant, subset, period);
  const groups = (key: (s: CaseSummary) => string) => groupBy(histories, (h) => key(h.summary));
  return {
    covenantId,
    ...period,
    ...count(histories),
    perMonth: perMonth(histories, period),
    onTimePerPartner: onTimePerPartner(covenant, histories, period),
    perMunicipality: [...groups((s) => s.municipalityId)].map(([id, subset]) => ({
      id,
      name: partnerName(covenant, id),
      figures: count(subset),
    })),
    perSignaller: [...groups((s) => s.signallerPartnerId)].map(([id, subset]) => ({
      id,
      name: partnerName(covenant, id),
      figures: count(subset),
    })),
    perSignalType: [...groupBy(histories, (h) => firstSignalType(h))].map(([id, subset]) => ({
      id,
      figures: count(subset),
    })),
  };
}

/** The histories of cases that may have an event in the period: signalled by its end, not closed before it. */
export async function historiesTouching(
  ctx: CaseworkContext,
  covenantId: string,
  period: Period,
): Promise<CaseHistory[]> {
  const summaries = await ctx.deps.cases.listSummaries({ covenantId });
  const candidates = summaries.filter(
    (s) => s.signalDate <= period.to && (s.closedAt === null || toIsoDate(s.closedAt) >= period.from),
  );
  const histories: CaseHistory[] = [];
  for (const summary of candidates) {
    const record = await ctx.deps.cases.get(summary.caseId);
    if (record) histories.push({ summary, events: record.events });
  }
  return histories.sort((a, b) => a.summary.caseId.localeCompare(b.summary.caseId));
}

export function countFigures(
  ctx: CaseworkContext,
  covenant: Covenant,
  histories: CaseHistory[],
  period: Period,
): FigureCounts {
  const inPeriod = (date: IsoDate) => date >= period.from && date <= period.to;
  const perFinalResult = Object.fromEntries(FINAL_RESULT_CODES.map((c) => [c, 0])) as Record<
    FinalResult,
    number
  >;
  const counts = {
    signalsReceived: 0,
    signalsPerType: {} as Partial<Record<SignalPartnerType, number>>,
    crisisSignals: 0,
    contactAttempts: 0,
    homeVisits: 0,
    closed: 0,
    paymentArrangements: 0,
    paid: 0,
    paidOrArrangementUnsplit: 0,
    evictions: 0,
  };
  let householdsReached = 0;
  let householdsVisited = 0;
  const daysToContact: number[] = [];
  const calendar = ctx.calendar(covenant);

  for (const { events } of histories) {
    let reached = false;
    let visited = false;
    let splitOutcome = false;
    for (const event of events) {
      const on = toIsoDate(event.at);
      switch (event.type) {
        case 'signal_received':
        case 'signal_joined':
          if (!inPeriod(event.signal.signalDate)) break;
          counts.signalsReceived++;
          counts.signalsPerType[event.signal.type] = (counts.signalsPerType[event.signal.type] ?? 0) + 1;
          if (event.signal.crisis) counts.crisisSignals++;
          break;
        case 'contact_attempt':
          if (!inPeriod(event.date)) break;
          counts.contactAttempts++;
          reached ||= event.reached;
          if (event.kind === 'Huisbezoek') {
            counts.homeVisits++;
            visited = true;
          }
          break;
        case 'outcome_logged':
          if (!inPeriod(on)) break;
          if (isArrangement(event)) counts.paymentArrangements++;
          if (PAID_OUTCOMES.has(event.outcomeId)) counts.paid++;
          if (EVICTION_OUTCOMES.has(event.outcomeId)) counts.evictions++;
          splitOutcome ||= ARRANGEMENT_OUTCOMES.has(event.outcomeId) || PAID_OUTCOMES.has(event.outcomeId);
          break;
        case 'closed':
          if (!inPeriod(on)) break;
          counts.closed++;
          // Histories written before DDAS v1.2 carry the old codes: counted under the current ones.
          perFinalResult[storedFinalResult(event.finalResult)]++;
          if (storedFinalResult(event.finalResult) === PAID_OR_ARRANGEMENT && !splitOutcome)
            counts.paidOrArrangementUnsplit++;
          break;
        default:
          break;
      }
    }
    if (reached) householdsReached++;
    if (visited) householdsVisited++;
    const first = firstContact(events);
    if (first && inPeriod(first.signalDate))
      daysToContact.push(calendar.workingDaysBetween(first.signalDate, first.contactDate));
  }

  const closedWith = (results: ReadonlySet<FinalResult>) =>
    FINAL_RESULT_CODES.filter((c) => results.has(c)).reduce((sum, c) => sum + perFinalResult[c], 0);
  const takenUp = counts.closed - closedWith(NOT_TAKEN_UP);
  const positive = closedWith(POSITIVE_RESULTS);
  return {
    ...counts,
    householdsReached,
    householdsVisited,
    perFinalResult,
    referredToDebtHelp: perFinalResult[DEBT_HELP],
    helpAccepted: positive - perFinalResult[PAID_OR_ARRANGEMENT],
    positive: share(positive, takenUp),
    evictions: recordsEvictions(covenant) ? counts.evictions : null,
    medianWorkingDaysToFirstContact: median(daysToContact),
    firstContacts: daysToContact.length,
  };
}

/**
 * The month series by the totals' rules, in one pass: a signal in the month of its signal date, a
 * household in the month of its first reached contact in the period (so it counts once, as in the
 * total), an arrangement in the month its outcome was logged, debt help in the month of closing.
 */
export function perMonth(histories: CaseHistory[], period: Period): MonthFigures[] {
  const months = new Map(
    monthsOf(period).map((month) => [month, { month, signals: 0, reached: 0, arrangement: 0, debtHelp: 0 }]),
  );
  const inPeriod = (date: IsoDate) => date >= period.from && date <= period.to;
  const monthOf = (date: IsoDate) => (inPeriod(date) ? months.get(date.slice(0, 7)) : undefined);
  for (const { events } of histories) {
    let firstReached: IsoDate | null = null;
    for (const event of events) {
      switch (event.type) {
        case 'signal_received':
        case 'signal_joined': {
          const month = monthOf(event.signal.signalDate);
          if (month) month.signals++;
          break;
        }
        case 'contact_attempt':
          if (event.reached && inPeriod(event.date) && (firstReached === null || event.date < firstReached))
            firstReached = event.date;
          break;
        case 'outcome_logged': {
          const month = monthOf(toIsoDate(event.at));
          if (month && isArrangement(event)) month.arrangement++;
          break;
        }
        case 'closed': {
          const month = monthOf(toIsoDate(event.at));
          if (month && storedFinalResult(event.finalResult) === DEBT_HELP) month.debtHelp++;
          break;
        }
        default:
          break;
      }
    }
    const reachedIn = firstReached === null ? undefined : monthOf(firstReached);
    if (reachedIn) reachedIn.reached++;
  }
  return [...months.values()];
}

/** 'YYYY-MM' of every month from the period's first day to its last (none when from is after to). */
export function monthsOf(period: Period): YearMonth[] {
  const months: YearMonth[] = [];
  let [year, month] = [Number(period.from.slice(0, 4)), Number(period.from.slice(5, 7))];
  const last = period.to.slice(0, 7);
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

function isArrangement(event: { outcomeId: string }): boolean {
  return ARRANGEMENT_OUTCOMES.has(event.outcomeId);
}

function onTimePerPartner(
  covenant: Covenant,
  histories: CaseHistory[],
  period: Period,
): CovenantFigures['onTimePerPartner'] {
  const perPartner = new Map<string, { steps: number; onTime: number }>();
  for (const { summary } of histories) {
    for (const step of summary.completedSteps) {
      if (step.doneOn < period.from || step.doneOn > period.to) continue;
      const entry = perPartner.get(step.partnerId) ?? { steps: 0, onTime: 0 };
      entry.steps++;
      if (step.doneOn <= step.deadline) entry.onTime++;
      perPartner.set(step.partnerId, entry);
    }
  }
  return [...perPartner.entries()]
    .map(([partnerId, e]) => ({
      partnerId,
      partnerName: partnerName(covenant, partnerId),
      ...share(e.onTime, e.steps),
    }))
    .sort((a, b) => a.partnerName.localeCompare(b.partnerName));
}

function firstContact(events: CaseEvent[]): { signalDate: IsoDate; contactDate: IsoDate } | null {
  const signal = events.find((e) => e.type === 'signal_received');
  const dates = events.flatMap((e) => (e.type === 'contact_attempt' && e.reached ? [e.date] : [])).sort();
  if (signal?.type !== 'signal_received' || dates.length === 0) return null;
  return { signalDate: signal.signal.signalDate, contactDate: dates[0]! };
}

function firstSignalType(history: CaseHistory): string {
  const signal = history.events.find((e) => e.type === 'signal_received');
  return signal?.type === 'signal_received' ? signal.signal.type : '';
}

function recordsEvictions(covenant: Covenant): boolean {
  return covenant.steps.some((step) => step.outcomes.some((o) => EVICTION_OUTCOMES.has(o.id)));
}

function share(numerator: number, denominator: number): Share {
  return { numerator, denominator, share: denominator > 0 ? numerator / denominator : null };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
