// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Badge } from '@fluentui/react-components';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { texts, type Locale } from '../../cards/texts.js';
import { ApiError, type Query } from '../../tab/src/api.js';
import type { CovenantChoice } from '../../tab/src/answers.js';
import { Tasks } from '../../tab/src/views/Tasks.js';
import { FIRST_QUERY, rememberedQuery } from '../../tab/src/views/tasks/tasks-query.js';
import { fakeApi, never, renderInShell, step } from './tab-fakes.js';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

const COVENANTS: CovenantChoice[] = [
  {
    id: 'lekstroom',
    name: 'Lekstroom',
    coordinator: true,
    partners: [
      { id: 'sww', name: 'Schuldhulp West' },
      { id: 'woonlek', name: 'Woonlek' },
    ],
  },
];

/** A server of `count` open steps that pages as the real one does (page from 1). */
function pagedTasks(count: number) {
  const all = Array.from({ length: count }, (_, i) => step(i + 1));
  return (query: Query | undefined) => {
    const page = Number(query?.page ?? 1);
    const pageSize = Number(query?.pageSize ?? 50);
    return { total: count, page, pageSize, items: all.slice((page - 1) * pageSize, page * pageSize) };
  };
}

function otherLanguage(locale: Locale) {
  const other = texts(locale === 'nl' ? 'en' : 'nl');
  return [
    other.tab.tasks.title,
    other.tab.tasks.next,
    other.tab.tasks.previous,
    other.case.deadline,
    other.case.step,
  ];
}

describe.each(['nl', 'en'] as const)('Mijn taken (%s)', (locale) => {
  const t = texts(locale);

  it('shows a spinner while the tasks load', () => {
    const { api } = fakeApi({ '/tasks': never, '/covenants': () => COVENANTS });
    renderInShell(<Tasks />, { api, locale });
    expect(screen.getByText(t.tab.tasks.loading)).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: t.tab.tasks.title })).toBeTruthy();
  });

  it('says there are no open steps, and with filters on that none match them', async () => {
    const { api } = fakeApi({ '/tasks': pagedTasks(0), '/covenants': () => COVENANTS });
    renderInShell(<Tasks />, { api, locale });
    await screen.findByText(t.tab.tasks.empty);
    fireEvent.click(screen.getByRole('checkbox', { name: t.tab.tasks.lateOnly }));
    await screen.findByText(t.tab.tasks.emptyFiltered);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it("shows the server's message on an error, and a retry that loads again", async () => {
    let fail = true;
    const message = t.tabApi.notMember;
    const { api, queriesTo } = fakeApi({
      '/tasks': (query) => {
        if (fail) throw new ApiError(403, 'no_covenant', message);
        return pagedTasks(3)(query);
      },
      '/covenants': () => COVENANTS,
    });
    renderInShell(<Tasks />, { api, locale });
    await screen.findByText(t.tab.tasks.failed);
    expect(screen.getByText(message)).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: t.tab.tasks.retry }));
    await screen.findByText('LEK-2026-0003');
    expect(queriesTo('/tasks')).toHaveLength(2);
  });

  it('does not show a network error in the browser’s words, only its own', async () => {
    const { api } = fakeApi({
      '/tasks': () => {
        throw new TypeError('Failed to fetch');
      },
      '/covenants': () => COVENANTS,
    });
    renderInShell(<Tasks />, { api, locale });
    await screen.findByText(t.tab.tasks.failed);
    expect(document.body.textContent).not.toContain('Failed to fetch');
  });

  it('pages through 120 open steps 50 at a time with "x–y of N"', async () => {
    const { api, queriesTo } = fakeApi({ '/tasks': pagedTasks(120), '/covenants': () => COVENANTS });
    renderInShell(<Tasks />, { api, locale });
    await screen.findByText(`${t.tab.tasks.range(1, 50, 120)} · ${t.tab.tasks.pageOf(1, 3)}`);
    // The header row and 50 steps.
    expect(screen.getAllByRole('row')).toHaveLength(51);
    const previous = screen.getByRole('button', { name: t.tab.tasks.previous });
    expect(previous.hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: t.tab.tasks.next }));
    await screen.findByText(`${t.tab.tasks.range(51, 100, 120)} · ${t.tab.tasks.pageOf(2, 3)}`);
    fireEvent.click(screen.getByRole('button', { name: t.tab.tasks.next }));
    await screen.findByText(`${t.tab.tasks.range(101, 120, 120)} · ${t.tab.tasks.pageOf(3, 3)}`);
    expect(screen.getAllByRole('row')).toHaveLength(21);
    expect(screen.getByRole('button', { name: t.tab.tasks.next }).hasAttribute('disabled')).toBe(true);
    expect(queriesTo('/tasks').map((q) => q?.page)).toEqual([1, 2, 3]);
    const text = document.body.textContent ?? '';
    for (const word of otherLanguage(locale)) expect(text).not.toContain(word);
  });

  it('words the deadline as the cards do, late as danger, and the crisis and children labels', async () => {
    const steps = [
      step(1, {
        deadline: '2026-03-10',
        deadlineStanding: { kind: 'late', workingDays: 3 },
        late: true,
        flags: ['crisis'],
      }),
      step(2, { deadlineStanding: { kind: 'tomorrow' }, flags: ['children'] }),
      step(3, { deadline: null, deadlineStanding: null }),
    ];
    const { api } = fakeApi({
      '/tasks': () => ({ total: 3, page: 1, pageSize: 50, items: steps }),
      '/covenants': () => COVENANTS,
    });
    renderInShell(
      <>
        <Tasks />
        {/* Fluent's own badges of each colour, to compare the classes with. */}
        <Badge appearance="tint" color="danger">
          reference-danger
        </Badge>
        <Badge appearance="tint" color="warning">
          reference-warning
        </Badge>
      </>,
      { api, locale },
    );
    const late = await screen.findByText(t.case.standing.late(3));
    expect(late.className).toBe(screen.getByText('reference-danger').className);
    expect(screen.getByText(t.case.standing.tomorrow).className).toBe(
      screen.getByText('reference-warning').className,
    );
    expect(late.className).not.toBe(screen.getByText('reference-warning').className);
    expect(screen.getByText(t.flags.crisis)).toBeTruthy();
    expect(screen.getByText(t.flags.children)).toBeTruthy();
    expect(screen.getByText(t.tab.tasks.noDeadline)).toBeTruthy();
  });
});

describe('Mijn taken asks the server for what was clicked', () => {
  const t = texts('nl').tab.tasks;

  it('sorts by deadline ascending first; a header click sorts by that column, a second click the other way', async () => {
    const { api, queriesTo } = fakeApi({ '/tasks': pagedTasks(5), '/covenants': () => COVENANTS });
    renderInShell(<Tasks />, { api, locale: 'nl' });
    await screen.findByText('LEK-2026-0001');
    expect(queriesTo('/tasks')[0]).toMatchObject({ sort: 'deadline', order: 'asc', page: 1, pageSize: 50 });
    const caseHeader = screen.getByRole('columnheader', { name: t.caseId });
    fireEvent.click(within(caseHeader).getByRole('button'));
    await waitFor(() => expect(queriesTo('/tasks').at(-1)).toMatchObject({ sort: 'caseId', order: 'asc' }));
    await screen.findByText('LEK-2026-0001');
    fireEvent.click(within(screen.getByRole('columnheader', { name: t.caseId })).getByRole('button'));
    await waitFor(() => expect(queriesTo('/tasks').at(-1)).toMatchObject({ sort: 'caseId', order: 'desc' }));
    await screen.findByText('LEK-2026-0001');
    expect(screen.getByRole('columnheader', { name: t.caseId }).getAttribute('aria-sort')).toBe('descending');
    fireEvent.click(
      within(screen.getByRole('columnheader', { name: texts('nl').case.responsible })).getByRole('button'),
    );
    await waitFor(() => expect(queriesTo('/tasks').at(-1)).toMatchObject({ sort: 'partner', order: 'asc' }));
  });

  it('sends the covenant, partner, ticks and case id search, each from page 1 again', async () => {
    const { api, queriesTo } = fakeApi({ '/tasks': pagedTasks(120), '/covenants': () => COVENANTS });
    renderInShell(<Tasks />, { api, locale: 'nl' });
    await screen.findByText('LEK-2026-0001');
    fireEvent.click(screen.getByRole('button', { name: t.next }));
    await waitFor(() => expect(queriesTo('/tasks').at(-1)?.page).toBe(2));

    const partner = screen.getByRole('combobox', { name: t.partner });
    expect(partner.hasAttribute('disabled')).toBe(true);
    await waitFor(() => expect(screen.getByRole('option', { name: 'Lekstroom' })).toBeTruthy());
    fireEvent.change(screen.getByRole('combobox', { name: t.covenant }), { target: { value: 'lekstroom' } });
    await waitFor(() => expect(queriesTo('/tasks').at(-1)).toMatchObject({ covenant: 'lekstroom', page: 1 }));
    fireEvent.change(screen.getByRole('combobox', { name: t.partner }), { target: { value: 'woonlek' } });
    await waitFor(() => expect(queriesTo('/tasks').at(-1)).toMatchObject({ partner: 'woonlek' }));

    fireEvent.click(screen.getByRole('checkbox', { name: t.lateOnly }));
    fireEvent.click(screen.getByRole('checkbox', { name: t.crisisOnly }));
    fireEvent.click(screen.getByRole('checkbox', { name: t.childrenOnly }));
    fireEvent.change(screen.getByRole('searchbox', { name: t.search }), {
      target: { value: ' LEK-2026-0007 ' },
    });
    fireEvent.click(screen.getByRole('button', { name: t.searchButton }));
    await waitFor(() =>
      expect(queriesTo('/tasks').at(-1)).toEqual({
        covenant: 'lekstroom',
        partner: 'woonlek',
        late: true,
        crisis: true,
        children: true,
        q: 'LEK-2026-0007',
        sort: 'deadline',
        order: 'asc',
        page: 1,
        pageSize: 50,
      }),
    );

    fireEvent.click(screen.getByRole('button', { name: t.clear }));
    await waitFor(() =>
      expect(queriesTo('/tasks').at(-1)).toEqual({ sort: 'deadline', order: 'asc', page: 1, pageSize: 50 }),
    );
    expect((screen.getByRole('searchbox', { name: t.search }) as HTMLInputElement).value).toBe('');
  });

  it('keeps filters, sort and page when coming back from a case, and goes to the last page when the page is gone', async () => {
    const server = fakeApi({ '/tasks': pagedTasks(120), '/covenants': () => COVENANTS });
    const first = renderInShell(<Tasks />, { api: server.api, locale: 'nl' });
    await screen.findByText('LEK-2026-0001');
    fireEvent.click(screen.getByRole('checkbox', { name: t.lateOnly }));
    await screen.findByText('LEK-2026-0001');
    fireEvent.click(screen.getByRole('button', { name: t.next }));
    fireEvent.click(await screen.findByRole('button', { name: t.next }));
    await screen.findByText('LEK-2026-0101');
    first.unmount();

    const back = fakeApi({ '/tasks': pagedTasks(120), '/covenants': () => COVENANTS });
    renderInShell(<Tasks />, { api: back.api, locale: 'nl' });
    await screen.findByText('LEK-2026-0101');
    expect(back.queriesTo('/tasks')[0]).toMatchObject({ late: true, page: 3 });
    expect((screen.getByRole('checkbox', { name: t.lateOnly }) as HTMLInputElement).checked).toBe(true);
    cleanup();

    // Meanwhile only 60 steps are left: page 3 is gone, page 2 is shown.
    const fewer = fakeApi({ '/tasks': pagedTasks(60), '/covenants': () => COVENANTS });
    renderInShell(<Tasks />, { api: fewer.api, locale: 'nl' });
    await screen.findByText('LEK-2026-0051');
    expect(fewer.queriesTo('/tasks').map((q) => q?.page)).toEqual([3, 2]);
  });

  it('falls back to the first query for whatever in the store it does not understand', () => {
    sessionStorage.setItem('aanzet.tasksQuery', '{not json');
    expect(rememberedQuery()).toEqual(FIRST_QUERY);
    sessionStorage.setItem(
      'aanzet.tasksQuery',
      JSON.stringify({ sort: 'evil', page: -3, late: 'yes', q: 7, covenant: 'lekstroom' }),
    );
    expect(rememberedQuery()).toEqual({ ...FIRST_QUERY, covenant: 'lekstroom' });
  });

  it('opens the case when its id is clicked', async () => {
    const go = vi.fn();
    const { api } = fakeApi({ '/tasks': pagedTasks(2), '/covenants': () => COVENANTS });
    renderInShell(<Tasks />, { api, locale: 'nl', go });
    fireEvent.click(await screen.findByRole('button', { name: t.openCase('LEK-2026-0002') }));
    expect(go).toHaveBeenCalledWith({ view: 'case', caseId: 'LEK-2026-0002' });
  });
});
