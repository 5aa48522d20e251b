import { z } from 'zod';
import { CONTACT_KINDS, DAYPARTS } from '../case/types.js';
import { CONDITIONS, SIGNAL_PARTNER_TYPES } from '../covenant/covenant.js';
import { currentFinalResult, FINAL_RESULT_CODES } from '../covenant/final-results.js';
import { parseIsoDate } from '../covenant/calendar.js';
import { cleanLine, cleanLines, normalisePhone, normalisePostcode } from './clean-text.js';
import { InvalidInput, type FieldError } from '../errors.js';

// The commands' inputs, checked field by field; cards validate with the same schemas so an error
// lands at the field the user typed in. Errors are codes (FieldError), never sentences: zod's issue
// kinds map to generic codes, and a schema names a more specific code as its message (ISSUE_CODES).
// Free text is cleaned first (clean-text.ts: invisible characters and controls removed, NFC), so
// the limits count what a reader sees; single-line fields lose line breaks, reasons and notes keep them.

/** Codes a schema may give as its message; anything else a schema says is replaced by a code. */
const ISSUE_CODES = new Set([
  'required',
  'not_a_date',
  'not_a_postcode',
  'not_a_phone',
  'not_whole_number',
  'too_small',
  'too_large',
  'must_confirm',
]);

const isoDate = z.string().transform((text, ctx) => {
  const date = parseIsoDate(text.trim());
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'not_a_date' });
    return z.NEVER;
  }
  return date;
});

const text = (max: number, lines: 'single' | 'multi' = 'single') =>
  z
    .string()
    .transform(lines === 'single' ? cleanLine : cleanLines)
    .pipe(z.string().min(1).max(max));

export const householdInput = z.strictObject({
  name: text(120),
  street: text(120),
  // A number's own message stands for every check without one, hence a code on each check.
  houseNumber: z.coerce
    .number({ message: 'required' })
    .int('not_whole_number')
    .min(1, 'too_small')
    .max(99999, 'too_large'),
  addition: z.string().transform(cleanLine).pipe(z.string().max(10)).default(''),
  postcode: z
    .string()
    .transform(cleanLine)
    .pipe(z.string().regex(/^[1-9]\d{3}\s?[A-Za-z]{2}$/, 'not_a_postcode'))
    .transform(normalisePostcode),
  city: text(80),
  phone: z
    .string()
    .transform(cleanLine)
    .pipe(z.string().regex(/^(\+31 ?|0)[1-9][0-9 -]{7,12}$|^$/, 'not_a_phone'))
    .transform((phone) => (phone === '' ? undefined : normalisePhone(phone)))
    .optional(),
  adults: z.coerce.number().int().min(1).max(20).optional(),
  children: z.coerce.number().int().min(0).max(20).optional(),
});
export type HouseholdInput = z.output<typeof householdInput>;

export const preChecksInput = z.strictObject({
  personalContactAttempted: z.literal(true, 'must_confirm'),
  pointedToDebtHelp: z.literal(true, 'must_confirm'),
  reminderSentOn: isoDate,
  offeredToShareWithoutObjection: z.literal(true, 'must_confirm'),
});

export const signalInput = z.strictObject({
  type: z.enum(SIGNAL_PARTNER_TYPES),
  amountCents: z.coerce
    .number({ message: 'required' })
    .int('not_whole_number')
    .min(1, 'too_small')
    .max(100_000_00, 'too_large'),
  arisingDate: isoDate,
  signalDate: isoDate,
  crisis: z.boolean().default(false),
  warmHandover: z.boolean().default(false),
  preChecks: preChecksInput,
});

export const registerSignalInput = z.strictObject({
  covenantId: z.string().min(1),
  /** Needed when the covenant has more than one municipality. */
  municipalityId: z.string().optional(),
  household: householdInput,
  signal: signalInput,
  flags: z.array(z.enum(CONDITIONS)).default([]),
  /** The tenant agreed that the signaller shares its own observations (household, children, concerns). */
  observationConsent: z.boolean().default(false),
});
export type RegisterSignalInput = z.input<typeof registerSignalInput>;
export type RegisterSignal = z.output<typeof registerSignalInput>;

export const contactAttemptInput = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  reached: z.boolean(),
  date: isoDate,
  daypart: z.enum(DAYPARTS),
});
export type ContactAttemptInput = z.input<typeof contactAttemptInput>;
export type ContactAttempt = z.output<typeof contactAttemptInput>;

export const outcomeInput = z.strictObject({
  outcomeId: z.string().min(1),
  solutions: z.array(z.string()).default([]),
});
export type OutcomeInput = z.input<typeof outcomeInput>;
export type Outcome = z.output<typeof outcomeInput>;

export const referInput = z.strictObject({
  toPartnerId: z.string().min(1),
  reason: text(500, 'multi'),
});

export const closeInput = z.strictObject({
  // A close form sent before DDAS v1.2 may carry a renamed code: read it as the current one.
  finalResult: z.preprocess(
    (v) => (typeof v === 'string' ? (currentFinalResult(v) ?? v) : v),
    z.enum(FINAL_RESULT_CODES),
  ),
});

export const postponeInput = z.strictObject({
  until: isoDate,
  reason: text(500, 'multi'),
});

export const noteInput = z.strictObject({ text: text(2000, 'multi') });

/** Parses or throws InvalidInput with one code per field path (e.g. "household.postcode"). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, FieldError> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || 'input';
    fieldErrors[key] ??= fieldErrorOf(issue);
  }
  throw new InvalidInput(fieldErrors);
}

type Issue = z.core.$ZodIssue;

/** A zod issue as a code; `field` is the last named part of its path, so a sentence can name it. */
export function fieldErrorOf(issue: Issue): FieldError {
  if (issue.code === 'unrecognized_keys')
    return { code: 'unknown_field', params: { keys: issue.keys.join(', ') } };
  const field = issue.path.filter((part) => typeof part === 'string').at(-1) ?? 'input';
  const code = ISSUE_CODES.has(issue.message) ? issue.message : genericCode(issue);
  return { code, params: { field, ...issueParams(issue) } };
}

function genericCode(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid';
    case 'too_small':
      if (issue.origin !== 'string') return 'too_small';
      return Number(issue.minimum) <= 1 ? 'required' : 'too_short';
    case 'too_big':
      return issue.origin === 'string' ? 'too_long' : 'too_large';
    case 'invalid_value':
      return 'not_one_of';
    default:
      return 'invalid';
  }
}

function issueParams(issue: Issue): Record<string, string | number> {
  if (issue.code === 'too_big') return { max: Number(issue.maximum) };
  if (issue.code === 'too_small') return { min: Number(issue.minimum) };
  // A literal (a box that must be ticked) has one value: naming it helps no one.
  if (issue.code === 'invalid_value' && issue.values.length > 1)
    return { options: issue.values.map(String).join(', ') };
  return {};
}
