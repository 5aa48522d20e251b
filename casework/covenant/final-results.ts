// The national final results (DDAS Vroegsignalering v1.2, EnumEindresultaat), as stable codes.
// The Dutch labels are the model's strings exactly: exports and figures use them as they are.
export const FINAL_RESULTS = {
  'niet-opgepakt-herhaalde-melding': {
    nl: 'Niet opgepakt: herhaalde melding',
    en: 'Not taken up: repeated signal',
  },
  'niet-opgepakt-onterecht-signaal': {
    nl: 'Niet opgepakt: onterecht signaal',
    en: 'Not taken up: unjustified signal',
  },
  'niet-opgepakt-andere-reden': { nl: 'Niet opgepakt: andere reden', en: 'Not taken up: other reason' },
  'inwoner-overleden': { nl: 'Inwoner is overleden', en: 'Resident has died' },
  'geen-inwoner': {
    nl: 'Persoon is geen inwoner (meer) in de gemeente',
    en: 'Person is no (longer) a resident',
  },
  'al-bekend-bij-schuldhulpverlening': {
    nl: 'Inwoner al bekend bij schuldhulpverlening',
    en: 'Resident already known to debt help',
  },
  'ander-lopend-traject': {
    nl: 'Inwoner heeft al een ander lopend traject',
    en: 'Resident already has another programme',
  },
  'geen-contact': { nl: 'Definitief geen contact kunnen krijgen', en: 'No contact could be made' },
  'geen-reactie-na-contact': {
    nl: 'Geen reactie na eerder contact',
    en: 'No response after earlier contact',
  },
  'regelt-het-zelf': {
    nl: 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
    en: 'Resident sorts it out alone/needs no help from early signalling',
  },
  'zelf-betaald-of-regeling': {
    nl: 'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
    en: 'Resident has paid or made a payment arrangement',
  },
  'budgetadvies-quick-fix': {
    nl: '(Budget)advies en/of quick fix',
    en: 'Budget advice and/or quick fix',
  },
  'vervolghulp-of-verwijzing': {
    nl: 'Vervolghulp en/of verwijzing',
    en: 'Follow-up help or referral',
  },
  'vervolghulp-financieel': {
    nl: 'Vervolghulp en/of verwijzing financieel',
    en: 'Follow-up help or referral, financial',
  },
  'vervolghulp-niet-financieel': {
    nl: 'Vervolghulp en/of verwijzing niet financieel',
    en: 'Follow-up help or referral, non-financial',
  },
  'verwijzing-zonder-tussenkomst': {
    nl: 'Verwijzing zonder tussenkomst inwoner',
    en: 'Referral without the resident taking part',
  },
} as const;

export type FinalResult = keyof typeof FINAL_RESULTS;
export const FINAL_RESULT_CODES = Object.keys(FINAL_RESULTS) as [FinalResult, ...FinalResult[]];

/** Results that Vroeg Eropaf! counted as positive: rent paid, an arrangement or other help agreed. */
export const POSITIVE_RESULTS: ReadonlySet<FinalResult> = new Set<FinalResult>([
  'zelf-betaald-of-regeling',
  'budgetadvies-quick-fix',
  'vervolghulp-of-verwijzing',
  'vervolghulp-financieel',
  'vervolghulp-niet-financieel',
]);

/** Results where the signal was never taken up; left out of the positive share's denominator. */
export const NOT_TAKEN_UP: ReadonlySet<FinalResult> = new Set<FinalResult>([
  'niet-opgepakt-herhaalde-melding',
  'niet-opgepakt-onterecht-signaal',
  'niet-opgepakt-andere-reden',
  'inwoner-overleden',
  'geen-inwoner',
]);

/** The creditor may learn only that a signal was not taken up, never this reason (DDAS). */
export const REASON_HIDDEN_FROM_CREDITOR: ReadonlySet<FinalResult> = new Set<FinalResult>([
  'niet-opgepakt-andere-reden',
]);

/** Codes of results that DDAS v1.2 renamed, as histories and covenants before it stored them. */
const RENAMED_CODES: Readonly<Record<string, FinalResult>> = {
  'geen-hulp-nodig': 'regelt-het-zelf',
  'verwijzing-zonder-contact': 'verwijzing-zonder-tussenkomst',
};

/** The model's labels before v1.2 (an import or an older export may name a result by its label). */
const RENAMED_LABELS: Readonly<Record<string, FinalResult>> = {
  'Inwoner hoeft geen hulp vanuit vroegsignalering': 'regelt-het-zelf',
  'Verwijzing zonder contact': 'verwijzing-zonder-tussenkomst',
  "(Budget)advies en/of 'quick fix'": 'budgetadvies-quick-fix',
};

/**
 * A final result as it is stored (a code of any AanZet version, or a model label of v1.0 to v1.2)
 * read as the current code; undefined when it names no final result at all.
 */
export function currentFinalResult(stored: string): FinalResult | undefined {
  if (Object.hasOwn(FINAL_RESULTS, stored)) return stored as FinalResult;
  if (Object.hasOwn(RENAMED_CODES, stored)) return RENAMED_CODES[stored];
  if (Object.hasOwn(RENAMED_LABELS, stored)) return RENAMED_LABELS[stored];
  return FINAL_RESULT_CODES.find((code) => FINAL_RESULTS[code].nl === stored);
}

/** A stored final result that must name one (histories, summaries): an unknown value is a defect. */
export function storedFinalResult(stored: string): FinalResult {
  const result = currentFinalResult(stored);
  if (!result) throw new Error(`unknown final result "${stored}" in a stored case`);
  return result;
}
