import { toIsoDate, type IsoDate } from '../covenant/calendar.js';
import { storedFinalResult, type FinalResult } from '../covenant/final-results.js';
import type { CaseHistory, FigureCount, FigureCountQuery, FigureKey, FigureMeasure } from '../ports.js';

// What one case contributes to the monitoring figures, as counter keys a store can keep summed
// per day as cases change (issue 11): a year's figures then read counters bounded by days x
// measures x groups, not the cases' histories. Calendar-independent: working days are counted
// when the figures are asked for (figures-from-counts.ts), so a changed holiday list needs no
// recount. The reference the facts must reproduce exactly is walkCase in figures.ts.

/** Bump when figureFactsOf changes: the stores recount the facts of cases stored with another. */
export const FIGURE_FACTS_VERSION = 1;

/** Outcomes that record a payment arrangement or a payment apart; the covenants use these ids. */
export const ARRANGEMENT_OUTCOMES: ReadonlySet<string> = new Set(['regeling']);
export const PAID_OUTCOMES: ReadonlySet<string> = new Set(['betaald']);
/** An outcome that records an eviction; no covenant has one yet, so evictions read "not recorded". */
export const EVICTION_OUTCOMES: ReadonlySet<string> = new Set(['ontruimd', 'ontruiming-uitgevoerd']);
export const PAID_OR_ARRANGEMENT: FinalResult = 'zelf-betaald-of-regeling';

/**
 * The measures (FigureMeasure in ports.ts); what each one's `day` and `extra` are:
 * - signal: a signal (received or joined) on its signal date; extra its type. crisis: the same, for a crisis signal.
 * - contact, homeVisit: a contact attempt (a home visit) on its date.
 * - reached / visited: each distinct date of a reached contact (a home visit); extra the
 *   distinct date before it ('' for the first). A case counts once in [from, to] by the one
 *   fact with from <= day <= to and extra < from: its first such date in the period.
 * - arrangement, paid, eviction: an outcome on its Amsterdam date.
 * - closed: a closing on its Amsterdam date; extra its final result (current codes).
 * - unsplit: a closing as "zelf betaald/regeling"; extra `a|b`: the split outcomes (arrangement
 *   or paid) logged before it, the latest on or before its day (a) and the earliest after (b),
 *   '' for none. Unsplit in [from, to] iff a < from and (b is '' or b > to).
 * - firstContact: the first received signal's date; extra the earliest reached contact ever.
 * - stepDone: a completed step on the day it was done; extra `partnerId|1` (by its deadline) or `|0`.
 * - opened / ended: the case's signal date, and the Amsterdam date it closed (summary): a case
 *   touches [from, to] (and names its groups) iff opened on or before `to` and not ended before `from`.
 */
export type { FigureCount, FigureKey, FigureMeasure };

/** One case's facts: each distinct key once with how often it occurs, in key order. */
export type FigureFact = FigureCount;

/** A key as one string (for maps and a fixed order); the fields cannot contain NUL. */
export function figureKeyString(key: FigureKey): string {
  return [key.measure, key.day, key.extra, key.municipalityId, key.signallerPartnerId, key.signalType].join(
    '\u0000',
  );
}

export function figureFactsOf({ summary, events }: CaseHistory): FigureFact[] {
  const firstReceived = events.find((e) => e.type === 'signal_received');
  const groups = {
    municipalityId: summary.municipalityId,
    signallerPartnerId: summary.signallerPartnerId,
    signalType: firstReceived?.signal.type ?? '',
  };
  const facts = new Map<string, FigureFact>();
  const add = (measure: FigureMeasure, day: IsoDate, extra = '') => {
    const key = { measure, day, extra, ...groups };
    const id = figureKeyString(key);
    const fact = facts.get(id);
    if (fact) fact.n++;
    else facts.set(id, { ...key, n: 1 });
  };
  const reached = new Set<IsoDate>();
  const visited = new Set<IsoDate>();
  /** The days of the split outcomes logged so far, in event order. */
  const splitDays: IsoDate[] = [];
  for (const event of events) {
    switch (event.type) {
      case 'signal_received':
      case 'signal_joined':
        add('signal', event.signal.signalDate, event.signal.type);
        if (event.signal.crisis) add('crisis', event.signal.signalDate);
        break;
      case 'contact_attempt':
        add('contact', event.date);
        if (event.reached) reached.add(event.date);
        if (event.kind === 'Huisbezoek') {
          add('homeVisit', event.date);
          visited.add(event.date);
        }
        break;
      case 'outcome_logged': {
        const on = toIsoDate(event.at);
        const arrangement = ARRANGEMENT_OUTCOMES.has(event.outcomeId);
        const paid = PAID_OUTCOMES.has(event.outcomeId);
        if (arrangement) add('arrangement', on);
        if (paid) add('paid', on);
        if (EVICTION_OUTCOMES.has(event.outcomeId)) add('eviction', on);
        if (arrangement || paid) splitDays.push(on);
        break;
      }
      case 'closed': {
        const on = toIsoDate(event.at);
        // Histories written before DDAS v1.2 carry the old codes: counted under the current ones.
        const result = storedFinalResult(event.finalResult);
        add('closed', on, result);
        if (result === PAID_OR_ARRANGEMENT) {
          const before =
            splitDays
              .filter((d) => d <= on)
              .sort()
              .at(-1) ?? '';
          const after = splitDays.filter((d) => d > on).sort()[0] ?? '';
          add('unsplit', on, `${before}|${after}`);
        }
        break;
      }
      default:
        break;
    }
  }
  addFirstOfEach(add, 'reached', reached);
  addFirstOfEach(add, 'visited', visited);
  const firstContact = [...reached].sort()[0];
  if (firstReceived && firstContact !== undefined)
    add('firstContact', firstReceived.signal.signalDate, firstContact);
  for (const step of summary.completedSteps)
    add('stepDone', step.doneOn, `${step.partnerId}|${step.doneOn <= step.deadline ? 1 : 0}`);
  add('opened', summary.signalDate);
  if (summary.closedAt !== null) add('ended', toIsoDate(summary.closedAt));
  return [...facts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, fact]) => fact);
}

/** Each distinct date with the distinct date before it ('' for the first). */
function addFirstOfEach(
  add: (measure: FigureMeasure, day: IsoDate, extra: string) => void,
  measure: FigureMeasure,
  dates: Set<IsoDate>,
): void {
  let previous = '';
  for (const date of [...dates].sort()) {
    add(measure, date, previous);
    previous = date;
  }
}

/**
 * Running sums of facts over cases, in memory: what lowdb keeps, and what tests sum the facts
 * of histories with. Lists only keys with n > 0.
 */
export class FigureCounter {
  /** Per covenant, the sums by key (figureKeyString). */
  private readonly sums = new Map<string, Map<string, FigureCount>>();

  /** Adds (sign 1) or takes away (sign -1) one case's facts. */
  apply(covenantId: string, facts: readonly FigureFact[], sign: 1 | -1): void {
    let sums = this.sums.get(covenantId);
    if (!sums) this.sums.set(covenantId, (sums = new Map()));
    for (const fact of facts) {
      const id = figureKeyString(fact);
      const sum = sums.get(id);
      if (sum) {
        sum.n += sign * fact.n;
        if (sum.n === 0) sums.delete(id);
      } else sums.set(id, { ...fact, n: sign * fact.n });
    }
  }

  /** Cases.figureCounts over what was applied. */
  counts({ covenantId, from, to, measures }: FigureCountQuery): FigureCount[] {
    const only = measures && new Set<string>(measures);
    const found: FigureCount[] = [];
    for (const sum of this.sums.get(covenantId)?.values() ?? [])
      if (sum.n > 0 && sum.day >= from && sum.day <= to && (!only || only.has(sum.measure)))
        found.push({ ...sum });
    return found;
  }
}
