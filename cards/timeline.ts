import { formatDate } from '../casework/covenant/calendar.js';
import type { TimelineEntry, TimelineFact } from '../casework/reads/views.js';
import { fieldErrorText } from './field-errors.js';
import { signalTypeLabel, texts, type Locale } from './texts.js';

// The case's history in the reader's language: casework gives facts, the catalogue the words.

/** One fact as a sentence: "Termijn uitgesteld tot maandag 30 maart 2026: ziekenhuisopname". */
export function timelineText(fact: TimelineFact, locale: Locale): string {
  const t = texts(locale);
  const w = t.timeline;
  const withReason = (line: string, reason: string | null) => (reason ? w.withReason(line, reason) : line);
  switch (fact.kind) {
    case 'signal_received':
      return w.signalReceived(signalTypeLabel(locale, fact.signalType));
    case 'signal_joined':
      return w.signalJoined(signalTypeLabel(locale, fact.signalType), fact.partnerName);
    case 'join_undone':
      return w.joinUndone(fact.partnerName);
    case 'step_started':
      return w.stepStarted(fact.stepName, fact.partnerName);
    case 'deadline_set':
      return w.deadlineSet(formatDate(fact.deadline, locale));
    case 'deadline_postponed':
      return withReason(w.postponed(formatDate(fact.deadline, locale)), fact.reason);
    case 'contact_attempt':
      return w.contact(t.contactForm.kinds[fact.contactKind], fact.reached, w.dayparts[fact.daypart]);
    case 'outcome_logged':
      return w.outcome(fact.outcomeLabel ?? t.finalResults['niet-opgepakt'], fact.solutions.join(', '));
    case 'referred':
      return withReason(w.referred(fact.partnerName), fact.reason);
    case 'escalated':
      return w.escalated(fact.partnerName);
    case 'note_added':
      return w.noteAdded;
    case 'closed':
      return fact.outsideCriteria
        ? w.withReason(
            w.closed(t.finalResults[fact.finalResult]),
            fieldErrorText(locale, fact.outsideCriteria),
          )
        : w.closed(t.finalResults[fact.finalResult]);
    case 'purged':
      return w.purged;
  }
}

/** Who wrote it: a person's name, or AanZet with its reason in the reader's language. */
export function timelineAuthor(entry: TimelineEntry, locale: Locale): string {
  return authorText(entry.who, entry.system, locale);
}

/** A person's name, or "AanZet (step plan)" in the reader's words when AanZet itself wrote. */
export function authorText(who: string, system: string | undefined, locale: Locale): string {
  if (system === undefined) return who;
  return `AanZet (${texts(locale).timeline.system[system] ?? system})`;
}

/** "Sanne Bakker: Signaal Huur ontvangen" */
export function timelineLine(entry: TimelineEntry, locale: Locale): string {
  return `${timelineAuthor(entry, locale)}: ${timelineText(entry.fact, locale)}`;
}
