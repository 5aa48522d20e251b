import type { TasksQuery as CaseworkTasksQuery } from '../../casework/reads/tasks-page.js';
import type { TasksQuery } from './requests.js';

// Mijn taken's request as the use case takes it. The store filters, sorts, pages and counts
// (casework.tasksPage, Cases.openStepsPage).

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
