import {
  activeMembership,
  isCoordinator,
  requireCoordinator,
  requireStepActor,
  type Actor,
} from './access.js';
import { toIsoDate } from './calendar.js';
import type { CaseEventBody } from './case-types.js';
import { authorOf, type CaseworkContext, type LoadedCase } from './context.js';
import { findStep } from './covenant.js';
import { CaseClosed, InvalidInput, NotAllowed } from './errors.js';
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
import { startStep } from './step-plan.js';

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
  const { covenant, state } = loaded;
  const membership = requireStepActor(actor, covenant, state, 'refer the case');
  const target = covenant.partners.find((p) => p.id === input.toPartnerId);
  if (!target) throw new InvalidInput({ toPartnerId: 'kies een partner uit het convenant' });
  const step = state.step!;
  if (target.id === step.responsiblePartnerId)
    throw new InvalidInput({ toPartnerId: `${target.name} heeft deze stap al` });
  const from = covenant.partners.find((p) => p.id === membership.partnerId)?.name ?? membership.partnerId;
  const bodies: CaseEventBody[] = [
    { type: 'referred', stepId: step.id, toPartnerId: target.id, reason: input.reason },
    {
      type: 'step_started',
      stepId: step.id,
      responsiblePartnerId: target.id,
      deadline: step.deadline,
      because: `Doorverwezen door ${from}: ${input.reason}`,
      cause: 'referral',
    },
  ];
  const saved = await ctx.commit(loaded, bodies, authorOf(actor, membership.partnerId), {
    userId: actor.userId,
    partnerId: membership.partnerId,
    action: 'change',
    detail: `referred step ${step.id} to ${target.id}`,
  });
  return saved;
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

/** A confidential note (e.g. from the GGD): visible to the writing partner and the coordinator only. */
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
  if (!state.participants.includes(membership.partnerId) && !isCoordinator(covenant, membership))
    throw new NotAllowed('add a note', 'your organisation has no step on this case', {
      code: 'no_step_on_case',
    });
  const coordinatorPartners = covenant.roles
    .filter((r) => r.id === covenant.coordinator_role)
    .map((r) => ('partner' in r.holder ? r.holder.partner : state.municipalityId));
  const visibleTo = [...new Set([membership.partnerId, ...coordinatorPartners])];
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
  return referCase(ctx, actor, caseId, expectedVersion, {
    toPartnerId: membership.partnerId,
    reason: `stap overgenomen door ${actor.name}`,
  });
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
  const because = `${step.because} — uitgesteld door ${actor.name}: ${input.reason}`;
  return ctx.commit(
    loaded,
    [{ type: 'deadline_changed', stepId: step.id, deadline, because }],
    authorOf(actor, membership.partnerId),
    {
      userId: actor.userId,
      partnerId: membership.partnerId,
      action: 'change',
      detail: `postponed to ${deadline}`,
    },
  );
}
