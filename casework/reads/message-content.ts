import { DateTime } from 'luxon';
import { toIsoDate } from '../covenant/calendar.js';
import type { CaseworkContext } from '../context.js';
import type { MessageKind, PlannedMessage, ReminderKind } from '../ports.js';
import { buildAgenda, type CasuistryAgenda } from './reports.js';
import {
  observationView,
  partnerName,
  stepReason,
  stepViewOfSummary,
  type Locale,
  type StepView,
} from './views.js';

// What a reminder or notice in the outbox says, read when it is sent so it shows the case (or
// the request) as it is then. The bot only turns it into a card. Never personal data: these
// land in channels too.

export type MessageContent =
  | { kind: 'agenda'; agenda: CasuistryAgenda; covenantName: string }
  | { kind: 'digest'; partnerName: string; late: StepView[]; today: StepView[]; thisWeek: StepView[] }
  | { kind: Exclude<ReminderKind, 'agenda' | 'digest'>; view: StepView }
  | {
      kind: 'approval';
      requester: { userId: string; name: string };
      covenantId: string;
      covenantName: string;
      partnerName: string;
    }
  | { kind: 'membership'; approved: boolean; requesterName: string; partnerName: string; by: string }
  | { kind: 'joined'; caseId: string; partnerName: string; signalType: string }
  | { kind: 'closed' | 'handover'; view: StepView }
  | { kind: 'registered'; view: StepView; joined: boolean };

export type DigestContent = Extract<MessageContent, { kind: 'digest' }>;

/** undefined: the message no longer applies (the step moved on, the request was decided, the case was purged). */
export async function messageContent(
  ctx: CaseworkContext,
  message: PlannedMessage,
  locale: Locale,
): Promise<MessageContent | undefined> {
  const covenant = ctx.covenant(message.covenantId);
  const kind: MessageKind = message.kind;
  if (kind === 'agenda')
    return { kind, agenda: await buildAgenda(ctx, covenant, locale), covenantName: covenant.name };
  if (kind === 'digest') return digest(ctx, message.covenantId, message.partnerId, locale);
  if (kind === 'approval' || kind === 'membership') return requestContent(ctx, message);
  const summary = message.caseId ? await ctx.deps.cases.getSummary(message.caseId) : undefined;
  if (!summary) return undefined;
  if (kind === 'joined') {
    // Undone or purged meanwhile: nothing left to tell.
    const join = (await ctx.load(summary.caseId)).state.joins.find((j) => j.seq === message.about?.joinSeq);
    if (!join || summary.status !== 'open') return undefined;
    return {
      kind,
      caseId: summary.caseId,
      partnerName: partnerName(covenant, join.partnerId),
      signalType: join.signalType,
    };
  }
  // The notice's partner reads it: a creditor is told only that its signal was not taken up.
  const view = stepViewOfSummary(ctx, summary, locale, message.partnerId);
  if (kind === 'closed') return summary.status === 'closed' ? { kind, view } : undefined;
  if (kind === 'handover' || kind === 'registered') {
    // Only while the step is still the one this partner was told of.
    const stillTheirs =
      summary.status === 'open' &&
      summary.stepId === message.stepId &&
      (summary.responsiblePartnerId === message.partnerId ||
        view.jointPartners.some((p) => p.id === message.partnerId));
    if (!stillTheirs) return undefined;
    if (kind === 'handover') return { kind, view };
    // The new case's card says why this partner is at turn: the covenant's rule, from the history.
    const { state } = await ctx.load(summary.caseId);
    const reason = stepReason(covenant, state.step);
    const observation = observationView(covenant, state.signals[0]);
    return {
      kind,
      view: { ...view, ...reason, ...(observation ? { observation } : {}) },
      joined: message.about?.joined === true,
    };
  }
  // A reminder: only while its step and deadline are still those it was planned for.
  if (summary.status !== 'open' || summary.stepId !== message.stepId) return undefined;
  if (!message.key.startsWith(`${summary.caseId}|${summary.stepId}|${summary.deadline}|`)) return undefined;
  return { kind, view };
}

/** A partner's open steps due this week, late ones first: the daily digest. */
export async function digest(
  ctx: CaseworkContext,
  covenantId: string,
  partnerId: string,
  locale: Locale,
): Promise<DigestContent> {
  const covenant = ctx.covenant(covenantId);
  const today = toIsoDate(ctx.now());
  const weekEnd = DateTime.fromISO(today).endOf('week').toISODate()!;
  const open = await ctx.deps.cases.listSummaries({
    covenantId,
    status: 'open',
    responsiblePartnerId: partnerId,
    deadlineOnOrBefore: weekEnd,
  });
  const views = open.map((s) => stepViewOfSummary(ctx, s, locale, partnerId));
  return {
    kind: 'digest',
    partnerName: partnerName(covenant, partnerId),
    late: views.filter((v) => v.deadline! < today),
    today: views.filter((v) => v.deadline === today),
    thisWeek: views.filter((v) => v.deadline! > today),
  };
}

/** A request to join (for the coordinator), or its decision (for the requester). */
async function requestContent(
  ctx: CaseworkContext,
  message: PlannedMessage,
): Promise<MessageContent | undefined> {
  const covenant = ctx.covenant(message.covenantId);
  const requester = message.about?.userId ? await ctx.deps.members.get(message.about.userId) : undefined;
  if (!requester) return undefined;
  const request = requester.memberships.find((m) => m.covenantId === covenant.id);
  if (message.kind === 'approval') {
    if (request?.status !== 'pending') return undefined; // decided (or withdrawn) meanwhile
    return {
      kind: 'approval',
      requester: { userId: requester.userId, name: requester.name },
      covenantId: covenant.id,
      covenantName: covenant.name,
      partnerName: partnerName(covenant, request.partnerId),
    };
  }
  const byUserId = message.about?.byUserId ?? '';
  return {
    kind: 'membership',
    approved: message.about?.approved === true,
    requesterName: requester.name,
    partnerName: partnerName(covenant, request?.partnerId ?? message.partnerId),
    by: (await ctx.deps.members.get(byUserId))?.name ?? byUserId,
  };
}
