import type { PersonalData } from '../casework/case/types.js';
import { formatDate } from '../casework/covenant/calendar.js';
import type { CaseView, StepChangeView, StepView } from '../casework/reads/views.js';
import type { CardElement, Container, TextBlock } from './card-types.js';
import { text } from './elements.js';
import { deadlineWords, formatPostcode } from './format.js';
import { texts, type Locale } from './texts.js';

// Pieces that several case cards (and the tab's Casus view) share. None of them reads personal data
// except `addressLine`. Nothing here builds actions, so the tab can use the words without them.

/**
 * The labels of the special rules that hold ("gezin met kinderen", "crisis") in the reader's
 * language; a view built without its flags shows the covenant's own words.
 */
export function labelTexts(view: Pick<StepView, 'labels' | 'flags'>, locale: Locale): string[] {
  if (view.flags === undefined) return view.labels;
  const names = texts(locale).flags;
  return [...new Set(view.flags.map((flag) => names[flag]))];
}

/** The labels on an attention-coloured band. */
export function labelsBand(view: Pick<StepView, 'labels' | 'flags'>, locale: Locale): CardElement[] {
  const labels = labelTexts(view, locale);
  if (labels.length === 0) return [];
  const band: Container = {
    type: 'Container',
    style: 'attention',
    items: [text(`⚠ ${labels.join(' · ')}`, { weight: 'bolder', color: 'attention' })],
  };
  return [band];
}

/** " (voorbeeld)" after a part of the step the covenant's source does not give, else nothing. */
export function exampleMark(example: boolean | undefined, locale: Locale): string {
  return example ? ` (${texts(locale).case.example})` : '';
}

/** The responsible partner's name, marked when the covenant's owner for the step is an example. */
export function responsibleText(view: StepView, locale: Locale): string | undefined {
  return view.responsible
    ? view.responsible.name + exampleMark(view.examples?.responsible, locale)
    : undefined;
}

/** "Termijn: maandag 23 maart 2026 (over 10 werkdagen) · Op tijd", or the late variant in attention colour. */
export function deadlineLine(view: StepView, locale: Locale): TextBlock | null {
  const words = deadlineWords(view, locale);
  if (words === null || view.status !== 'open') return null;
  const t = texts(locale).case;
  const deadline = t.deadline + exampleMark(view.examples?.deadline, locale);
  return view.late
    ? text(`⚠ ${t.late} · ${deadline}: ${words}`, { color: 'attention', weight: 'bolder' })
    : text(`${deadline}: ${words} · ${t.onTime}`);
}

export function statusText(view: StepView, locale: Locale): string {
  const t = texts(locale).case;
  const status = t.statuses[view.status];
  return view.finalResult ? `${status}: ${texts(locale).finalResults[view.finalResult]}` : status;
}

/**
 * The covenant's own rule text, quoted as it is (in Dutch) and marked as the covenant's words;
 * the id lets a test tell it from the catalogue's text. Its deadline rule follows in the
 * reader's language.
 */
export function covenantWords(
  view: Pick<StepView, 'because' | 'deadlineRule' | 'examples'> & { because: string },
  locale: Locale,
): CardElement[] {
  const t = texts(locale).case;
  const rule = view.deadlineRule;
  const quote: Container = {
    type: 'Container',
    id: COVENANT_WORDS_ID,
    spacing: 'none',
    items: [
      text(view.because, { spacing: 'none' }),
      text(`(${t.covenantWords}${view.examples?.rule ? ` · ${t.example}` : ''})`, {
        isSubtle: true,
        size: 'small',
        spacing: 'none',
      }),
    ],
  };
  if (!rule) return [quote];
  const deadline = t.deadlineRule(rule.days, rule.unit === 'working_days', rule.from === 'signal');
  return [quote, text(deadline, { spacing: 'small' })];
}

/** The id of the one container per card that quotes the covenant (see `covenantWords`). */
export const COVENANT_WORDS_ID = 'covenant-words';

/** "Dukatenburg 12A, 3437 AB Nieuwegein" */
export function addressLine(personal: PersonalData): string {
  const { houseNumber, addition, postcode } = personal.address;
  const extra = addition.trim();
  const number =
    extra === ''
      ? `${houseNumber}`
      : /^[a-z]/i.test(extra)
        ? `${houseNumber}${extra}`
        : `${houseNumber}-${extra}`;
  return `${personal.street} ${number}, ${formatPostcode(postcode)} ${personal.city}`;
}

/** One line per case for lists: "LEK-2026-0031 · Gezamenlijk huisbezoek · WIL". */
export function caseLine(view: StepView, locale: Locale): string {
  const step = view.stepName ?? texts(locale).case.noStep;
  return [view.caseId, step, view.responsible?.name].filter((part) => part !== undefined).join(' · ');
}

/** Which conditions on the card are the signaller's own observation, and whether the tenant agreed. */
export function observedFlags(view: Pick<StepView, 'observation'>, locale: Locale): CardElement[] {
  const words = observedWords(view, locale);
  return words === null ? [] : [text(words, { isSubtle: true, spacing: 'small' })];
}

/** The sentence `observedFlags` shows (also the tab's), or null when the signaller observed no condition. */
export function observedWords(view: Pick<StepView, 'observation'>, locale: Locale): string | null {
  const t = texts(locale);
  // A number of children implies the "family with children" condition, so it counts here too.
  const flags = (view.observation?.fields ?? []).filter((f) => f !== 'adults');
  if (!view.observation || flags.length === 0) return null;
  const what = flags.map((f) => t.case.observationFields[f]).join(', ');
  return t.register.observedBy(view.observation.partnerName, view.observation.withConsent, what);
}

/** "2 volwassenen, 1 kind (eigen waarneming van Mitros, met toestemming)" where the signaller observed them. */
export function householdWords(
  personal: Pick<PersonalData, 'adults' | 'children'>,
  observation: StepView['observation'],
  locale: Locale,
): string {
  const t = texts(locale).case;
  const household = t.householdText(personal.adults, personal.children);
  const observed = observation?.fields.some((f) => f === 'adults' || f === 'children') ?? false;
  if (household === '' || !observed) return household;
  return `${household} (${t.ownObservation(observation!.partnerName, observation!.withConsent)})`;
}

/** A referral, take-over or postponement as one line; its reason only when the view carries it. */
export function changeLine(change: StepChangeView, locale: Locale): string {
  const p = texts(locale).privacy;
  const line =
    change.kind === 'postponed'
      ? p.postponed(formatDate(change.deadline!, locale), change.who)
      : change.kind === 'taken_over'
        ? p.takenOver(change.partnerName ?? '', change.who)
        : p.referred(change.partnerName ?? '', change.who);
  return change.reason ? p.withReason(line, change.reason) : line;
}

/** DDAS: the signal's status and the day the case was picked up. */
export function signalFacts(view: CaseView, locale: Locale): [string, string | null][] {
  if (!view.signal) return [];
  const t = texts(locale);
  const { status, pickedUpOn } = view.signal;
  const words =
    status === 'nog-niet-opgepakt' || status === 'opgepakt'
      ? t.case.signalStates[status]
      : t.finalResults[status];
  return [
    [t.case.signalStatus, words],
    [t.case.pickedUpOn, pickedUpOn ? formatDate(pickedUpOn, locale) : null],
  ];
}
