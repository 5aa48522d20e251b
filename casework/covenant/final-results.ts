// The national final results (DDAS Vroegsignalering v1.2, EnumEindresultaat), as stable codes,
// each with its label in the model, exactly: the exchange exports it and an older import or
// history may name a result by it. What a reader is shown comes from cards/texts.
export const FINAL_RESULT_MODEL_LABELS = {
  'niet-opgepakt-herhaalde-melding': 'Niet opgepakt: herhaalde melding',
  'niet-opgepakt-onterecht-signaal': 'Niet opgepakt: onterecht signaal',
  'niet-opgepakt-andere-reden': 'Niet opgepakt: andere reden',
  'inwoner-overleden': 'Inwoner is overleden',
  'geen-inwoner': 'Persoon is geen inwoner (meer) in de gemeente',
  'al-bekend-bij-schuldhulpverlening': 'Inwoner al bekend bij schuldhulpverlening',
  'ander-lopend-traject': 'Inwoner heeft al een ander lopend traject',
  'geen-contact': 'Definitief geen contact kunnen krijgen',
  'geen-reactie-na-contact': 'Geen reactie na eerder contact',
  'regelt-het-zelf': 'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  'zelf-betaald-of-regeling': 'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  'budgetadvies-quick-fix': '(Budget)advies en/of quick fix',
  'vervolghulp-of-verwijzing': 'Vervolghulp en/of verwijzing',
  'vervolghulp-financieel': 'Vervolghulp en/of verwijzing financieel',
  'vervolghulp-niet-financieel': 'Vervolghulp en/of verwijzing niet financieel',
  'verwijzing-zonder-tussenkomst': 'Verwijzing zonder tussenkomst inwoner',
} as const;

export type FinalResult = keyof typeof FINAL_RESULT_MODEL_LABELS;
export const FINAL_RESULT_CODES = Object.keys(FINAL_RESULT_MODEL_LABELS) as [FinalResult, ...FinalResult[]];

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
  if (Object.hasOwn(FINAL_RESULT_MODEL_LABELS, stored)) return stored as FinalResult;
  if (Object.hasOwn(RENAMED_CODES, stored)) return RENAMED_CODES[stored];
  if (Object.hasOwn(RENAMED_LABELS, stored)) return RENAMED_LABELS[stored];
  return FINAL_RESULT_CODES.find((code) => FINAL_RESULT_MODEL_LABELS[code] === stored);
}

/** A stored final result that must name one (histories, summaries): an unknown value is a defect. */
export function storedFinalResult(stored: string): FinalResult {
  const result = currentFinalResult(stored);
  if (!result) throw new Error(`unknown final result "${stored}" in a stored case`);
  return result;
}
