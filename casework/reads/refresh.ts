import { isCoordinator, type Actor } from '../access.js';
import { normaliseCaseId } from '../case/case-id.js';
import type { CaseworkContext } from '../context.js';
import { involvedPartners, stepPartners } from './involved.js';
import { digest, type DigestContent } from './message-content.js';
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
 * A partner's digest as it is now (a channel's digest card refreshing), for an active member of
 * the covenant: case ids, steps, partners and deadlines, as the partner's channel got them.
 * null for anyone else, and for a covenant or partner AanZet does not know.
 */
export async function refreshedDigest(
  ctx: CaseworkContext,
  actor: Actor,
  covenantId: string,
  partnerId: string,
  locale: Locale,
): Promise<DigestContent | null> {
  const covenant = ctx.covenants().find((c) => c.id === covenantId);
  if (!covenant?.partners.some((p) => p.id === partnerId)) return null;
  if (!actor.memberships.some((m) => m.covenantId === covenant.id && m.status === 'active')) return null;
  return digest(ctx, covenant.id, partnerId, locale);
}

/** Who is involved: in one case, or (a digest) the members of one partner. */
/**
 * A case (its summary is read), a digest's partner, or the partners a status view already names
 * (StepView.involvedPartnerIds: no second read of the summary).
 */
export type RefreshAbout =
  | { caseId: string }
  | { covenantId: string; partnerId: string }
  | { covenantId: string; partnerIds: string[] };

/**
 * The user ids of the active members of the partners involved in the case (a step on it now or
 * before, a signal of their own joined to it), or of the digest's partner: the readers whose card
 * Teams refreshes by itself. Empty for an unknown case.
 */
export async function refreshAudience(ctx: CaseworkContext, about: RefreshAbout): Promise<string[]> {
  let covenantId: string;
  let involved: Set<string>;
  if ('caseId' in about) {
    const summary = await ctx.deps.cases.getSummary(normaliseCaseId(about.caseId));
    if (!summary) return [];
    const covenant = ctx.covenant(summary.covenantId);
    covenantId = covenant.id;
    involved = new Set(involvedPartners(covenant, summary));
  } else {
    covenantId = about.covenantId;
    involved = new Set('partnerIds' in about ? about.partnerIds : [about.partnerId]);
  }
  const members = await ctx.deps.members.list(covenantId);
  return members
    .filter((m) =>
      m.memberships.some(
        (s) => s.covenantId === covenantId && s.status === 'active' && involved.has(s.partnerId),
      ),
    )
    .map((m) => m.userId);
}
