import { localeFrom, type Locale } from '../../cards/texts.js';
import type { SignInHeaders } from './api.js';
import type { Place } from './context.js';
import { TokenCache } from './token-cache.js';
import { placeFromHash, hashOf, placeFromTeamsPage, themeFromTeams, type ThemeName } from './places.js';

// Where the tab runs: inside Teams (an iframe, teams-js talks to the host) or in a plain browser
// (local demo mode). Only this file calls teams-js; the App sees the small Host interface, so tests
// can give it a host without Teams.

export type { ThemeName };

export interface Host {
  mode: 'teams' | 'browser';
  locale: Locale;
  theme: ThemeName;
  /** The view to open first: a Teams deep link's subPageId, or the browser's #/... address. */
  place: Place;
  /** Headers that say who asks, for every API call. */
  signIn: SignInHeaders;
  /** The server refused the sign-in (401): forget the cached token, so the next call fetches a fresh one. */
  signInRefused(): void;
  onThemeChange(handler: (theme: ThemeName) => void): () => void;
  /** The shown view changed: the browser keeps it in its address (#/...), Teams needs nothing. */
  showPlace(place: Place): void;
  onPlaceChange(handler: (place: Place) => void): () => void;
  /** The first view has data: Teams hides its loading indicator. */
  ready(): void;
  /** Local demo mode only: who the tab speaks for (remembered for this browser tab). */
  demo?: { member(): string | undefined; choose(userId: string | undefined): void };
}

/** Teams did not answer in time: the tab shows a clear error instead of spinning for ever. */
export class HostTimeout extends Error {}

const TEAMS_TIMEOUT_MS = 10_000;
const DEMO_MEMBER_KEY = 'aanzet.demoMember';

export function inIframe(win: Window = window): boolean {
  try {
    return win.self !== win.top;
  } catch {
    return true; // a cross-origin parent: only a host like Teams embeds the tab
  }
}

export function connectHost(): Promise<Host> {
  return inIframe() ? connectTeams() : Promise.resolve(browserHost());
}

export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new HostTimeout(`${what} took more than ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

async function connectTeams(timeoutMs = TEAMS_TIMEOUT_MS): Promise<Host> {
  // teams-js is a chunk of its own: the browser's local demo mode never loads it.
  const { app, authentication } = await import('@microsoft/teams-js');
  await withTimeout(app.initialize(), timeoutMs, 'app.initialize');
  const context = await withTimeout(app.getContext(), timeoutMs, 'app.getContext').catch((error: unknown) => {
    // Teams answers but gives no context: hide its loading indicator so the tab's own error shows.
    app.notifyAppLoaded();
    throw error;
  });
  const tokens = new TokenCache(() => authentication.getAuthToken());
  const themeHandlers = new Set<(theme: ThemeName) => void>();
  // teams-js keeps one theme handler: it fans out to the App's listeners.
  app.registerOnThemeChangeHandler((theme) => themeHandlers.forEach((h) => h(themeFromTeams(theme))));
  let readyTold = false;
  return {
    mode: 'teams',
    locale: localeFrom(context.app.locale),
    theme: themeFromTeams(context.app.theme),
    place: placeFromTeamsPage(context.page.id, context.page.subPageId),
    signIn: async () => ({ Authorization: `Bearer ${await tokens.get()}` }),
    signInRefused: () => tokens.forget(),
    onThemeChange: (handler) => {
      themeHandlers.add(handler);
      return () => themeHandlers.delete(handler);
    },
    showPlace: () => {},
    onPlaceChange: () => () => {},
    // The manifest may show Teams' loading indicator (showLoadingIndicator): it stays until notifySuccess.
    ready: () => {
      if (readyTold) return;
      readyTold = true;
      app.notifySuccess().catch(() => {});
    },
  };
}

function browserTheme(win: Window): ThemeName {
  if (win.matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  return win.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function browserHost(win: Window = window): Host {
  const storage = win.sessionStorage;
  return {
    mode: 'browser',
    locale: localeFrom(win.navigator.language),
    theme: browserTheme(win),
    place: placeFromHash(win.location.hash),
    signIn: () => {
      const member = storage.getItem(DEMO_MEMBER_KEY);
      const headers: Record<string, string> = member ? { 'X-AanZet-Demo-User': member } : {};
      return Promise.resolve(headers);
    },
    signInRefused: () => {},
    onThemeChange: (handler) => {
      const queries = ['(prefers-color-scheme: dark)', '(forced-colors: active)']
        .map((q) => win.matchMedia?.(q))
        .filter((q): q is MediaQueryList => q !== undefined);
      const changed = () => handler(browserTheme(win));
      queries.forEach((q) => q.addEventListener('change', changed));
      return () => queries.forEach((q) => q.removeEventListener('change', changed));
    },
    showPlace: (place) => {
      if (win.location.hash !== hashOf(place)) win.location.hash = hashOf(place);
    },
    onPlaceChange: (handler) => {
      const changed = () => handler(placeFromHash(win.location.hash));
      win.addEventListener('hashchange', changed);
      return () => win.removeEventListener('hashchange', changed);
    },
    ready: () => {},
    demo: {
      member: () => storage.getItem(DEMO_MEMBER_KEY) ?? undefined,
      choose: (userId) =>
        userId ? storage.setItem(DEMO_MEMBER_KEY, userId) : storage.removeItem(DEMO_MEMBER_KEY),
    },
  };
}
