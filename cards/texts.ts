import type { Locale } from '../casework/reads/views.js';
import { en } from './texts/en.js';
import { nl, type Texts } from './texts/nl.js';

// The one catalogue of user text: cards/texts/nl.ts (the default) and cards/texts/en.ts.

export type { Locale, Texts };

/** Teams sends the client's locale (`en-US`, `nl-NL`, ...): English only for English clients. */
export function localeFrom(teamsLocale: string | undefined): Locale {
  return teamsLocale !== undefined && /^en(?:[-_]|$)/i.test(teamsLocale.trim()) ? 'en' : 'nl';
}

const TEXTS: Record<Locale, Texts> = { nl, en };

export function texts(locale: Locale): Texts {
  return TEXTS[locale];
}

/** A signal type (a DDAS code) in the reader's language; an unknown code is shown as it is. */
export function signalTypeLabel(locale: Locale, type: string): string {
  return (texts(locale).signalTypes as Record<string, string>)[type] ?? type;
}
