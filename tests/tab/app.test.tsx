// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme } from '@fluentui/react-components';
import { texts } from '../../cards/texts.js';
import { ApiError } from '../../tab/src/api.js';
import type { Me } from '../../tab/src/answers.js';
import { App } from '../../tab/src/App.js';
import { placeFromTeamsPage } from '../../tab/src/places.js';
import { Boot } from '../../tab/src/shell/Boot.js';
import { HostTimeout } from '../../tab/src/host.js';
import { fakeApi, fakeHost } from './tab-fakes.js';

afterEach(cleanup);

function me(coordinator: boolean): Me {
  return {
    userId: 'alex',
    name: 'Alex Wilber',
    memberships: [
      {
        covenantId: 'lekstroom',
        covenantName: 'Lekstroom',
        partnerId: 'sww',
        partnerName: 'Schuldhulp West',
        status: 'active',
        coordinator,
      },
    ],
  };
}

const emptyTasks = () => ({ total: 0, page: 1, pageSize: 50, items: [] });
const routes = (coordinator: boolean) => ({
  '/me': () => me(coordinator),
  '/tasks': emptyTasks,
  '/covenants': () => [],
});

/** The CSS the FluentProvider wrote for its theme (Fluent inserts the theme's tokens as CSS rules). */
function themeCss(): string {
  return [...document.querySelectorAll('style')]
    .flatMap((s) => [s.textContent ?? '', ...[...(s.sheet?.cssRules ?? [])].map((r) => r.cssText)])
    .join('\n');
}

describe('the App with a host', () => {
  it('follows the host theme live: light, then dark, then high contrast', async () => {
    const { host, changeTheme } = fakeHost();
    render(<App host={host} api={fakeApi(routes(false)).api} />);
    await screen.findByText(texts('nl').tab.shell.signedInAs('Alex Wilber'));
    const background = '--colorNeutralBackground1: ';
    expect(themeCss()).toContain(background + teamsLightTheme.colorNeutralBackground1);
    expect(themeCss()).not.toContain(background + teamsDarkTheme.colorNeutralBackground1);
    act(() => changeTheme('dark'));
    await waitFor(() => expect(themeCss()).toContain(background + teamsDarkTheme.colorNeutralBackground1));
    expect(themeCss()).not.toContain(background + teamsLightTheme.colorNeutralBackground1);
    act(() => changeTheme('contrast'));
    await waitFor(() =>
      expect(themeCss()).toContain(background + teamsHighContrastTheme.colorNeutralBackground1),
    );
  });

  it("opens the case of a deep link's subPageId 'case:LEK-2026-0001'", async () => {
    const { host } = fakeHost({ place: placeFromTeamsPage('tasks', 'case:LEK-2026-0001') });
    const { api, calls } = fakeApi(routes(false));
    render(<App host={host} api={api} />);
    await waitFor(() => expect(document.title).toBe('Casus LEK-2026-0001 · AanZet'));
    expect(screen.queryByRole('heading', { name: texts('nl').tab.tasks.title })).toBeNull();
    expect(calls.map((c) => c.path)).not.toContain('/tasks');
  });

  it('shows no Monitoring tab to a non-coordinator, and opens Mijn taken for a Monitoring deep link', async () => {
    const { host } = fakeHost({ place: placeFromTeamsPage('monitoring', undefined) });
    render(<App host={host} api={fakeApi(routes(false)).api} />);
    await screen.findByRole('tab', { name: 'Mijn taken' });
    expect(screen.queryByRole('tab', { name: 'Monitoring' })).toBeNull();
    await screen.findByRole('heading', { level: 2, name: 'Mijn taken' });
  });

  it('shows a coordinator the Monitoring tab, which opens Monitoring and tells the host', async () => {
    const { host, shown, readyCount } = fakeHost({ locale: 'en' });
    render(<App host={host} api={fakeApi(routes(true)).api} />);
    fireEvent.click(await screen.findByRole('tab', { name: 'Monitoring' }));
    await waitFor(() => expect(document.title).toBe('Monitoring · AanZet'));
    expect(shown).toEqual([{ view: 'monitoring' }]);
    expect(document.documentElement.lang).toBe('en');
    expect(readyCount()).toBe(1);
    await screen.findByRole('heading', { level: 2, name: 'Monitoring' });
  });

  it("tells Teams it is ready also when /me fails, and shows the server's message", async () => {
    const { host, readyCount } = fakeHost({ locale: 'en' });
    const message = texts('en').tabApi.notMember;
    const api = fakeApi({
      '/me': () => {
        throw new ApiError(403, 'no_covenant', message);
      },
    }).api;
    render(<App host={host} api={api} />);
    await screen.findByText(message);
    expect(screen.getByText(texts('en').tab.shell.meFailed)).toBeTruthy();
    // A passive effect tells Teams; React may run it just after the message is painted.
    await waitFor(() => expect(readyCount()).toBe(1));
  });

  it('in local mode asks for a demo member first, then signs in as the one picked', async () => {
    let chosen: string | undefined;
    const { host } = fakeHost({
      mode: 'browser',
      demo: { member: () => chosen, choose: (id) => (chosen = id) },
    });
    const { api, calls } = fakeApi({
      ...routes(false),
      '/demo-members': () => [{ userId: 'alex', name: 'Alex Wilber', memberships: [] }],
    });
    render(<App host={host} api={api} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Verder als Alex Wilber' }));
    expect(chosen).toBe('alex');
    await screen.findByRole('heading', { level: 2, name: 'Mijn taken' });
    expect(calls.map((c) => c.path)).toContain('/me');
    fireEvent.click(screen.getByRole('button', { name: texts('nl').tab.shell.switchUser }));
    expect(chosen).toBeUndefined();
    await screen.findByRole('heading', { level: 2, name: texts('nl').tab.shell.demoTitle });
  });
});

describe('starting up', () => {
  it('shows a clear error when Teams does not answer in time', async () => {
    render(
      <Boot connect={() => Promise.reject(new HostTimeout('app.initialize took more than 10000 ms'))} />,
    );
    // Teams' locale is unknown then: the browser's (jsdom: en-US) is used.
    expect(navigator.language).toBe('en-US');
    await screen.findByText(texts('en').tab.shell.teamsTimeout);
  });
});
