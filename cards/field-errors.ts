import type { FieldError } from '../casework/errors.js';
import type { Locale } from './texts.js';

// The sentence for each field-error code (casework/errors.ts FieldError), in Dutch and English.
// The Dutch is the wording caseworkers have always seen. `field` names the field the error is
// about, so "required" reads "vul de naam in" under the name and "kies een uitkomst" under the outcome.

type Params = Record<string, string | number>;
type Sentences = Record<string, (p: Params) => string>;

/** What a field is called in a sentence ("vul … in", "… is te lang"). */
const NOUNS: Record<Locale, Record<string, string>> = {
  nl: {
    name: 'de naam',
    street: 'de straat',
    city: 'de plaats',
    reason: 'de reden',
    text: 'de notitie',
    addition: 'de toevoeging',
    date: 'de datum',
    until: 'de datum',
    houseNumber: 'een huisnummer',
    amountCents: 'het bedrag',
  },
  en: {
    name: 'the name',
    street: 'the street',
    city: 'the town',
    reason: 'the reason',
    text: 'the note',
    addition: 'the addition',
    date: 'the date',
    until: 'the date',
    houseNumber: 'a house number',
    amountCents: 'the amount',
  },
};

/** Sentences for one field and code that do not follow the general pattern. */
const BY_FIELD: Record<Locale, Record<string, Sentences>> = {
  nl: {
    outcomeId: { required: () => 'kies een uitkomst' },
    toPartnerId: { required: () => 'kies de partner' },
    kind: { not_one_of: () => 'kies de soort contact' },
    daypart: { not_one_of: () => 'kies ochtend, middag of avond' },
    finalResult: { not_one_of: () => 'kies een eindresultaat' },
    type: { not_one_of: () => 'kies het soort achterstand' },
    addition: { too_long: () => 'de toevoeging is te lang' },
    houseNumber: {
      not_whole_number: () => 'een huisnummer is een heel getal',
      too_small: () => 'een huisnummer is 1 of hoger',
      too_large: () => 'dit huisnummer is te hoog',
    },
    amountCents: {
      not_whole_number: () => 'het bedrag in centen is een heel getal',
      too_small: () => 'het bedrag moet groter zijn dan 0',
      too_large: () => 'dit bedrag is onwaarschijnlijk hoog',
    },
    adults: { too_small: (p) => `minstens ${p.min} volwassene` },
    children: { too_large: (p) => `hoogstens ${p.max} kinderen` },
    personalContactAttempted: {
      must_confirm: () => 'de corporatie moet eerst persoonlijk contact hebben gezocht',
    },
    pointedToDebtHelp: { must_confirm: () => 'de huurder moet eerst op schuldhulp zijn gewezen' },
    offeredToShareWithoutObjection: {
      must_confirm: () =>
        'in de herinnering moet zijn aangeboden de gegevens te delen, zonder bezwaar van de huurder',
    },
  },
  en: {
    outcomeId: { required: () => 'choose an outcome' },
    toPartnerId: { required: () => 'choose the partner' },
    kind: { not_one_of: () => 'choose the kind of contact' },
    daypart: { not_one_of: () => 'choose morning, afternoon or evening' },
    finalResult: { not_one_of: () => 'choose a final result' },
    type: { not_one_of: () => 'choose the kind of arrears' },
    addition: { too_long: () => 'the addition is too long' },
    houseNumber: {
      not_whole_number: () => 'a house number is a whole number',
      too_small: () => 'a house number is 1 or higher',
      too_large: () => 'this house number is too high',
    },
    amountCents: {
      not_whole_number: () => 'the amount in cents is a whole number',
      too_small: () => 'the amount must be more than 0',
      too_large: () => 'this amount is improbably high',
    },
    adults: { too_small: (p) => `at least ${p.min} adult` },
    children: { too_large: (p) => `at most ${p.max} children` },
    personalContactAttempted: {
      must_confirm: () => 'the housing corporation must first have sought personal contact',
    },
    pointedToDebtHelp: { must_confirm: () => 'the tenant must first have been pointed to debt help' },
    offeredToShareWithoutObjection: {
      must_confirm: () =>
        'the reminder must have offered to share the details, without objection from the tenant',
    },
  },
};

const SENTENCES: Record<Locale, Sentences> = {
  nl: {
    required: (p) => `vul ${noun('nl', p) ?? 'dit veld'} in`,
    too_long: (p) => `${noun('nl', p) ?? 'dit veld'} is te lang (hoogstens ${p.max} tekens)`,
    too_short: (p) => `${noun('nl', p) ?? 'dit veld'} is te kort (minstens ${p.min} tekens)`,
    too_small: (p) => `dit getal is te klein (minstens ${p.min})`,
    too_large: (p) => `dit getal is te groot (hoogstens ${p.max})`,
    not_whole_number: () => 'vul een heel getal in',
    not_one_of: (p) => `kies uit: ${p.options}`,
    not_a_date: () => 'vul een geldige datum in (dd-mm-jjjj)',
    not_a_postcode: () => 'vul een postcode in als 1234 AB',
    not_a_phone: () => 'vul een Nederlands telefoonnummer in, bijvoorbeeld 06-12345678',
    must_confirm: () => 'dit moet eerst gebeurd zijn',
    unknown_field: (p) => `onbekend veld: ${p.keys}`,
    invalid: () => 'deze waarde klopt niet',
    date_in_future: () => 'de datum ligt in de toekomst',
    date_before_signal: () => 'de datum ligt vóór het signaal',
    outcome_not_of_step: (p) => `deze uitkomst hoort niet bij de stap "${p.step}"; kies uit: ${p.options}`,
    unknown_solution: (p) => `onbekende oplossing: ${p.solutions}`,
    partner_not_in_covenant: () => 'kies een partner uit het convenant',
    partner_has_step: (p) => `${p.partner} heeft deze stap al`,
    deadline_not_later: () => 'kies een datum na de huidige termijn',
    postponement_too_far: (p) =>
      `uitstellen kan tot hoogstens ${p.maxMonths} maanden vooruit (uiterlijk ${p.latest})`,
    join_not_on_case: () => 'dit signaal hoort niet (meer) bij de casus',
    municipality_not_in_covenant: () => 'kies een gemeente uit het convenant',
    municipality_required: () => 'kies de gemeente waar het huishouden woont',
    organisation_not_in_list: () => 'kies je organisatie uit de lijst',
    signal_date_in_future: () => 'de signaaldatum ligt in de toekomst',
    arising_after_signal: () => 'de achterstand kan niet na de signaaldatum zijn ontstaan',
    too_few_days_of_arrears: (p) => `een signaal mag pas na ${p.min} dagen achterstand (nu ${p.days})`,
    health_insurance_window: (p) =>
      `zorgpremie wordt tussen ${p.min} en ${p.max} dagen gesignaleerd (nu ${p.days})`,
    reminder_after_signal: () => 'de herinnering moet vóór het signaal zijn verstuurd',
    need_case_id: (p) => `Geef een casusnummer mee, bijvoorbeeld "${p.command} LEK-2026-0031".`,
  },
  en: {
    required: (p) => `fill in ${noun('en', p) ?? 'this field'}`,
    too_long: (p) => `${noun('en', p) ?? 'this field'} is too long (at most ${p.max} characters)`,
    too_short: (p) => `${noun('en', p) ?? 'this field'} is too short (at least ${p.min} characters)`,
    too_small: (p) => `this number is too small (at least ${p.min})`,
    too_large: (p) => `this number is too large (at most ${p.max})`,
    not_whole_number: () => 'fill in a whole number',
    not_one_of: (p) => `choose from: ${p.options}`,
    not_a_date: () => 'fill in a valid date (dd-mm-yyyy)',
    not_a_postcode: () => 'fill in a postcode like 1234 AB',
    not_a_phone: () => 'fill in a Dutch phone number, for example 06-12345678',
    must_confirm: () => 'this must have been done first',
    unknown_field: (p) => `unknown field: ${p.keys}`,
    invalid: () => 'this value is not valid',
    date_in_future: () => 'the date lies in the future',
    date_before_signal: () => 'the date lies before the signal',
    outcome_not_of_step: (p) =>
      `this outcome does not belong to the step "${p.step}"; choose from: ${p.options}`,
    unknown_solution: (p) => `unknown solution: ${p.solutions}`,
    partner_not_in_covenant: () => 'choose a partner of the covenant',
    partner_has_step: (p) => `${p.partner} already has this step`,
    deadline_not_later: () => 'choose a date after the current deadline',
    postponement_too_far: (p) =>
      `a step can be postponed at most ${p.maxMonths} months ahead (at the latest ${p.latest})`,
    join_not_on_case: () => 'this signal is not (or no longer) part of the case',
    municipality_not_in_covenant: () => 'choose a municipality of the covenant',
    municipality_required: () => 'choose the municipality where the household lives',
    organisation_not_in_list: () => 'choose your organisation from the list',
    signal_date_in_future: () => 'the signal date lies in the future',
    arising_after_signal: () => 'the arrears cannot have arisen after the signal date',
    too_few_days_of_arrears: (p) => `a signal is allowed only after ${p.min} days of arrears (now ${p.days})`,
    health_insurance_window: (p) =>
      `health insurance premiums are signalled between ${p.min} and ${p.max} days (now ${p.days})`,
    reminder_after_signal: () => 'the reminder must have been sent before the signal',
    need_case_id: (p) => `Add a case number, for example "${p.command} LEK-2026-0031".`,
  },
};

function noun(locale: Locale, params: Params): string | undefined {
  return own(NOUNS[locale], params.field);
}

/** A table's own entry only: a field named "constructor" must not find Object's. */
function own<T>(table: Record<string, T>, key: string | number | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The sentence for a field error in the user's language; an unknown code reads as "not valid". */
export function fieldErrorText(locale: Locale, error: FieldError): string {
  const params = error.params ?? {};
  const byField = own(BY_FIELD[locale], params.field);
  const sentence =
    (byField && own(byField, error.code)) ??
    own(SENTENCES[locale], error.code) ??
    SENTENCES[locale]['invalid']!;
  return sentence(params);
}

/** Every field's sentence, for a form that shows each under its field. */
export function fieldErrorTexts(locale: Locale, errors: Record<string, FieldError>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, error]) => [path, fieldErrorText(locale, error)]),
  );
}
