import { DateTime } from 'luxon';
import type { IsoDate } from '../../covenant/calendar.js';
import type { CaseEventBody } from '../../case/types.js';
import type { CaseState } from '../../case/state.js';
import { findStep, type Covenant } from '../../covenant/covenant.js';
import { startStep } from '../../covenant/step-plan.js';
import type { FinalResult } from '../../covenant/final-results.js';
import type { ContactAttempt, Outcome } from '../inputs.js';
import { refuseField, type Decided, type Decision, type Facts } from './decision.js';

// The rules of the commands that move a case along its step plan, given an open case and an
// authorised actor (handle.ts checks both first).

export function decideContactAttempt(state: CaseState, input: ContactAttempt, facts: Facts): Decision {
  if (input.date > facts.today) return refuseField('date', 'date_in_future');
  if (input.date < state.signals[0]!.signalDate) return refuseField('date', 'date_before_signal');
  return {
    events: [{ type: 'contact_attempt', ...input }],
    detail: `contact attempt: ${input.kind}, reached ${input.reached}`,
  };
}

export function decideOutcome(state: CaseState, input: Outcome, facts: Facts): Decision {
  const { covenant } = facts;
  const step = findStep(covenant, state.step!.id);
  const outcome = step.outcomes.find((o) => o.id === input.outcomeId);
  if (!outcome)
    return refuseField('outcomeId', 'outcome_not_of_step', {
      step: step.name,
      options: step.outcomes.map((o) => o.label).join(', '),
    });
  const unknown = input.solutions.filter((s) => !step.solutions.includes(s));
  if (unknown.length > 0)
    return refuseField('solutions', 'unknown_solution', { solutions: unknown.join(', ') });
  const events: CaseEventBody[] = [
    { type: 'outcome_logged', stepId: step.id, outcomeId: outcome.id, solutions: input.solutions },
  ];
  if (outcome.close) events.push({ type: 'closed', finalResult: outcome.close });
  else events.push(startStep(covenant, facts.calendar, state, outcome.next!, facts.now, 'outcome'));
  return { events, detail: `outcome ${outcome.id} at step ${step.id}` };
}

/**
 * Hands the current step to another partner; the deadline stays. The event keeps the fact (who,
 * to whom, that there is a reason); the reason goes into the personal part, so the purge removes it.
 */
export function decideReferral(
  state: CaseState,
  input: { toPartnerId: string; reason: string | null },
  facts: Facts,
): Decision {
  const target = facts.covenant.partners.find((p) => p.id === input.toPartnerId);
  if (!target) return refuseField('toPartnerId', 'partner_not_in_covenant');
  const step = state.step!;
  if (target.id === step.responsiblePartnerId)
    return refuseField('toPartnerId', 'partner_has_step', { partner: target.name });
  const decided: Decided = {
    events: [
      { type: 'referred', stepId: step.id, toPartnerId: target.id, withReason: input.reason !== null },
      {
        type: 'step_started',
        stepId: step.id,
        responsiblePartnerId: target.id,
        deadline: step.deadline,
        because: '',
        cause: 'referral',
      },
    ],
    detail: `referred step ${step.id} to ${target.id}`,
  };
  return input.reason === null ? decided : { ...decided, personal: { kind: 'reason', text: input.reason } };
}

/** The actor's own organisation takes the current step over: a referral to itself, without a reason. */
export function decideTakeOver(state: CaseState, facts: Facts): Decision {
  if (state.step!.responsiblePartnerId === facts.membership.partnerId) return { events: [], detail: '' };
  return decideReferral(state, { toPartnerId: facts.membership.partnerId, reason: null }, facts);
}

/** A later deadline for the current step; the event says that it was postponed, the reason is personal. */
export function decidePostponement(
  state: CaseState,
  input: { until: IsoDate; reason: string },
  facts: Facts,
): Decision {
  const step = state.step!;
  const deadline = facts.calendar.nextWorkingDayOnOrAfter(input.until);
  if (deadline <= step.deadline) return refuseField('until', 'deadline_not_later');
  const latest = latestPostponement(facts.covenant, facts.today);
  if (deadline > latest)
    return refuseField('until', 'postponement_too_far', {
      maxMonths: facts.covenant.postponement.max_months,
      latest,
    });
  return {
    events: [{ type: 'deadline_changed', stepId: step.id, deadline, because: '', withReason: true }],
    detail: `postponed to ${deadline}`,
    personal: { kind: 'reason', text: input.reason },
  };
}

/** The covenant's maximum: a postponed deadline lies at most max_months after today. */
export function latestPostponement(covenant: Covenant, today: IsoDate): IsoDate {
  return DateTime.fromISO(today).plus({ months: covenant.postponement.max_months }).toISODate()!;
}

/** The coordinator closes a case with a national final result at any step. */
export function decideClosing(input: { finalResult: FinalResult }): Decision {
  return {
    events: [{ type: 'closed', finalResult: input.finalResult }],
    detail: `closed: ${input.finalResult}`,
  };
}

/** A confidential note: read by the writer's organisation and whoever holds the coordinator role. */
export function decideNote(input: { text: string }, facts: Facts): Decision {
  const visibleTo = [facts.membership.partnerId];
  return {
    events: [{ type: 'note_added', visibleTo }],
    detail: 'confidential note added',
    personal: { kind: 'note', text: input.text, visibleTo },
  };
}

/** The coordinator takes a joined signal off the case; its flags go, its partner's entry is removed. */
export function decideUndoJoin(state: CaseState, input: { joinSeq: number }): Decision {
  const join = state.joins.find((j) => j.seq === input.joinSeq);
  if (!join) return refuseField('joinSeq', 'join_not_on_case');
  return {
    events: [{ type: 'join_undone', joinSeq: input.joinSeq, partnerId: join.partnerId }],
    detail: `joined signal (event ${input.joinSeq}) of ${join.partnerId} undone, its entry removed`,
    personal: { kind: 'drop_joined_entry', joinSeq: input.joinSeq },
  };
}
