import type { StepView } from '../casework/reads/views.js';
import type { AdaptiveCard, CardElement } from './card-types.js';
import { caseLine, deadlineLine, labelsBand } from './case-parts.js';
import {
  card,
  dateInput,
  execute,
  field,
  heading,
  otherErrors,
  subheading,
  subtle,
  text,
  textInput,
  type FieldErrors,
  type FormValues,
} from './elements.js';
import { deadlineWords } from './format.js';
import { openInAanZet, type TabLink } from './tab-link.js';
import { texts, type Locale } from './texts.js';
import { action } from './verbs.js';

// Proactive cards: a nudge before the deadline, a reminder on the day, an escalation when late,
// and a partner's daily digest. They hold no personal data: they may land in a channel.

export function reminderCard(
  locale: Locale,
  model: { kind: 'nudge' | 'due' | 'escalation'; view: StepView; tabLink?: TabLink },
): AdaptiveCard {
  const t = texts(locale);
  const r = t.reminders;
  const { view } = model;
  const title =
    model.kind === 'nudge'
      ? r.nudge(view.caseId)
      : model.kind === 'due'
        ? r.due(view.caseId)
        : r.escalation(view.caseId);
  const body: CardElement[] = [heading(title), ...labelsBand(view, locale), text(caseLine(view, locale))];
  const deadline = deadlineLine(view, locale);
  if (deadline) body.push(deadline);
  if (model.kind === 'escalation' && view.responsible)
    body.push(subtle(r.escalationText(view.responsible.name)));
  const context = { caseId: view.caseId, version: view.version };
  return card(
    body,
    [
      execute(t.case.outcome, action('case.outcomeForm', { caseId: view.caseId })),
      execute(r.takeOver, action('case.takeOver', context)),
      execute(r.postpone, action('case.postponeForm', context)),
      execute(t.common.showCase, action('case.show', { caseId: view.caseId })),
      ...openInAanZet(locale, model.tabLink, view.caseId),
    ],
    title,
  );
}

export function postponeFormCard(
  locale: Locale,
  model: { view: StepView; values: FormValues; errors: FieldErrors },
): AdaptiveCard {
  const t = texts(locale);
  const r = t.reminders;
  const { view, values, errors } = model;
  return card(
    [
      heading(r.postponeTitle),
      subtle(`${t.case.title(view.caseId)} · ${view.stepName ?? ''}`),
      subtle(`${r.currentDeadline}: ${deadlineWords(view, locale) ?? ''}`),
      ...otherErrors(errors, ['until', 'reason']),
      field(
        { ...dateInput('until', r.until, values), isRequired: true, errorMessage: r.untilRequired },
        errors,
      ),
      field(
        {
          ...textInput('reason', r.reason, values, { isMultiline: true, maxLength: 500 }),
          isRequired: true,
          errorMessage: r.reasonRequired,
        },
        errors,
      ),
    ],
    [
      execute(r.submitPostpone, action('case.postpone', { caseId: view.caseId, version: view.version }), {
        style: 'positive',
      }),
      execute(t.common.showCase, action('case.show', { caseId: view.caseId }), { associatedInputs: 'none' }),
    ],
    r.postponeTitle,
  );
}

export function digestCard(
  locale: Locale,
  model: { partnerName: string; late: StepView[]; today: StepView[]; thisWeek: StepView[] },
): AdaptiveCard {
  const r = texts(locale).reminders;
  const section = (title: string, views: StepView[]): CardElement[] =>
    views.length === 0
      ? []
      : [
          subheading(`${title} (${views.length})`),
          ...views
            .slice(0, 15)
            .map((v) => text(`${caseLine(v, locale)} · ${deadlineWords(v, locale) ?? ''}`)),
          ...(views.length > 15 ? [subtle(texts(locale).common.more(views.length - 15))] : []),
        ];
  const sections = [
    ...section(r.late, model.late),
    ...section(r.today, model.today),
    ...section(r.thisWeek, model.thisWeek),
  ];
  return card(
    [heading(r.digestTitle(model.partnerName)), ...(sections.length > 0 ? sections : [text(r.nothing)])],
    [],
    r.digestTitle(model.partnerName),
  );
}

/** A confidential note (GGD, social work): visible to the writing organisation and the coordinator. */
export function noteFormCard(
  locale: Locale,
  model: { caseId: string; version: number; values: FormValues; errors: FieldErrors },
): AdaptiveCard {
  const t = texts(locale);
  const n = t.notes;
  return card(
    [
      heading(n.title),
      subtle(`${t.case.title(model.caseId)} · ${n.explain}`),
      ...otherErrors(model.errors, ['text']),
      field(
        {
          ...textInput('text', n.text, model.values, { isMultiline: true, maxLength: 2000 }),
          isRequired: true,
          errorMessage: n.required,
        },
        model.errors,
      ),
    ],
    [
      execute(n.save, action('case.note', { caseId: model.caseId, version: model.version }), {
        style: 'positive',
      }),
      execute(t.common.showCase, action('case.show', { caseId: model.caseId }), { associatedInputs: 'none' }),
    ],
    n.title,
  );
}
