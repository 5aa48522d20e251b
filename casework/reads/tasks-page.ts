import { activeMembership, isCoordinator, type Actor } from '../access.js';
import { toIsoDate } from '../covenant/calendar.js';
import type { Condition, Covenant } from '../covenant/covenant.js';
import type { CaseworkContext } from '../context.js';
import type { OpenStepsQuery, OpenStepsSort } from '../ports.js';
import { ranksByName } from './step-order.js';
import { partnerName, stepViewOfSummary, type Locale, type StepView } from './views.js';

// Mijn taken in the tab, one page at a time: the store filters, sorts, pages and counts
// (Cases.openStepsPage); step views are built for the page only. Who sees what is decided as in
// myTasks and overview (queries.ts).

export type TaskSort = 'deadline' | 'caseId' | 'partner' | 'step';

export interface TasksQuery {
  /** A covenant's overview (all partners for its coordinator); none: my organisation's steps. */
  covenantId?: string;
  /** Only steps past their deadline. */
  late?: boolean;
  /** Only cases showing the crisis or the children label (StepView.flags). */
  crisis?: boolean;
  children?: boolean;
  /** Only steps this partner holds. */
  partnerId?: string;
  /** A case id or part of one, in any case. */
  search?: string;
  sort: TaskSort;
  order: 'asc' | 'desc';
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface TasksPage {
  total: number;
  page: number;
  pageSize: number;
  items: StepView[];
}

type Pair = { covenantId: string; partnerId: string };

export async function tasksPage(
  ctx: CaseworkContext,
  actor: Actor,
  query: TasksQuery,
  locale: Locale,
): Promise<TasksPage> {
  const flags: Condition[] = [
    ...(query.crisis ? ['crisis' as const] : []),
    ...(query.children ? ['children' as const] : []),
  ];
  let scope: OpenStepsQuery['scope'];
  let covenants: Covenant[];
  /** The organisation each step is shown to (how much of a final result it may see). */
  let viewer: (covenantId: string, responsiblePartnerId: string | null) => string;
  if (query.covenantId !== undefined) {
    const covenant = ctx.covenant(query.covenantId);
    const membership = activeMembership(actor, covenant, 'see the overview');
    scope = {
      covenantId: covenant.id,
      ...(isCoordinator(covenant, membership) ? {} : { participantPartnerId: membership.partnerId }),
    };
    covenants = [covenant];
    viewer = () => membership.partnerId;
  } else {
    const known = new Set(ctx.covenants().map((c) => c.id));
    const pairs: Pair[] = actor.memberships
      .filter((m) => m.status === 'active' && known.has(m.covenantId))
      .map((m) => ({ covenantId: m.covenantId, partnerId: m.partnerId }));
    scope = { responsible: pairs };
    covenants = [...new Set(pairs.map((p) => p.covenantId))].map((id) => ctx.covenant(id));
    // A step is listed under the membership it was found by: that organisation is the viewer.
    viewer = (_covenantId, responsible) => responsible!;
  }
  // The flags a step view shows are those its covenant labels: a covenant without a label for
  // an asked flag has no step to show.
  const shown = covenants.filter((c) => flags.every((flag) => labels(c, flag)));
  if (shown.length < covenants.length) {
    if ('responsible' in scope)
      scope = { responsible: scope.responsible.filter((p) => shown.some((c) => c.id === p.covenantId)) };
    else scope = { responsible: [] };
  }
  const { total, summaries } = await ctx.deps.cases.openStepsPage({
    scope,
    ...(query.late ? { deadlineBefore: toIsoDate(ctx.now()) } : {}),
    ...(flags.length ? { flags } : {}),
    ...(query.partnerId !== undefined ? { responsiblePartnerId: query.partnerId } : {}),
    ...(query.search ? { caseIdContains: query.search } : {}),
    sort: sortOf(query.sort, shown, locale),
    order: query.order,
    offset: (query.page - 1) * query.pageSize,
    limit: query.pageSize,
  });
  return {
    total,
    page: query.page,
    pageSize: query.pageSize,
    items: summaries.map((s) =>
      stepViewOfSummary(ctx, s, locale, viewer(s.covenantId, s.responsiblePartnerId)),
    ),
  };
}

function labels(covenant: Covenant, flag: Condition): boolean {
  return covenant.special_rules.some((r) => r.when === flag && r.label);
}

/** Partners and steps sort by the names a step view shows, in the reader's language. */
function sortOf(sort: TaskSort, covenants: Covenant[], locale: Locale): OpenStepsSort {
  if (sort === 'deadline' || sort === 'caseId') return { by: sort };
  if (sort === 'partner')
    return {
      by: 'partner',
      ranks: ranksByName(
        covenants.flatMap((c) =>
          c.partners.map((p) => ({ covenantId: c.id, id: p.id, name: partnerName(c, p.id) })),
        ),
      ),
    };
  return {
    by: 'step',
    ranks: ranksByName(
      covenants.flatMap((c) =>
        c.steps.map((s) => ({
          covenantId: c.id,
          id: s.id,
          name: locale === 'en' ? (s.name_en ?? s.name) : s.name,
        })),
      ),
    ),
  };
}
