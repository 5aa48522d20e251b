import type { Casework } from '../../casework/casework.js';
import type { OutboxEntry } from '../../casework/ports.js';
import type { NoticeKind } from '../../casework/ports.js';
import { partnerName, stepReason, stepViewOfSummary, type Locale } from '../../casework/reads/views.js';
import type { AdaptiveCard } from '../../cards/card-types.js';
import { joinNoticeCard } from '../../cards/case-privacy.js';
import { approvalCard, approvalResultCard, signalRegisteredCard, statusCard } from '../../cards/index.js';

/**
 * The card of a notice, from the case (or the request) as it is when it is sent: status cards
 * without personal data, wherever they land. undefined: the notice no longer applies (the step
 * moved on, the request was decided, the case was purged).
 */
export async function noticeCard(
  casework: Casework,
  entry: OutboxEntry & { kind: NoticeKind },
  locale: Locale,
): Promise<AdaptiveCard | undefined> {
  const { ctx } = casework;
  const covenant = ctx.covenant(entry.covenantId);
  if (entry.kind === 'approval' || entry.kind === 'membership') {
    const requester = entry.about?.userId ? await ctx.deps.members.get(entry.about.userId) : undefined;
    if (!requester) return undefined;
    const request = requester.memberships.find((m) => m.covenantId === covenant.id);
    if (entry.kind === 'approval') {
      if (request?.status !== 'pending') return undefined; // decided (or withdrawn) meanwhile
      return approvalCard(locale, {
        requester: { userId: requester.userId, name: requester.name },
        covenantId: covenant.id,
        covenantName: covenant.name,
        partnerName: partnerName(covenant, request.partnerId),
      });
    }
    const byUserId = entry.about?.byUserId ?? '';
    return approvalResultCard(locale, {
      approved: entry.about?.approved === true,
      requesterName: requester.name,
      partnerName: partnerName(covenant, request?.partnerId ?? entry.partnerId),
      by: (await ctx.deps.members.get(byUserId))?.name ?? byUserId,
    });
  }
  const summary = entry.caseId ? await ctx.deps.cases.getSummary(entry.caseId) : undefined;
  if (!summary) return undefined;
  if (entry.kind === 'joined') {
    // Undone or purged meanwhile: nothing left to tell.
    const join = (await ctx.load(summary.caseId)).state.joins.find((j) => j.seq === entry.about?.joinSeq);
    if (!join || summary.status !== 'open') return undefined;
    return joinNoticeCard(locale, {
      caseId: summary.caseId,
      partnerName: partnerName(covenant, join.partnerId),
      signalType: join.signalType,
    });
  }
  const view = stepViewOfSummary(ctx, summary, locale);
  if (entry.kind === 'closed') return summary.status === 'closed' ? statusCard(locale, { view }) : undefined;
  // Handed over or registered: only while the step is still the one this partner was told of.
  const stillTheirs =
    summary.status === 'open' &&
    summary.stepId === entry.stepId &&
    (summary.responsiblePartnerId === entry.partnerId ||
      view.jointPartners.some((p) => p.id === entry.partnerId));
  if (!stillTheirs) return undefined;
  if (entry.kind === 'handover') return statusCard(locale, { view });
  // The new case's card says why this partner is at turn: the covenant's rule, from the history.
  const reason = stepReason(covenant, (await ctx.load(summary.caseId)).state.step);
  return signalRegisteredCard(locale, { view: { ...view, ...reason }, joined: entry.about?.joined === true });
}
