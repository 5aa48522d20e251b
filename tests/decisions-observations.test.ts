import { describe, expect, it } from 'vitest';
import { parseInput, registerSignalInput, type RegisterSignalInput } from '../casework/commands/inputs.js';
import {
  decideJoin,
  decideRegistration,
  type Registration,
} from '../casework/commands/decisions/registration.js';
import { orThrow, type Facts } from '../casework/commands/decisions/decision.js';
import type { ObservationPolicy } from '../casework/covenant/covenant.js';
import { deriveState } from '../casework/case/state.js';
import { observationView } from '../casework/reads/views.js';
import { covenant, given, opened, signal } from './helpers/decisions.js';

// What a creditor shares beyond the Besluit (contact details, arrears): household size, children
// and welfare concerns are its own observation, governed by the covenant's `signals.observations`.

const BASE: RegisterSignalInput = {
  covenantId: 'lekstroom',
  household: {
    name: 'J. de Vries',
    street: 'Dukatenburg',
    houseNumber: 12,
    addition: '',
    postcode: '3437 AB',
    city: 'Nieuwegein',
  },
  signal: {
    type: 'Huur',
    amountCents: 71200,
    arisingDate: '2026-02-01',
    signalDate: '2026-03-09',
    preChecks: {
      personalContactAttempted: true,
      pointedToDebtHelp: true,
      reminderSentOn: '2026-02-16',
      offeredToShareWithoutObjection: true,
    },
  },
};

/** A registration with these extra fields, under a covenant with this observation policy. */
function register(extra: Partial<RegisterSignalInput>, policy?: ObservationPolicy) {
  const parsed = parseInput(registerSignalInput, {
    ...BASE,
    ...extra,
    household: { ...BASE.household, ...extra.household },
  });
  return (_state: unknown, facts: Facts) =>
    decideRegistration(
      parsed,
      policy ? { ...facts, covenant: { ...facts.covenant, signals: { observations: policy } } } : facts,
    );
}

const observed = {
  household: { ...BASE.household, adults: 2, children: 1 },
  flags: ['welfare_concern' as const],
};

describe('own observations when the covenant requires consent (the default)', () => {
  it('lekstroom requires consent (its YAML), and a covenant without the key gets the default', () => {
    expect(covenant('lekstroom').signals.observations).toBe('consent_required');
    expect(covenant('dalfsen').signals.observations).toBe('consent_required');
  });
  it('refuses household size, children and concerns without consent, each at its field', () => {
    given([], { partnerId: 'mitros' })
      .when(register(observed))
      .then({
        fieldErrors: {
          'household.adults': { code: 'observation_needs_consent' },
          'household.children': { code: 'observation_needs_consent' },
          'flags.welfare_concern': { code: 'observation_needs_consent' },
        },
      });
  });
  it('refuses a ticked family-with-children box without consent', () => {
    given([], { partnerId: 'mitros' })
      .when(register({ flags: ['children'] }))
      .then({ fieldErrors: { 'flags.children': { code: 'observation_needs_consent' } } });
  });
  it('registers what the Besluit lets the creditor share without any consent', () => {
    const { decision } = given([], { partnerId: 'mitros' }).when(register({}));
    expect((orThrow(decision) as Registration).signal).not.toHaveProperty('observation');
  });
  it('keeps the consent with the signal as a fact: that the tenant agreed, when, by which organisation', () => {
    given([], { partnerId: 'mitros' })
      .when(register({ ...observed, observationConsent: true }))
      .then({
        signal: {
          signallerPartnerId: 'mitros',
          observation: {
            fields: ['adults', 'children', 'welfare_concern'],
            consent: {
              tenantAgreed: true,
              recordedAt: '2026-03-09T09:00:00.000Z',
              recordedByPartnerId: 'mitros',
            },
          },
        },
      });
  });
  it('a joining signal carries its consent, and the audit line says so', () => {
    const { state, facts } = given(opened(), { partnerId: 'viveste' });
    const registration = orThrow(register({ ...observed, observationConsent: true })(state, facts));
    given(opened(), { partnerId: 'viveste' })
      .when((s) => decideJoin(s!, registration))
      .then({
        events: [{ type: 'signal_joined', signal: { observation: { consent: { tenantAgreed: true } } } }],
        detail:
          "signal joined an open case of the household; own observations with the tenant's consent: adults, children, welfare_concern",
      });
  });
});

describe('own observations under the other policies', () => {
  it('not_shared: refuses every observation, consent or not, leaving it to the partner who makes contact', () => {
    given([], { partnerId: 'mitros' })
      .when(register({ ...observed, observationConsent: true }, 'not_shared'))
      .then({
        fieldErrors: {
          'household.adults': { code: 'observation_not_shared' },
          'flags.welfare_concern': { code: 'observation_not_shared' },
        },
      });
  });
  it('allowed: registers observations without consent, marked as the signaller’s own', () => {
    given([], { partnerId: 'mitros' })
      .when(register(observed, 'allowed'))
      .then({
        signal: { observation: { fields: ['adults', 'children', 'welfare_concern'] } },
      });
    const { decision } = given([], { partnerId: 'mitros' }).when(register(observed, 'allowed'));
    expect((orThrow(decision) as Registration).signal.observation).not.toHaveProperty('consent');
  });
});

describe('an old history without the consent fact', () => {
  it('still reads: the state derives and no observation is claimed', () => {
    const cov = covenant('lekstroom');
    const [first, step] = opened('lekstroom', signal());
    const events = [first!, step!].map((body, i) => ({
      ...body,
      seq: i + 1,
      at: '2025-06-01T09:00:00.000Z',
      by: { userId: 'u', name: 'U', partnerId: 'mitros' },
    })) as Parameters<typeof deriveState>[2];
    const state = deriveState(cov, 'LEK-2025-0001', events);
    expect(state.signals[0]).not.toHaveProperty('observation');
    expect(observationView(cov, state.signals[0])).toBeUndefined();
  });
});
