import type { AdaptiveCard } from './card-types.js';
import {
  card,
  choiceSet,
  execute,
  factSet,
  field,
  heading,
  otherErrors,
  text,
  type FieldErrors,
  type FormValues,
} from './elements.js';
import { texts, type Locale } from './texts.js';
import { action } from './verbs.js';

// Joining a partner organisation: the request, the coordinator's approval card, and the result.

/** The ChoiceSet value of one organisation: `covenantId|partnerId`. */
export function organisationValue(covenantId: string, partnerId: string): string {
  return `${covenantId}|${partnerId}`;
}

export function onboardingCard(
  locale: Locale,
  model: {
    covenants: { id: string; name: string; partners: { id: string; name: string }[] }[];
    values: FormValues;
    errors: FieldErrors;
  },
): AdaptiveCard {
  const t = texts(locale).onboarding;
  const choices = model.covenants.flatMap((covenant) =>
    covenant.partners.map((partner) => ({
      title: `${partner.name} — ${covenant.name}`,
      value: organisationValue(covenant.id, partner.id),
    })),
  );
  return card(
    [
      heading(t.title),
      text(t.text),
      ...otherErrors(model.errors, ['organisation']),
      field(
        choiceSet('organisation', t.organisation, choices, model.values, { style: 'filtered' }),
        model.errors,
      ),
    ],
    [execute(t.submit, action('onboarding.request'), { style: 'positive' })],
    t.title,
  );
}

export function approvalCard(
  locale: Locale,
  model: {
    requester: { userId: string; name: string };
    covenantId: string;
    covenantName: string;
    partnerName: string;
  },
): AdaptiveCard {
  const t = texts(locale).onboarding;
  const context = { requestUserId: model.requester.userId, covenantId: model.covenantId };
  return card(
    [
      heading(t.approvalTitle),
      text(t.approvalText(model.requester.name, model.partnerName, model.covenantName)),
      factSet([
        [t.organisation, model.partnerName],
        [texts(locale).case.covenant, model.covenantName],
      ]),
    ],
    [
      execute(t.approve, action('onboarding.approve', context), { style: 'positive' }),
      execute(t.reject, action('onboarding.reject', context), { style: 'destructive' }),
    ],
    t.approvalTitle,
  );
}

export function approvalResultCard(
  locale: Locale,
  model: { approved: boolean; requesterName: string; partnerName: string; by: string },
): AdaptiveCard {
  const t = texts(locale).onboarding;
  const title = model.approved ? t.approvedTitle : t.rejectedTitle;
  return card(
    [
      { ...heading(title), color: model.approved ? 'good' : 'attention' },
      text(t.resultText(model.approved, model.requesterName, model.partnerName, model.by)),
    ],
    [],
    title,
  );
}
