import { formatNumber, formatPercent } from '../../../../cards/format.js';
import type { Locale } from '../../../../cards/texts.js';

// Numbers and months as the cards write them, in the reader's language.

export const number = (value: number, locale: Locale) => formatNumber(value, locale);
export const percent = (share: number, locale: Locale) => formatPercent(share, locale);

/** '2026-03' → "mrt 2026" / "Mar 2026" */
export function monthName(month: string, locale: Locale): string {
  const [year, index] = [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, index - 1, 1)));
}

/** The culture the charts format their numbers with. */
export const culture = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');
