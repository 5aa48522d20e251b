import {
  activeMembership,
  actsAsCoordinator,
  jointPartners,
  mayActOnStep,
  mayReadNote,
  maySeePersonalData,
  type Actor,
} from '../access.js';
import { deadlineStanding, toIsoDate, type DeadlineStanding, type IsoDate } from '../covenant/calendar.js';
import type {
  CaseEvent,
  CaseSummary,
  ContactKind,
  Daypart,
  JoinedEntry,
  ObservationField,
  OutsideCriteria,
  PersonalData,
  Signal,
} from '../case/types.js';
import { authorName, legacyPostponeReason, type CurrentStep, type StepChange } from '../case/state.js';
import { normaliseCaseId } from '../case/case-id.js';
import { pickedUpOn, signalStatus, type SignalStatus } from '../case/picked-up.js';
import type { CaseworkContext, LoadedCase } from '../context.js';
import { CaseNotFound } from '../errors.js';
import { findStep, type Condition, type Covenant, type DeadlineRule } from '../covenant/covenant.js';
import { legacyDeadlineRuleText } from '../covenant/step-plan.js';
import { involvedPartners } from './involved.js';
import { storedFinalResult } from '../covenant/final-results.js';
import { stepExamples } from '../covenant/provenance.js';
import { finalResultForPartner, type ShownFinalResult } from '../covenant/shown-final-result.js';

// Read models for the cards. Personal data appears only in CaseView.personal, only for those
// allowed to see it, and every such read is written to the audit log.

export type Locale = 'nl' | 'en';

export interface StepView {
  caseId: string;
  covenantId: string;
  covenantName: string;
  version: number;
  status: 'open' | 'closed' | 'purged';
  stepId: string | null;
  stepName: string | null;
  responsible: { id: string; name: string } | null;
  jointPartners: { id: string; name: string }[];
  deadline: IsoDate | null;
  /** Where the deadline stands today (due in 3 working days, late, …); null without a deadline. */
  deadlineStanding: DeadlineStanding | null;
  late: boolean;
  /** The covenant's rule for the step, in its own (Dutch) words. */
  because: string | null;
  /** The deadline rule behind `because`, when AanZet appended it there (in Dutch) and it is cut off. */
  deadlineRule?: DeadlineRule;
  /** The covenant's labels for the special rules that hold, in its own (Dutch) words. */
  labels: string[];
  /** The conditions behind those labels, for a label in the reader's language; absent in views built by hand. */
  flags?: Condition[];
  /** As the viewer may see it: a creditor sees "Niet opgepakt: andere reden" as "Niet opgepakt". */
  finalResult: ShownFinalResult | null;
  /** Which of the step's owner, deadline and rule the covenant marks as an example (not from its source). */
  examples?: StepExamples;
  /** The first signal's own observations (household, children, concerns): whose, and whether with consent. */
  observation?: ObservationView;
  /** The partners the case concerns (reads/involved.ts): whose members a shared card refreshes for. */
  involvedPartnerIds?: string[];
}

/** Fields the signaller entered as its own observation; absent in views read from the summary alone. */
export interface ObservationView {
  partnerName: string;
  withConsent: boolean;
  fields: ObservationField[];
}

export type StepExamples = ReturnType<typeof stepExamples>;

export interface CaseView extends StepView {
  people: string[];
  outcomes: { id: string; label: string }[];
  solutions: string[];
  timeline: TimelineEntry[];
  /** Only for partners with a step on the case and the coordinator, in a personal chat. */
  personal: PersonalData | null;
  // The ones below are absent in views built by hand (tests): absent means none, or no.
  /** The viewer may act on the current step (casework/access.ts): the card offers its buttons. */
  mayAct?: boolean;
  /** The viewer holds the covenant's coordinator role (may undo a joined signal). */
  viewerIsCoordinator?: boolean;
  /** What the viewer's organisation entered when its signal joined the case (when personal is null). */
  ownEntries?: JoinedEntry[];
  /** Referrals and postponements of the current step; the reason only where personal data may show. */
  stepChanges?: StepChangeView[];
  /**
   * DDAS: the status of the case's signals and the day the case was picked up
   * (casework/case/picked-up.ts); a creditor sees "Niet opgepakt: andere reden" as "niet-opgepakt".
   */
  signal?: { status: SignalStatus | 'niet-opgepakt'; pickedUpOn: IsoDate | null };
  /** The signal fell outside the criteria: recorded and closed at once as unjustified, for this reason. */
  outsideCriteria?: OutsideCriteria;
  /** Signals that joined this case: facts only (who, when, what kind). */
  joins?: { seq: number; at: string; partnerId: string; partnerName: string; signalType: string }[];
}

/** One line of a case's history as a fact; cards/ phrases it in the reader's language. */
export interface TimelineEntry {
  at: string;
  /** The author's display name, or "AanZet (stappenplan)" for the system. */
  who: string;
  /** When AanZet itself wrote the event: why, as a code ('stappenplan', 'bewaartermijn'). */
  system?: string;
  fact: TimelineFact;
}

interface PartnerRef {
  partnerId: string;
  partnerName: string;
}

export type TimelineFact =
  | { kind: 'signal_received'; signalType: string }
  | ({ kind: 'signal_joined'; signalType: string } & PartnerRef)
  | ({ kind: 'join_undone' } & PartnerRef)
  | ({ kind: 'step_started'; stepId: string; stepName: string } & PartnerRef)
  /** A covenant rule set a new deadline. */
  | { kind: 'deadline_set'; deadline: IsoDate }
  /** The reason only where the full personal part may show. */
  | { kind: 'deadline_postponed'; deadline: IsoDate; reason: string | null }
  | { kind: 'contact_attempt'; contactKind: ContactKind; reached: boolean; daypart: Daypart }
  /**
   * The outcome's label from the covenant in the reader's language; solutions as the covenant
   * words them. outcomeLabel null: the outcome closed the case with a result this reader may not
   * learn, so it shows as the bare "not taken up".
   */
  | { kind: 'outcome_logged'; outcomeId: string; outcomeLabel: string | null; solutions: string[] }
  | ({ kind: 'referred'; reason: string | null } & PartnerRef)
  | ({ kind: 'escalated' } & PartnerRef)
  | { kind: 'note_added' }
  /** outsideCriteria: the signal was recorded and closed at once as unjustified, for this reason. */
  | { kind: 'closed'; finalResult: ShownFinalResult; outsideCriteria?: OutsideCriteria }
  | { kind: 'purged' };

export interface StepChangeView {
  kind: 'referred' | 'taken_over' | 'postponed';
  at: string;
  who: string;
  /** referred: to whom; taken_over: which organisation. */
  partnerName?: string;
  deadline?: IsoDate;
  reason: string | null;
}

export function partnerName(covenant: Covenant, partnerId: string): string {
  return covenant.partners.find((p) => p.id === partnerId)?.name ?? partnerId;
}

/**
 * The compact view of a case from its summary. `viewerPartnerId`: the organisation it is shown
 * to, which decides how much of the final result it may see.
 */
export function stepViewOfSummary(
  ctx: CaseworkContext,
  summary: CaseSummary,
  locale: Locale,
  viewerPartnerId: string | null,
): StepView {
  const covenant = ctx.covenant(summary.covenantId);
  const step = summary.stepId ? findStep(covenant, summary.stepId) : null;
  const today = toIsoDate(ctx.now());
  const due = summary.deadline ? deadlineStanding(summary.deadline, today, ctx.calendar(covenant)) : null;
  return {
    caseId: summary.caseId,
    covenantId: covenant.id,
    covenantName: covenant.name,
    version: summary.version,
    status: summary.status,
    stepId: step?.id ?? null,
    stepName: step ? (locale === 'en' ? (step.name_en ?? step.name) : step.name) : null,
    responsible: summary.responsiblePartnerId
      ? { id: summary.responsiblePartnerId, name: partnerName(covenant, summary.responsiblePartnerId) }
      : null,
    jointPartners: (step?.with ?? []).map((id) => ({ id, name: partnerName(covenant, id) })),
    deadline: summary.deadline,
    deadlineStanding: due?.standing ?? null,
    late: due?.late ?? false,
    because: null,
    labels: summary.labels,
    flags: labelledFlags(covenant, summary.flags),
    finalResult: summary.finalResult
      ? finalResultForPartner(covenant, viewerPartnerId, storedFinalResult(summary.finalResult))
      : null,
    ...(step ? { examples: stepExamples(covenant, step.id, summary.flags) } : {}),
    involvedPartnerIds: involvedPartners(covenant, summary),
  };
}

/** The conditions that hold and that the covenant shows as a label, each once. */
function labelledFlags(covenant: Covenant, flags: readonly Condition[]): Condition[] {
  return flags.filter((flag) => covenant.special_rules.some((r) => r.when === flag && r.label));
}

/** The signal's own observations as a view; undefined for a signal without any (and older histories). */
export function observationView(covenant: Covenant, signal: Signal | undefined): ObservationView | undefined {
  if (!signal?.observation) return undefined;
  return {
    partnerName: partnerName(covenant, signal.signallerPartnerId),
    withConsent: signal.observation.consent?.tenantAgreed === true,
    fields: signal.observation.fields,
  };
}

/**
 * How a case is shown: the reader's language; whether personal data may show here; and
 * `sharedPlace` when the card lands where others read along (a channel or group chat), so that a
 * creditor among them learns no more than "Niet opgepakt" either.
 */
export interface CaseViewOptions {
  locale: Locale;
  withPersonalData: boolean;
  sharedPlace?: boolean;
}

/** The compact status of a case, read from its summary alone: no history, no personal data. */
export async function caseStatus(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  locale: Locale,
  sharedPlace = false,
): Promise<StepView> {
  const summary = await ctx.deps.cases.getSummary(normaliseCaseId(caseId));
  if (!summary) throw new CaseNotFound(caseId);
  const membership = activeMembership(actor, ctx.covenant(summary.covenantId), 'look at this case');
  return stepViewOfSummary(ctx, summary, locale, sharedPlace ? null : membership.partnerId);
}

/** Who is responsible now, by when, why, and what happened so far. */
export async function caseView(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  options: CaseViewOptions,
): Promise<CaseView> {
  return viewOfCase(ctx, actor, await ctx.load(caseId), options);
}

/** The case view of a case already loaded (a command's result after its commit: no second load). */
export async function viewOfCase(
  ctx: CaseworkContext,
  actor: Actor,
  loaded: LoadedCase,
  options: CaseViewOptions,
): Promise<CaseView> {
  const { covenant, state, record } = loaded;
  const membership = activeMembership(actor, covenant, 'look at this case');
  // Who reads the final result: the viewer's organisation, or anyone where the card is shared.
  const reader = options.sharedPlace ? null : membership.partnerId;
  const base = stepViewOfSummary(ctx, record.summary, options.locale, reader);
  const step = state.step ? findStep(covenant, state.step.id) : null;
  const members = state.step ? await ctx.deps.members.list(covenant.id) : [];
  const mayShow = options.withPersonalData && record.personal !== null;
  const full = mayShow && maySeePersonalData(covenant, membership, state);
  const personal: PersonalData | null = full
    ? {
        ...record.personal!,
        notes: record.personal!.notes.filter((n) => mayReadNote(covenant, membership, n)),
      }
    : null;
  // A partner whose signal only joined the case sees what it entered itself, nothing more.
  const ownEntries =
    mayShow && !full
      ? (record.personal!.joined ?? []).filter(
          (j) => j.partnerId === membership.partnerId && state.joins.some((x) => x.seq === j.seq),
        )
      : [];
  if (personal || ownEntries.length > 0)
    await ctx.audit({
      userId: actor.userId,
      partnerId: membership.partnerId,
      action: 'read_personal',
      caseId: record.id,
      detail: personal ? 'case details shown' : 'own joined entry shown',
    });
  const reasonOf = reasonLookup(personal);
  const observation = observationView(covenant, state.signals[0]);
  return {
    ...base,
    ...(observation ? { observation } : {}),
    jointPartners: jointPartners(covenant, state).map((id) => ({ id, name: partnerName(covenant, id) })),
    ...stepReason(covenant, state.step),
    people: members
      .filter((m) =>
        m.memberships.some(
          (s) =>
            s.covenantId === covenant.id &&
            s.status === 'active' &&
            s.partnerId === state.step?.responsiblePartnerId,
        ),
      )
      .map((m) => m.name)
      .sort(),
    outcomes: (step?.outcomes ?? []).map((o) => ({
      id: o.id,
      label: options.locale === 'en' ? (o.label_en ?? o.label) : o.label,
    })),
    solutions: step?.solutions ?? [],
    timeline: timeline(loaded, options.locale, reasonOf, reader),
    personal,
    mayAct: mayActOnStep(actor, covenant, state),
    viewerIsCoordinator: actsAsCoordinator(actor, covenant),
    ownEntries,
    stepChanges: (state.step?.changes ?? []).map((c) => stepChangeView(covenant, c, reasonOf)),
    ...outsideCriteriaOf(state.events),
    signal: signalOf(covenant, state, reader),
    joins: state.joins.map((j) => ({
      seq: j.seq,
      at: j.at,
      partnerId: j.partnerId,
      partnerName: partnerName(covenant, j.partnerId),
      signalType: j.signalType,
    })),
  };
}

/**
 * The current step's rule as the covenant words it, and apart from it the deadline rule that the
 * step plan appended in Dutch ("… (10 werkdagen na het signaal)"), so a card can phrase it in the
 * reader's language. A `because` that ends otherwise is left whole.
 */
export function stepReason(
  covenant: Covenant,
  step: CurrentStep | null,
): Pick<StepView, 'because' | 'deadlineRule'> {
  if (!step) return { because: null };
  if (step.deadlineRule) return { because: step.because, deadlineRule: step.deadlineRule };
  const definition = covenant.steps.find((s) => s.id === step.id);
  const candidates = [
    ...(definition ? [definition.deadline] : []),
    ...covenant.special_rules.flatMap((r) => (r.deadline && r.steps.includes(step.id) ? [r.deadline] : [])),
  ];
  for (const rule of candidates) {
    const appended = ` (${legacyDeadlineRuleText(rule)})`;
    if (step.because.endsWith(appended))
      return { because: step.because.slice(0, -appended.length), deadlineRule: rule };
  }
  return { because: step.because };
}

function signalOf(
  covenant: Covenant,
  state: LoadedCase['state'],
  viewerPartnerId: string | null,
): CaseView['signal'] {
  const on = pickedUpOn(covenant, state.events);
  const status = signalStatus({ finalResult: state.finalResult, pickedUpOn: on });
  const shown =
    status === 'nog-niet-opgepakt' || status === 'opgepakt'
      ? status
      : finalResultForPartner(covenant, viewerPartnerId, status);
  return { status: shown, pickedUpOn: on };
}

function outsideCriteriaOf(events: CaseEvent[]): Pick<CaseView, 'outsideCriteria'> {
  const closed = events.find((e) => e.type === 'closed');
  return closed?.type === 'closed' && closed.outsideCriteria
    ? { outsideCriteria: closed.outsideCriteria }
    : {};
}

/** Reason texts by event seq: only when the full personal part is shown, else always null. */
type ReasonOf = (seq: number, legacy?: string) => string | null;

function reasonLookup(personal: PersonalData | null): ReasonOf {
  if (!personal) return () => null;
  const bySeq = new Map((personal.reasons ?? []).map((r) => [r.seq, r.text]));
  return (seq, legacy) => bySeq.get(seq) ?? legacy ?? null;
}

function stepChangeView(covenant: Covenant, change: StepChange, reasonOf: ReasonOf): StepChangeView {
  const base = {
    at: change.at,
    who: authorName(change.by),
    reason: reasonOf(change.seq, change.legacyReason),
  };
  if (change.kind === 'postponed') return { ...base, kind: 'postponed', deadline: change.deadline };
  const takenOver = 'partnerId' in change.by && change.by.partnerId === change.toPartnerId;
  return {
    ...base,
    kind: takenOver ? 'taken_over' : 'referred',
    partnerName: partnerName(covenant, change.toPartnerId),
  };
}

function timeline(
  loaded: LoadedCase,
  locale: Locale,
  reasonOf: ReasonOf,
  viewerPartnerId: string | null,
): TimelineEntry[] {
  const { covenant } = loaded;
  const partner = (id: string) => ({ partnerId: id, partnerName: partnerName(covenant, id) });
  const stepName = (id: string) => {
    const s = covenant.steps.find((x) => x.id === id);
    return s ? (locale === 'en' ? (s.name_en ?? s.name) : s.name) : id;
  };
  const fact = (e: CaseEvent): TimelineFact | null => {
    switch (e.type) {
      case 'signal_received':
        return { kind: 'signal_received', signalType: e.signal.type };
      case 'signal_joined':
        return { kind: 'signal_joined', signalType: e.signal.type, ...partner(e.signal.signallerPartnerId) };
      case 'join_undone':
        return { kind: 'join_undone', ...partner(e.partnerId) };
      case 'step_started':
        return {
          kind: 'step_started',
          stepId: e.stepId,
          stepName: stepName(e.stepId),
          ...partner(e.responsiblePartnerId),
        };
      case 'deadline_changed':
        return e.ruleId
          ? { kind: 'deadline_set', deadline: e.deadline }
          : {
              kind: 'deadline_postponed',
              deadline: e.deadline,
              reason: reasonOf(e.seq, legacyPostponeReason(e.because)),
            };
      case 'contact_attempt':
        return { kind: 'contact_attempt', contactKind: e.kind, reached: e.reached, daypart: e.daypart };
      case 'outcome_logged': {
        const outcome = covenant.steps
          .find((s) => s.id === e.stepId)
          ?.outcomes.find((o) => o.id === e.outcomeId);
        // The outcome that closed the case names its result: hidden where the result is.
        if (
          outcome?.close &&
          finalResultForPartner(covenant, viewerPartnerId, outcome.close) === 'niet-opgepakt'
        )
          return { kind: 'outcome_logged', outcomeId: 'niet-opgepakt', outcomeLabel: null, solutions: [] };
        const label = outcome
          ? locale === 'en'
            ? (outcome.label_en ?? outcome.label)
            : outcome.label
          : null;
        return {
          kind: 'outcome_logged',
          outcomeId: e.outcomeId,
          outcomeLabel: label ?? e.outcomeId,
          solutions: e.solutions,
        };
      }
      case 'referred':
        return {
          kind: 'referred',
          ...partner(e.toPartnerId),
          reason: reasonOf(e.seq, e.reason || undefined),
        };
      case 'escalated':
        return { kind: 'escalated', ...partner(e.toPartnerId) };
      case 'note_added':
        return { kind: 'note_added' };
      case 'closed':
        return {
          kind: 'closed',
          finalResult: finalResultForPartner(covenant, viewerPartnerId, storedFinalResult(e.finalResult)),
          ...(e.outsideCriteria ? { outsideCriteria: e.outsideCriteria } : {}),
        };
      case 'purged':
        return { kind: 'purged' };
      default:
        return null;
    }
  };
  return loaded.record.events.flatMap((e) => {
    const what = fact(e);
    if (!what) return [];
    return [
      { at: e.at, who: authorName(e.by), ...('system' in e.by ? { system: e.by.system } : {}), fact: what },
    ];
  });
}
