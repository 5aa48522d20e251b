import { DateTime } from 'luxon';
import { activeMembership, type Actor } from '../access.js';
import { toIsoDate, ZONE } from '../covenant/calendar.js';
import {
  householdKey,
  type CaseEvent,
  type CaseEventBody,
  type CaseRecord,
  type OutsideCriteria,
  type PersonalData,
} from '../case/types.js';
import { deriveState } from '../case/state.js';
import { authorOf, type CaseworkContext, type LoadedCase } from '../context.js';
import type { Covenant } from '../covenant/covenant.js';
import { InvalidInput, StaleVersion } from '../errors.js';
import {
  parseInput,
  registerSignalInput,
  signalInput,
  type RegisterSignal,
  type RegisterSignalInput,
} from './inputs.js';
import { DuplicateCase } from '../ports.js';
import { startStep } from '../covenant/step-plan.js';
import { summarize } from '../case/summary.js';
import { orThrow } from './decisions/decision.js';
import {
  decideJoin,
  decideRegistration,
  observationAudit,
  outsideCriteria,
  signalInputErrors,
  splitHousehold,
  type Registration,
} from './decisions/registration.js';
import { commitDecided, factsFor } from './handle.js';
import { observationErrors } from './decisions/observations.js';

// Registering a signal: a new case, or joining the household's open case. The rules are in
// decisions/registration.ts; a join commits through the same path as every case command.

export interface RegisteredSignal {
  caseId: string;
  /** True when the household already had an open case and the signal joined it. */
  joined: boolean;
  loaded: LoadedCase;
  /** Set when the signal fell outside the criteria: recorded in a case closed at once. */
  outsideCriteria: OutsideCriteria | null;
}

export async function registerSignal(
  ctx: CaseworkContext,
  actor: Actor,
  raw: RegisterSignalInput,
  /** The signal's id in the sender's system (an import); stored on the signal's event. */
  sourceId?: string,
): Promise<RegisteredSignal> {
  const parsed = parseInput(registerSignalInput, raw);
  const covenant = ctx.covenant(parsed.covenantId);
  const membership = activeMembership(actor, covenant, 'register a signal');
  const decided = orThrow(decideRegistration(parsed, factsFor(ctx, covenant, membership)));
  const registration =
    sourceId === undefined ? decided : { ...decided, signal: { ...decided.signal, sourceId } };
  const by = authorOf(actor, membership.partnerId);
  const key = householdKey(registration.input.household);
  if (registration.outsideCriteria) {
    // Recorded on its own and closed: it joins no open case, so that case's work is untouched.
    const loaded = await openCase(ctx, covenant, registration, by, key);
    return { caseId: loaded.record.id, joined: false, loaded, outsideCriteria: registration.outsideCriteria };
  }

  for (let attempt = 0; attempt < 3; attempt++) {
    const open = await ctx.deps.cases.findOpenByHousehold(covenant.id, key);
    if (open) {
      const loaded = { record: open, covenant, state: deriveState(covenant, open.id, open.events) };
      try {
        const saved = await commitDecided(
          ctx,
          actor,
          loaded,
          membership,
          decideJoin(loaded.state, registration),
        );
        return { caseId: open.id, joined: true, loaded: saved, outsideCriteria: null };
      } catch (error) {
        // Someone else wrote to the case at the same moment: read it again and join then.
        if (!(error instanceof StaleVersion) || attempt === 2) throw error;
        continue;
      }
    }
    try {
      const loaded = await openCase(ctx, covenant, registration, by, key);
      return { caseId: loaded.record.id, joined: false, loaded, outsideCriteria: null };
    } catch (error) {
      if (!(error instanceof DuplicateCase && error.reason === 'household') || attempt === 2) throw error;
    }
  }
  throw new Error('unreachable');
}

async function openCase(
  ctx: CaseworkContext,
  covenant: Covenant,
  { input, signal, municipalityId, outsideCriteria }: Registration,
  by: ReturnType<typeof authorOf>,
  key: string,
): Promise<LoadedCase> {
  const year = DateTime.fromJSDate(ctx.now(), { zone: ZONE }).year;
  const number = await ctx.deps.cases.nextCaseNumber(covenant.id, year);
  const caseId = `${covenant.case_prefix}-${year}-${String(number).padStart(4, '0')}`;
  const opening: CaseEventBody[] = [{ type: 'signal_received', signal, municipalityId }];
  if (input.flags.length > 0) opening.push({ type: 'flags_set', flags: input.flags });
  if (outsideCriteria)
    opening.push({ type: 'closed', finalResult: 'niet-opgepakt-onterecht-signaal', outsideCriteria });
  const draft = ctx.stamp(covenant, caseId, [], opening, by);
  const events = outsideCriteria
    ? draft
    : [...draft, ...ctx.stamp(covenant, caseId, draft, [firstStep(ctx, covenant, caseId, draft)], STEP_PLAN)];
  const state = deriveState(covenant, caseId, events);
  const { address, ...rest } = splitHousehold(input);
  const personal: PersonalData = { ...rest, address, notes: [] };
  const record: CaseRecord = {
    id: caseId,
    covenantId: covenant.id,
    version: events.length,
    // The key only finds a household's open case; one closed from the start needs none (and
    // must not collide with the household's open case).
    householdKey: outsideCriteria ? null : key,
    personal,
    events,
    summary: summarize(covenant, state),
  };
  const audit = {
    userId: by.userId,
    partnerId: by.partnerId,
    action: 'change',
    detail: outsideCriteria
      ? `signal outside the criteria (${outsideCriteria.code}) recorded, case closed`
      : `signal registered, case opened${observationAudit(signal)}`,
  } as const;
  await ctx.deps.cases.create(record, [ctx.auditEntry(caseId, audit)]);
  return { record, covenant, state };
}

const STEP_PLAN = { system: 'stappenplan' } as const;

function firstStep(ctx: CaseworkContext, covenant: Covenant, caseId: string, draft: CaseEvent[]) {
  const state = deriveState(covenant, caseId, draft);
  return startStep(covenant, ctx.calendar(covenant), state, covenant.first_step, ctx.now(), 'first_step');
}

/**
 * The signal on its own: its fields and dates that cannot be (a signal date in the future, dates
 * out of order), so a form that asks for the arrears before the rest can show the errors on that
 * step. A signal outside the criteria is no error: registering records it as unjustified.
 * Field paths are relative to the signal ("arisingDate", "preChecks.reminderSentOn").
 */
export function checkSignal(ctx: CaseworkContext, raw: unknown): RegisterSignal['signal'] {
  const signal = parseInput(signalInput, raw);
  const errors = signalInputErrors(toIsoDate(ctx.now()), signal);
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
  return signal;
}

/** Whether a signal that passes checkSignal falls outside the criteria (it would be recorded as not taken up). */
export function signalOutsideCriteria(ctx: CaseworkContext, raw: unknown): OutsideCriteria | null {
  return outsideCriteria(checkSignal(ctx, raw));
}

/**
 * The own observations on the household card (household size, children) against the covenant's
 * policy, so that card shows the refusal before the rest of the flow. Paths as in the register input.
 */
export function checkObservations(
  ctx: CaseworkContext,
  covenantId: string,
  entered: { adults?: number; children?: number; observationConsent: boolean },
): void {
  const policy = ctx.covenant(covenantId).signals.observations;
  const errors = observationErrors(policy, {
    household: entered,
    flags: [],
    observationConsent: entered.observationConsent,
  });
  if (Object.keys(errors).length > 0) throw new InvalidInput(errors);
}
