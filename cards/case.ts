import type { PersonalData } from '../casework/case/types.js';
import type { CaseView, StepView } from '../casework/reads/views.js';
import type { AdaptiveCard, CardAction, CardElement } from './card-types.js';
import {
  addressLine,
  deadlineLine,
  householdWords,
  labelsBand,
  observedFlags,
  responsibleText,
  signalFacts,
  statusText,
} from './case-parts.js';
import { joinsSection, ownEntrySection, whySection } from './case-privacy.js';
import { card, execute, factSet, factsIfAny, heading, subheading, subtle, text } from './elements.js';
import { formatPhone, shortMoment } from './format.js';
import { texts, type Locale } from './texts.js';
import { openInAanZet, type TabLink } from './tab-link.js';
import { timelineLine } from './timeline.js';
import { action } from './verbs.js';

export { contactFormCard, outcomeFormCard } from './case-forms.js';
export { messageCard, staleCard } from './messages.js';

// "Wie is aan zet": the full case for personal chat, and the compact status for channels.

const TIMELINE_ENTRIES = 8;

export function caseCard(
  locale: Locale,
  model: { view: CaseView; canAct: boolean; coordinator?: boolean; tabLink?: TabLink },
): AdaptiveCard {
  const t = texts(locale);
  const { view } = model;
  const open = view.status === 'open';
  const late = deadlineLine(view, locale);
  const joins = joinsSection(view, locale, model.coordinator ?? false);
  const body: CardElement[] = [
    heading(t.case.title(view.caseId)),
    subtle(view.covenantName),
    ...labelsBand(view, locale),
    ...observedFlags(view, locale),
    factSet([
      [t.case.status, statusText(view, locale)],
      [t.case.step, open ? (view.stepName ?? t.case.noStep) : null],
      [t.case.responsible, open ? responsibleText(view, locale) : null],
      [t.case.people, open ? view.people.join(', ') : null],
      [t.case.with, open ? view.jointPartners.map((p) => p.name).join(', ') : null],
      ...signalFacts(view, locale),
    ]),
    ...(late ? [late] : []),
    ...(open ? whySection(view, locale) : []),
    ...(view.personal ? personalSection(view.personal, view.observation, locale) : []),
    ...ownEntrySection(view.ownEntries ?? [], locale),
    ...joins.body,
    ...timelineSection(view.timeline, locale),
  ];
  const actions: CardAction[] =
    model.canAct && open && view.stepId !== null
      ? [
          execute(t.case.contact, action('case.contactForm', { caseId: view.caseId, version: view.version })),
          execute(t.case.outcome, action('case.outcomeForm', { caseId: view.caseId, version: view.version })),
        ]
      : [];
  // Whoever may see the personal data may add a confidential note (GGD, social work, …).
  if (open && view.personal)
    actions.push(
      execute(t.notes.add, action('case.noteForm', { caseId: view.caseId, version: view.version })),
    );
  actions.push(...joins.actions);
  actions.push(...openInAanZet(locale, model.tabLink, view.caseId));
  return card(body, actions, t.case.title(view.caseId));
}

function personalSection(
  personal: PersonalData,
  observation: CaseView['observation'],
  locale: Locale,
): CardElement[] {
  const t = texts(locale).case;
  const household = householdWords(personal, observation, locale);
  return [
    subheading(t.personal),
    factSet([
      [t.name, personal.name],
      [t.address, addressLine(personal)],
      [t.phone, personal.phone === undefined ? undefined : formatPhone(personal.phone)],
      [t.household, household],
    ]),
    ...(personal.notes.length > 0
      ? [
          subheading(t.notes),
          ...personal.notes.map((note) =>
            text(`${shortMoment(note.at, locale)}: ${note.text}`, { spacing: 'small' }),
          ),
        ]
      : []),
  ];
}

function timelineSection(timeline: CaseView['timeline'], locale: Locale): CardElement[] {
  if (timeline.length === 0) return [];
  const t = texts(locale).case;
  const shown = timeline.slice(-TIMELINE_ENTRIES);
  const earlier = timeline.length - shown.length;
  return [
    subheading(t.timeline),
    ...(earlier > 0 ? [subtle(t.earlier(earlier))] : []),
    factSet(shown.map((entry) => [shortMoment(entry.at, locale), timelineLine(entry, locale)])),
  ];
}

/**
 * The compact status for team channels. Built field by field from the StepView so that a CaseView
 * passed in by mistake cannot bring its personal data along.
 */
export function statusCard(locale: Locale, model: { view: StepView; tabLink?: TabLink }): AdaptiveCard {
  const t = texts(locale);
  const { view } = model;
  const open = view.status === 'open';
  const late = deadlineLine(view, locale);
  return card(
    [
      heading(t.case.statusTitle(view.caseId)),
      subtle(view.covenantName),
      ...labelsBand(view, locale),
      ...factsIfAny([
        [t.case.status, statusText(view, locale)],
        [t.case.step, open ? (view.stepName ?? t.case.noStep) : null],
        [t.case.responsible, open ? responsibleText(view, locale) : null],
      ]),
      ...(late ? [late] : []),
    ],
    openInAanZet(locale, model.tabLink, view.caseId),
    t.case.statusTitle(view.caseId),
  );
}
