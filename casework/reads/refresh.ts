import { isCoordinator, type Actor } from '../access.js';
import { normaliseCaseId } from '../case/case-id.js';
import type { CaseSummary } from '../case/types.js';
import type { CaseworkContext } from '../context.js';
import { findStep, type Covenant } from '../covenant/covenant.js';
import { stepViewOfSummary, type Locale, type StepView } from './views.js';

// A status card in a channel asks for itself again when someone opens the conversation (the
// Adaptive Card `refresh`, bot/ and cards/refresh.ts). These reads answer it from the case's
// summary alone: no history, no personal data, so nothing to audit, and fast enough to run each
// time a channel is opened. A reader who may not see the case gets nothing, and no refusal is
// audited: nobody asked, Teams did.

/** The status as the reader may see it now, with whether they hold the step; null: not for them. */
export interface RefreshedStatus {
  view: StepView;
  /** An active member of a partner holding the open step (or the coordinator): may act on it. */
  mayAct: boolean;
}

export async function refreshedStatus(
  ctx: CaseworkContext,
  actor: Actor,
  caseId: string,
  locale: Locale,
): Promise<RefreshedStatus | null> {
  const summary = await ctx.deps.cases.getSummary(normaliseCaseId(caseId));
  if (!summary) return null;
  const covenant = ctx.covenant(summary.covenantId);
  const membership = actor.memberships.find((m) => m.covenantId === covenant.id && m.status === 'active');
  if (!membership) return null;
  // The shared view: read as where others read along (a creditor learns only "Niet opgepakt").
  const view = stepViewOfSummary(ctx, summary, locale, null);
  const holds =
    isCoordinator(covenant, membership) || stepPartners(covenant, summary).includes(membership.partnerId);
  return { view, mayAct: summary.status === 'open' && summary.stepId !== null && holds };
}

/**
 * The user ids of the active members of the partners involved in the case (a step on it now or
 * before, a signal of their own joined to it): the readers whose card Teams refreshes by itself.
 * Empty for an unknown case.
 */
export async function refreshAudience(ctx: CaseworkContext, caseId: string): Promise<string[]> {
  const summary = await ctx.deps.cases.getSummary(normaliseCaseId(caseId));
  if (!summary) return [];
  const covenant = ctx.covenant(summary.covenantId);
  const involved = new Set([...summary.participants, ...stepPartners(covenant, summary)]);
  const members = await ctx.deps.members.list(covenant.id);
  return members
    .filter((m) =>
      m.memberships.some(
        (s) => s.covenantId === covenant.id && s.status === 'active' && involved.has(s.partnerId),
      ),
    )
    .map((m) => m.userId);
}

/** The partners holding the open step: its owner and its joint partners (casework/access.ts). */
function stepPartners(covenant: Covenant, summary: CaseSummary): string[] {
  if (summary.status !== 'open' || !summary.stepId) return [];
  const step = findStep(covenant, summary.stepId);
  return [
    ...(summary.responsiblePartnerId ? [summary.responsiblePartnerId] : []),
    ...(step?.with ?? []),
    ...(step?.with_signaller ? [summary.signallerPartnerId] : []),
  ];
}
