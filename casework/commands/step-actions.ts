import type { Actor } from '../access.js';
import type { CaseworkContext, LoadedCase } from '../context.js';
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
import { handle } from './handle.js';

// The commands that move a case along its step plan, as the facade calls them. Each carries the
// version it expects; the input is checked here, the rules are in decisions/step-decisions.ts.

export function logContactAttempt(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: ContactAttemptInput,
): Promise<LoadedCase> {
  const input = parseInput(contactAttemptInput, raw);
  return handle(ctx, actor, caseId, expectedVersion, { type: 'log_contact_attempt', input });
}

export function logOutcome(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: OutcomeInput,
): Promise<LoadedCase> {
  const input = parseInput(outcomeInput, raw);
  return handle(ctx, actor, caseId, expectedVersion, { type: 'log_outcome', input });
}

/** Hands the current step to another partner of the covenant; the deadline stays. */
export function referCase(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: { toPartnerId: string; reason: string },
): Promise<LoadedCase> {
  const input = parseInput(referInput, raw);
  return handle(ctx, actor, caseId, expectedVersion, { type: 'refer', input });
}

/** The coordinator may close a case with a national final result at any step. */
export function closeCase(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: { finalResult: string },
): Promise<LoadedCase> {
  const input = parseInput(closeInput, raw);
  return handle(ctx, actor, caseId, expectedVersion, { type: 'close', input });
}

/** A confidential note (e.g. from the GGD): for the writer's organisation and the coordinator role only. */
export function addConfidentialNote(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: { text: string },
): Promise<LoadedCase> {
  const input = parseInput(noteInput, raw);
  return handle(ctx, actor, caseId, expectedVersion, { type: 'add_note', input });
}

/** The actor's own organisation takes the current step over (from a reminder or an escalation). */
export function takeOverStep(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
): Promise<LoadedCase> {
  return handle(ctx, actor, caseId, expectedVersion, { type: 'take_over' });
}

/** A later deadline for the current step, with the reason in the case history. */
export function postponeStep(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  expectedVersion: number,
  raw: { until: string; reason: string },
): Promise<LoadedCase> {
  const input = parseInput(postponeInput, raw);
  return handle(ctx, actor, caseId, expectedVersion, { type: 'postpone', input });
}

export { latestPostponement } from './decisions/step-decisions.js';
