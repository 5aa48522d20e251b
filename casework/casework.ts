import { requireStepActor, type Actor } from './access.js';
import { CaseworkContext, type CaseworkDeps } from './context.js';
import type { ContactAttemptInput, OutcomeInput, RegisterSignalInput } from './commands/inputs.js';
import { decideMembership, requestMembership } from './commands/membership.js';
import { undoJoin } from './commands/joins.js';
import { purgeExpired } from './commands/purge.js';
import { auditRefusals } from './refusals.js';
import { planDueMessages } from './reminders/sweep.js';
import { myTasks, overview } from './reads/queries.js';
import { checkSignal, registerSignal } from './commands/register-signal.js';
import { casuistryAgenda, monitoringFigures } from './reads/reports.js';
import {
  addConfidentialNote,
  closeCase,
  logContactAttempt,
  logOutcome,
  postponeStep,
  referCase,
  takeOverStep,
} from './commands/step-actions.js';
import { caseStatus, caseView, type Locale } from './reads/views.js';
import type { IsoDate } from './covenant/calendar.js';

/** The use cases of AanZet, one method each; the bot and the CLI talk only to this. */
export class Casework {
  readonly ctx: CaseworkContext;

  constructor(deps: CaseworkDeps) {
    this.ctx = new CaseworkContext(deps);
  }

  registerSignal(actor: Actor, input: RegisterSignalInput) {
    return registerSignal(this.ctx, actor, input);
  }
  /** The arrears and pre-checks alone, with the national rules, before the signal is registered. */
  checkSignal(input: RegisterSignalInput['signal']) {
    return checkSignal(this.ctx, input);
  }
  caseView(actor: Actor, caseId: string, options: { locale: Locale; withPersonalData: boolean }) {
    return this.onCase(actor, caseId, () => caseView(this.ctx, actor, caseId, options));
  }
  caseStatus(actor: Actor, caseId: string, locale: Locale) {
    return this.onCase(actor, caseId, () => caseStatus(this.ctx, actor, caseId, locale));
  }
  logContactAttempt(actor: Actor, caseId: string, expectedVersion: number, input: ContactAttemptInput) {
    return this.onCase(actor, caseId, () =>
      logContactAttempt(this.ctx, actor, caseId, expectedVersion, input),
    );
  }
  logOutcome(actor: Actor, caseId: string, expectedVersion: number, input: OutcomeInput) {
    return this.onCase(actor, caseId, () => logOutcome(this.ctx, actor, caseId, expectedVersion, input));
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
  myTasks(actor: Actor, locale: Locale) {
    return myTasks(this.ctx, actor, locale);
  }
  overview(actor: Actor, covenantId: string, options: { locale: Locale; lateOnly?: boolean }) {
    return overview(this.ctx, actor, covenantId, options);
  }
  casuistryAgenda(actor: Actor, covenantId: string, locale: Locale) {
    return casuistryAgenda(this.ctx, actor, covenantId, locale);
  }
  monitoringFigures(actor: Actor, covenantId: string, period: { from: IsoDate; to: IsoDate }) {
    return monitoringFigures(this.ctx, actor, covenantId, period);
  }
  requestMembership(user: { userId: string; name: string }, covenantId: string, partnerId: string) {
    return requestMembership(this.ctx, user, covenantId, partnerId);
  }
  decideMembership(actor: Actor, requestUserId: string, covenantId: string, approve: boolean) {
    return decideMembership(this.ctx, actor, requestUserId, covenantId, approve);
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
