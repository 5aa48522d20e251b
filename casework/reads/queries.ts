import { DateTime } from 'luxon';
import { activeMembership, isCoordinator, type Actor } from '../access.js';
import { toIsoDate } from '../covenant/calendar.js';
import type { CaseworkContext } from '../context.js';
import { stepViewOfSummary, type Locale, type StepView } from './views.js';

// Lists of open steps. They carry no personal data, so channels may show them.

/** Open steps the actor's organisation holds, in every covenant it belongs to, soonest first. */
export async function myTasks(ctx: CaseworkContext, actor: Actor, locale: Locale): Promise<StepView[]> {
  const active = actor.memberships.filter((m) => m.status === 'active');
  const lists = await Promise.all(
    active.map((m) =>
      ctx.deps.cases.listSummaries({
        covenantId: m.covenantId,
        status: 'open',
        responsiblePartnerId: m.partnerId,
      }),
    ),
  );
  // A summary is listed under the membership it was found by: that organisation is the viewer.
  return sortByDeadline(
    lists.flatMap((list, i) => list.map((s) => stepViewOfSummary(ctx, s, locale, active[i]!.partnerId))),
  );
}

/**
 * The covenant's open steps: the coordinator sees all, a partner those it holds or takes part
 * in. `lateOnly` gives the overdue list.
 */
export async function overview(
  ctx: CaseworkContext,
  actor: Actor,
  covenantId: string,
  options: { locale: Locale; lateOnly?: boolean },
): Promise<StepView[]> {
  const covenant = ctx.covenant(covenantId);
  const membership = activeMembership(actor, covenant, 'see the overview');
  const today = toIsoDate(ctx.now());
  const summaries = await ctx.deps.cases.listSummaries({
    covenantId,
    status: 'open',
    ...(isCoordinator(covenant, membership) ? {} : { participantPartnerId: membership.partnerId }),
    ...(options.lateOnly
      ? { deadlineOnOrBefore: DateTime.fromISO(today).minus({ days: 1 }).toISODate()! }
      : {}),
  });
  const views = summaries.map((s) => stepViewOfSummary(ctx, s, options.locale, membership.partnerId));
  return sortByDeadline(options.lateOnly ? views.filter((v) => v.late) : views);
}

function sortByDeadline(views: StepView[]): StepView[] {
  return views.sort(
    (a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999') || a.caseId.localeCompare(b.caseId),
  );
}
