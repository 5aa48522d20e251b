import { DateTime } from 'luxon';
import { activeMembership, isCoordinator, type Actor } from '../../casework/access.js';
import { toIsoDate } from '../../casework/covenant/calendar.js';
import type { CaseworkContext } from '../../casework/context.js';
import { stepViewOfSummary, type Locale } from '../../casework/reads/views.js';
import { stepOrder } from '../../casework/reads/step-order.js';
import type { TasksPage } from '../../casework/reads/tasks-page.js';
import type { StepView } from '../../casework/reads/views.js';
import type { TasksQuery } from '../../bot/tab-api/requests.js';

// Mijn taken over step views in memory, in the order the stores sort by (casework/reads/
// step-order.ts): the reference the paged store query is held to. The whole lists below are how
// the cards read them before the store paged them (every open summary, views for all of them).

const SORT_KEYS: Record<TasksQuery['sort'], (step: StepView) => string | null> = {
  deadline: (step) => step.deadline,
  caseId: (step) => step.caseId,
  partner: (step) => step.responsible?.name ?? null,
  step: (step) => step.stepName,
};

/** Sorted on the chosen field, a missing value last in either order; ties by case id. */
export function sortedSteps(
  steps: StepView[],
  sort: TasksQuery['sort'],
  order: TasksQuery['order'],
): StepView[] {
  return [...steps].sort(stepOrder(SORT_KEYS[sort], (step) => step.caseId, order, sort === 'caseId'));
}

export function pageOf(steps: StepView[], page: number, pageSize: number): TasksPage {
  const start = (page - 1) * pageSize;
  return { total: steps.length, page, pageSize, items: steps.slice(start, start + pageSize) };
}

/** Open steps the actor's organisation holds, in every covenant it belongs to, soonest first. */
export async function wholeMyTasks(ctx: CaseworkContext, actor: Actor, locale: Locale): Promise<StepView[]> {
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
export async function wholeOverview(
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
