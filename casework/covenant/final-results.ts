// The national final results (DDAS Vroegsignalering, EnumEindresultaat), as stable codes.
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
  'geen-hulp-nodig': { nl: 'Inwoner hoeft geen hulp vanuit vroegsignalering', en: 'Resident wants no help' },
  'zelf-betaald-of-regeling': {
    nl: 'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
    en: 'Resident has paid or made a payment arrangement',
  },
  'budgetadvies-quick-fix': {
    nl: "(Budget)advies en/of 'quick fix'",
    en: "Budget advice and/or 'quick fix'",
  },
  'vervolghulp-financieel': {
    nl: 'Vervolghulp en/of verwijzing financieel',
    en: 'Follow-up help or referral, financial',
  },
  'vervolghulp-niet-financieel': {
    nl: 'Vervolghulp en/of verwijzing niet financieel',
    en: 'Follow-up help or referral, non-financial',
  },
  'verwijzing-zonder-contact': { nl: 'Verwijzing zonder contact', en: 'Referral without contact' },
} as const;

export type FinalResult = keyof typeof FINAL_RESULTS;
export const FINAL_RESULT_CODES = Object.keys(FINAL_RESULTS) as [FinalResult, ...FinalResult[]];

/** Results that Vroeg Eropaf! counted as positive: rent paid, an arrangement or other help agreed. */
export const POSITIVE_RESULTS: ReadonlySet<FinalResult> = new Set<FinalResult>([
  'zelf-betaald-of-regeling',
  'budgetadvies-quick-fix',
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
