import { render } from '@testing-library/react';
import { FluentProvider, teamsLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { StepView } from '../../casework/reads/views.js';
import type { Locale } from '../../cards/texts.js';
import { ApiError, type Query, type TabApi } from '../../tab/src/api.js';
import { ShellProvider, type Place } from '../../tab/src/context.js';
import type { Host, ThemeName } from '../../tab/src/host.js';

// Test doubles for the tab's component tests: a TabApi answering from functions (the real server
// is tested in tests/tab-api*.test.ts) and a host without Teams.

type Route = (query: Query | undefined) => unknown;

export function fakeApi(routes: Record<string, Route>) {
  const calls: { path: string; query: Query | undefined }[] = [];
  const answer = async (path: string, query?: Query) => {
    calls.push({ path, query });
    const route = routes[path];
    if (!route) throw new ApiError(404, 'not_found', '');
    return route(query);
  };
  const api: TabApi = {
    get: async <T,>(path: string, query?: Query) => (await answer(path, query)) as T,
    post: async <T,>(path: string) => (await answer(path)) as T,
    download: async (path: string, query?: Query) => new Blob([JSON.stringify(await answer(path, query))]),
  };
  return {
    api,
    calls,
    queriesTo: (path: string) => calls.filter((c) => c.path === path).map((c) => c.query),
  };
}

/** An answer that never comes: the loading state stays. */
export const never = () => new Promise<never>(() => {});

export function renderInShell(
  ui: ReactNode,
  options: { api: TabApi; locale: Locale; place?: Place; go?: (place: Place) => void },
) {
  const navigation = { place: options.place ?? { view: 'tasks' as const }, go: options.go ?? (() => {}) };
  return render(
    <FluentProvider theme={teamsLightTheme}>
      <ShellProvider shell={{ api: options.api, locale: options.locale, navigation }}>{ui}</ShellProvider>
    </FluentProvider>,
  );
}

export function step(n: number, fields: Partial<StepView> = {}): StepView {
  const caseId = `LEK-2026-${String(n).padStart(4, '0')}`;
  return {
    caseId,
    covenantId: 'lekstroom',
    covenantName: 'Lekstroom',
    version: 1,
    status: 'open',
    stepId: 'contact',
    stepName: 'Contact leggen',
    responsible: { id: 'sww', name: 'Schuldhulp West' },
    jointPartners: [],
    deadline: '2026-03-23',
    deadlineStanding: { kind: 'in', workingDays: 10 },
    late: false,
    because: null,
    labels: [],
    flags: [],
    finalResult: null,
    ...fields,
  };
}

/** A host as the App sees it, with the theme and the address changed from the test. */
export function fakeHost(fields: Partial<Host> = {}) {
  const themeHandlers = new Set<(theme: ThemeName) => void>();
  const shown: Place[] = [];
  let readyCount = 0;
  const host: Host = {
    mode: 'teams',
    locale: 'nl',
    theme: 'light',
    place: { view: 'tasks' },
    signIn: () => Promise.resolve({ Authorization: 'Bearer test' }),
    signInRefused: () => {},
    onThemeChange: (handler) => {
      themeHandlers.add(handler);
      return () => themeHandlers.delete(handler);
    },
    showPlace: (place) => shown.push(place),
    onPlaceChange: () => () => {},
    ready: () => readyCount++,
    ...fields,
  };
  return {
    host,
    shown,
    readyCount: () => readyCount,
    changeTheme: (theme: ThemeName) => themeHandlers.forEach((h) => h(theme)),
  };
}
