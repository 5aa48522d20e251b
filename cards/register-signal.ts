import type { ObservationPolicy } from '../casework/covenant/covenant.js';
import type { OutsideCriteria } from '../casework/case/types.js';
import type { StepView } from '../casework/reads/views.js';
import { fieldErrorText } from './field-errors.js';
import type { AdaptiveCard, CardElement, Column, ColumnSet } from './card-types.js';
import {
  card,
  choiceSet,
  dateInput,
  execute,
  factSet,
  factsIfAny,
  field,
  heading,
  numberInput,
  otherErrors,
  subheading,
  subtle,
  text,
  textInput,
  toggle,
  type FieldErrors,
  type FormValues,
} from './elements.js';
import { covenantWords, exampleMark, labelTexts, observedFlags, responsibleText } from './case-parts.js';
import { deadlineWords } from './format.js';
import { signalTypeLabel, texts, type Locale } from './texts.js';
import { openInAanZet, type TabLink } from './tab-link.js';
import { action, type Verb } from './verbs.js';

// The register-signal flow: covenant, household (1 of 3), arrears (2 of 3), confirm (3 of 3), and
// the confirmation. Every card carries its flowId, keeps the values typed so far and shows each
// error under its field.

interface FlowForm {
  flowId: string;
  values: FormValues;
  errors: FieldErrors;
}

interface Frame {
  /** 1..3, or null for the covenant choice that precedes the three steps. */
  step: number | null;
  intro: string;
  fields: CardElement[];
  fieldIds: readonly string[];
  submit: { title: string; verb: Verb };
}

function flowCard(locale: Locale, form: FlowForm, frame: Frame): AdaptiveCard {
  const t = texts(locale);
  const data = { flowId: form.flowId };
  return card(
    [
      heading(t.register.title),
      subtle(frame.step === null ? frame.intro : `${t.common.stepOf(frame.step)} · ${frame.intro}`),
      ...otherErrors(form.errors, frame.fieldIds),
      ...frame.fields,
    ],
    [
      execute(frame.submit.title, action(frame.submit.verb, data), { style: 'positive' }),
      ...(frame.step !== null && frame.step >= 2
        ? [execute(t.common.back, action('signal.back', data))]
        : []),
      execute(t.common.cancel, action('signal.cancel', data), { associatedInputs: 'none' }),
    ],
    t.register.title,
  );
}

/** Inputs side by side, each with its own error under it. */
function row(
  errors: FieldErrors,
  ...columns: [input: CardElement & { id: string }, width: number][]
): ColumnSet {
  return {
    type: 'ColumnSet',
    columns: columns.map(([input, width]): Column => ({
      type: 'Column',
      width,
      items: [field(input, errors)],
    })),
  };
}

export function registerCovenantCard(
  locale: Locale,
  model: FlowForm & { covenants: { id: string; name: string }[] },
): AdaptiveCard {
  const t = texts(locale);
  const choices = model.covenants.map((c) => ({ title: c.name, value: c.id }));
  return flowCard(locale, model, {
    step: null,
    intro: t.register.covenantIntro,
    fields: [field(choiceSet('covenantId', t.register.covenant, choices, model.values), model.errors)],
    fieldIds: ['covenantId'],
    submit: { title: t.register.next, verb: 'signal.covenant' },
  });
}

/** The input ids of each card of the flow; the dialog reads the same ids back. */
export const HOUSEHOLD_FIELDS = [
  'municipalityId',
  'name',
  'street',
  'houseNumber',
  'addition',
  'postcode',
  'city',
  'phone',
  'adults',
  'children',
  'observationConsent',
] as const;

export function registerHouseholdCard(
  locale: Locale,
  model: FlowForm & {
    covenantName: string;
    municipalities: { id: string; name: string }[];
    /** The covenant's `signals.observations` (its default when absent): household size and children are an own observation. */
    observations?: ObservationPolicy;
  },
): AdaptiveCard {
  const r = texts(locale).register;
  const { values, errors } = model;
  const municipality =
    model.municipalities.length > 1
      ? [
          field(
            choiceSet(
              'municipalityId',
              r.municipality,
              model.municipalities.map((m) => ({ title: m.name, value: m.id })),
              values,
            ),
            errors,
          ),
        ]
      : [];
  return flowCard(locale, model, {
    step: 1,
    intro: `${r.householdTitle} · ${model.covenantName}`,
    fields: [
      ...municipality,
      field(textInput('name', r.name, values, { maxLength: 200 }), errors),
      row(
        errors,
        [textInput('street', r.street, values, { maxLength: 200 }), 3],
        [textInput('houseNumber', r.houseNumber, values, { maxLength: 8 }), 1],
        [textInput('addition', r.addition, values, { maxLength: 10 }), 1],
      ),
      row(
        errors,
        [textInput('postcode', r.postcode, values, { placeholder: r.postcodePlaceholder, maxLength: 8 }), 1],
        [textInput('city', r.city, values, { maxLength: 100 }), 2],
      ),
      field(
        textInput('phone', r.phone, values, { style: 'tel', placeholder: r.phonePlaceholder, maxLength: 20 }),
        errors,
      ),
      text(r.sharedByBesluit, { isSubtle: true, spacing: 'small' }),
      ...observationFields(locale, model),
    ],
    fieldIds: HOUSEHOLD_FIELDS,
    submit: { title: r.next, verb: 'signal.household' },
  });
}

const PRE_CHECKS = [
  'personalContactAttempted',
  'pointedToDebtHelp',
  'offeredToShareWithoutObjection',
] as const;
export const ARREARS_FIELDS = [
  'type',
  'amount',
  'arisingDate',
  'signalDate',
  'reminderSentOn',
  ...PRE_CHECKS,
  'crisis',
  'warmHandover',
] as const;

export const CONFIRM_FIELDS = ['familyWithChildren', 'welfareConcern'] as const;
/** Toggles: their values come back as "true"/"false". */
export const TOGGLE_FIELDS = [
  ...PRE_CHECKS,
  'crisis',
  'warmHandover',
  ...CONFIRM_FIELDS,
  'observationConsent',
] as const;

export function registerArrearsCard(
  locale: Locale,
  model: FlowForm & { signalTypes: string[] },
): AdaptiveCard {
  const r = texts(locale).register;
  const { errors } = model;
  const only = model.signalTypes.length === 1 ? model.signalTypes[0] : undefined;
  const values: FormValues = { ...(only !== undefined ? { type: only } : {}), ...model.values };
  const types = model.signalTypes.map((type) => ({ title: signalTypeLabel(locale, type), value: type }));
  return flowCard(locale, model, {
    step: 2,
    intro: r.arrearsTitle,
    fields: [
      field(choiceSet('type', r.type, types, values), errors),
      field(
        textInput('amount', r.amount, values, { placeholder: r.amountPlaceholder, maxLength: 15 }),
        errors,
      ),
      row(
        errors,
        [dateInput('arisingDate', r.arisingDate, values), 1],
        [dateInput('signalDate', r.signalDate, values), 1],
      ),
      field(dateInput('reminderSentOn', r.reminderSentOn, values), errors),
      text(r.preChecks, { spacing: 'medium', isSubtle: true }),
      ...PRE_CHECKS.map((id) => field(toggle(id, r[id], values), errors)),
      field(toggle('crisis', r.crisis, values), errors),
      field(toggle('warmHandover', r.warmHandover, values), errors),
    ],
    fieldIds: ARREARS_FIELDS,
    submit: { title: r.next, verb: 'signal.arrears' },
  });
}

/** Household size and children: an own observation, with the consent toggle where the covenant needs it. */
function observationFields(
  locale: Locale,
  { values, errors, observations = 'consent_required' }: FlowForm & { observations?: ObservationPolicy },
): CardElement[] {
  if (observations === 'not_shared') return [];
  const r = texts(locale).register;
  return [
    subheading(r.observationsTitle),
    text(observations === 'allowed' ? r.observationsAllowed : r.observationsNeedConsent, {
      isSubtle: true,
      spacing: 'small',
    }),
    row(
      errors,
      [numberInput('adults', r.adults, values, { min: 0, max: 20 }), 1],
      [numberInput('children', r.children, values, { min: 0, max: 20 }), 1],
    ),
    ...(observations === 'consent_required'
      ? [field(toggle('observationConsent', r.observationConsent, values), errors)]
      : []),
  ];
}

/** The confirm card's family toggle starts on when the household entered on step 1 has children. */
function hasChildren(value: string | boolean | undefined): boolean {
  if (typeof value === 'boolean') return value;
  if (value === undefined) return false;
  if (value === 'true') return true;
  const count = Number(value.trim());
  return Number.isFinite(count) && count > 0;
}

export function registerConfirmCard(
  locale: Locale,
  model: FlowForm & {
    summary: { label: string; value: string }[];
    observations?: ObservationPolicy;
    /** The reason the signal falls outside the criteria, in words, when it does. */
    outsideCriteria?: string | null;
  },
): AdaptiveCard {
  const r = texts(locale).register;
  const { values, errors, observations = 'consent_required' } = model;
  // Its own id: "children" is the household's number of children on step 1.
  const flags: FormValues = {
    ...values,
    familyWithChildren: values.familyWithChildren ?? hasChildren(values.children),
  };
  return flowCard(locale, model, {
    step: 3,
    intro: r.confirmTitle,
    fields: [
      subheading(r.summary),
      factSet(model.summary.map(({ label, value }) => [label, value])),
      ...(model.outsideCriteria
        ? [text(r.outsideCriteriaAhead(model.outsideCriteria), { color: 'attention', wrap: true })]
        : []),
      // Both conditions are own observations: left out where the covenant leaves them to the partner.
      ...(observations === 'not_shared'
        ? []
        : [
            subheading(r.observationsTitle),
            text(r.flags, { spacing: 'small', isSubtle: true }),
            ...(observations === 'consent_required'
              ? [
                  text(values.observationConsent === true ? r.consentGiven : r.consentNotGiven, {
                    spacing: 'small',
                  }),
                ]
              : []),
            field(toggle('familyWithChildren', r.childrenFlag, flags), errors),
            field(toggle('welfareConcern', r.welfareConcern, flags), errors),
          ]),
    ],
    fieldIds: CONFIRM_FIELDS,
    submit: { title: r.submit, verb: 'signal.confirm' },
  });
}

export function signalRegisteredCard(
  locale: Locale,
  model: { view: StepView; joined: boolean; outsideCriteria?: OutsideCriteria | null; tabLink?: TabLink },
): AdaptiveCard {
  const t = texts(locale);
  const { view } = model;
  if (model.outsideCriteria) return notTakenUpCard(locale, view, model.outsideCriteria);
  const responsible = responsibleText(view, locale) ?? null;
  return card(
    [
      heading(t.register.registered(view.caseId)),
      subtle(view.covenantName),
      ...(model.joined ? [text(t.register.joined, { weight: 'bolder' })] : []),
      ...factsIfAny([
        [t.register.nextStep, view.stepName],
        [t.case.responsible, responsible],
        [t.case.with, view.jointPartners.map((p) => p.name).join(', ')],
        [t.case.deadline + exampleMark(view.examples?.deadline, locale), deadlineWords(view, locale)],
        [t.case.labels, labelTexts(view, locale).join(', ')],
      ]),
      ...observedFlags(view, locale),
      ...(view.because
        ? [subheading(t.case.why), ...covenantWords({ ...view, because: view.because }, locale)]
        : []),
    ],
    [
      execute(t.register.whoIsResponsible, action('case.show', { caseId: view.caseId })),
      ...openInAanZet(locale, model.tabLink, view.caseId),
    ],
    t.register.registered(view.caseId),
  );
}

/** A signal outside the criteria: recorded and closed at once; the signaller learns why. */
function notTakenUpCard(locale: Locale, view: StepView, reason: OutsideCriteria): AdaptiveCard {
  const t = texts(locale);
  return card(
    [
      heading(t.register.recordedNotTakenUp(view.caseId)),
      subtle(view.covenantName),
      text(t.register.outsideCriteria),
      factSet([
        [t.case.finalResult, view.finalResult ? t.finalResults[view.finalResult] : ''],
        [t.register.reason, fieldErrorText(locale, reason)],
      ]),
    ],
    [execute(t.register.whoIsResponsible, action('case.show', { caseId: view.caseId }))],
    t.register.recordedNotTakenUp(view.caseId),
  );
}
