import { toIsoDate, type IsoDate, type WorkingDayCalendar } from './calendar.js';
import type { CaseEventBody } from '../case/types.js';
import type { CaseState } from '../case/state.js';
import {
  findStep,
  type Covenant,
  type DeadlineRule,
  type ResponsibleRule,
  type SpecialRule,
  type StepDefinition,
} from './covenant.js';

// The covenant's step plan applied to a case: who holds a step, until when, and which special
// rules change the route. Pure: the events it returns are appended by the use cases.

interface ResponsibleFacts {
  signallerPartnerId: string;
  municipalityId: string;
}

export function resolveResponsible(
  covenant: Covenant,
  rule: ResponsibleRule,
  facts: ResponsibleFacts,
): string {
  if ('partner' in rule) return rule.partner;
  if ('signaller' in rule) return facts.signallerPartnerId;
  if ('household_municipality' in rule) return facts.municipalityId;
  const role = covenant.roles.find((r) => r.id === rule.role);
  if (!role) throw new Error(`covenant ${covenant.id} has no role "${rule.role}"`);
  return 'partner' in role.holder ? role.holder.partner : facts.municipalityId;
}

export function factsOf(state: CaseState): ResponsibleFacts {
  return { signallerPartnerId: state.signals[0]!.signallerPartnerId, municipalityId: state.municipalityId };
}

export function applyDeadline(
  calendar: WorkingDayCalendar,
  rule: DeadlineRule,
  dates: { signalDate: IsoDate; stepStart: IsoDate },
): IsoDate {
  const from = rule.from === 'signal' ? dates.signalDate : dates.stepStart;
  return rule.unit === 'working_days'
    ? calendar.addWorkingDays(from, rule.days)
    : calendar.addCalendarDays(from, rule.days);
}

/**
 * How AanZet before 2026-12 appended the deadline rule to `because`, in Dutch ("10 werkdagen na
 * het signaal"): only to recognise it in stored histories (casework/reads/views.ts stepReason).
 */
export function legacyDeadlineRuleText(rule: DeadlineRule): string {
  const unit =
    rule.unit === 'working_days'
      ? rule.days === 1
        ? 'werkdag'
        : 'werkdagen'
      : rule.days === 1
        ? 'kalenderdag'
        : 'kalenderdagen';
  return `${rule.days} ${unit} ${rule.from === 'signal' ? 'na het signaal' : 'na de start van de stap'}`;
}

/** The special rule that currently sets this step's deadline, if any. */
function deadlineOverride(
  covenant: Covenant,
  stepId: string,
  flags: readonly string[],
): SpecialRule | undefined {
  return covenant.special_rules.find((r) => r.deadline && r.steps.includes(stepId) && flags.includes(r.when));
}

export function stepDeadline(
  covenant: Covenant,
  calendar: WorkingDayCalendar,
  step: StepDefinition,
  state: Pick<CaseState, 'signals' | 'flags'>,
  stepStart: IsoDate,
): { deadline: IsoDate; because: string; deadlineRule: DeadlineRule; ruleId?: string } {
  const signalDate = state.signals[0]!.signalDate;
  const override = deadlineOverride(covenant, step.id, state.flags);
  if (override?.deadline) {
    return {
      deadline: applyDeadline(calendar, override.deadline, { signalDate, stepStart }),
      because: override.rule,
      deadlineRule: override.deadline,
      ruleId: override.id,
    };
  }
  return {
    deadline: applyDeadline(calendar, step.deadline, { signalDate, stepStart }),
    because: step.rule,
    deadlineRule: step.deadline,
  };
}

export function startStep(
  covenant: Covenant,
  calendar: WorkingDayCalendar,
  state: Pick<CaseState, 'signals' | 'flags' | 'municipalityId'>,
  stepId: string,
  now: Date,
  cause: 'first_step' | 'outcome' | 'special_rule',
  ruleId?: string,
): CaseEventBody {
  const step = findStep(covenant, stepId);
  const facts = {
    signallerPartnerId: state.signals[0]!.signallerPartnerId,
    municipalityId: state.municipalityId,
  };
  const { deadline, because, deadlineRule } = stepDeadline(covenant, calendar, step, state, toIsoDate(now));
  return {
    type: 'step_started',
    stepId,
    responsiblePartnerId: resolveResponsible(covenant, step.responsible, facts),
    deadline,
    because,
    deadlineRule,
    cause,
    ...(ruleId ? { ruleId } : {}),
  };
}

/**
 * Special rules whose condition now holds and that have not been applied yet: a route change
 * (once per case) or a new deadline for the current step. Returns the events to append.
 */
export function specialRuleEvents(
  covenant: Covenant,
  calendar: WorkingDayCalendar,
  state: CaseState,
  now: Date,
): CaseEventBody[] {
  if (state.status !== 'open' || !state.step) return [];
  const events: CaseEventBody[] = [];
  for (const rule of covenant.special_rules) {
    if (!state.flags.includes(rule.when) || state.appliedRules.includes(rule.id)) continue;
    events.push({ type: 'rule_applied', ruleId: rule.id });
    const current = state.step;
    if (rule.route_to && current.id !== rule.route_to && !rule.unless_at.includes(current.id)) {
      const started = startStep(covenant, calendar, state, rule.route_to, now, 'special_rule', rule.id);
      if (started.type === 'step_started') started.because = `${rule.rule} — ${started.because}`;
      events.push(started);
      return events; // the route change decides the deadline of the new step
    }
    if (rule.deadline && rule.steps.includes(current.id)) {
      const step = findStep(covenant, current.id);
      const { deadline, because, deadlineRule } = stepDeadline(
        covenant,
        calendar,
        step,
        state,
        toIsoDate(current.startedAt),
      );
      if (deadline !== current.deadline) {
        events.push({
          type: 'deadline_changed',
          stepId: current.id,
          deadline,
          because,
          deadlineRule,
          ruleId: rule.id,
        });
      }
    }
  }
  return events;
}
