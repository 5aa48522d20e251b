import type { CaseEvent, ContactKind, Daypart, EventAuthor, Signal } from './types.js';
import type { Condition, Covenant, DeadlineRule } from '../covenant/covenant.js';
import { storedFinalResult, type FinalResult } from '../covenant/final-results.js';
import { toIsoDate, type IsoDate } from '../covenant/calendar.js';

// A case is its history: everything below is derived from the events, never stored apart.

export interface CurrentStep {
  id: string;
  responsiblePartnerId: string;
  deadline: IsoDate;
  /** The covenant's rule for this step (or the special rule that set its deadline). */
  because: string;
  /** How the deadline was set; absent in histories that appended it to `because`. */
  deadlineRule?: DeadlineRule;
  /** Referrals and postponements of this step, as facts; their reasons are personal data. */
  changes: StepChange[];
  startedAt: string;
  cause: 'first_step' | 'outcome' | 'special_rule' | 'referral';
  ruleId?: string;
}

/** A referral or postponement; the reason is looked up by seq in the personal part. */
export type StepChange = {
  seq: number;
  at: string;
  by: EventAuthor;
  /** A reason stored inside the event by an older AanZet (blanked by the purge). */
  legacyReason?: string;
} & ({ kind: 'referred'; toPartnerId: string } | { kind: 'postponed'; deadline: IsoDate });

/** A signal that joined the open case of its household. */
export interface Join {
  seq: number;
  at: string;
  partnerId: string;
  signalType: Signal['type'];
}

export interface ContactAttempt {
  kind: ContactKind;
  reached: boolean;
  date: IsoDate;
  daypart: Daypart;
  at: string;
  by: EventAuthor;
}

export interface CaseState {
  caseId: string;
  covenantId: string;
  version: number;
  status: 'open' | 'closed' | 'purged';
  signals: Signal[];
  municipalityId: string;
  flags: Condition[];
  appliedRules: string[];
  step: CurrentStep | null;
  attempts: ContactAttempt[];
  completedSteps: { stepId: string; partnerId: string; deadline: IsoDate; doneOn: IsoDate }[];
  /** Partners with a step on the case (signaller, owners, joint partners, escalation targets). */
  participants: string[];
  /** Joined signals not undone. A joining partner is no participant by joining alone. */
  joins: Join[];
  escalations: { stepId: string; toPartnerId: string; at: string }[];
  finalResult: FinalResult | null;
  openedAt: string;
  closedAt: string | null;
  events: CaseEvent[];
}

export function authorName(by: EventAuthor): string {
  return 'system' in by ? `AanZet (${by.system})` : by.name;
}

export function deriveState(covenant: Covenant, caseId: string, events: CaseEvent[]): CaseState {
  const first = events[0];
  if (!first || first.type !== 'signal_received')
    throw new Error(`case ${caseId} does not start with a signal`);
  const state: CaseState = {
    caseId,
    covenantId: covenant.id,
    version: events.length,
    status: 'open',
    signals: [],
    municipalityId: first.municipalityId,
    flags: [],
    appliedRules: [],
    step: null,
    attempts: [],
    completedSteps: [],
    participants: [],
    joins: [],
    escalations: [],
    finalResult: null,
    openedAt: first.at,
    closedAt: null,
    events,
  };
  const participants = new Set<string>();
  const flags = new Set<Condition>();
  const undone = new Set(events.flatMap((e) => (e.type === 'join_undone' ? [e.joinSeq] : [])));
  for (const event of events) {
    switch (event.type) {
      case 'signal_received':
        state.signals.push(event.signal);
        participants.add(event.signal.signallerPartnerId);
        if (event.signal.crisis) flags.add('crisis');
        break;
      case 'signal_joined':
        if (undone.has(event.seq)) break;
        state.signals.push(event.signal);
        state.joins.push({
          seq: event.seq,
          at: event.at,
          partnerId: event.signal.signallerPartnerId,
          signalType: event.signal.type,
        });
        if (event.signal.crisis) flags.add('crisis');
        event.flags?.forEach((f) => flags.add(f));
        break;
      case 'join_undone':
        break;
      case 'flags_set':
        event.flags.forEach((f) => flags.add(f));
        break;
      case 'step_started': {
        const stepDef = covenant.steps.find((s) => s.id === event.stepId);
        // A referral hands the same step on: its rule and earlier changes stay with it.
        const previous = event.cause === 'referral' ? state.step : null;
        const deadlineRule = previous ? previous.deadlineRule : event.deadlineRule;
        state.step = {
          id: event.stepId,
          responsiblePartnerId: event.responsiblePartnerId,
          deadline: event.deadline,
          because: previous?.because ?? event.because,
          ...(deadlineRule ? { deadlineRule } : {}),
          changes: previous?.changes ?? [],
          startedAt: event.at,
          cause: event.cause,
          ...(event.ruleId ? { ruleId: event.ruleId } : {}),
        };
        participants.add(event.responsiblePartnerId);
        stepDef?.with.forEach((p) => participants.add(p));
        break;
      }
      case 'deadline_changed':
        if (state.step?.id !== event.stepId) break;
        if (event.ruleId)
          state.step = {
            ...state.step,
            deadline: event.deadline,
            because: event.because,
            ...(event.deadlineRule ? { deadlineRule: event.deadlineRule } : {}),
          };
        else
          state.step = {
            ...state.step,
            deadline: event.deadline,
            changes: [...state.step.changes, postponement(event)],
          };
        break;
      case 'rule_applied':
        state.appliedRules.push(event.ruleId);
        break;
      case 'contact_attempt':
        state.attempts.push({
          kind: event.kind,
          reached: event.reached,
          date: event.date,
          daypart: event.daypart,
          at: event.at,
          by: event.by,
        });
        break;
      case 'outcome_logged':
        if (state.step) {
          state.completedSteps.push({
            stepId: state.step.id,
            partnerId: state.step.responsiblePartnerId,
            deadline: state.step.deadline,
            doneOn: toIsoDate(event.at),
          });
        }
        break;
      case 'referred':
        participants.add(event.toPartnerId);
        if (state.step)
          state.step.changes = [
            ...state.step.changes,
            {
              kind: 'referred',
              seq: event.seq,
              at: event.at,
              by: event.by,
              toPartnerId: event.toPartnerId,
              ...(event.reason ? { legacyReason: event.reason } : {}),
            },
          ];
        break;
      case 'escalated':
        participants.add(event.toPartnerId);
        state.escalations.push({ stepId: event.stepId, toPartnerId: event.toPartnerId, at: event.at });
        break;
      case 'note_added':
        break;
      case 'closed':
        state.status = 'closed';
        // A history closed before DDAS v1.2 may carry a renamed code.
        state.finalResult = storedFinalResult(event.finalResult);
        state.closedAt = event.at;
        state.step = null;
        break;
      case 'purged':
        state.status = 'purged';
        break;
    }
  }
  if (new Set(state.signals.map((s) => `${s.signallerPartnerId}|${s.type}`)).size > 1)
    flags.add('multiple_arrears');
  state.flags = [...flags].sort();
  state.participants = [...participants].sort();
  return state;
}

/** A postponement as a fact; an older history's reason is cut from its `because` sentence. */
function postponement(event: Extract<CaseEvent, { type: 'deadline_changed' }>): StepChange {
  const legacy = legacyPostponeReason(event.because);
  return {
    kind: 'postponed',
    seq: event.seq,
    at: event.at,
    by: event.by,
    deadline: event.deadline,
    ...(legacy ? { legacyReason: legacy } : {}),
  };
}

/** An older history's postponement carried its reason in `because`: "<rule> — uitgesteld door <name>: <reason>". */
export function legacyPostponeReason(because: string): string | undefined {
  return / — uitgesteld door [^:]*: ([\s\S]*)$/.exec(because)?.[1];
}

/** Partners the overview lists the case for: those with a step, and those whose signal joined. */
export function involvedPartners(state: CaseState): string[] {
  return [...new Set([...state.participants, ...state.joins.map((j) => j.partnerId)])].sort();
}

/** Who changed the case last, and when; `system` when AanZet itself did (a code cards word). */
export function lastChange(state: CaseState): { at: string; by: string; system?: string } {
  const last = state.events[state.events.length - 1]!;
  return { at: last.at, by: authorName(last.by), ...('system' in last.by ? { system: last.by.system } : {}) };
}
