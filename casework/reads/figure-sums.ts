import type { Covenant, SignalPartnerType } from '../covenant/covenant.js';
import {
  FINAL_RESULT_CODES,
  NOT_TAKEN_UP,
  POSITIVE_RESULTS,
  type FinalResult,
} from '../covenant/final-results.js';
import { EVICTION_OUTCOMES, PAID_OR_ARRANGEMENT } from './figure-facts.js';

// The sums behind the monitoring figures of a set of cases (the totals, or a group's), and how
// they become FigureCounts: one place for both ways of counting them, from the histories
// (figures.ts, the reference) and from the kept counters (figures-from-counts.ts).

/** A share always says what it divides: numerator / denominator (share null when nothing to divide). */
export interface Share {
  numerator: number;
  denominator: number;
  share: number | null;
}

export const DEBT_HELP: FinalResult = 'vervolghulp-financieel';

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

export function share(numerator: number, denominator: number): Share {
  return { numerator, denominator, share: denominator > 0 ? numerator / denominator : null };
}

export function recordsEvictions(covenant: Covenant): boolean {
  return covenant.steps.some((step) => step.outcomes.some((o) => EVICTION_OUTCOMES.has(o.id)));
}

/** The working days from first signal to first contact: their median, and over how many cases. */
export interface FirstContacts {
  median: number | null;
  count: number;
}

/** Running sums; a subclass adds to them from what it reads, and says its first contacts. */
export abstract class FigureSums {
  protected readonly sums = {
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
  protected householdsReached = 0;
  protected householdsVisited = 0;
  protected readonly perFinalResult = Object.fromEntries(FINAL_RESULT_CODES.map((c) => [c, 0])) as Record<
    FinalResult,
    number
  >;

  protected abstract firstContacts(): FirstContacts;

  result(covenant: Covenant): FigureCounts {
    const { sums, perFinalResult } = this;
    const closedWith = (results: ReadonlySet<FinalResult>) =>
      FINAL_RESULT_CODES.filter((c) => results.has(c)).reduce((sum, c) => sum + perFinalResult[c], 0);
    const takenUp = sums.closed - closedWith(NOT_TAKEN_UP);
    const positive = closedWith(POSITIVE_RESULTS);
    const days = this.firstContacts();
    return {
      ...sums,
      signalsPerType: { ...sums.signalsPerType },
      householdsReached: this.householdsReached,
      householdsVisited: this.householdsVisited,
      perFinalResult: { ...perFinalResult },
      referredToDebtHelp: perFinalResult[DEBT_HELP],
      helpAccepted: positive - perFinalResult[PAID_OR_ARRANGEMENT],
      positive: share(positive, takenUp),
      evictions: recordsEvictions(covenant) ? sums.evictions : null,
      medianWorkingDaysToFirstContact: days.median,
      firstContacts: days.count,
    };
  }
}
