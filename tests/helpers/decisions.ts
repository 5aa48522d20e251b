import { DateTime } from 'luxon';
import { expect } from 'vitest';
import { createCalendar, toIsoDate } from '../../casework/covenant/calendar.js';
import type { CaseEvent, CaseEventBody, Signal } from '../../casework/case/types.js';
import { deriveState, type CaseState } from '../../casework/case/state.js';
import type { Covenant } from '../../casework/covenant/covenant.js';
import { startStep } from '../../casework/covenant/step-plan.js';
import { decide, type CaseCommand } from '../../casework/commands/decisions/case-commands.js';
import { isRefused, type Decision, type Facts } from '../../casework/commands/decisions/decision.js';
import { InvalidInput, NotAllowed, type FieldError, type Refusal } from '../../casework/errors.js';
import type { Membership } from '../../casework/ports.js';
import { loadCovenants } from '../../storage/covenant-files.js';

// given(events).when(command).then(events | refusal): a decision on a case with no store at all.
// The case is the covenant's own events; "now" is 10:00 Amsterdam time on the given day.

const covenants = loadCovenants();

export function covenant(id: string): Covenant {
  return covenants.find((c) => c.id === id)!;
}

type Expected =
  | CaseEventBody[]
  | { fieldErrors: Record<string, Partial<FieldError>> }
  | { refusal: Refusal['code'] }
  | Record<string, unknown>;

interface Options {
  covenantId?: string;
  today?: string;
  /** The actor's organisation, active, with these roles. */
  partnerId?: string;
  roles?: string[];
}

export function given(bodies: CaseEventBody[], options: Options = {}) {
  const cov = covenant(options.covenantId ?? 'lekstroom');
  const now = DateTime.fromISO(`${options.today ?? '2026-03-09'}T10:00`, {
    zone: 'Europe/Amsterdam',
  }).toJSDate();
  const membership: Membership = {
    covenantId: cov.id,
    partnerId: options.partnerId ?? 'wil',
    roles: options.roles ?? [],
    status: 'active',
  };
  const facts: Facts = {
    covenant: cov,
    calendar: createCalendar(cov.calendar),
    now,
    today: toIsoDate(now),
    membership,
  };
  // No events: no case yet (a registration, a membership).
  const state = bodies.length > 0 ? deriveState(cov, 'LEK-2026-0001', stamped(bodies)) : undefined;
  return {
    state,
    facts,
    /** A case command, or any pure decision given the case and the facts. */
    when(command: CaseCommand | ((state: CaseState | undefined, facts: Facts) => Decision<unknown>)) {
      const decision = typeof command === 'function' ? command(state, facts) : decide(state!, command, facts);
      return { decision, then: (expected: Expected) => expectDecision(decision, expected) };
    },
  };
}

function expectDecision(decision: Decision<unknown>, expected: Expected): void {
  if ('fieldErrors' in expected) {
    expect(isRefused(decision) && decision.refused).toBeInstanceOf(InvalidInput);
    expect(isRefused(decision) && decision.refused).toMatchObject({ fieldErrors: expected.fieldErrors });
    return;
  }
  if ('refusal' in expected) {
    expect(isRefused(decision) && decision.refused).toBeInstanceOf(NotAllowed);
    expect(isRefused(decision) && (decision.refused as NotAllowed).refusal.code).toBe(expected.refusal);
    return;
  }
  if (isRefused(decision)) throw new Error(`refused: ${decision.refused.message}`);
  if (Array.isArray(expected)) expect((decision as { events: CaseEventBody[] }).events).toEqual(expected);
  else expect(decision).toMatchObject(expected);
}

function stamped(bodies: CaseEventBody[]): CaseEvent[] {
  return bodies.map(
    (body, i) =>
      ({
        ...body,
        seq: i + 1,
        at: '2026-03-09T09:00:00.000Z',
        by: { userId: 'u', name: 'U', partnerId: 'x' },
      }) as CaseEvent,
  );
}

/** A signal of the covenant's signaller, for a household in Nieuwegein. */
export function signal(overrides: Partial<Signal> = {}): Signal {
  return {
    signallerPartnerId: 'mitros',
    type: 'Huur',
    amountCents: 71200,
    arisingDate: '2026-02-01',
    signalDate: '2026-03-02',
    crisis: false,
    warmHandover: false,
    preChecks: {
      personalContactAttempted: true,
      pointedToDebtHelp: true,
      reminderSentOn: '2026-02-16',
      offeredToShareWithoutObjection: true,
    },
    ...overrides,
  };
}

/** The events that open a case: the signal, then the covenant's first step as its plan starts it. */
export function opened(covenantId = 'lekstroom', received: Signal = signal()): CaseEventBody[] {
  const cov = covenant(covenantId);
  const first: CaseEventBody = {
    type: 'signal_received',
    signal: received,
    municipalityId: 'gemeente-nieuwegein',
  };
  const state = deriveState(cov, 'LEK-2026-0001', stamped([first]));
  const now = DateTime.fromISO(`${received.signalDate}T10:00`, { zone: 'Europe/Amsterdam' }).toJSDate();
  return [first, startStep(cov, createCalendar(cov.calendar), state, cov.first_step, now, 'first_step')];
}
