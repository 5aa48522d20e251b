import type { ImportRow } from '../casework/casework.js';
import type { FieldError } from '../casework/errors.js';

// The AanZet import format (docs/import-format.md): one signal per row, columns named after the
// DDAS signal fields in Dutch. A row becomes what the register card would send; the checks are
// the card's, in casework. Only what the card's schema cannot say is checked here (an amount in
// euros, a yes/no, a column nobody knows).

/** Column → where it goes in the register-signal input ("signal.amountCents"), or the row's own fields. */
export const COLUMNS = {
  bron_id: 'sourceId',
  signaalpartner: 'partnerId',
  signaalpartner_type: 'signal.type',
  bedrag: 'signal.amountCents',
  ontstaansdatum: 'signal.arisingDate',
  signaaldatum: 'signal.signalDate',
  crisissignaal: 'signal.crisis',
  warme_overdracht: 'signal.warmHandover',
  herinnering_verstuurd_op: 'signal.preChecks.reminderSentOn',
  persoonlijk_contact_gezocht: 'signal.preChecks.personalContactAttempted',
  gewezen_op_schuldhulp: 'signal.preChecks.pointedToDebtHelp',
  delen_aangeboden_zonder_bezwaar: 'signal.preChecks.offeredToShareWithoutObjection',
  naam: 'household.name',
  straat: 'household.street',
  huisnummer: 'household.houseNumber',
  toevoeging: 'household.addition',
  postcode: 'household.postcode',
  woonplaats: 'household.city',
  telefoon: 'household.phone',
  volwassenen: 'household.adults',
  kinderen: 'household.children',
  // The household size is the corporation's own observation: only with the tenant's consent
  // where the covenant asks for it (signals.observations), as on the register card.
  toestemming_observaties: 'observationConsent',
  gemeente: 'municipalityId',
} as const;
export type Column = keyof typeof COLUMNS;

/** DDAS spells some fields in camelCase (warmeOverdracht): both spellings are read. */
const ALIASES: Record<string, Column> = {
  bronid: 'bron_id',
  signaalpartnertype: 'signaalpartner_type',
  warmeoverdracht: 'warme_overdracht',
  crisis: 'crisissignaal',
  huisnummertoevoeging: 'toevoeging',
  plaats: 'woonplaats',
  telefoonnummer: 'telefoon',
};

const REQUIRED: Column[] = ['bron_id', 'signaalpartner_type', 'bedrag', 'ontstaansdatum', 'signaaldatum'];
const BOOLEAN_PATHS = new Set<string>([
  COLUMNS.crisissignaal,
  COLUMNS.warme_overdracht,
  COLUMNS.persoonlijk_contact_gezocht,
  COLUMNS.gewezen_op_schuldhulp,
  COLUMNS.delen_aangeboden_zonder_bezwaar,
  COLUMNS.toestemming_observaties,
]);
const BY_PATH = new Map<string, Column>(Object.entries(COLUMNS).map(([c, p]) => [p, c as Column]));

/** The column a field path of an error came from ("household.postcode" → postcode). */
export function columnOf(path: string): string {
  return BY_PATH.get(path) ?? BY_PATH.get(path.split('.').slice(0, -1).join('.')) ?? path;
}

/** A header's name as a column, or undefined when AanZet does not know it. */
export function knownColumn(name: string): Column | undefined {
  const plain = name.trim().toLowerCase();
  if (Object.hasOwn(COLUMNS, plain)) return plain as Column;
  return ALIASES[plain.replace(/[\s_-]/g, '')];
}

/** What is wrong with a header: unknown columns, and required ones missing. */
export function headerProblems(names: string[]): { unknown: string[]; missing: Column[] } {
  const known = names.map(knownColumn);
  return {
    unknown: names.filter((_, i) => known[i] === undefined),
    missing: REQUIRED.filter((c) => !known.includes(c)),
  };
}

/** One row's cells by column name (CSV: text; JSON: text, number or boolean). */
export function toImportRow(row: number, values: Record<string, unknown>): ImportRow {
  const input: Record<string, unknown> = { household: {}, signal: { preChecks: {} } };
  const errors: Record<string, FieldError> = {};
  let sourceId = '';
  let partnerId: string | undefined;
  for (const [name, raw] of Object.entries(values)) {
    const column = knownColumn(name);
    if (column === undefined) continue;
    const path = COLUMNS[column];
    const text = typeof raw === 'string' ? raw.trim() : raw;
    if (text === '' || text === null || text === undefined) {
      if (BOOLEAN_PATHS.has(path)) put(input, path, false);
      continue;
    }
    if (path === 'sourceId') sourceId = String(text);
    else if (path === 'partnerId') partnerId = String(text);
    else if (path === COLUMNS.bedrag) {
      const cents = euroCents(text);
      if (cents === undefined) errors[path] = { code: 'not_an_amount', params: { field: 'amountCents' } };
      else put(input, path, cents);
    } else if (BOOLEAN_PATHS.has(path)) put(input, path, yesNo(text));
    else if (path === COLUMNS.huisnummer || path === COLUMNS.volwassenen || path === COLUMNS.kinderen)
      put(input, path, text);
    else put(input, path, String(text));
  }
  return {
    row,
    sourceId,
    ...(partnerId !== undefined ? { partnerId } : {}),
    input: input as unknown as ImportRow['input'],
    ...(Object.keys(errors).length > 0 ? { errors } : {}),
  };
}

function put(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[parts.at(-1)!] = value;
}

/** "1.234,56", "1234.56", "€ 712" → cents; a JSON number is euros too. */
export function euroCents(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 100) : undefined;
  let text = String(value).replace(/€|\s/g, '');
  // A comma after the last dot is the decimal comma (1.234,56); otherwise dots may be decimal.
  if (/,\d{1,2}$/.test(text)) text = text.replace(/\./g, '').replace(',', '.');
  else text = text.replace(/,(?=\d{3}\b)/g, '');
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return undefined;
  return Math.round(Number(text) * 100);
}

/** ja/nee, yes/no, true/false, 1/0, j/n, x; anything else is left for the schema to refuse. */
function yesNo(value: unknown): unknown {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['ja', 'j', 'yes', 'y', 'true', 'waar', '1', 'x'].includes(text)) return true;
  if (['nee', 'n', 'no', 'false', 'onwaar', '0'].includes(text)) return false;
  return text;
}
