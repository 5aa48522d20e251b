import type { Query } from '../../api.js';

// What Mijn taken asks GET /api/tab/tasks for: filters, search, sort and page.

export type SortKey = 'deadline' | 'caseId' | 'partner' | 'step';
export type SortOrder = 'asc' | 'desc';

export interface TasksQuery {
  covenant: string;
  partner: string;
  late: boolean;
  crisis: boolean;
  children: boolean;
  /** A case id, or part of one. */
  q: string;
  sort: SortKey;
  order: SortOrder;
  page: number;
}

export const PAGE_SIZE = 50;

export const FIRST_QUERY: TasksQuery = {
  covenant: '',
  partner: '',
  late: false,
  crisis: false,
  children: false,
  q: '',
  sort: 'deadline',
  order: 'asc',
  page: 1,
};

/** Only what is set: an empty field or an unticked box is left out (the server's default). */
export function apiQuery(query: TasksQuery): Query {
  return {
    covenant: query.covenant || undefined,
    partner: query.covenant && query.partner ? query.partner : undefined,
    late: query.late || undefined,
    crisis: query.crisis || undefined,
    children: query.children || undefined,
    q: query.q.trim() || undefined,
    sort: query.sort,
    order: query.order,
    page: query.page,
    pageSize: PAGE_SIZE,
  };
}

/** A click on a column header: that column ascending, or the other way round when it already sorts. */
export function sortedBy(query: TasksQuery, key: SortKey): TasksQuery {
  const order: SortOrder = query.sort === key && query.order === 'asc' ? 'desc' : 'asc';
  return { ...query, sort: key, order, page: 1 };
}

export function isFiltered(query: TasksQuery): boolean {
  return Boolean(query.covenant || query.late || query.crisis || query.children || query.q.trim());
}
