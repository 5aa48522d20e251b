// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, type TabApi } from '../../tab/src/api.js';
import { browserHost, HostTimeout, inIframe, withTimeout } from '../../tab/src/host.js';
import { hashOf, placeFromHash, placeFromTeamsPage, themeFromTeams } from '../../tab/src/places.js';
import { retryOnceOn401 } from '../../tab/src/signed-api.js';
import { TokenCache, tokenExpiry } from '../../tab/src/token-cache.js';

function jwt(payload: Record<string, unknown>): string {
  const part = (value: unknown) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'RS256' })}.${part(payload)}.signature`;
}

describe('a Teams page as a place in the tab', () => {
  it("opens a case for subPageId 'case:<id>', Monitoring for page 'monitoring', else Mijn taken", () => {
    expect(placeFromTeamsPage('tasks', 'case:LEK-2026-0001')).toEqual({
      view: 'case',
      caseId: 'LEK-2026-0001',
    });
    expect(placeFromTeamsPage(undefined, ' case:LEK-2026-0001 ')).toEqual({
      view: 'case',
      caseId: 'LEK-2026-0001',
    });
    expect(placeFromTeamsPage('monitoring', undefined)).toEqual({ view: 'monitoring' });
    expect(placeFromTeamsPage('tasks', 'monitoring:lekstroom')).toEqual({
      view: 'monitoring',
      covenantId: 'lekstroom',
    });
    expect(placeFromTeamsPage('tasks', '')).toEqual({ view: 'tasks' });
    expect(placeFromTeamsPage('tasks', 'case:')).toEqual({ view: 'tasks' });
    expect(placeFromTeamsPage(undefined, 'something-else')).toEqual({ view: 'tasks' });
  });

  it("reads Teams' theme names", () => {
    expect(themeFromTeams('default')).toBe('light');
    expect(themeFromTeams('dark')).toBe('dark');
    expect(themeFromTeams('contrast')).toBe('contrast');
    expect(themeFromTeams(undefined)).toBe('light');
  });

  it('keeps a place in the browser address and reads it back', () => {
    for (const place of [
      { view: 'tasks' as const },
      { view: 'case' as const, caseId: 'LEK-2026-0001' },
      { view: 'case' as const, caseId: 'a/b c' },
      { view: 'monitoring' as const },
      { view: 'monitoring' as const, covenantId: 'lekstroom' },
    ])
      expect(placeFromHash(hashOf(place))).toEqual(place);
    expect(hashOf({ view: 'case', caseId: 'LEK-2026-0001' })).toBe('#/case/LEK-2026-0001');
    expect(placeFromHash('')).toEqual({ view: 'tasks' });
    expect(placeFromHash('#/nonsense')).toEqual({ view: 'tasks' });
    expect(placeFromHash('#/case/%E0%A4%A')).toEqual({ view: 'case', caseId: '%E0%A4%A' });
  });
});

describe('the sign-in token cache', () => {
  it('reads the expiry of a JWT, and nothing from a token that is not one', () => {
    expect(tokenExpiry(jwt({ exp: 1_800_000_000 }))).toBe(1_800_000_000_000);
    expect(tokenExpiry('not-a-jwt')).toBeUndefined();
    expect(tokenExpiry('a.!!!.c')).toBeUndefined();
  });

  it('asks Teams again only shortly before the token expires, and after the server refused it', async () => {
    let now = 1_000_000_000_000;
    let asked = 0;
    const cache = new TokenCache(
      () => Promise.resolve(jwt({ exp: now / 1000 + 3600, n: ++asked })),
      () => now,
      5 * 60_000,
    );
    const first = await cache.get();
    expect(await cache.get()).toBe(first);
    now += 54 * 60_000; // 6 minutes left: still kept
    expect(await cache.get()).toBe(first);
    now += 2 * 60_000; // 4 minutes left: within the margin, a fresh one
    const second = await cache.get();
    expect(second).not.toBe(first);
    expect(asked).toBe(2);
    cache.forget();
    expect(await cache.get()).not.toBe(second);
    expect(asked).toBe(3);
  });

  it('shares one request to Teams between calls at the same moment, and keeps no token without expiry', async () => {
    let asked = 0;
    const cache = new TokenCache(() => Promise.resolve(`opaque-${++asked}`));
    expect(await Promise.all([cache.get(), cache.get()])).toEqual(['opaque-1', 'opaque-1']);
    expect(await cache.get()).toBe('opaque-2');
  });
});

describe('a 401 from the API', () => {
  const api = (answers: (() => unknown)[]): TabApi & { count: () => number } => {
    let n = 0;
    const next = () => Promise.resolve().then(() => answers[Math.min(n++, answers.length - 1)]!());
    return {
      get: <T>() => next() as Promise<T>,
      post: <T>() => next() as Promise<T>,
      download: () => next() as Promise<Blob>,
      count: () => n,
    };
  };
  const refused = () => {
    throw new ApiError(401, 'http_401', '');
  };

  it('gets one more try with a fresh token', async () => {
    let forgotten = 0;
    const inner = api([refused, () => 'ok']);
    expect(await retryOnceOn401(inner, () => forgotten++).get('/me')).toBe('ok');
    expect(forgotten).toBe(1);
    expect(inner.count()).toBe(2);
  });

  it('is shown when the fresh token is refused too, and other errors are not retried', async () => {
    const twice = api([refused]);
    await expect(retryOnceOn401(twice, () => {}).get('/me')).rejects.toMatchObject({ status: 401 });
    expect(twice.count()).toBe(2);
    const forbidden = api([() => Promise.reject(new ApiError(403, 'no_covenant', 'x'))]);
    await expect(retryOnceOn401(forbidden, () => {}).post('/cases/X/outcome', {})).rejects.toMatchObject({
      status: 403,
    });
    expect(forbidden.count()).toBe(1);
  });
});

describe('the browser host (local demo mode)', () => {
  afterEach(() => {
    sessionStorage.clear();
    window.location.hash = '';
  });

  it('is not in an iframe here, and reads the place from the address', () => {
    expect(inIframe()).toBe(false);
    window.location.hash = '#/case/LEK-2026-0009';
    expect(browserHost().place).toEqual({ view: 'case', caseId: 'LEK-2026-0009' });
  });

  it('signs in as the chosen demo member, remembered for this browser tab', async () => {
    const host = browserHost();
    expect(host.locale).toBe('en'); // jsdom's navigator.language is en-US
    expect(await host.signIn()).toEqual({});
    host.demo?.choose('alex');
    expect(await browserHost().signIn()).toEqual({ 'X-AanZet-Demo-User': 'alex' });
    expect(browserHost().demo?.member()).toBe('alex');
    host.demo?.choose(undefined);
    expect(await host.signIn()).toEqual({});
  });

  it('keeps the shown view in the address', () => {
    browserHost().showPlace({ view: 'monitoring', covenantId: 'lekstroom' });
    expect(window.location.hash).toBe('#/monitoring/lekstroom');
  });
});

describe('waiting for Teams', () => {
  it('gives up with a HostTimeout when Teams does not answer', async () => {
    await expect(withTimeout(new Promise(() => {}), 20, 'app.initialize')).rejects.toBeInstanceOf(
      HostTimeout,
    );
    await expect(withTimeout(Promise.resolve(7), 20, 'app.getContext')).resolves.toBe(7);
  });
});
