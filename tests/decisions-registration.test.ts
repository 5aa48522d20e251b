import { describe, expect, it } from 'vitest';
import { parseInput, registerSignalInput, type RegisterSignalInput } from '../casework/commands/inputs.js';
import {
  decideJoin,
  decideRegistration,
  outsideCriteria,
} from '../casework/commands/decisions/registration.js';
import {
  decideMembershipAnswer,
  decideMembershipRequest,
} from '../casework/commands/decisions/membership-decisions.js';
import { orThrow } from '../casework/commands/decisions/decision.js';
import type { Member } from '../casework/ports.js';
import { covenant, given, opened } from './helpers/decisions.js';

// Registering a signal, joining an open case, and membership requests, as pure decisions.

export function registration(change: (input: RegisterSignalInput) => void = () => {}) {
  const input: RegisterSignalInput = {
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
  change(input);
  const parsed = parseInput(registerSignalInput, input);
  return (_state: unknown, facts: Parameters<typeof decideRegistration>[1]) =>
    decideRegistration(parsed, facts);
}

describe('register a signal', () => {
  it('takes the municipality from the city, the signaller from the membership', () => {
    given([], { partnerId: 'mitros' })
      .when(registration())
      .then({
        municipalityId: 'gemeente-nieuwegein',
        signal: { signallerPartnerId: 'mitros', type: 'Huur' },
      });
  });
  it('adds the children condition when the household has children', () => {
    given([], { partnerId: 'mitros' })
      .when(
        registration((r) => {
          r.household.children = 2;
          r.observationConsent = true;
        }),
      )
      .then({ input: { flags: ['children'] } });
  });
  it('refuses a partner that does not send this type of signal', () => {
    given([], { partnerId: 'wil' }).when(registration()).then({ refusal: 'sends_no_signals' });
  });
  it.each([
    ['signalDate', (r: RegisterSignalInput) => (r.signal.signalDate = '2026-03-10'), 'signal_date_in_future'],
    [
      'arisingDate',
      (r: RegisterSignalInput) => {
        r.signal.arisingDate = '2026-03-08';
        r.signal.signalDate = '2026-03-01';
        r.signal.preChecks.reminderSentOn = '2026-02-20';
      },
      'arising_after_signal',
    ],
    [
      'preChecks.reminderSentOn',
      (r: RegisterSignalInput) => (r.signal.preChecks.reminderSentOn = '2026-03-10'),
      'reminder_after_signal',
    ],
  ])('refuses a signal with a wrong %s: %s', (field, change, code) => {
    given([], { partnerId: 'mitros' })
      .when(registration(change))
      .then({ fieldErrors: { [`signal.${field}`]: { code } } });
  });
  it('records, not refuses, a signal before 30 days of arrears: outside the criteria, with the days', () => {
    given([], { partnerId: 'mitros' })
      .when(registration((r) => (r.signal.arisingDate = '2026-02-20')))
      .then({
        signal: { signallerPartnerId: 'mitros' },
        outsideCriteria: { code: 'too_few_days_of_arrears', params: { min: 30, days: 17 } },
      });
    given([], { partnerId: 'mitros' }).when(registration()).then({ outsideCriteria: null });
  });
  it('signals health insurance arrears between 30 and 100 days only', () => {
    const zorg = { ...orThrow(registration()(null, given([], { partnerId: 'mitros' }).facts)).input.signal };
    expect(outsideCriteria({ ...zorg, type: 'Zorg', arisingDate: '2025-11-01' })).toEqual({
      code: 'health_insurance_window',
      params: { min: 30, max: 100, days: 128 },
    });
    expect(outsideCriteria({ ...zorg, type: 'Zorg', arisingDate: '2026-02-20' })).toMatchObject({
      code: 'health_insurance_window',
    });
    expect(outsideCriteria({ ...zorg, type: 'Zorg', arisingDate: '2026-01-01' })).toBeNull();
  });
  it.each([
    [(r: RegisterSignalInput) => (r.household.city = 'Utrecht'), 'municipality_required'],
    [(r: RegisterSignalInput) => (r.municipalityId = 'gemeente-elders'), 'municipality_not_in_covenant'],
  ])('refuses an unclear municipality (%#): %s', (change, code) => {
    given([], { partnerId: 'mitros' })
      .when(registration(change))
      .then({ fieldErrors: { municipalityId: { code } } });
  });
});

describe('a signal joining the household’s open case', () => {
  it('joins with the flags the case did not have yet, and keeps the joining partner’s entry', () => {
    const { facts, state } = given(opened(), { partnerId: 'viveste' });
    const decided = orThrow(
      registration((r) => {
        r.household.children = 1;
        r.observationConsent = true;
      })(state, facts),
    );
    given(opened(), { partnerId: 'viveste' })
      .when((s) => decideJoin(s!, decided))
      .then({
        events: [{ type: 'signal_joined', signal: { signallerPartnerId: 'viveste' }, flags: ['children'] }],
        personal: { kind: 'joined_entry', household: { name: 'J. de Vries', children: 1 } },
      });
  });
});

describe('membership', () => {
  const lek = covenant('lekstroom');
  const nina: Member = {
    userId: 'nina',
    name: 'Nina',
    memberships: [{ covenantId: 'lekstroom', partnerId: 'wil', roles: [], status: 'pending' }],
  };
  const active: Member = { ...nina, memberships: [{ ...nina.memberships[0]!, status: 'active' }] };
  const request = { userId: 'nina', name: 'Nina', partnerId: 'wil' };

  it('asks to join: a pending membership, replacing an earlier request', () => {
    expect(decideMembershipRequest(lek, nina, { ...request, partnerId: 'mitros' })).toEqual({
      userId: 'nina',
      name: 'Nina',
      memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'pending' }],
    });
  });
  it('refuses an organisation outside the covenant, and a second membership', () => {
    expect(decideMembershipRequest(lek, undefined, { ...request, partnerId: 'nobody' })).toMatchObject({
      refused: { fieldErrors: { organisation: { code: 'organisation_not_in_list' } } },
    });
    expect(decideMembershipRequest(undefined, undefined, request)).toMatchObject({
      refused: { fieldErrors: { organisation: { code: 'organisation_not_in_list' } } },
    });
    expect(decideMembershipRequest(lek, active, request)).toMatchObject({
      refused: { refusal: { code: 'already_member' } },
    });
  });
  it('approves, rejects, and leaves an approved request as it is', () => {
    expect(decideMembershipAnswer(nina, 'lekstroom', true, 'carla')).toEqual({
      member: { ...nina, memberships: [{ ...nina.memberships[0], status: 'active', approvedBy: 'carla' }] },
      partnerId: 'wil',
      changed: true,
    });
    expect(decideMembershipAnswer(nina, 'lekstroom', false, 'carla')).toMatchObject({
      member: { memberships: [] },
      changed: true,
    });
    expect(decideMembershipAnswer(active, 'lekstroom', false, 'carla')).toEqual({
      member: active,
      partnerId: 'wil',
      changed: false,
    });
  });
  it('refuses an answer to no request', () => {
    expect(decideMembershipAnswer(undefined, 'lekstroom', true, 'carla')).toMatchObject({
      refused: { refusal: { code: 'no_such_request' } },
    });
  });
});
