import { z } from 'zod';
import { CONTACT_KINDS, DAYPARTS } from '../case/types.js';
import { CONDITIONS, SIGNAL_PARTNER_TYPES } from '../covenant/covenant.js';
import { FINAL_RESULT_CODES } from '../covenant/final-results.js';
import { parseIsoDate } from '../covenant/calendar.js';
import { cleanLine, cleanLines, normalisePhone, normalisePostcode } from './clean-text.js';
import { InvalidInput } from '../errors.js';

// The commands' inputs, checked field by field; cards validate with the same schemas so a
// message lands at the field the user typed in. Messages are Dutch: caseworkers read them.
// Free text is cleaned first (clean-text.ts: invisible characters and controls removed, NFC), so
// the limits count what a reader sees; single-line fields lose line breaks, reasons and notes keep them.

const isoDate = z.string().transform((text, ctx) => {
  const date = parseIsoDate(text.trim());
  if (!date) {
    ctx.addIssue({ code: 'custom', message: 'vul een geldige datum in (dd-mm-jjjj)' });
    return z.NEVER;
  }
  return date;
});

const text = (max: number, what: string, lines: 'single' | 'multi' = 'single') =>
  z
    .string()
    .transform(lines === 'single' ? cleanLine : cleanLines)
    .pipe(z.string().min(1, `vul ${what} in`).max(max, `${what} is te lang (hoogstens ${max} tekens)`));

export const householdInput = z.strictObject({
  name: text(120, 'de naam'),
  street: text(120, 'de straat'),
  houseNumber: z.coerce
    .number({ message: 'vul een huisnummer in' })
    .int('een huisnummer is een heel getal')
    .min(1, 'een huisnummer is 1 of hoger')
    .max(99999, 'dit huisnummer is te hoog'),
  addition: z.string().transform(cleanLine).pipe(z.string().max(10, 'de toevoeging is te lang')).default(''),
  postcode: z
    .string()
    .transform(cleanLine)
    .pipe(z.string().regex(/^[1-9]\d{3}\s?[A-Za-z]{2}$/, 'vul een postcode in als 1234 AB'))
    .transform(normalisePostcode),
  city: text(80, 'de plaats'),
  phone: z
    .string()
    .transform(cleanLine)
    .pipe(
      z
        .string()
        .regex(
          /^(\+31 ?|0)[1-9][0-9 -]{7,12}$|^$/,
          'vul een Nederlands telefoonnummer in, bijvoorbeeld 06-12345678',
        ),
    )
    .transform((phone) => (phone === '' ? undefined : normalisePhone(phone)))
    .optional(),
  adults: z.coerce.number().int().min(1, 'minstens 1 volwassene').max(20).optional(),
  children: z.coerce.number().int().min(0).max(20, 'hoogstens 20 kinderen').optional(),
});
export type HouseholdInput = z.output<typeof householdInput>;

export const preChecksInput = z.strictObject({
  personalContactAttempted: z.literal(true, 'de corporatie moet eerst persoonlijk contact hebben gezocht'),
  pointedToDebtHelp: z.literal(true, 'de huurder moet eerst op schuldhulp zijn gewezen'),
  reminderSentOn: isoDate,
  offeredToShareWithoutObjection: z.literal(
    true,
    'in de herinnering moet zijn aangeboden de gegevens te delen, zonder bezwaar van de huurder',
  ),
});

export const signalInput = z.strictObject({
  type: z.enum(SIGNAL_PARTNER_TYPES, 'kies het soort achterstand'),
  amountCents: z.coerce
    .number({ message: 'vul het bedrag in' })
    .int('het bedrag in centen is een heel getal')
    .min(1, 'het bedrag moet groter zijn dan 0')
    .max(100_000_00, 'dit bedrag is onwaarschijnlijk hoog'),
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
});
export type RegisterSignalInput = z.input<typeof registerSignalInput>;
export type RegisterSignal = z.output<typeof registerSignalInput>;

export const contactAttemptInput = z.strictObject({
  kind: z.enum(CONTACT_KINDS, 'kies de soort contact'),
  reached: z.boolean(),
  date: isoDate,
  daypart: z.enum(DAYPARTS, 'kies ochtend, middag of avond'),
});
export type ContactAttemptInput = z.input<typeof contactAttemptInput>;

export const outcomeInput = z.strictObject({
  outcomeId: z.string().min(1, 'kies een uitkomst'),
  solutions: z.array(z.string()).default([]),
});
export type OutcomeInput = z.input<typeof outcomeInput>;

export const referInput = z.strictObject({
  toPartnerId: z.string().min(1, 'kies de partner'),
  reason: text(500, 'de reden', 'multi'),
});

export const closeInput = z.strictObject({
  finalResult: z.enum(FINAL_RESULT_CODES, 'kies een eindresultaat'),
});

export const postponeInput = z.strictObject({
  until: isoDate,
  reason: text(500, 'de reden', 'multi'),
});

export const noteInput = z.strictObject({ text: text(2000, 'de notitie', 'multi') });

/** Parses or throws InvalidInput with one Dutch message per field path (e.g. "household.postcode"). */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || 'input';
    fieldErrors[key] ??=
      issue.code === 'unrecognized_keys' ? `onbekend veld: ${issue.keys.join(', ')}` : issue.message;
  }
  throw new InvalidInput(fieldErrors);
}
