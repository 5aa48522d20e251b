import { finalResultForPartner, NOT_TAKEN_UP_LABEL } from '../covenant/shown-final-result.js';
import { requireCoordinator, type Actor } from '../access.js';
import { toIsoDate, type IsoDate } from '../covenant/calendar.js';
import type { Covenant } from '../covenant/covenant.js';
import {
  FINAL_RESULTS,
  NOT_TAKEN_UP,
  storedFinalResult,
  type FinalResult,
} from '../covenant/final-results.js';
import type { CaseEvent, CaseSummary } from '../case/types.js';
import type { CaseworkContext } from '../context.js';
import { NotAllowed } from '../errors.js';
import { covenantFigures, type CovenantFigures, type Period } from './figures.js';
import { partnerName } from './views.js';

// Exports for coordinators: the figures, the anonymous case list and the cases shaped after the
// DDAS exchange model (v1.2). Anonymous: no names, addresses, phones, notes or free-text
// reasons, no BSN; each export is written to the audit log.

export type ExportFormat = 'csv' | 'json';

/** One case without personal data. */
export interface AnonymousCase {
  caseId: string;
  covenantId: string;
  municipality: string;
  signalType: string;
  signalDate: IsoDate;
  /** The first contact attempt (the case was picked up), reached or not. */
  pickedUpDate: IsoDate | null;
  firstContactDate: IsoDate | null;
  currentStep: string | null;
  currentPartner: string | null;
  /** The national final result in the DDAS model's words. */
  finalResult: string | null;
  closedDate: IsoDate | null;
}

/** The final results of DDAS v1.2 (EnumEindresultaat), exactly as the model spells them. */
export const DDAS_FINAL_RESULTS = [
  '(Budget)advies en/of quick fix',
  'Definitief geen contact kunnen krijgen',
  'Geen reactie na eerder contact',
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner heeft al een ander lopend traject',
  'Inwoner heeft zelf al betaald/betalingsregeling getroffen',
  'Inwoner is overleden',
  'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  'Niet opgepakt: andere reden',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Persoon is geen inwoner (meer) in de gemeente',
  'Vervolghulp en/of verwijzing',
  'Vervolghulp en/of verwijzing financieel',
  'Vervolghulp en/of verwijzing niet financieel',
  'Verwijzing zonder tussenkomst inwoner',
] as const;
export type DdasFinalResult = (typeof DDAS_FINAL_RESULTS)[number];

/** DDAS v1.2 EnumSignaalstatus. */
export const DDAS_SIGNAL_STATUSES = [
  'Inwoner al bekend bij schuldhulpverlening',
  'Inwoner is overleden',
  'Niet opgepakt: andere reden',
  'Niet opgepakt: herhaalde melding',
  'Niet opgepakt: onterecht signaal',
  'Nog niet opgepakt',
  'Opgepakt',
  'Persoon is geen inwoner (meer) in de gemeente',
] as const;
export type DdasSignalStatus = (typeof DDAS_SIGNAL_STATUSES)[number];

/** Results whose Dutch label predates v1.2 of the model, by the label (a renamed label flows through). */
const RENAMED_IN_V12: Record<string, DdasFinalResult> = {
  "(Budget)advies en/of 'quick fix'": '(Budget)advies en/of quick fix',
  'Inwoner hoeft geen hulp vanuit vroegsignalering':
    'Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering',
  'Verwijzing zonder contact': 'Verwijzing zonder tussenkomst inwoner',
};

/** The model's string for a final result; undefined for one the model does not know. */
export function ddasFinalResult(code: FinalResult): DdasFinalResult | undefined {
  const label: string = FINAL_RESULTS[code].nl;
  if ((DDAS_FINAL_RESULTS as readonly string[]).includes(label)) return label as DdasFinalResult;
  return RENAMED_IN_V12[label];
}

/** The exchange model's shape (v1.2 json_schema_Uitwisselmodel.json), without client data. */
export interface DdasExchange {
  startdatumLevering: IsoDate;
  einddatumLevering: IsoDate;
  aanleverdatumEnTijd: string;
  codeGegevensleverancier: string;
  leveringen: {
    teller: number;
    gemeentecode: string;
    aanleverendeOrganisatie: { naam: string };
    vroegsignalen: {
      ID: string;
      crisissignaal: boolean;
      warmeOverdracht: boolean;
      bedrag: number;
      ontstaansdatum: IsoDate;
      signaaldatum: IsoDate;
      status: DdasSignalStatus;
      signaalpartner: { type: string };
    }[];
    vroegsignaalzaken: {
      resultaat?: DdasFinalResult;
      datumOpgepakt?: IsoDate;
      vroegsignalen: { ID: string }[];
      contactpogingen: { soort: string; bereikt: boolean; datum: IsoDate; dagdeel: string }[];
    }[];
  }[];
}

export interface CovenantExport {
  covenantId: string;
  covenantName: string;
  period: Period;
  figures: CovenantFigures;
  cases: AnonymousCase[];
  ddas: DdasExchange;
}

/** Who supplies the data in the exchange model: AanZet itself. */
const SUPPLIER_CODE = 'AanZet';

export async function covenantExport(
  ctx: CaseworkContext,
  actor: Actor,
  covenantId: string,
  period: Period,
  format: ExportFormat,
): Promise<CovenantExport> {
  const covenant = ctx.covenant(covenantId);
  const membership = await auditedRefusal(
    ctx,
    actor,
    covenantId,
    `export ${covenantId} ${period.from}..${period.to} ${format}`,
    () => requireCoordinator(actor, covenant, 'export the figures'),
  );
  const figures = await covenantFigures(ctx, actor, covenantId, period);
  const histories = await casesInPeriod(ctx, covenantId, period);
  await ctx.audit({
    userId: actor.userId,
    partnerId: membership.partnerId,
    action: 'export',
    caseId: null,
    detail: `export ${covenantId} ${period.from}..${period.to} ${format} (${histories.length} cases)`,
  });
  return {
    covenantId,
    covenantName: covenant.name,
    period,
    figures,
    cases: histories.map((h) => anonymousCase(covenant, h.summary, h.events, membership.partnerId)),
    ddas: ddasExchange(ctx, covenant, period, histories),
  };
}

/** A refused export is audited too: who tried, which covenant and period. */
async function auditedRefusal<T>(
  ctx: CaseworkContext,
  actor: Actor,
  covenantId: string,
  what: string,
  check: () => T,
): Promise<T> {
  try {
    return check();
  } catch (error) {
    if (error instanceof NotAllowed)
      await ctx.audit({
        userId: actor.userId,
        partnerId: actor.memberships.find((m) => m.covenantId === covenantId)?.partnerId ?? null,
        action: 'refused',
        caseId: null,
        detail: `${error.refusal.code}: ${what}`,
      });
    throw error;
  }
}

interface History {
  summary: CaseSummary;
  events: CaseEvent[];
}

/** Cases signalled by the end of the period and not closed before it. */
async function casesInPeriod(ctx: CaseworkContext, covenantId: string, period: Period): Promise<History[]> {
  const summaries = (await ctx.deps.cases.listSummaries({ covenantId }))
    .filter((s) => s.signalDate <= period.to && (s.closedAt === null || toIsoDate(s.closedAt) >= period.from))
    .sort((a, b) => a.caseId.localeCompare(b.caseId));
  const histories: History[] = [];
  for (const summary of summaries) {
    const record = await ctx.deps.cases.get(summary.caseId);
    if (record) histories.push({ summary, events: record.events });
  }
  return histories;
}

/** One row of the case list, as the exporting partner may read it (a creditor: no reason for "niet opgepakt"). */
function anonymousCase(
  covenant: Covenant,
  summary: CaseSummary,
  events: CaseEvent[],
  exporterPartnerId: string,
): AnonymousCase {
  const first = events.find((e) => e.type === 'signal_received');
  const step = covenant.steps.find((s) => s.id === summary.stepId);
  return {
    caseId: summary.caseId,
    covenantId: summary.covenantId,
    municipality: partnerName(covenant, summary.municipalityId),
    signalType: first?.type === 'signal_received' ? first.signal.type : '',
    signalDate: summary.signalDate,
    pickedUpDate: pickedUp(events),
    firstContactDate: summary.firstContactDate,
    currentStep: step?.name ?? null,
    currentPartner: summary.responsiblePartnerId ? partnerName(covenant, summary.responsiblePartnerId) : null,
    finalResult: summary.finalResult ? shownResult(covenant, exporterPartnerId, summary.finalResult) : null,
    closedDate: summary.closedAt ? toIsoDate(summary.closedAt) : null,
  };
}

function pickedUp(events: CaseEvent[]): IsoDate | null {
  return (
    events
      .flatMap((e) => (e.type === 'contact_attempt' ? [e.date] : []))
      .sort()
      .at(0) ?? null
  );
}

function ddasExchange(
  ctx: CaseworkContext,
  covenant: Covenant,
  period: Period,
  histories: History[],
): DdasExchange {
  const perMunicipality = new Map<string, History[]>();
  for (const h of histories)
    perMunicipality.set(h.summary.municipalityId, [
      ...(perMunicipality.get(h.summary.municipalityId) ?? []),
      h,
    ]);
  return {
    startdatumLevering: period.from,
    einddatumLevering: period.to,
    aanleverdatumEnTijd: ctx
      .now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    codeGegevensleverancier: SUPPLIER_CODE,
    leveringen: [...perMunicipality.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([municipalityId, cases], index) => ({
        teller: index + 1,
        // The covenant's id of the municipality: AanZet does not hold CBS municipality codes.
        gemeentecode: municipalityId,
        aanleverendeOrganisatie: { naam: partnerName(covenant, municipalityId) },
        vroegsignalen: cases.flatMap(({ summary, events }) => signalsOf(summary, events)),
        vroegsignaalzaken: cases.map(({ summary, events }) => caseOf(summary, events)),
      })),
  };
}

function signalsOf(
  summary: CaseSummary,
  events: CaseEvent[],
): DdasExchange['leveringen'][number]['vroegsignalen'] {
  const status = signalStatus(summary, events);
  return events.flatMap((e) =>
    e.type === 'signal_received' || e.type === 'signal_joined'
      ? [
          {
            ID: `${summary.caseId}-${e.seq}`,
            crisissignaal: e.signal.crisis,
            warmeOverdracht: e.signal.warmHandover,
            bedrag: Math.round(e.signal.amountCents / 100),
            ontstaansdatum: e.signal.arisingDate,
            signaaldatum: e.signal.signalDate,
            status,
            signaalpartner: { type: e.signal.type },
          },
        ]
      : [],
  );
}

function signalStatus(summary: CaseSummary, events: CaseEvent[]): DdasSignalStatus {
  if (summary.finalResult && NOT_TAKEN_UP.has(summary.finalResult)) {
    const label = ddasFinalResult(summary.finalResult);
    if (label && (DDAS_SIGNAL_STATUSES as readonly string[]).includes(label))
      return label as DdasSignalStatus;
  }
  return pickedUp(events) || summary.finalResult ? 'Opgepakt' : 'Nog niet opgepakt';
}

function caseOf(
  summary: CaseSummary,
  events: CaseEvent[],
): DdasExchange['leveringen'][number]['vroegsignaalzaken'][number] {
  const result = summary.finalResult ? ddasFinalResult(summary.finalResult) : undefined;
  const picked = pickedUp(events);
  return {
    ...(result ? { resultaat: result } : {}),
    ...(picked ? { datumOpgepakt: picked } : {}),
    vroegsignalen: events.flatMap((e) =>
      e.type === 'signal_received' || e.type === 'signal_joined'
        ? [{ ID: `${summary.caseId}-${e.seq}` }]
        : [],
    ),
    contactpogingen: events.flatMap((e) =>
      e.type === 'contact_attempt'
        ? [{ soort: e.kind, bereikt: e.reached, datum: e.date, dagdeel: e.daypart }]
        : [],
    ),
  };
}

function shownResult(covenant: Covenant, exporterPartnerId: string, stored: FinalResult): string | null {
  const shown = finalResultForPartner(covenant, exporterPartnerId, storedFinalResult(stored));
  return shown === 'niet-opgepakt' ? NOT_TAKEN_UP_LABEL.nl : (ddasFinalResult(shown) ?? null);
}
