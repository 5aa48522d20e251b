import { ApiError, messageOf } from '../../api.js';

// What an action's refusal means for its form: messages at the fields the form has, and one
// message above it for the rest (a stale version, a closed case, no access, a fault).

export interface FormProblem {
  /** Messages by field name, for the fields this form shows. */
  fields: Record<string, string>;
  /** Shown above the form; null when every message has its field. */
  message: string | null;
  /** Someone changed the case in between: the form offers to reload it. */
  stale: boolean;
}

export const NO_PROBLEM: FormProblem = { fields: {}, message: null, stale: false };

export function formProblem(error: unknown, formFields: readonly string[], fallback: string): FormProblem {
  if (error instanceof ApiError && error.status === 400 && error.code === 'invalid_input') {
    const given = error.body.fields;
    const messages =
      given !== null && typeof given === 'object' && !Array.isArray(given)
        ? Object.entries(given as Record<string, unknown>).filter(
            (entry): entry is [string, string] => typeof entry[1] === 'string',
          )
        : [];
    const atField = messages.filter(([field]) => formFields.includes(field));
    const elsewhere = messages.filter(([field]) => !formFields.includes(field)).map(([, text]) => text);
    return {
      fields: Object.fromEntries(atField),
      message:
        elsewhere.length > 0 ? elsewhere.join(' ') : atField.length > 0 ? null : messageOf(error, fallback),
      stale: false,
    };
  }
  return {
    fields: {},
    message: messageOf(error, fallback),
    stale: error instanceof ApiError && error.status === 409 && error.code === 'stale',
  };
}
