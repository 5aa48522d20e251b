import type { FieldError } from '../casework/errors.js';
import { texts, type Locale } from './texts.js';

// The sentence for each field-error code (casework/errors.ts FieldError), from the catalogue
// (cards/texts/<language>.ts, `fieldErrors`). `field` names the field the error is about, so
// "required" reads "vul de naam in" under the name and "kies een uitkomst" under the outcome.

/** A table's own entry only: a field named "constructor" must not find Object's. */
function own<T>(table: Record<string, T>, key: string | number | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The sentence for a field error in the user's language; an unknown code reads as "not valid". */
export function fieldErrorText(locale: Locale, error: FieldError): string {
  const { nouns, byField, sentences } = texts(locale).fieldErrors;
  const params = error.params ?? {};
  const sentence =
    own(own(byField, params.field) ?? {}, error.code) ?? own(sentences, error.code) ?? sentences['invalid']!;
  return sentence({ ...params, noun: own(nouns, params.field) });
}

/** Every field's sentence, for a form that shows each under its field. */
export function fieldErrorTexts(locale: Locale, errors: Record<string, FieldError>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).map(([path, error]) => [path, fieldErrorText(locale, error)]),
  );
}
