import { requireStepActor, type Actor } from './access.js';
import { CaseworkContext, type CaseworkDeps } from './context.js';
import type { ContactAttemptInput, OutcomeInput, RegisterSignalInput } from './commands/inputs.js';
import type { OperatorGrant } from './commands/decisions/membership-decisions.js';
import { decideMembership, grantMembershipAsOperator, requestMembership } from './commands/membership.js';
import { undoJoin } from './commands/joins.js';
import { purgeExpired } from './commands/purge.js';
import { auditRefusals } from './refusals.js';
import { planDueMessages } from './reminders/sweep.js';
import { tasksPage, type TasksQuery } from './reads/tasks-page.js';
import { searchCases, type SearchPage } from './reads/search.js';
import {
  checkObservations,
  checkSignal,
  registerSignal,
  signalOutsideCriteria,
} from './commands/register-signal.js';
import { casuistryAgenda, covenantStandings } from './reads/reports.js';
import type { Period } from './reads/figures.js';
import { covenantFigures } from './reads/figures-from-counts.js';
import { covenantExport, type ExportFormat } from './reads/exports.js';
import { importSignals, type ImportOptions, type ImportRow } from './commands/import-signals.js';
import {
  addConfidentialNote,
  closeCase,
  logContactAttempt,
  logOutcome,
  postponeStep,
  referCase,
  takeOverStep,
} from './commands/step-actions.js';
import {
  caseStatus,
  caseView,
  viewOfCase,
  type CaseView,
  type CaseViewOptions,
  type Locale,
} from './reads/views.js';
import type { WorkingDayCalendar } from './covenant/calendar.js';
import type { Covenant } from './covenant/covenant.js';
import type { LoadedCase } from './context.js';
import type { Member, PlannedMessage } from './ports.js';
import { messageContent } from './reads/message-content.js';
import { refreshAudience, refreshedDigest, refreshedStatus, type RefreshAbout } from './reads/refresh.js';
import { linkChannel } from './commands/link-channel.js';
import {
  afterMembershipDecision,
  afterMembershipRequest,
  afterOutcome,
  afterRegistration,
} from './reminders/who-is-told.js';

export type { LoadedCase };
export type { ImportReport, ImportRow, RowOutcome } from './commands/import-signals.js';

/** How a case view is asked for: the viewer's language, whether personal data may show here, and whether others read along. */
export type ViewOptions = CaseViewOptions;

/** A decision on a request to join; approvedByName when an earlier click had already approved it. */
export interface MembershipDecision {
  member: Member;
  partnerId: string;
  changed: boolean;
  notices: PlannedMessage[];
  approvedByName?: string;
}

/**
 * The use cases of AanZet, one method each; the bot and the CLI talk only to this. Its context
 * (stores, loading, committing) stays private: nothing outside casework/ reaches past a use case.
 * A use case that tells others returns the notices with its result; the caller only plans them.
 */
export class Casework {
  private readonly ctx: CaseworkContext;

  constructor(deps: CaseworkDeps) {
    this.ctx = new CaseworkContext(deps);
  }

  /** "Now", from the injected clock. */
  now(): Date {
    return this.ctx.now();
  }
  covenant(covenantId: string): Covenant {
    return this.ctx.covenant(covenantId);
  }
  covenants(): readonly Covenant[] {
    return this.ctx.covenants();
  }
  calendar(covenant: Covenant): WorkingDayCalendar {
    return this.ctx.calendar(covenant);
  }

  /** Registers the signal; notices for the responsible partner and, for a joined signal, the coordinators. */
  async registerSignal(actor: Actor, input: RegisterSignalInput) {
    const registered = await registerSignal(this.ctx, actor, input);
    const members = registered.joined ? await this.ctx.deps.members.list(registered.loaded.covenant.id) : [];
    return { ...registered, notices: afterRegistration(actor, registered, members, this.ctx.now()) };
  }
  /**
   * Signals from a file (npm run import): each row checked as the register card checks it,
   * rows imported before skipped by their source id, one audit line for the run. Imported
   * cases send no notice each: the responsible partner finds them in its tasks and reminders.
   */
  importSignals(actor: Actor, rows: ImportRow[], options: ImportOptions) {
    return importSignals(this.ctx, actor, rows, options);
  }
  /** The arrears and pre-checks alone, with the national rules, before the signal is registered. */
  checkSignal(input: RegisterSignalInput['signal']) {
    return checkSignal(this.ctx, input);
  }
  /** Outside the criteria: the confirmation card says it will be recorded as not taken up. */
  signalOutsideCriteria(input: RegisterSignalInput['signal']) {
    return signalOutsideCriteria(this.ctx, input);
  }
  /** Household size and children against the covenant's policy on own observations (household card). */
  checkObservations(
    covenantId: string,
    entered: { adults?: number; children?: number; observationConsent: boolean },
  ) {
    checkObservations(this.ctx, covenantId, entered);
  }
  /** What the covenant lets a creditor share beyond the Besluit: consent_required, not_shared or allowed. */
  observationPolicy(covenantId: string) {
    return this.ctx.covenant(covenantId).signals.observations;
  }
  caseView(actor: Actor, caseId: string, options: ViewOptions) {
    return this.onCase(actor, caseId, () => caseView(this.ctx, actor, caseId, options));
  }
  /** sharedPlace: the card lands where others read along (a channel). */
  caseStatus(actor: Actor, caseId: string, locale: Locale, sharedPlace = false) {
    return this.onCase(actor, caseId, () => caseStatus(this.ctx, actor, caseId, locale, sharedPlace));
  }
  /**
   * A channel card asking for itself again (Teams' automatic refresh): the shared status from the
   * summary, and whether the reader holds the step; null when the reader may not see the case.
   * No audit: no personal data is read, and a refusal here is Teams asking, not the reader.
   */
  refreshedStatus(actor: Actor, caseId: string, locale: Locale) {
    return refreshedStatus(this.ctx, actor, caseId, locale);
  }
  /** A partner's digest as it is now, for a channel's digest card refreshing; null: not for this reader. */
  refreshedDigest(actor: Actor, covenantId: string, partnerId: string, locale: Locale) {
    return refreshedDigest(this.ctx, actor, covenantId, partnerId, locale);
  }
  /** The members of the partners involved in a case, or of a digest's partner: whose card refreshes by itself. */
  refreshAudience(about: RefreshAbout) {
    return refreshAudience(this.ctx, about);
  }
  logContactAttempt(actor: Actor, caseId: string, expectedVersion: number, input: ContactAttemptInput) {
    return this.onCase(actor, caseId, () =>
      logContactAttempt(this.ctx, actor, caseId, expectedVersion, input),
    );
  }
  /** The outcome, the notices for whoever is at turn next (or the signallers when it closed). */
  logOutcome(
    actor: Actor,
    caseId: string,
    expectedVersion: number,
    input: OutcomeInput,
  ): Promise<LoadedCase & { notices: PlannedMessage[] }> {
    return this.onCase(actor, caseId, async () => {
      const after = await logOutcome(this.ctx, actor, caseId, expectedVersion, input);
      return { ...after, notices: afterOutcome(actor, after, this.ctx.now()) };
    });
  }
  /** The view of a case a command just returned: the answer card without loading the case again. */
  viewAfter(actor: Actor, after: LoadedCase, options: ViewOptions): Promise<CaseView> {
    return this.onCase(actor, after.record.id, () => viewOfCase(this.ctx, actor, after, options));
  }
  referCase(
    actor: Actor,
    caseId: string,
    expectedVersion: number,
    input: { toPartnerId: string; reason: string },
  ) {
    return this.onCase(actor, caseId, () => referCase(this.ctx, actor, caseId, expectedVersion, input));
  }
  takeOverStep(actor: Actor, caseId: string, expectedVersion: number) {
    return this.onCase(actor, caseId, () => takeOverStep(this.ctx, actor, caseId, expectedVersion));
  }
  postponeStep(
    actor: Actor,
    caseId: string,
    expectedVersion: number,
    input: { until: string; reason: string },
  ) {
    return this.onCase(actor, caseId, () => postponeStep(this.ctx, actor, caseId, expectedVersion, input));
  }
  closeCase(actor: Actor, caseId: string, expectedVersion: number, input: { finalResult: string }) {
    return this.onCase(actor, caseId, () => closeCase(this.ctx, actor, caseId, expectedVersion, input));
  }
  addConfidentialNote(actor: Actor, caseId: string, expectedVersion: number, input: { text: string }) {
    return this.onCase(actor, caseId, () =>
      addConfidentialNote(this.ctx, actor, caseId, expectedVersion, input),
    );
  }
  /** Refuses, and audits, an actor who may not act on the case's current step (forms ask first). */
  checkStepActor(actor: Actor, caseId: string, action: string) {
    return this.onCase(actor, caseId, async () => {
      const { covenant, state } = await this.ctx.load(caseId);
      requireStepActor(actor, covenant, state, action);
    });
  }
  /** The coordinator takes a joined signal off the case (joinSeq: its signal_joined event). */
  undoJoin(actor: Actor, caseId: string, expectedVersion: number, joinSeq: number) {
    return this.onCase(actor, caseId, () => undoJoin(this.ctx, actor, caseId, expectedVersion, joinSeq));
  }
  /**
   * One page of my tasks, or of a covenant's overview, filtered, sorted and counted by the store:
   * the tab's caseload, and the first page the `mijn taken` and `overzicht` cards show.
   */
  tasksPage(actor: Actor, query: TasksQuery, locale: Locale) {
    return tasksPage(this.ctx, actor, query, locale);
  }

  /**
   * The compose box's search (reads/search.ts): the cases the actor may see matching the text,
   * a page of them, as compact views without personal data; an empty text gives the own open steps.
   */
  searchCases(actor: Actor, text: string, page: SearchPage) {
    return searchCases(this.ctx, actor, text, page);
  }
  casuistryAgenda(actor: Actor, covenantId: string, locale: Locale) {
    return casuistryAgenda(this.ctx, actor, covenantId, locale);
  }
  /** Per covenant: whether it has expired and which evaluation moments are near (for the start-up log). */
  covenantStandings() {
    return covenantStandings(this.ctx);
  }
  /** The monitoring figures of a covenant over a period (dates inclusive): coordinators only. */
  figures(actor: Actor, covenantId: string, period: Period) {
    return covenantFigures(this.ctx, actor, covenantId, period);
  }
  /** The figures, the anonymous case list and the DDAS-shaped cases; the export is audited. */
  exportReport(actor: Actor, covenantId: string, period: Period, format: ExportFormat) {
    return covenantExport(this.ctx, actor, covenantId, period, format);
  }
  /** The request, and a notice asking each coordinator to approve it. */
  async requestMembership(user: { userId: string; name: string }, covenantId: string, partnerId: string) {
    const result = await requestMembership(this.ctx, user, covenantId, partnerId);
    const request = { covenantId, partnerId, userId: user.userId };
    return { ...result, notices: afterMembershipRequest(request, result.coordinators, this.ctx.now()) };
  }
  /** The decision, and the notice telling the requester (none when an earlier click decided). */
  async decideMembership(
    actor: Actor,
    requestUserId: string,
    covenantId: string,
    approve: boolean,
  ): Promise<MembershipDecision> {
    const result = await decideMembership(this.ctx, actor, requestUserId, covenantId, approve);
    const decision = {
      covenantId,
      partnerId: result.partnerId,
      userId: requestUserId,
      approved: approve,
      byUserId: actor.userId,
    };
    const notices = afterMembershipDecision(decision, result.changed, this.ctx.now());
    if (result.changed) return { ...result, notices };
    // Decided by an earlier click: the answer names who approved it.
    const approvedBy = result.member.memberships.find((m) => m.covenantId === covenantId)?.approvedBy ?? '';
    const approver = (await this.ctx.deps.members.get(approvedBy))?.name ?? approvedBy;
    return { ...result, notices, approvedByName: approver };
  }
  /**
   * The operator's approval on the command line (`npm run members -- approve`): how a covenant's
   * first coordinator gets in. Audited under the operator; the member is told as after a click.
   */
  async grantMembershipAsOperator(userId: string, covenantId: string, grant: OperatorGrant) {
    const result = await grantMembershipAsOperator(this.ctx, userId, covenantId, grant);
    const decision = {
      covenantId,
      partnerId: result.partnerId,
      userId,
      approved: true,
      byUserId: grant.operator,
    };
    return { ...result, notices: afterMembershipDecision(decision, result.changed, this.ctx.now()) };
  }
  /** `koppel kanaal`: the conversation (a team channel) gets the reminders of the actor's organisations. */
  linkChannel(actor: Actor, conversation: Parameters<typeof linkChannel>[2]) {
    return linkChannel(this.ctx, actor, conversation);
  }
  /** What a planned reminder or notice says now (undefined: it no longer applies). */
  messageContent(message: PlannedMessage, locale: Locale) {
    return messageContent(this.ctx, message, locale);
  }
  planDueMessages() {
    return planDueMessages(this.ctx);
  }
  purgeExpired() {
    return purgeExpired(this.ctx);
  }

  /** A use case on one case: its refusals are audited. */
  private onCase<T>(actor: Actor, caseId: string, run: () => Promise<T>): Promise<T> {
    return auditRefusals(this.ctx, actor, caseId, run);
  }
}
