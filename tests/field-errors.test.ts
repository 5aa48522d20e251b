import { describe, expect, it } from 'vitest';
import { fieldErrorText, fieldErrorTexts } from '../cards/field-errors.js';
import {
  contactAttemptInput,
  householdInput,
  noteInput,
  outcomeInput,
  parseInput,
  postponeInput,
  registerSignalInput,
} from '../casework/commands/inputs.js';
import { InvalidInput, type FieldError } from '../casework/errors.js';

// Field errors are codes with parameters; cards/field-errors.ts words them in Dutch and English.

function errorsOf(check: () => unknown): Record<string, FieldError> {
  try {
    check();
  } catch (error) {
    if (error instanceof InvalidInput) return error.fieldErrors;
    throw error;
  }
  throw new Error('accepted');
}

describe('zod issues become codes', () => {
  it.each([
    ['a missing text', noteInput, {}, 'text', { code: 'required', params: { field: 'text' } }],
    [
      'an empty text',
      noteInput,
      { text: ' ' },
      'text',
      { code: 'required', params: { field: 'text', min: 1 } },
    ],
    [
      'a text too long',
      noteInput,
      { text: 'a'.repeat(2001) },
      'text',
      { code: 'too_long', params: { field: 'text', max: 2000 } },
    ],
    ['a number for a text', noteInput, { text: 5 }, 'text', { code: 'invalid', params: { field: 'text' } }],
    [
      'no date',
      postponeInput,
      { until: '31-02-2026', reason: 'x' },
      'until',
      { code: 'not_a_date', params: { field: 'until' } },
    ],
    [
      'a daypart not offered',
      contactAttemptInput,
      { kind: 'Telefoon', reached: true, date: '2026-03-01', daypart: 'Nacht' },
      'daypart',
      { code: 'not_one_of', params: { field: 'daypart', options: 'Ochtend, Middag, Avond' } },
    ],
    [
      'an unknown field',
      noteInput,
      { text: 'x', extra: 1 },
      'input',
      { code: 'unknown_field', params: { keys: 'extra' } },
    ],
    [
      'no outcome',
      outcomeInput,
      { outcomeId: '' },
      'outcomeId',
      { code: 'required', params: { field: 'outcomeId', min: 1 } },
    ],
  ])('%s', (_what, schema, value, path, expected) => {
    expect(errorsOf(() => parseInput(schema, value))[path]).toEqual(expected);
  });

  it('never passes a raw zod message on, whatever arrives', () => {
    const hostile: unknown[] = [undefined, null, 5, 'x', [], { household: 7, signal: { preChecks: [] } }];
    const invalid = fieldErrorText('nl', { code: 'invalid' });
    for (const value of hostile)
      for (const [path, error] of Object.entries(errorsOf(() => parseInput(registerSignalInput, value)))) {
        for (const locale of ['nl', 'en'] as const)
          expect(fieldErrorText(locale, error), path).not.toMatch(/Invalid|expected|received|undefined/);
        if (error.code !== 'invalid') expect(fieldErrorText('nl', error), error.code).not.toBe(invalid);
      }
  });
});

describe('the words', () => {
  it('are the Dutch sentences caseworkers have always read', () => {
    const household = {
      name: '',
      street: 'Dukatenburg',
      houseNumber: '0',
      postcode: '12345',
      city: 'a'.repeat(81),
    };
    expect(
      fieldErrorTexts(
        'nl',
        errorsOf(() => parseInput(householdInput, household)),
      ),
    ).toEqual({
      name: 'vul de naam in',
      houseNumber: 'een huisnummer is 1 of hoger',
      postcode: 'vul een postcode in als 1234 AB',
      city: 'de plaats is te lang (hoogstens 80 tekens)',
    });
  });

  it.each<[FieldError, string, string]>([
    [{ code: 'date_in_future' }, 'de datum ligt in de toekomst', 'the date lies in the future'],
    [
      { code: 'partner_has_step', params: { partner: 'WIL' } },
      'WIL heeft deze stap al',
      'WIL already has this step',
    ],
    [
      { code: 'outcome_not_of_step', params: { step: 'Huisbezoek', options: 'A, B' } },
      'deze uitkomst hoort niet bij de stap "Huisbezoek"; kies uit: A, B',
      'this outcome does not belong to the step "Huisbezoek"; choose from: A, B',
    ],
    [
      { code: 'postponement_too_far', params: { maxMonths: 3, latest: '2026-06-09' } },
      'uitstellen kan tot hoogstens 3 maanden vooruit (uiterlijk 2026-06-09)',
      'a step can be postponed at most 3 months ahead (at the latest 2026-06-09)',
    ],
    [
      { code: 'too_few_days_of_arrears', params: { min: 30, days: 17 } },
      'een signaal mag pas na 30 dagen achterstand (nu 17)',
      'a signal is allowed only after 30 days of arrears (now 17)',
    ],
    [{ code: 'required', params: { field: 'outcomeId' } }, 'kies een uitkomst', 'choose an outcome'],
    [
      { code: 'need_case_id', params: { command: 'contact' } },
      'Geef een casusnummer mee, bijvoorbeeld "contact LEK-2026-0031".',
      'Add a case number, for example "contact LEK-2026-0031".',
    ],
  ])('%j', (error, nl, en) => {
    expect(fieldErrorText('nl', error)).toBe(nl);
    expect(fieldErrorText('en', error)).toBe(en);
  });

  it('has a sentence in both languages for every code the domain gives', () => {
    const codes = [
      'date_in_future',
      'date_before_signal',
      'outcome_not_of_step',
      'unknown_solution',
      'partner_not_in_covenant',
      'partner_has_step',
      'deadline_not_later',
      'postponement_too_far',
      'join_not_on_case',
      'municipality_not_in_covenant',
      'municipality_required',
      'organisation_not_in_list',
      'signal_date_in_future',
      'arising_after_signal',
      'too_few_days_of_arrears',
      'health_insurance_window',
      'reminder_after_signal',
      'need_case_id',
      'required',
      'too_long',
      'too_short',
      'too_small',
      'too_large',
      'not_whole_number',
      'not_one_of',
      'not_a_date',
      'not_a_postcode',
      'not_a_phone',
      'must_confirm',
      'unknown_field',
    ];
    const invalid = {
      nl: fieldErrorText('nl', { code: 'invalid' }),
      en: fieldErrorText('en', { code: 'invalid' }),
    };
    for (const code of codes)
      for (const locale of ['nl', 'en'] as const)
        expect(fieldErrorText(locale, { code }), `${locale} ${code}`).not.toBe(invalid[locale]);
  });

  it('reads an unknown code, or a field named like an Object property, as "not valid"', () => {
    expect(fieldErrorText('nl', { code: 'whatever' })).toBe('deze waarde klopt niet');
    expect(fieldErrorText('en', { code: 'required', params: { field: 'constructor' } })).toBe(
      'fill in this field',
    );
  });
});
