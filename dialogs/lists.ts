import { actsAsCoordinator, isCoordinator } from '../casework/access.js';
import { toIsoDate } from '../casework/covenant/calendar.js';
import { parsePeriod } from '../casework/reads/period.js';
import { MAX_PERIOD_YEARS } from '../casework/reads/period-limit.js';
import { readFailure, type FailedDelivery } from '../casework/reminders/delivery-failures.js';
import { NotAllowed } from '../casework/errors.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { agendaCard, messageCard, reportCard, tasksCard } from '../cards/index.js';
import { MAX_ROWS } from '../cards/lists.js';
import type { DialogScope, MemberScope } from './scope.js';
import { texts } from '../cards/texts.js';

// My tasks, the overview, the monitoring figures and the casuistry agenda.

/** The card shows the first rows, soonest first; the store counts the rest (the tab pages through all). */
const FIRST_PAGE = { sort: 'deadline', order: 'asc', page: 1, pageSize: MAX_ROWS } as const;

export async function myTasks(scope: MemberScope): Promise<AdaptiveCard> {
  const m = texts(scope.locale).messages;
  const { items, total } = await scope.casework.tasksPage(scope.actor, FIRST_PAGE, scope.locale);
  return tasksCard(scope.locale, { title: m.tasksTitle, items, total, emptyText: m.tasksEmpty });
}

export async function overview(scope: MemberScope): Promise<AdaptiveCard> {
  const m = texts(scope.locale).messages;
  const covenantIds = activeCovenants(scope);
  if (covenantIds.length === 0)
    throw new NotAllowed('see the overview', 'no covenant', { code: 'no_covenant' });
  const pages = await Promise.all(
    covenantIds.map((covenantId) =>
      scope.casework.tasksPage(scope.actor, { ...FIRST_PAGE, covenantId }, scope.locale),
    ),
  );
  const names = covenantIds.map((id) => scope.casework.covenant(id).name).join(', ');
  // Each covenant's first page, soonest first together: the card's rows are among them.
  const items = pages
    .flatMap((page) => page.items)
    .sort((a, b) => (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999'));
  return tasksCard(scope.locale, {
    title: m.overviewTitle(names),
    items,
    total: pages.reduce((sum, page) => sum + page.total, 0),
    emptyText: m.overviewEmpty,
    failedDeliveries: await failedDeliveries(scope, covenantIds),
  });
}

/** Messages that finally failed, for the coordinators of their covenant (not those that lapsed). */
async function failedDeliveries(scope: DialogScope, covenantIds: string[]): Promise<FailedDelivery[]> {
  const lines: FailedDelivery[] = [];
  for (const covenantId of covenantIds) {
    if (!scope.actor || !actsAsCoordinator(scope.actor, scope.casework.covenant(covenantId))) continue;
    for (const entry of await scope.outbox.list({ state: 'failed', covenantId })) {
      const failure = readFailure(entry.lastError ?? '');
      // Lapsed, or the recipient had it through another conversation: nothing to follow up.
      if (entry.lastError === 'obsolete' || failure.type === 'reached') continue;
      lines.push({
        kind: entry.kind,
        subject: entry.caseId ?? entry.partnerId,
        forDate: entry.forDate,
        failure,
      });
    }
  }
  return lines;
}

/**
 * `rapportage [period]`: the figures of the coordinator's covenant for this month, a month
 * (2026-03), a quarter (2026-Q1), a year (2026) or two dates (2026-01-01 2026-03-31).
 */
export async function report(scope: MemberScope, argument: string): Promise<AdaptiveCard> {
  const covenant = coordinatedCovenant(scope, 'see the monitoring figures');
  const parsed = parsePeriod(argument, toIsoDate(scope.casework.now()));
  if (!parsed.ok) {
    const t = texts(scope.locale).report;
    return messageCard(scope.locale, {
      title: t.badPeriodTitle,
      text: parsed.tooLong ? t.periodTooLong(parsed.given, MAX_PERIOD_YEARS) : t.badPeriod(parsed.given),
      tone: 'attention',
    });
  }
  const figures = await scope.casework.figures(scope.actor, covenant.id, parsed.period);
  return reportCard(scope.locale, { figures, covenantName: covenant.name });
}

export async function agenda(scope: MemberScope): Promise<AdaptiveCard> {
  const covenant = coordinatedCovenant(scope, 'see the casuistry agenda');
  const result = await scope.casework.casuistryAgenda(scope.actor, covenant.id, scope.locale);
  return agendaCard(scope.locale, { agenda: result, covenantName: covenant.name });
}

function activeCovenants(scope: DialogScope): string[] {
  return (scope.actor?.memberships ?? []).filter((m) => m.status === 'active').map((m) => m.covenantId);
}

function coordinatedCovenant(scope: DialogScope, action: string) {
  for (const membership of scope.actor?.memberships ?? []) {
    const covenant = scope.casework.covenant(membership.covenantId);
    if (membership.status === 'active' && isCoordinator(covenant, membership)) return covenant;
  }
  throw new NotAllowed(action, 'only a covenant coordinator may do this', {
    code: 'coordinator_only',
    role: '',
  });
}
