import type { IsoDate, WorkingDayCalendar } from '../../covenant/calendar.js';
import type { CaseEventBody, JoinedEntry } from '../../case/types.js';
import type { Covenant } from '../../covenant/covenant.js';
import { InvalidInput, NotAllowed, type FieldError } from '../../errors.js';
import type { Membership } from '../../ports.js';

// What a pure decision gets and gives. It reads nothing from a store: the caller hands it the
// facts, and handle.ts (or the wrapper for registrations and memberships) does the I/O.

/** What a rule may need besides the case: the covenant, its calendar, the time, the actor's membership. */
export interface Facts {
  covenant: Covenant;
  calendar: WorkingDayCalendar;
  now: Date;
  today: IsoDate;
  membership: Membership;
}

/** A change to the personal part, applied by the handler to the stored record. */
export type PersonalChange =
  | { kind: 'reason'; text: string }
  | { kind: 'note'; text: string; visibleTo: string[] }
  | { kind: 'drop_joined_entry'; joinSeq: number }
  /** What a joining partner entered about the household: shown to that partner only. */
  | { kind: 'joined_entry'; household: JoinedEntry['household'] };

/** The events a command causes, with the audit line and any personal change. No events: nothing to do. */
export interface Decided {
  events: CaseEventBody[];
  detail: string;
  personal?: PersonalChange;
}

/** A refused command: the error is a value here; the caller throws it. */
export interface Refused {
  refused: InvalidInput | NotAllowed;
}

export type Decision<T = Decided> = T | Refused;

export function isRefused<T>(decision: Decision<T>): decision is Refused {
  return typeof decision === 'object' && decision !== null && 'refused' in decision;
}

/** Refuses with one field error, e.g. refuseField('date', 'date_in_future'). */
export function refuseField(field: string, code: string, params?: FieldError['params']): Refused {
  return { refused: new InvalidInput({ [field]: params ? { code, params } : { code } }) };
}

/** The decided value, or throws the refusal. */
export function orThrow<T>(decision: Decision<T>): T {
  if (isRefused(decision)) throw decision.refused;
  return decision;
}
