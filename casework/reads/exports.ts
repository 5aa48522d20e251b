import { pickedUpOn } from '../case/picked-up.js';
import { finalResultForPartner } from '../covenant/shown-final-result.js';
import { requireCoordinator, type Actor } from '../access.js';
import { toIsoDate, type IsoDate } from '../covenant/calendar.js';
import type { Covenant } from '../covenant/covenant.js';
import {
  FINAL_RESULT_MODEL_LABELS,
  NOT_TAKEN_UP,
  storedFinalResult,
  type FinalResult,
} from '../covenant/final-results.js';
import type { CaseEvent, CaseSummary } from '../case/types.js';
import type { CaseworkContext } from '../context.js';
import { NotAllowed } from '../errors.js';
import {
  figuresOf,
  historiesTouching,
  type CaseHistory,
  type CovenantFigures,
  type Period,
} from './figures.js';
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
  /** DDAS datum opgepakt: the first contact attempt or step outcome (casework/case/picked-up.ts). */
  pickedUpDate: IsoDate | null;
  firstContactDate: IsoDate | null;
  currentStep: string | null;
  currentPartner: string | null;
  /** The national final result in the DDAS model's words. */
  finalResult: string | null;
  closedDate: IsoDate | null;
}

/** A final result as the DDAS v1.2 model spells it (EnumEindresultaat). */
export type DdasFinalResult = (typeof FINAL_RESULT_MODEL_LABELS)[FinalResult];

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

/**
 * The model's string for a final result: the labels of casework/covenant/final-results.ts are the
 * v1.2 strings (tests/report-cli.test.ts checks each against the model's list).
 */
export function ddasFinalResult(code: FinalResult): DdasFinalResult {
  return FINAL_RESULT_MODEL_LABELS[code];
}

/** What an export tells a creditor of a result whose reason it may not learn (the model's status word). */
const NOT_TAKEN_UP_EXPORTED = 'Niet opgepakt';

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
  const histories = await historiesTouching(ctx, covenantId, period);
  const figures = figuresOf(ctx, covenant, histories, period);
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
    pickedUpDate: pickedUp(covenant, summary, events),
    firstContactDate: summary.firstContactDate,
    currentStep: step?.name ?? null,
    currentPartner: summary.responsiblePartnerId ? partnerName(covenant, summary.responsiblePartnerId) : null,
    finalResult: summary.finalResult ? shownResult(covenant, exporterPartnerId, summary.finalResult) : null,
    closedDate: summary.closedAt ? toIsoDate(summary.closedAt) : null,
  };
}

/** DDAS datum opgepakt (casework/case/picked-up.ts): from the summary, or the history for an older summary. */
function pickedUp(covenant: Covenant, summary: CaseSummary, events: CaseEvent[]): IsoDate | null {
  return summary.pickedUpOn !== undefined ? summary.pickedUpOn : pickedUpOn(covenant, events);
}

function ddasExchange(
  ctx: CaseworkContext,
  covenant: Covenant,
  period: Period,
  histories: CaseHistory[],
): DdasExchange {
  const perMunicipality = new Map<string, CaseHistory[]>();
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
        vroegsignalen: cases.flatMap(({ summary, events }) => signalsOf(covenant, summary, events)),
        vroegsignaalzaken: cases.map(({ summary, events }) => caseOf(covenant, summary, events)),
      })),
  };
}

function signalsOf(
  covenant: Covenant,
  summary: CaseSummary,
  events: CaseEvent[],
): DdasExchange['leveringen'][number]['vroegsignalen'] {
  const status = signalStatus(covenant, summary, events);
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

function signalStatus(covenant: Covenant, summary: CaseSummary, events: CaseEvent[]): DdasSignalStatus {
  if (summary.finalResult && NOT_TAKEN_UP.has(summary.finalResult)) {
    const label = ddasFinalResult(summary.finalResult);
    if (label && (DDAS_SIGNAL_STATUSES as readonly string[]).includes(label))
      return label as DdasSignalStatus;
  }
  return pickedUp(covenant, summary, events) || summary.finalResult ? 'Opgepakt' : 'Nog niet opgepakt';
}

function caseOf(
  covenant: Covenant,
  summary: CaseSummary,
  events: CaseEvent[],
): DdasExchange['leveringen'][number]['vroegsignaalzaken'][number] {
  const result = summary.finalResult ? ddasFinalResult(summary.finalResult) : undefined;
  const picked = pickedUp(covenant, summary, events);
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
  return shown === 'niet-opgepakt' ? NOT_TAKEN_UP_EXPORTED : ddasFinalResult(shown);
}
