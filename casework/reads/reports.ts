import { requireCoordinator, type Actor } from '../access.js';
import { toIsoDate, type IsoDate } from '../covenant/calendar.js';
import { nextMeetingDate } from '../covenant/meeting-dates.js';
import { covenantStanding } from '../covenant/provenance.js';
import type { CaseSummary } from '../case/types.js';
import type { CaseworkContext } from '../context.js';
import type { Covenant } from '../covenant/covenant.js';
import { stepViewOfSummary, type Locale, type StepView } from './views.js';

// For coordinators: the monthly casuistry agenda (the monitoring figures are in figures.ts).

const NETWORK_KINDS = new Set(['ggd', 'welzijn', 'politie']);

export interface CasuistryAgenda {
  covenantId: string;
  meetingDate: IsoDate | null;
  late: StepView[];
  escalated: StepView[];
  childrenFacingEviction: StepView[];
  waitingForNetwork: StepView[];
  flaggedByRules: StepView[];
  /** The covenant's last day of validity, when it has passed: the coordinator should renew it. */
  covenantExpiredOn: IsoDate | null;
  /** The covenant's evaluation moments in the coming weeks. */
  evaluationsDue: IsoDate[];
}

export async function casuistryAgenda(
  ctx: CaseworkContext,
  actor: Actor,
  covenantId: string,
  locale: Locale,
): Promise<CasuistryAgenda> {
  const covenant = ctx.covenant(covenantId);
  requireCoordinator(actor, covenant, 'see the casuistry agenda');
  return buildAgenda(ctx, covenant, locale);
}

/** Also used by the scheduler, which posts the agenda without a person asking. */
export async function buildAgenda(
  ctx: CaseworkContext,
  covenant: Covenant,
  locale: Locale,
): Promise<CasuistryAgenda> {
  const open = await ctx.deps.cases.listSummaries({ covenantId: covenant.id, status: 'open' });
  // Posted to a channel too: read as by anyone there (a creditor may be among them).
  const view = (s: CaseSummary) => stepViewOfSummary(ctx, s, locale, null);
  const isNetworkStep = (s: CaseSummary) => {
    const partner = covenant.partners.find((p) => p.id === s.responsiblePartnerId);
    const step = covenant.steps.find((st) => st.id === s.stepId);
    return (partner !== undefined && NETWORK_KINDS.has(partner.kind)) || (step?.with.length ?? 0) > 0;
  };
  const today = toIsoDate(ctx.now());
  const standing = covenantStanding(covenant, today);
  return {
    covenantId: covenant.id,
    covenantExpiredOn: standing.expiredOn,
    evaluationsDue: standing.evaluationsDue,
    meetingDate: nextMeetingDate(covenant, ctx.calendar(covenant), today),
    late: open.filter((s) => s.deadline !== null && s.deadline < today).map(view),
    escalated: open.filter((s) => s.escalations > 0).map(view),
    childrenFacingEviction: open
      .filter((s) => s.flags.includes('children') && s.flags.includes('crisis'))
      .map(view),
    waitingForNetwork: open.filter(isNetworkStep).map(view),
    flaggedByRules: open.filter((s) => s.onAgenda).map(view),
  };
}

export interface CovenantStandingView {
  covenantId: string;
  covenantName: string;
  expiredOn: IsoDate | null;
  evaluationsDue: IsoDate[];
}

/** Every covenant's validity and near evaluation moments today: no case data, for the operator's log. */
export function covenantStandings(ctx: CaseworkContext): CovenantStandingView[] {
  const today = toIsoDate(ctx.now());
  return ctx.covenants().map((covenant) => ({
    covenantId: covenant.id,
    covenantName: covenant.name,
    ...covenantStanding(covenant, today),
  }));
}
