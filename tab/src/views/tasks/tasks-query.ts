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

const REMEMBERED_KEY = 'aanzet.tasksQuery';
const SORT_KEYS: readonly string[] = ['deadline', 'caseId', 'partner', 'step'];

/** The query last used in this browser tab, so coming back from a case keeps filters, sort and page. */
export function rememberedQuery(storage: Storage | undefined = globalThis.sessionStorage): TasksQuery {
  try {
    const stored = JSON.parse(storage?.getItem(REMEMBERED_KEY) ?? 'null') as Partial<
      Record<keyof TasksQuery, unknown>
    > | null;
    if (!stored || typeof stored !== 'object') return FIRST_QUERY;
    // Field by field: something unexpected in the store falls back to the first query's value.
    const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
    const flag = (value: unknown) => value === true;
    return {
      covenant: text(stored.covenant, ''),
      partner: text(stored.partner, ''),
      late: flag(stored.late),
      crisis: flag(stored.crisis),
      children: flag(stored.children),
      q: text(stored.q, ''),
      sort: SORT_KEYS.includes(stored.sort as string) ? (stored.sort as SortKey) : FIRST_QUERY.sort,
      order: stored.order === 'desc' ? 'desc' : 'asc',
      page: Number.isInteger(stored.page) && (stored.page as number) >= 1 ? (stored.page as number) : 1,
    };
  } catch {
    return FIRST_QUERY;
  }
}

export function rememberQuery(
  query: TasksQuery,
  storage: Storage | undefined = globalThis.sessionStorage,
): void {
  try {
    storage?.setItem(REMEMBERED_KEY, JSON.stringify(query));
  } catch {
    // A full or blocked store: the query is simply not remembered.
  }
}
