import { CONTACT_KINDS, DAYPARTS } from '../casework/case/types.js';
import type { AdaptiveCard, CardElement } from './card-types.js';
import {
  card,
  choiceSet,
  dateInput,
  execute,
  field,
  heading,
  otherErrors,
  subtle,
  toggle,
  type FieldErrors,
  type FormValues,
} from './elements.js';
import { texts, type Locale } from './texts.js';
import { action, type Verb } from './verbs.js';

// The two forms on an open step: a contact attempt and the step's outcome. Both carry the case
// version they were built from, so a second click or a stale card is refused on the server.

interface StepForm {
  caseId: string;
  version: number;
  stepName: string;
  values: FormValues;
  errors: FieldErrors;
}

function stepFormCard(
  locale: Locale,
  form: StepForm,
  frame: { title: string; fields: CardElement[]; fieldIds: readonly string[]; submit: string; verb: Verb },
): AdaptiveCard {
  const t = texts(locale);
  return card(
    [
      heading(frame.title),
      subtle(`${t.case.title(form.caseId)} · ${form.stepName}`),
      ...otherErrors(form.errors, frame.fieldIds),
      ...frame.fields,
    ],
    [
      execute(frame.submit, action(frame.verb, { caseId: form.caseId, version: form.version }), {
        style: 'positive',
      }),
      execute(t.common.showCase, action('case.show', { caseId: form.caseId }), { associatedInputs: 'none' }),
    ],
    frame.title,
  );
}

export function contactFormCard(locale: Locale, model: StepForm): AdaptiveCard {
  const c = texts(locale).contactForm;
  const { values, errors } = model;
  return stepFormCard(locale, model, {
    title: c.title,
    fields: [
      field(
        choiceSet(
          'kind',
          c.kind,
          CONTACT_KINDS.map((kind) => ({ title: c.kinds[kind], value: kind })),
          values,
        ),
        errors,
      ),
      field(toggle('reached', c.reached, values), errors),
      field(dateInput('date', c.date, values), errors),
      field(
        choiceSet(
          'daypart',
          c.daypart,
          DAYPARTS.map((daypart) => ({ title: c.dayparts[daypart], value: daypart })),
          values,
          { style: 'expanded' },
        ),
        errors,
      ),
    ],
    fieldIds: ['kind', 'reached', 'date', 'daypart'],
    submit: c.submit,
    verb: 'case.contact',
  });
}

export function outcomeFormCard(
  locale: Locale,
  model: StepForm & { outcomes: { id: string; label: string }[]; solutions: string[] },
): AdaptiveCard {
  const o = texts(locale).outcomeForm;
  const { values, errors } = model;
  const solutions =
    model.solutions.length > 0
      ? [
          field(
            choiceSet(
              'solutions',
              o.solutions,
              model.solutions.map((solution) => ({ title: solution, value: solution })),
              values,
              { isMultiSelect: true, style: 'expanded' },
            ),
            errors,
          ),
        ]
      : [];
  return stepFormCard(locale, model, {
    title: o.title,
    fields: [
      field(
        choiceSet(
          'outcomeId',
          o.outcome,
          model.outcomes.map((outcome) => ({ title: outcome.label, value: outcome.id })),
          values,
          { style: 'expanded' },
        ),
        errors,
      ),
      ...solutions,
    ],
    fieldIds: ['outcomeId', 'solutions'],
    submit: o.submit,
    verb: 'case.outcome',
  });
}
