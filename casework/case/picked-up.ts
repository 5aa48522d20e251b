import { toIsoDate, type IsoDate } from '../covenant/calendar.js';
import type { Covenant } from '../covenant/covenant.js';
import { storedFinalResult, type FinalResult } from '../covenant/final-results.js';
import type { CaseEvent } from './types.js';

// DDAS v1.2: a case's "datum opgepakt" and a signal's status (EnumSignaalstatus), from the history.
//
// Picked up: the first day a partner acted on the household: the date of the first contact
// attempt (reached or not; its own date, which may lie before it was logged), or of the first
// outcome of a step, whichever is earlier. Referring, postponing or taking over a step is
// administration, not acting on the household. An outcome that closes the case with a result that
// is itself a signal status ("Niet opgepakt: …", "Inwoner is overleden", …) is no picking up.

/** The final results that DDAS also lists as a signal status: the signal ends with that status. */
export const SIGNAL_STATUS_RESULTS: ReadonlySet<FinalResult> = new Set<FinalResult>([
  'niet-opgepakt-herhaalde-melding',
  'niet-opgepakt-onterecht-signaal',
  'niet-opgepakt-andere-reden',
  'inwoner-overleden',
  'geen-inwoner',
  'al-bekend-bij-schuldhulpverlening',
]);

/** EnumSignaalstatus as codes: the two states of work, or the result the signal ended with. */
export type SignalStatus = 'nog-niet-opgepakt' | 'opgepakt' | FinalResult;

export function pickedUpOn(covenant: Covenant, events: readonly CaseEvent[]): IsoDate | null {
  const days = events.flatMap((e): IsoDate[] => {
    if (e.type === 'contact_attempt') return [e.date];
    if (e.type !== 'outcome_logged') return [];
    const close = covenant.steps
      .find((s) => s.id === e.stepId)
      ?.outcomes.find((o) => o.id === e.outcomeId)?.close;
    return close && SIGNAL_STATUS_RESULTS.has(close) ? [] : [toIsoDate(e.at)];
  });
  return days.sort()[0] ?? null;
}

/** The status of the case's signals: a signal that joined shares the case's status. */
export function signalStatus(facts: {
  finalResult: string | null;
  pickedUpOn: IsoDate | null;
}): SignalStatus {
  const result = facts.finalResult === null ? null : storedFinalResult(facts.finalResult);
  if (result && SIGNAL_STATUS_RESULTS.has(result)) return result;
  // Closed with another result (help given, no contact possible…): the signal was dealt with.
  return facts.pickedUpOn !== null || result !== null ? 'opgepakt' : 'nog-niet-opgepakt';
}
