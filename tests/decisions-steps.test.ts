import { describe, expect, it } from 'vitest';
import type { CaseEventBody } from '../casework/case/types.js';
import { given, opened, signal } from './helpers/decisions.js';

// The step commands as pure decisions: given the case's events, when a command, then its events
// or its refusal. No store, no clock: today is 2026-03-09 and the actor works for WIL unless said.

const open = opened(); // signal of 2026-03-02 by Mitros; step "gezamenlijk-huisbezoek" for WIL until 2026-03-16
const joined: CaseEventBody = { type: 'signal_joined', signal: signal({ signallerPartnerId: 'viveste' }) };

describe('log a contact attempt', () => {
  const attempt = (date: string) =>
    ({
      type: 'log_contact_attempt',
      input: { kind: 'Telefoon', reached: true, date, daypart: 'Ochtend' },
    }) as const;

  it.each(['2026-03-02', '2026-03-05', '2026-03-09'])(
    'records an attempt on %s (from the signal to today)',
    (date) => {
      given(open)
        .when(attempt(date))
        .then([{ type: 'contact_attempt', kind: 'Telefoon', reached: true, date, daypart: 'Ochtend' }]);
    },
  );
  it.each([
    ['2026-03-10', 'date_in_future'],
    ['2026-03-01', 'date_before_signal'],
  ])('refuses %s: %s', (date, code) => {
    given(open)
      .when(attempt(date))
      .then({ fieldErrors: { date: { code } } });
  });
});

describe('log an outcome', () => {
  it('closes the case with the final result of a closing outcome', () => {
    given(open)
      .when({ type: 'log_outcome', input: { outcomeId: 'regeling', solutions: [] } })
      .then([
        { type: 'outcome_logged', stepId: 'gezamenlijk-huisbezoek', outcomeId: 'regeling', solutions: [] },
        { type: 'closed', finalResult: 'zelf-betaald-of-regeling' },
      ]);
  });
  it('starts the next step of an outcome that goes on', () => {
    given(open)
      .when({ type: 'log_outcome', input: { outcomeId: 'wijkteam', solutions: [] } })
      .then({
        events: [
          { type: 'outcome_logged', outcomeId: 'wijkteam' },
          { type: 'step_started', stepId: 'hulp-sociaal-wijkteam', cause: 'outcome' },
        ],
        detail: 'outcome wijkteam at step gezamenlijk-huisbezoek',
      });
  });
  it.each([
    [
      { outcomeId: 'begeleiding', solutions: [] },
      'outcomeId',
      { code: 'outcome_not_of_step', params: { step: 'Gezamenlijk huisbezoek (corporatie + WIL)' } },
    ],
    [
      { outcomeId: 'regeling', solutions: ['toverstaf'] },
      'solutions',
      { code: 'unknown_solution', params: { solutions: 'toverstaf' } },
    ],
  ])('refuses %j', (input, field, error) => {
    given(open)
      .when({ type: 'log_outcome', input })
      .then({ fieldErrors: { [field]: error } });
  });
});

describe('refer the case', () => {
  it('hands the step on with its deadline; the reason goes to the personal part', () => {
    given(open)
      .when({ type: 'refer', input: { toPartnerId: 'gemeente-houten', reason: 'woont in Houten' } })
      .then({
        events: [
          {
            type: 'referred',
            stepId: 'gezamenlijk-huisbezoek',
            toPartnerId: 'gemeente-houten',
            withReason: true,
          },
          {
            type: 'step_started',
            stepId: 'gezamenlijk-huisbezoek',
            responsiblePartnerId: 'gemeente-houten',
            deadline: '2026-03-16',
            because: '',
            cause: 'referral',
          },
        ],
        personal: { kind: 'reason', text: 'woont in Houten' },
      });
  });
  it.each([
    ['nobody', { code: 'partner_not_in_covenant' }],
    ['wil', { code: 'partner_has_step', params: { partner: 'WIL — Werk en Inkomen Lekstroom' } }],
  ])('refuses a referral to %s', (toPartnerId, error) => {
    given(open)
      .when({ type: 'refer', input: { toPartnerId, reason: 'x' } })
      .then({ fieldErrors: { toPartnerId: error } });
  });
});

describe('take over the step', () => {
  it('is a referral to the actor’s own organisation, without a reason', () => {
    const decision = given(open, { partnerId: 'mitros' }).when({ type: 'take_over' }).decision;
    expect(decision).toMatchObject({
      events: [
        { type: 'referred', toPartnerId: 'mitros', withReason: false },
        { responsiblePartnerId: 'mitros' },
      ],
    });
    expect(decision).not.toHaveProperty('personal');
  });
  it('changes nothing when the step is already the actor’s', () => {
    given(open, { partnerId: 'wil' }).when({ type: 'take_over' }).then([]);
  });
});

describe('postpone the step', () => {
  const postpone = (until: string) => ({ type: 'postpone', input: { until, reason: 'ziek' } }) as const;

  it('moves the deadline, with the reason in the personal part', () => {
    given(open)
      .when(postpone('2026-03-20'))
      .then({
        events: [
          {
            type: 'deadline_changed',
            stepId: 'gezamenlijk-huisbezoek',
            deadline: '2026-03-20',
            because: '',
            withReason: true,
          },
        ],
        personal: { kind: 'reason', text: 'ziek' },
      });
  });
  it('goes as far as the covenant’s maximum, and no further', () => {
    given(open)
      .when(postpone('2026-06-09'))
      .then({ events: [{ deadline: '2026-06-09' }] });
  });
  it('moves a deadline on a weekend to the next working day', () => {
    given(open)
      .when(postpone('2026-03-21'))
      .then({ events: [{ deadline: '2026-03-23' }] });
  });
  it.each([
    ['2026-03-14', { code: 'deadline_not_later' }], // Saturday: the next working day is the current deadline
    ['2026-06-10', { code: 'postponement_too_far', params: { maxMonths: 3, latest: '2026-06-09' } }],
  ])('refuses %s', (until, error) => {
    given(open)
      .when(postpone(until))
      .then({ fieldErrors: { until: error } });
  });
});

describe('close, note, undo a join', () => {
  it('closes with the chosen final result', () => {
    given(open)
      .when({ type: 'close', input: { finalResult: 'geen-contact' } })
      .then([{ type: 'closed', finalResult: 'geen-contact' }]);
  });
  it('adds a note visible to the writer’s organisation; its text goes to the personal part', () => {
    given(open, { partnerId: 'mitros' })
      .when({ type: 'add_note', input: { text: 'let op' } })
      .then({
        events: [{ type: 'note_added', visibleTo: ['mitros'] }],
        personal: { kind: 'note', text: 'let op', visibleTo: ['mitros'] },
      });
  });
  it('undoes a joined signal and drops its partner’s entry', () => {
    given([...open, joined], { roles: ['coordinator-vroeg-eropaf'] })
      .when({ type: 'undo_join', input: { joinSeq: 3 } })
      .then({
        events: [{ type: 'join_undone', joinSeq: 3, partnerId: 'viveste' }],
        personal: { kind: 'drop_joined_entry', joinSeq: 3 },
      });
  });
  it('refuses to undo what is not a join of the case', () => {
    given([...open, joined, { type: 'join_undone', joinSeq: 3, partnerId: 'viveste' }])
      .when({ type: 'undo_join', input: { joinSeq: 3 } })
      .then({ fieldErrors: { joinSeq: { code: 'join_not_on_case' } } });
  });
});
