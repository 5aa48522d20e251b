import { DateTime } from 'luxon';
import {
  activeMembership,
  maySeePersonalData,
  requireCoordinator,
  requireStepActor,
  type Actor,
} from '../access.js';
import { toIsoDate, type IsoDate } from '../covenant/calendar.js';
import type { CaseEventBody, PersonalData } from '../case/types.js';
import { authorOf, type CaseworkContext, type LoadedCase } from '../context.js';
import { findStep, type Covenant } from '../covenant/covenant.js';
import { CaseClosed, InvalidInput, NotAllowed } from '../errors.js';
import {
  closeInput,
  contactAttemptInput,
  noteInput,
  outcomeInput,
  parseInput,
  postponeInput,
  referInput,
  type ContactAttemptInput,
  type OutcomeInput,
} from './inputs.js';
import { startStep } from '../covenant/step-plan.js';

// The commands that move a case along its step plan. Each carries the version it expects.

async function loadOpen(ctx: CaseworkContext, caseId: string, expectedVersion: number): Promise<LoadedCase> {
  const loaded = await ctx.load(caseId);
  ctx.requireVersion(loaded, expectedVersion);
  if (loaded.state.status !== 'open') throw new CaseClosed(loaded.record.id);
  return loaded;
}

export async function logContactAttempt(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: ContactAttemptInput,
): Promise<LoadedCase> {
  const input = parseInput(contactAttemptInput, raw);
  const loaded = await loadOpen(ctx, caseId, expectedVersion);
  const membership = requireStepActor(actor, loaded.covenant, loaded.state, 'log a contact attempt');
  if (input.date > toIsoDate(ctx.now())) throw new InvalidInput({ date: 'de datum ligt in de toekomst' });
  if (input.date < loaded.state.signals[0]!.signalDate)
    throw new InvalidInput({ date: 'de datum ligt vóór het signaal' });
  const saved = await ctx.commit(
    loaded,
    [{ type: 'contact_attempt', ...input }],
    authorOf(actor, membership.partnerId),
    {
      userId: actor.userId,
      partnerId: membership.partnerId,
      action: 'change',
      detail: `contact attempt: ${input.kind}, reached ${input.reached}`,
    },
  );
  return saved;
}

export async function logOutcome(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: OutcomeInput,
): Promise<LoadedCase> {
  const input = parseInput(outcomeInput, raw);
  const loaded = await loadOpen(ctx, caseId, expectedVersion);
  const { covenant, state } = loaded;
  const membership = requireStepActor(actor, covenant, state, 'log an outcome');
  const step = findStep(covenant, state.step!.id);
  const outcome = step.outcomes.find((o) => o.id === input.outcomeId);
  if (!outcome)
    throw new InvalidInput({
      outcomeId: `deze uitkomst hoort niet bij de stap "${step.name}"; kies uit: ${step.outcomes.map((o) => o.label).join(', ')}`,
    });
  const unknown = input.solutions.filter((s) => !step.solutions.includes(s));
  if (unknown.length > 0) throw new InvalidInput({ solutions: `onbekende oplossing: ${unknown.join(', ')}` });

  const bodies: CaseEventBody[] = [
    { type: 'outcome_logged', stepId: step.id, outcomeId: outcome.id, solutions: input.solutions },
  ];
  if (outcome.close) bodies.push({ type: 'closed', finalResult: outcome.close });
  else bodies.push(startStep(covenant, ctx.calendar(covenant), state, outcome.next!, ctx.now(), 'outcome'));
  const saved = await ctx.commit(loaded, bodies, authorOf(actor, membership.partnerId), {
    userId: actor.userId,
    partnerId: membership.partnerId,
    action: 'change',
    detail: `outcome ${outcome.id} at step ${step.id}`,
  });
  return saved;
}

/** Hands the current step to another partner of the covenant; the deadline stays. */
export async function referCase(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: { toPartnerId: string; reason: string },
): Promise<LoadedCase> {
  const input = parseInput(referInput, raw);
  const loaded = await loadOpen(ctx, caseId, expectedVersion);
  return handOn(ctx, actor, loaded, input.toPartnerId, input.reason, 'refer the case');
}

/**
 * The referral itself. The event keeps the fact (who, to whom, that there is a reason); the
 * reason goes into the personal part, so the purge removes it.
 */
async function handOn(
  ctx: CaseworkContext,
  actor: Actor,
  loaded: LoadedCase,
  toPartnerId: string,
  reason: string | null,
  action: string,
): Promise<LoadedCase> {
  const { covenant, state } = loaded;
  const membership = requireStepActor(actor, covenant, state, action);
  const target = covenant.partners.find((p) => p.id === toPartnerId);
  if (!target) throw new InvalidInput({ toPartnerId: 'kies een partner uit het convenant' });
  const step = state.step!;
  if (target.id === step.responsiblePartnerId)
    throw new InvalidInput({ toPartnerId: `${target.name} heeft deze stap al` });
  const bodies: CaseEventBody[] = [
    { type: 'referred', stepId: step.id, toPartnerId: target.id, withReason: reason !== null },
    {
      type: 'step_started',
      stepId: step.id,
      responsiblePartnerId: target.id,
      deadline: step.deadline,
      because: '',
      cause: 'referral',
    },
  ];
  return ctx.commit(
    loaded,
    bodies,
    authorOf(actor, membership.partnerId),
    {
      userId: actor.userId,
      partnerId: membership.partnerId,
      action: 'change',
      detail: `referred step ${step.id} to ${target.id}`,
    },
    reason === null ? undefined : withReason(loaded, membership.partnerId, reason),
  );
}

/** The personal part with a reason for the first event of the coming commit. */
function withReason(loaded: LoadedCase, partnerId: string, text: string): PersonalData | undefined {
  const personal = loaded.record.personal;
  if (!personal) return undefined;
  const reason = { seq: loaded.record.version + 1, byPartnerId: partnerId, text };
  return { ...personal, reasons: [...(personal.reasons ?? []), reason] };
}

/** The coordinator may close a case with a national final result at any step. */
export async function closeCase(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: { finalResult: string },
): Promise<LoadedCase> {
  const input = parseInput(closeInput, raw);
  const loaded = await loadOpen(ctx, caseId, expectedVersion);
  const membership = requireCoordinator(actor, loaded.covenant, 'close a case');
  const saved = await ctx.commit(
    loaded,
    [{ type: 'closed', finalResult: input.finalResult }],
    authorOf(actor, membership.partnerId),
    {
      userId: actor.userId,
      partnerId: membership.partnerId,
      action: 'change',
      detail: `closed: ${input.finalResult}`,
    },
  );
  return saved;
}

/** A confidential note (e.g. from the GGD): for the writer's organisation and the coordinator role only. */
export async function addConfidentialNote(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: { text: string },
): Promise<LoadedCase> {
  const input = parseInput(noteInput, raw);
  const loaded = await loadOpen(ctx, caseId, expectedVersion);
  const { covenant, state, record } = loaded;
  const membership = activeMembership(actor, covenant, 'add a note');
  if (!maySeePersonalData(covenant, membership, state))
    throw new NotAllowed('add a note', 'your organisation has no step on this case', {
      code: 'no_step_on_case',
    });
  // Read by the writer's organisation and by whoever holds the coordinator role (mayReadNote).
  const visibleTo = [membership.partnerId];
  const personal = record.personal!;
  const note = {
    at: ctx.now().toISOString(),
    byPartnerId: membership.partnerId,
    text: input.text,
    visibleTo,
  };
  const saved = await ctx.commit(
    loaded,
    [{ type: 'note_added', visibleTo }],
    authorOf(actor, membership.partnerId),
    {
      userId: actor.userId,
      partnerId: membership.partnerId,
      action: 'change',
      detail: 'confidential note added',
    },
    { ...personal, notes: [...personal.notes, note] },
  );
  return saved;
}

/** The actor's own organisation takes the current step over (from a reminder or an escalation). */
export async function takeOverStep(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
): Promise<LoadedCase> {
  const loaded = await loadOpen(ctx, caseId, expectedVersion);
  const membership = requireStepActor(actor, loaded.covenant, loaded.state, 'take over the step');
  if (loaded.state.step!.responsiblePartnerId === membership.partnerId) return loaded; // already theirs
  // A referral to the actor's own organisation, without a reason: the fact says it all.
  return handOn(ctx, actor, loaded, membership.partnerId, null, 'take over the step');
}

/** A later deadline for the current step, with the reason in the case history. */
export async function postponeStep(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: { until: string; reason: string },
): Promise<LoadedCase> {
  const input = parseInput(postponeInput, raw);
  const loaded = await loadOpen(ctx, caseId, expectedVersion);
  const membership = requireStepActor(actor, loaded.covenant, loaded.state, 'postpone the step');
  const step = loaded.state.step!;
  const deadline = ctx.calendar(loaded.covenant).nextWorkingDayOnOrAfter(input.until);
  if (deadline <= step.deadline) throw new InvalidInput({ until: 'kies een datum na de huidige termijn' });
  const latest = latestPostponement(loaded.covenant, toIsoDate(ctx.now()));
  if (deadline > latest)
    throw new InvalidInput({
      until: `uitstellen kan tot hoogstens ${loaded.covenant.postponement.max_months} maanden vooruit (uiterlijk ${latest})`,
    });
  // The event says that it was postponed; the reason goes into the personal part.
  return ctx.commit(
    loaded,
    [{ type: 'deadline_changed', stepId: step.id, deadline, because: '', withReason: true }],
    authorOf(actor, membership.partnerId),
    {
      userId: actor.userId,
      partnerId: membership.partnerId,
      action: 'change',
      detail: `postponed to ${deadline}`,
    },
    withReason(loaded, membership.partnerId, input.reason),
  );
}

/** The covenant's maximum: a postponed deadline lies at most max_months after today. */
export function latestPostponement(covenant: Covenant, today: IsoDate): IsoDate {
  return DateTime.fromISO(today).plus({ months: covenant.postponement.max_months }).toISODate()!;
}
