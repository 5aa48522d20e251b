import { toIsoDate, type IsoDate, type WorkingDayCalendar } from '../covenant/calendar.js';
import type { Covenant, SignalPartnerType } from '../covenant/covenant.js';
import { storedFinalResult, type FinalResult } from '../covenant/final-results.js';
import type { Signal } from '../case/types.js';
import type { CaseworkContext } from '../context.js';
import type { CaseHistory } from '../ports.js';
import {
  ARRANGEMENT_OUTCOMES,
  EVICTION_OUTCOMES,
  PAID_OR_ARRANGEMENT,
  PAID_OUTCOMES,
} from './figure-facts.js';
import {
  DEBT_HELP,
  FigureSums,
  recordsEvictions,
  share,
  type FigureCounts,
  type FirstContacts,
  type Share,
} from './figure-sums.js';
import { partnerName } from './views.js';

export { DEBT_HELP, recordsEvictions, share };
export type { FigureCounts, Share };

// The monitoring figures of one covenant over a period, counted from the case histories (which
// survive purging): the export's figures, and the reference the dashboard's figures from kept
// counts (figures-from-counts.ts) must equal. docs/figures.md says which events each figure counts.

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

export type { CaseHistory };

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** How many histories one read of the store brings (Cases.listHistories). */
const PAGE = 1000;

/** The figures of histories already read (the export reads them once for figures and case list). */
export function figuresOf(
  ctx: CaseworkContext,
  covenant: Covenant,
  histories: CaseHistory[],
  period: Period,
): CovenantFigures {
  const tally = new FiguresTally(ctx, covenant, period);
  for (const history of histories) tally.add(history);
  return tally.figures();
}

/** The histories of cases that may have an event in the period: signalled by its end, not closed before it. */
export async function historiesTouching(
  ctx: CaseworkContext,
  covenantId: string,
  period: Period,
): Promise<CaseHistory[]> {
  const histories: CaseHistory[] = [];
  await eachHistoryPage(ctx, covenantId, period, (page) => histories.push(...page));
  // The store pages in byte order; the case list is sorted as people sort (the same for AanZet's ids).
  return histories.sort((a, b) => a.summary.caseId.localeCompare(b.summary.caseId));
}

/** The histories touching the period, a page (one read of the store) at a time, in case-id order. */
async function eachHistoryPage(
  ctx: CaseworkContext,
  covenantId: string,
  period: Period,
  each: (page: CaseHistory[]) => void,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const page = await ctx.deps.cases.listHistories({
      covenantId,
      from: period.from,
      to: period.to,
      limit: PAGE,
      ...(after === undefined ? {} : { after }),
    });
    each(page);
    if (page.length < PAGE) return;
    after = page.at(-1)!.summary.caseId;
  }
}

/**
 * All figures of a period, one case at a time: each history is walked once, and what it adds is
 * added to the totals, to its three groups and to the months. Linear in the events.
 */
class FiguresTally {
  private readonly calendar: WorkingDayCalendar;
  private readonly total = new Counts();
  private readonly months: MonthSeries;
  private readonly onTime = new Map<string, { steps: number; onTime: number }>();
  private readonly perMunicipality = new Map<string, Counts>();
  private readonly perSignaller = new Map<string, Counts>();
  private readonly perSignalType = new Map<string, Counts>();

  constructor(
    ctx: CaseworkContext,
    private readonly covenant: Covenant,
    private readonly period: Period,
  ) {
    this.calendar = ctx.calendar(covenant);
    this.months = new MonthSeries(period);
  }

  add(history: CaseHistory): void {
    const { own, signalType } = walkCase(history, this.period, this.calendar, this.months);
    this.total.add(own);
    const { summary } = history;
    groupOf(this.perMunicipality, summary.municipalityId).add(own);
    groupOf(this.perSignaller, summary.signallerPartnerId).add(own);
    groupOf(this.perSignalType, signalType).add(own);
    for (const step of summary.completedSteps) {
      if (step.doneOn < this.period.from || step.doneOn > this.period.to) continue;
      let entry = this.onTime.get(step.partnerId);
      if (!entry) this.onTime.set(step.partnerId, (entry = { steps: 0, onTime: 0 }));
      entry.steps++;
      if (step.doneOn <= step.deadline) entry.onTime++;
    }
  }

  figures(): CovenantFigures {
    return figuresOfSums(this.covenant, this.period, {
      total: this.total,
      perMonth: this.months.result(),
      onTime: this.onTime,
      perMunicipality: this.perMunicipality,
      perSignaller: this.perSignaller,
      perSignalType: this.perSignalType,
    });
  }
}

/** The sums of a period, however they were counted (from histories here, or from counters). */
export interface PeriodSums {
  total: FigureSums;
  perMonth: MonthFigures[];
  /** Per partner: its steps done in the period, and how many of them by their deadline. */
  onTime: ReadonlyMap<string, { steps: number; onTime: number }>;
  perMunicipality: ReadonlyMap<string, FigureSums>;
  perSignaller: ReadonlyMap<string, FigureSums>;
  perSignalType: ReadonlyMap<string, FigureSums>;
}

/** The figures of a covenant over a period from its sums: groups by id, partners by name. */
export function figuresOfSums(covenant: Covenant, period: Period, sums: PeriodSums): CovenantFigures {
  const named = (groups: ReadonlyMap<string, FigureSums>) =>
    sortedByKey(groups).map(([id, group]) => ({
      id,
      name: partnerName(covenant, id),
      figures: group.result(covenant),
    }));
  return {
    covenantId: covenant.id,
    from: period.from,
    to: period.to,
    ...sums.total.result(covenant),
    perMonth: sums.perMonth,
    onTimePerPartner: [...sums.onTime.entries()]
      .map(([partnerId, e]) => ({
        partnerId,
        partnerName: partnerName(covenant, partnerId),
        ...share(e.onTime, e.steps),
      }))
      .sort((a, b) => a.partnerName.localeCompare(b.partnerName)),
    perMunicipality: named(sums.perMunicipality),
    perSignaller: named(sums.perSignaller),
    perSignalType: sortedByKey(sums.perSignalType).map(([id, group]) => ({
      id,
      figures: group.result(covenant),
    })),
  };
}

/** What one case adds to the counts of a period. */
interface CaseCounts {
  signals: number;
  /** The type of each signal in the period, in the order of the history. */
  signalTypes: SignalPartnerType[];
  crisisSignals: number;
  contactAttempts: number;
  reached: boolean;
  homeVisits: number;
  visited: boolean;
  /** The final result of each closing in the period. */
  closedWith: FinalResult[];
  paymentArrangements: number;
  paid: number;
  paidOrArrangementUnsplit: number;
  evictions: number;
  /** Working days from its first signal (in the period) to its first reached contact. */
  daysToContact: number | null;
}

/**
 * One walk through a history: what the case adds to the counts, its first signal's type (its
 * group), and what it adds to each month. The calendar counts the days to first contact.
 */
function walkCase(
  { events }: CaseHistory,
  period: Period,
  calendar: WorkingDayCalendar,
  months: MonthSeries,
): { own: CaseCounts; signalType: string } {
  const inPeriod = (date: IsoDate) => date >= period.from && date <= period.to;
  const own: CaseCounts = {
    signals: 0,
    signalTypes: [],
    crisisSignals: 0,
    contactAttempts: 0,
    reached: false,
    homeVisits: 0,
    visited: false,
    closedWith: [],
    paymentArrangements: 0,
    paid: 0,
    paidOrArrangementUnsplit: 0,
    evictions: 0,
    daysToContact: null,
  };
  let firstSignal: Signal | undefined;
  /** The first reached contact ever, and the first one in the period (the month it counts in). */
  let firstContact: IsoDate | null = null;
  let firstReachedInPeriod: IsoDate | null = null;
  let splitOutcome = false;
  for (const event of events) {
    switch (event.type) {
      case 'signal_received':
      case 'signal_joined':
        if (event.type === 'signal_received') firstSignal ??= event.signal;
        if (!inPeriod(event.signal.signalDate)) break;
        own.signals++;
        own.signalTypes.push(event.signal.type);
        if (event.signal.crisis) own.crisisSignals++;
        months.signal(event.signal.signalDate);
        break;
      case 'contact_attempt':
        if (event.reached && (firstContact === null || event.date < firstContact)) firstContact = event.date;
        if (!inPeriod(event.date)) break;
        own.contactAttempts++;
        if (event.reached) {
          own.reached = true;
          if (firstReachedInPeriod === null || event.date < firstReachedInPeriod)
            firstReachedInPeriod = event.date;
        }
        if (event.kind === 'Huisbezoek') {
          own.homeVisits++;
          own.visited = true;
        }
        break;
      case 'outcome_logged': {
        const on = toIsoDate(event.at);
        if (!inPeriod(on)) break;
        if (isArrangement(event)) {
          own.paymentArrangements++;
          months.arrangement(on);
        }
        if (PAID_OUTCOMES.has(event.outcomeId)) own.paid++;
        if (EVICTION_OUTCOMES.has(event.outcomeId)) own.evictions++;
        splitOutcome ||= ARRANGEMENT_OUTCOMES.has(event.outcomeId) || PAID_OUTCOMES.has(event.outcomeId);
        break;
      }
      case 'closed': {
        const on = toIsoDate(event.at);
        if (!inPeriod(on)) break;
        // Histories written before DDAS v1.2 carry the old codes: counted under the current ones.
        const result = storedFinalResult(event.finalResult);
        own.closedWith.push(result);
        if (result === PAID_OR_ARRANGEMENT && !splitOutcome) own.paidOrArrangementUnsplit++;
        if (result === DEBT_HELP) months.debtHelp(on);
        break;
      }
      default:
        break;
    }
  }
  if (firstReachedInPeriod !== null) months.reached(firstReachedInPeriod);
  if (firstSignal && firstContact !== null && inPeriod(firstSignal.signalDate))
    own.daysToContact = calendar.workingDaysBetween(firstSignal.signalDate, firstContact);
  return { own, signalType: firstSignal?.type ?? '' };
}

/** Running counts of a set of cases (the totals, or a group's). */
class Counts extends FigureSums {
  private readonly daysToContact: number[] = [];

  add(own: CaseCounts): void {
    const sums = this.sums;
    sums.signalsReceived += own.signals;
    for (const type of own.signalTypes) sums.signalsPerType[type] = (sums.signalsPerType[type] ?? 0) + 1;
    sums.crisisSignals += own.crisisSignals;
    sums.contactAttempts += own.contactAttempts;
    if (own.reached) this.householdsReached++;
    sums.homeVisits += own.homeVisits;
    if (own.visited) this.householdsVisited++;
    sums.closed += own.closedWith.length;
    for (const result of own.closedWith) this.perFinalResult[result]++;
    sums.paymentArrangements += own.paymentArrangements;
    sums.paid += own.paid;
    sums.paidOrArrangementUnsplit += own.paidOrArrangementUnsplit;
    sums.evictions += own.evictions;
    if (own.daysToContact !== null) this.daysToContact.push(own.daysToContact);
  }

  protected firstContacts(): FirstContacts {
    return { median: median(this.daysToContact), count: this.daysToContact.length };
  }
}

/** The months of a period, zeros included; a date outside the period counts in none. */
class MonthSeries {
  private readonly months: Map<YearMonth, MonthFigures>;

  constructor(private readonly period: Period) {
    this.months = new Map(
      monthsOf(period).map((month) => [
        month,
        { month, signals: 0, reached: 0, arrangement: 0, debtHelp: 0 },
      ]),
    );
  }

  private of(date: IsoDate): MonthFigures | undefined {
    return date >= this.period.from && date <= this.period.to ? this.months.get(date.slice(0, 7)) : undefined;
  }

  signal(date: IsoDate): void {
    const month = this.of(date);
    if (month) month.signals++;
  }

  reached(date: IsoDate): void {
    const month = this.of(date);
    if (month) month.reached++;
  }

  arrangement(date: IsoDate): void {
    const month = this.of(date);
    if (month) month.arrangement++;
  }

  debtHelp(date: IsoDate): void {
    const month = this.of(date);
    if (month) month.debtHelp++;
  }

  result(): MonthFigures[] {
    return [...this.months.values()].map((m) => ({ ...m }));
  }
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

/** The running counts of a group, made on its first case. */
function groupOf(groups: Map<string, Counts>, key: string): Counts {
  let counts = groups.get(key);
  if (!counts) groups.set(key, (counts = new Counts()));
  return counts;
}

export function sortedByKey<T>(groups: ReadonlyMap<string, T>): [string, T][] {
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
