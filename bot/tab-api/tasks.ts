import type { StepView } from '../../casework/reads/views.js';
import type { TasksQuery } from './requests.js';

// Mijn taken's filters, sorting and paging over the steps the use case returned. In memory after
// the full query for now: issue 13 moves paging into the store, replacing pageOf().

export interface TasksPage {
  total: number;
  page: number;
  pageSize: number;
  items: StepView[];
}

export function filteredSteps(steps: StepView[], query: TasksQuery): StepView[] {
  const search = query.q?.toLowerCase();
  return steps.filter(
    (step) =>
      (query.late !== 'true' || step.late) &&
      (query.partner === undefined || step.responsible?.id === query.partner) &&
      (query.crisis !== 'true' || (step.flags ?? []).includes('crisis')) &&
      (query.children !== 'true' || (step.flags ?? []).includes('children')) &&
      (!search || step.caseId.toLowerCase().includes(search)),
  );
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
  const key = SORT_KEYS[sort];
  const direction = order === 'desc' ? -1 : 1;
  return [...steps].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      const compared = x.localeCompare(y, 'nl', { numeric: true });
      if (compared !== 0) return compared * direction;
    }
    return a.caseId.localeCompare(b.caseId, 'nl', { numeric: true }) * (sort === 'caseId' ? direction : 1);
  });
}

export function pageOf(steps: StepView[], page: number, pageSize: number): TasksPage {
  const start = (page - 1) * pageSize;
  return { total: steps.length, page, pageSize, items: steps.slice(start, start + pageSize) };
}
