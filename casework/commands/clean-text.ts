// Free text as it enters AanZet: typed into a card, or a display name sent by Teams.
//
// What is removed and why it is removed rather than refused: every character below is invisible
// (or only changes how the text around it is drawn). A caseworker who pastes a name from Outlook,
// Word or a PDF often brings some along (zero-width spaces, direction marks, soft hyphens) and
// could not see or fix what an error message would point at. Removing them changes nothing a
// reader can see, stops a bidi override from making "Jansen" display as something else, and
// makes two names that look the same compare the same. What a reader CAN see is still refused by
// the schemas in inputs.ts: a value that is empty once cleaned, too long, or not a postcode.

/**
 * Bidi embeddings, overrides and isolates, direction marks (LRM, RLM, ALM), zero-width space,
 * (non-)joiner, word joiner, invisible operators, byte-order mark, soft hyphen, Mongolian vowel
 * separator and the Unicode tag block (used to smuggle invisible ASCII).
 */
const INVISIBLE =
  /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu;
/** C0 and C1 controls, NUL included; line breaks and tabs are handled before these go. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROLS = /[\u0000-\u001F\u007F-\u009F]/g;
/** The same, except the line feed of a multi-line value. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROLS_BUT_LF = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
/** Any character that withoutHiddenCharacters removes (the same classes, tested once). */
const HIDDEN = new RegExp(`${INVISIBLE.source}|${CONTROLS_BUT_LF.source}`, 'u');
/** Printable ASCII only: nothing to normalise, remove or break (most commands and names). */
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;
/** Everything that breaks a line: CR LF, CR, LF, VT, FF, NEL, line and paragraph separators. */
const LINE_BREAK = /\r\n|[\n\v\f\r\u0085\u2028\u2029]/g;

function withoutInvisibles(value: string): string {
  return value.normalize('NFC').replace(INVISIBLE, '');
}

/** Invisible characters and controls (line feeds kept) out of text of any age, for display. */
export function withoutHiddenCharacters(value: string): string {
  return value.replace(INVISIBLE, '').replace(CONTROLS_BUT_LF, '');
}

/** Whether withoutHiddenCharacters would change the text. */
export function hasHiddenCharacters(value: string): boolean {
  return HIDDEN.test(value);
}

/** A single-line value (name, street, city): line breaks and tabs become one space; trimmed. */
export function cleanLine(value: string): string {
  // Every command and most display names: only the spaces to tidy (a turn cleans two).
  if (PRINTABLE_ASCII.test(value)) return value.replace(/ {2,}/g, ' ').trim();
  return cleanLineEveryPass(value);
}

/** `cleanLine` without its shortcut for printable ASCII. */
export function cleanLineEveryPass(value: string): string {
  return withoutInvisibles(value)
    .replace(LINE_BREAK, ' ')
    .replace(/\t/g, ' ')
    .replace(CONTROLS, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** A multi-line value (a reason, a note): lines kept as "\n", tabs become a space; trimmed. */
export function cleanLines(value: string): string {
  return withoutInvisibles(value)
    .replace(LINE_BREAK, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROLS_BUT_LF, '')
    .replace(/[ ]+$/gm, '')
    .trim();
}

const MAX_DISPLAY_NAME = 100;

/**
 * A Teams display name, which the AanZet user did not type and cannot change: cleaned rather
 * than refused, cut at a length any card can show, and `fallback` when nothing is left.
 */
export function cleanDisplayName(name: string | undefined, fallback: string): string {
  const clean = cleanLine(name ?? '');
  if (clean === '') return fallback;
  return clean.length > MAX_DISPLAY_NAME ? `${clean.slice(0, MAX_DISPLAY_NAME - 1)}…` : clean;
}

/** "3437ab", "3437 ab" → "3437 AB"; anything else unchanged (the schema refuses it). */
export function normalisePostcode(value: string): string {
  const match = /^([1-9]\d{3})\s?([A-Za-z]{2})$/.exec(value.trim());
  return match ? `${match[1]} ${match[2]!.toUpperCase()}` : value;
}

/** Area codes of three digits (with the 0); every other geographic area code has four. */
const THREE_DIGIT_AREAS = new Set([
  '010', '013', '015', '020', '023', '024', '026', '030', '033', '035', '036', '038', '040', '043',
  '045', '046', '050', '053', '055', '058', '070', '071', '072', '073', '074', '075', '076', '077',
  '078', '079', '084', '085', '087', '088',
]); // prettier-ignore

/**
 * A Dutch phone number as people write it: "06-12345678", "030-1234567", "0348-123456".
 * "+31 6 1234 5678" and "0031…" become national numbers. What is not a ten-digit Dutch number
 * (a service number, a foreign number) is returned as it was given.
 */
export function normalisePhone(value: string): string {
  const compact = value.replace(/[\s\-().]/g, '');
  const national = /^(?:\+31|0031)(\d{9})$/.exec(compact)?.[1];
  const digits = national !== undefined ? `0${national}` : compact;
  if (!/^0[1-9]\d{8}$/.test(digits)) return value;
  if (digits.startsWith('06')) return `06-${digits.slice(2)}`;
  const area = THREE_DIGIT_AREAS.has(digits.slice(0, 3)) ? 3 : 4;
  return `${digits.slice(0, area)}-${digits.slice(area)}`;
}
