import type { CovenantExport } from '../casework/reads/exports.js';
import type { FigureCounts, Share } from '../casework/reads/figures.js';
import { dutchDate, type Cell } from './csv.js';

// The export as CSV tables, with Dutch headings: the figures (one row per figure and group) and
// the anonymous case list.

export const FIGURE_HEADER = ['Indeling', 'Groep', 'Cijfer', 'Aantal', 'Teller', 'Noemer', 'Aandeel (%)'];

const COUNTS: [keyof FigureCounts, string][] = [
  ['signalsReceived', 'Signalen ontvangen'],
  ['crisisSignals', 'Crisissignalen'],
  ['contactAttempts', 'Contactpogingen'],
  ['householdsReached', 'Huishoudens bereikt'],
  ['homeVisits', 'Huisbezoeken'],
  ['householdsVisited', 'Huishoudens bezocht'],
  ['closed', 'Afgesloten'],
  ['paymentArrangements', 'Betalingsregelingen'],
  ['paid', 'Huur betaald'],
  ['paidOrArrangementUnsplit', 'Betaald of regeling (niet uitgesplitst)'],
  ['referredToDebtHelp', 'Naar schuldhulpverlening'],
  ['helpAccepted', 'Hulp aanvaard'],
];

export function figureRows(data: CovenantExport, finalResultLabel: (code: string) => string): Cell[][] {
  const { figures } = data;
  const rows: Cell[][] = [FIGURE_HEADER];
  const share = (grouping: string, group: string, name: string, s: Share) =>
    rows.push([
      grouping,
      group,
      name,
      null,
      s.numerator,
      s.denominator,
      s.share === null ? null : round(s.share * 100),
    ]);
  const counts = (grouping: string, group: string, f: FigureCounts) => {
    for (const [key, name] of COUNTS) rows.push([grouping, group, name, f[key] as number, null, null, null]);
    for (const [type, count] of Object.entries(f.signalsPerType))
      rows.push([grouping, group, `Signalen ontvangen: ${type}`, count ?? 0, null, null, null]);
    share(grouping, group, 'Positief resultaat', f.positive);
    rows.push([grouping, group, 'Ontruimingen', f.evictions ?? 'niet vastgelegd', null, null, null]);
    rows.push([
      grouping,
      group,
      'Mediaan werkdagen signaal tot eerste contact',
      f.medianWorkingDaysToFirstContact,
      null,
      f.firstContacts,
      null,
    ]);
    for (const [code, count] of Object.entries(f.perFinalResult))
      if (count > 0)
        rows.push([grouping, group, `Eindresultaat: ${finalResultLabel(code)}`, count, null, null, null]);
  };
  counts('Convenant', data.covenantName, figures);
  for (const p of figures.onTimePerPartner) share('Partner', p.partnerName, 'Stappen op tijd', p);
  for (const g of figures.perMunicipality) counts('Gemeente', g.name, g.figures);
  for (const g of figures.perSignaller) counts('Signalerende partner', g.name, g.figures);
  for (const g of figures.perSignalType) counts('Soort signaal', g.id, g.figures);
  return rows;
}

export const CASE_HEADER = [
  'Casus',
  'Convenant',
  'Gemeente',
  'Soort signaal',
  'Signaaldatum',
  'Opgepakt op',
  'Eerste contact',
  'Huidige stap',
  'Partner aan zet',
  'Eindresultaat',
  'Afgesloten op',
];

export function caseRows(data: CovenantExport): Cell[][] {
  return [
    CASE_HEADER,
    ...data.cases.map((c) => [
      c.caseId,
      c.covenantId,
      c.municipality,
      c.signalType,
      dutchDate(c.signalDate),
      dutchDate(c.pickedUpDate),
      dutchDate(c.firstContactDate),
      c.currentStep,
      c.currentPartner,
      c.finalResult,
      dutchDate(c.closedDate),
    ]),
  ];
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
