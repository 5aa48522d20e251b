import { stepOrder } from '../../casework/reads/step-order.js';
import type { TasksPage } from '../../casework/reads/tasks-page.js';
import type { StepView } from '../../casework/reads/views.js';
import type { TasksQuery } from '../../bot/tab-api/requests.js';

// Mijn taken over step views in memory, in the order the stores sort by (casework/reads/
// step-order.ts): the reference the paged store query is held to.

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
