import { DateTime } from 'luxon';
import { formatDate, formatDayInWeek, ZONE, type DeadlineStanding } from '../casework/covenant/calendar.js';
import { normalisePhone, normalisePostcode } from '../casework/commands/clean-text.js';
import type { StepView } from '../casework/reads/views.js';
import { texts, type Locale } from './texts.js';

// Numbers, money and moments as a Dutch (or English) reader expects them.

const EURO = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** € 712,50 */
export function formatEuro(amountCents: number): string {
  return EURO.format(amountCents / 100);
}

/** 0.625 → "63%" (nl) / "63%" (en) */
export function formatPercent(share: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 0,
  }).format(share);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 }).format(
    value,
  );
}

/** An ISO instant as the time and date in Amsterdam: { time: "10:42", date: "dinsdag 17 maart 2026" }. */
export function amsterdamMoment(instant: string, locale: Locale): { time: string; date: string } {
  const local = DateTime.fromISO(instant, { zone: ZONE });
  if (!local.isValid) return { time: '', date: instant };
  return { time: local.toFormat('HH:mm'), date: formatDate(local.toISODate(), locale) };
}

/** Compact, for timelines: "17 mrt 10:42" / "17 Mar 10:42". */
export function shortMoment(instant: string, locale: Locale): string {
  const local = DateTime.fromISO(instant, { zone: ZONE, locale });
  return local.isValid ? local.toFormat('d LLL HH:mm') : instant;
}

/** "over 10 werkdagen", "te laat sinds vrijdag 13 maart", "tomorrow". */
export function standingText(standing: DeadlineStanding, locale: Locale): string {
  const words = texts(locale).case.standing;
  switch (standing.kind) {
    case 'today':
      return words.today;
    case 'tomorrow':
      return words.tomorrow;
    case 'in':
      return words.in(standing.workingDays);
    case 'late':
      return words.late(standing.workingDays);
    case 'on':
      return words.on(formatDayInWeek(standing.date, locale));
    case 'late_since':
      return words.lateSince(formatDayInWeek(standing.date, locale));
  }
}

/** "maandag 23 maart 2026 (over 10 werkdagen)", or only the date when there is no standing. */
export function deadlineWords(
  view: Pick<StepView, 'deadline' | 'deadlineStanding'>,
  locale: Locale,
): string | null {
  if (view.deadline === null) return null;
  const date = formatDate(view.deadline, locale);
  return view.deadlineStanding ? `${date} (${standingText(view.deadlineStanding, locale)})` : date;
}

/** "3437ab" → "3437 AB"; also for cases stored before input was normalised. */
export function formatPostcode(postcode: string): string {
  return normalisePostcode(postcode);
}

/** "0612345678" → "06-12345678", "+31 30 123 4567" → "030-1234567"; unrecognised numbers as given. */
export function formatPhone(phone: string): string {
  return normalisePhone(phone);
}
