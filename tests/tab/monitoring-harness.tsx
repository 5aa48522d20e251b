import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { configure, render } from '@testing-library/react';
import { useState } from 'react';
import { vi } from 'vitest';
import type { Locale } from '../../cards/texts.js';
import type { CovenantFigures } from '../../casework/reads/figures.js';
import { ApiError, type Query, type TabApi } from '../../tab/src/api.js';
import { ShellProvider, type Place } from '../../tab/src/context.js';
import { Monitoring } from '../../tab/src/views/Monitoring.js';

// The Monitoring view with a test double of the HTTP client (the real server is tested in
// tests/tab-api*.test.ts): answers per path, each a value, an error, or a promise left pending.

// Drawing the charts in jsdom takes a while on a busy machine (2 cores shared): wait up to 10 s.
configure({ asyncUtilTimeout: 10_000 });

export type Answer = unknown | ApiError | Promise<unknown>;

export const COORDINATOR_ME = {
  userId: 'carla',
  name: 'Carla van Dalen',
  locale: 'nl',
  memberships: [
    {
      covenantId: 'lekstroom',
      covenantName: 'Vroeg Eropaf Lekstroom',
      partnerId: 'wil',
      partnerName: 'WIL',
      status: 'active',
      coordinator: true,
    },
    {
      covenantId: 'utrecht',
      covenantName: 'Vroegsignalering Utrecht',
      partnerId: 'wil',
      partnerName: 'WIL',
      status: 'active',
      coordinator: true,
    },
    {
      covenantId: 'amersfoort',
      covenantName: 'Amersfoort',
      partnerId: 'x',
      partnerName: 'X',
      status: 'active',
      coordinator: false,
    },
  ],
};

export interface FakeApi extends TabApi {
  get: ReturnType<typeof vi.fn<(path: string, query?: Query) => Promise<unknown>>> & TabApi['get'];
  download: ReturnType<typeof vi.fn<(path: string, query?: Query) => Promise<Blob>>> & TabApi['download'];
}

export function fakeApi(answers: {
  me?: Answer;
  figures?: Answer | ((query: Query) => Answer);
  download?: Answer;
}) {
  const answer = (value: Answer) =>
    value instanceof ApiError
      ? Promise.reject(value)
      : value instanceof Promise
        ? value
        : Promise.resolve(value);
  const get = vi.fn((path: string, query?: Query) => {
    if (path === '/me') return answer(answers.me ?? COORDINATOR_ME);
    if (path === '/figures') {
      const figures = answers.figures;
      return answer(typeof figures === 'function' ? (figures as (q: Query) => Answer)(query ?? {}) : figures);
    }
    return Promise.reject(new ApiError(404, 'not_found', `no fake for ${path}`));
  });
  const download = vi.fn((path: string, query?: Query) => {
    void path;
    void query;
    return answer(answers.download ?? new Blob(['a;b'])) as Promise<Blob>;
  });
  const post = vi.fn(() => Promise.reject(new Error('the Monitoring view posts nothing')));
  return { get, download, post } as unknown as FakeApi;
}

export function renderMonitoring(api: TabApi, locale: Locale, place: Place = { view: 'monitoring' }) {
  const go = vi.fn<(place: Place) => void>();
  /** The shell's part: the place is state, and go() moves it (as SignedIn does). */
  function Shell() {
    const [current, setCurrent] = useState(place);
    const navigation = {
      place: current,
      go: (next: Place) => {
        go(next);
        setCurrent(next);
      },
    };
    return (
      <ShellProvider shell={{ api, locale, navigation }}>
        <Monitoring />
      </ShellProvider>
    );
  }
  const view = render(
    <FluentProvider theme={webLightTheme}>
      <Shell />
    </FluentProvider>,
  );
  return { ...view, go };
}

/** A year of a Lekstroom-sized covenant: twelve months, every final result used a little. */
export function yearFigures(base: CovenantFigures): CovenantFigures {
  const perMonth = Array.from({ length: 12 }, (_, i) => ({
    month: `2026-${String(i + 1).padStart(2, '0')}`,
    signals: 18 + i,
    reached: 15 + i,
    arrangement: 8 + (i % 3),
    debtHelp: 1 + (i % 2),
  }));
  const sum = (key: 'signals' | 'reached' | 'arrangement' | 'debtHelp') =>
    perMonth.reduce((total, m) => total + m[key], 0);
  return {
    ...base,
    from: '2026-01-01',
    to: '2026-12-31',
    perMonth,
    signalsReceived: sum('signals'),
    householdsReached: sum('reached'),
    paymentArrangements: sum('arrangement'),
    referredToDebtHelp: sum('debtHelp'),
  };
}
