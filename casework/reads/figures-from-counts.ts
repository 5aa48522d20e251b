import { requireCoordinator, type Actor } from '../access.js';
import type { IsoDate, WorkingDayCalendar } from '../covenant/calendar.js';
import type { Covenant, SignalPartnerType } from '../covenant/covenant.js';
import type { FinalResult } from '../covenant/final-results.js';
import type { CaseworkContext } from '../context.js';
import type { FigureCountQuery } from '../ports.js';
import type { FigureCount } from './figure-facts.js';
import {
  DEBT_HELP,
  figuresOfSums,
  monthsOf,
  type CovenantFigures,
  type MonthFigures,
  type Period,
} from './figures.js';
import { FigureSums, type FirstContacts } from './figure-sums.js';

// The dashboard's figures from the counters the store keeps per day (Cases.figureCounts), not
// from the cases' histories: a year's figures read a number of counters bounded by days x
// measures x groups. They equal figuresOf (figures.ts) over the histories touching the period;
// tests/figures-from-counts.test.ts holds them to it.

/** Before every date: the counters that say whether a case signalled before the period touches it. */
const BEGINNING = '0000-01-01';

export async function covenantFigures(
  ctx: CaseworkContext,
  actor: Actor,
  covenantId: string,
  period: Period,
): Promise<CovenantFigures> {
  const covenant = ctx.covenant(covenantId);
  requireCoordinator(actor, covenant, 'see the monitoring figures');
  const counts = await countsForPeriod((query) => ctx.deps.cases.figureCounts(query), covenantId, period);
  return figuresFromCounts(covenant, ctx.calendar(covenant), period, counts);
}

/**
 * What figuresFromCounts needs from the store, in two reads: every counter with a day in the
 * period, and the `opened` and `ended` counters of the days before it.
 */
export async function countsForPeriod(
  figureCounts: (query: FigureCountQuery) => Promise<FigureCount[]>,
  covenantId: string,
  period: Period,
): Promise<FigureCount[]> {
  const [inPeriod, before] = await Promise.all([
    figureCounts({ covenantId, from: period.from, to: period.to }),
    figureCounts({ covenantId, from: BEGINNING, to: period.from, measures: ['opened', 'ended'] }),
  ]);
  return [...inPeriod, ...before.filter((c) => c.day < period.from)];
}

/**
 * The figures of a period from summed counters: every counter with a day in the period, and
 * the `opened` and `ended` ones of any day before it (which cases touch the period: their groups
 * are listed, with zeros when nothing of theirs falls in it, as figuresOf lists them).
 */
export function figuresFromCounts(
  covenant: Covenant,
  calendar: WorkingDayCalendar,
  period: Period,
  counts: readonly FigureCount[],
): CovenantFigures {
  const { from, to } = period;
  // Each counter is tallied in the totals and in three groups, and many share their pair of days:
  // the working days between them are counted once per pair.
  const known = new Map<string, number>();
  const workingDays = (start: IsoDate, end: IsoDate): number => {
    const key = `${start}|${end}`;
    let days = known.get(key);
    if (days === undefined) known.set(key, (days = calendar.workingDaysBetween(start, end)));
    return days;
  };
  const total = new Tally(workingDays);
  const perMunicipality = new Map<string, Tally>();
  const perSignaller = new Map<string, Tally>();
  const perSignalType = new Map<string, Tally>();
  const onTime = new Map<string, { steps: number; onTime: number }>();
  const months = new Map<string, MonthFigures>(
    monthsOf(period).map((month) => [month, { month, signals: 0, reached: 0, arrangement: 0, debtHelp: 0 }]),
  );
  const monthOf = (day: IsoDate) => (day >= from && day <= to ? months.get(day.slice(0, 7)) : undefined);
  /** Cases touching the period, per group triple: opened by its end less those ended before it. */
  const touching = new Map<string, { count: FigureCount; n: number }>();
  const groupsOf = (count: FigureCount) => [
    groupOf(perMunicipality, count.municipalityId, workingDays),
    groupOf(perSignaller, count.signallerPartnerId, workingDays),
    groupOf(perSignalType, count.signalType, workingDays),
  ];

  for (const count of counts) {
    if (count.measure === 'opened' || count.measure === 'ended') {
      if (count.measure === 'ended' && count.day >= from) continue;
      if (count.day > to) continue;
      const key = `${count.municipalityId}\u0000${count.signallerPartnerId}\u0000${count.signalType}`;
      const entry = touching.get(key) ?? { count, n: 0 };
      entry.n += count.measure === 'opened' ? count.n : -count.n;
      touching.set(key, entry);
      continue;
    }
    if (count.day < from || count.day > to) continue;
    if (count.measure === 'stepDone') {
      const bar = count.extra.lastIndexOf('|');
      const partnerId = count.extra.slice(0, bar);
      const entry = onTime.get(partnerId) ?? { steps: 0, onTime: 0 };
      entry.steps += count.n;
      if (count.extra.slice(bar + 1) === '1') entry.onTime += count.n;
      onTime.set(partnerId, entry);
      continue;
    }
    if (!total.add(count, period)) continue;
    for (const group of groupsOf(count)) group.add(count, period);
    const month = monthOf(count.day);
    if (!month) continue;
    if (count.measure === 'signal') month.signals += count.n;
    else if (count.measure === 'reached') month.reached += count.n;
    else if (count.measure === 'arrangement') month.arrangement += count.n;
    else if (count.measure === 'closed' && count.extra === DEBT_HELP) month.debtHelp += count.n;
  }
  for (const { count, n } of touching.values()) if (n > 0) groupsOf(count);

  return figuresOfSums(covenant, period, {
    total,
    perMonth: [...months.values()],
    onTime,
    perMunicipality,
    perSignaller,
    perSignalType,
  });
}

type WorkingDays = (start: IsoDate, end: IsoDate) => number;

function groupOf(groups: Map<string, Tally>, key: string, workingDays: WorkingDays): Tally {
  let tally = groups.get(key);
  if (!tally) groups.set(key, (tally = new Tally(workingDays)));
  return tally;
}

/** The sums of the totals or of one group, from counters with a day in the period. */
class Tally extends FigureSums {
  /** Working days from first signal to first contact, and how many cases took that many. */
  private readonly daysToContact = new Map<number, number>();

  constructor(private readonly workingDays: WorkingDays) {
    super();
  }

  /** Adds a counter with a day in the period; false when it counts for nothing in this period. */
  add(count: FigureCount, { from, to }: Period): boolean {
    const { sums } = this;
    const { n, extra } = count;
    switch (count.measure) {
      case 'signal':
        sums.signalsReceived += n;
        sums.signalsPerType[extra as SignalPartnerType] =
          (sums.signalsPerType[extra as SignalPartnerType] ?? 0) + n;
        return true;
      case 'crisis':
        sums.crisisSignals += n;
        return true;
      case 'contact':
        sums.contactAttempts += n;
        return true;
      case 'homeVisit':
        sums.homeVisits += n;
        return true;
      case 'reached':
      case 'visited':
        // Only the case's first such date in the period counts it.
        if (extra >= from) return false;
        if (count.measure === 'reached') this.householdsReached += n;
        else this.householdsVisited += n;
        return true;
      case 'arrangement':
        sums.paymentArrangements += n;
        return true;
      case 'paid':
        sums.paid += n;
        return true;
      case 'eviction':
        sums.evictions += n;
        return true;
      case 'closed':
        sums.closed += n;
        this.perFinalResult[extra as FinalResult] += n;
        return true;
      case 'unsplit': {
        const [before = '', after = ''] = extra.split('|');
        if (before >= from || (after !== '' && after <= to)) return false;
        sums.paidOrArrangementUnsplit += n;
        return true;
      }
      case 'firstContact': {
        const days = this.workingDays(count.day, extra);
        this.daysToContact.set(days, (this.daysToContact.get(days) ?? 0) + n);
        return true;
      }
      default:
        return false;
    }
  }

  protected firstContacts(): FirstContacts {
    return weightedValues(this.daysToContact);
  }
}

/** The median (as figures.ts's `median`) of values given with how often each occurs. */
function weightedValues(weights: Map<number, number>): { median: number | null; count: number } {
  const sorted = [...weights.entries()].sort(([a], [b]) => a - b);
  const count = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return { median: null, count };
  /** The value at a 0-based position of the sorted list the weights stand for. */
  const at = (position: number) => {
    let seen = 0;
    for (const [value, n] of sorted) {
      seen += n;
      if (position < seen) return value;
    }
    throw new Error('position beyond the values');
  };
  const mid = Math.floor(count / 2);
  return { median: count % 2 === 1 ? at(mid) : (at(mid - 1) + at(mid)) / 2, count };
}
