import type { StepView } from '../../casework/reads/views.js';
import { stepOrder } from '../../casework/reads/step-order.js';
import type { TasksPage, TasksQuery as CaseworkTasksQuery } from '../../casework/reads/tasks-page.js';
import type { TasksQuery } from './requests.js';

// Mijn taken's request as the use case takes it. The store filters, sorts, pages and counts
// (casework.tasksPage, Cases.openStepsPage); sortedSteps and pageOf say the same order and
// paging over step views in memory, as the reference the order tests pin down.

export type { TasksPage };

export function tasksQueryOf(query: TasksQuery): CaseworkTasksQuery {
  return {
    ...(query.covenant !== undefined ? { covenantId: query.covenant } : {}),
    late: query.late === 'true',
    crisis: query.crisis === 'true',
    children: query.children === 'true',
    ...(query.partner !== undefined ? { partnerId: query.partner } : {}),
    ...(query.q ? { search: query.q } : {}),
    sort: query.sort,
    order: query.order,
    page: query.page,
    pageSize: query.pageSize,
  };
}

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
