import type { IsoDate } from '../../covenant/calendar.js';
import type { CaseState } from '../../case/state.js';
import type { FinalResult } from '../../covenant/final-results.js';
import type { ContactAttempt, Outcome } from '../inputs.js';
import type { Decision, Facts } from './decision.js';
import {
  decideClosing,
  decideContactAttempt,
  decideNote,
  decideOutcome,
  decidePostponement,
  decideReferral,
  decideTakeOver,
  decideUndoJoin,
} from './step-decisions.js';

/** The commands on one open case, with their already parsed input. */
export type CaseCommand =
  | { type: 'log_contact_attempt'; input: ContactAttempt }
  | { type: 'log_outcome'; input: Outcome }
  | { type: 'refer'; input: { toPartnerId: string; reason: string } }
  | { type: 'take_over' }
  | { type: 'postpone'; input: { until: IsoDate; reason: string } }
  | { type: 'close'; input: { finalResult: FinalResult } }
  | { type: 'add_note'; input: { text: string } }
  | { type: 'undo_join'; input: { joinSeq: number } };

/** Who may give each command, and the action as a refusal and the audit log name it. */
export const COMMAND_ACCESS: Record<
  CaseCommand['type'],
  { who: 'step_actor' | 'coordinator' | 'participant'; action: string }
> = {
  log_contact_attempt: { who: 'step_actor', action: 'log a contact attempt' },
  log_outcome: { who: 'step_actor', action: 'log an outcome' },
  refer: { who: 'step_actor', action: 'refer the case' },
  take_over: { who: 'step_actor', action: 'take over the step' },
  postpone: { who: 'step_actor', action: 'postpone the step' },
  close: { who: 'coordinator', action: 'close a case' },
  add_note: { who: 'participant', action: 'add a note' },
  undo_join: { who: 'coordinator', action: 'undo a joined signal' },
};

/** The one pure entry: the events a command causes on this case, or why it is refused. */
export function decide(state: CaseState, command: CaseCommand, facts: Facts): Decision {
  switch (command.type) {
    case 'log_contact_attempt':
      return decideContactAttempt(state, command.input, facts);
    case 'log_outcome':
      return decideOutcome(state, command.input, facts);
    case 'refer':
      return decideReferral(state, command.input, facts);
    case 'take_over':
      return decideTakeOver(state, facts);
    case 'postpone':
      return decidePostponement(state, command.input, facts);
    case 'close':
      return decideClosing(command.input);
    case 'add_note':
      return decideNote(command.input, facts);
    case 'undo_join':
      return decideUndoJoin(state, command.input);
  }
}
