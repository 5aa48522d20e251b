import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signalFor } from './helpers/casework-harness.js';
import { lekstroomMember, startTabBot, TENANT, type TabBot } from './helpers/tab-api.js';
import { startTokenKeys, type TokenKeys } from './helpers/token-keys.js';

// The personal tab's sign-in (issue 11, point 3): only an Entra token signed with the published
// keys, RS256, for our API, from a served tenant and within its lifetime lets a member in. A
// refused token gets a 401 without detail, one warn line, and reads nothing (no audit line).

const NOW = DateTime.fromISO('2026-03-10T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
const OTHER_TENANT = '0f0e0d0c-0b0a-4909-8807-060504030201';
const MEGAN = lekstroomMember('aad-megan', 'Megan Bowen', 'wil');

let keys: TokenKeys;
let tab: TabBot;

beforeEach(async () => {
  keys = await startTokenKeys();
  tab = await startTabBot(keys, () => NOW);
  await tab.bot.app.store.members.put(MEGAN);
  await tab.bot.app.store.members.put(lekstroomMember('aad-sanne', 'Sanne Bakker', 'mitros'));
  const sanne = (await tab.bot.app.store.members.get('aad-sanne'))!;
  await tab.bot.app.casework.registerSignal(sanne, signalFor('lekstroom'));
});

afterEach(async () => {
  await tab.bot.stop();
  expect(tab.bot.logs.filter((line) => line.level >= 50)).toEqual([]);
  await keys.close();
});

const CASE = '/api/tab/cases/LEK-2026-0001';
const meganReads = async () =>
  (await tab.bot.app.store.audit.list({ userId: MEGAN.userId })).filter((a) => a.action === 'read_personal');

describe('the tab API sign-in', () => {
  it('accepts a v2 token for api://<domain>/<app id> and a v1 token for the bare app id', async () => {
    const v2 = await tab.call(CASE, { oid: MEGAN.userId });
    expect(v2.status).toBe(200);
    expect(v2.text).toContain('de Vries');
    const v1 = await tab.call('/api/tab/me', {
      authorization: `Bearer ${keys.signed(
        tab.claims(MEGAN.userId, { iss: `https://sts.windows.net/${TENANT}/`, aud: tab.appId }),
      )}`,
    });
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ userId: MEGAN.userId, name: 'Megan Bowen', locale: 'nl' });
    expect(await meganReads()).toHaveLength(1);
  });

  it('refuses wrong audience, issuer, tenant, expiry, signature and algorithm with a bare 401 and no trace', async () => {
    const seconds = Math.floor(Date.now() / 1000);
    const claims = (overrides: Record<string, unknown>) => tab.claims(MEGAN.userId, overrides);
    const refused: Record<string, string | undefined> = {
      'no token': undefined,
      'not a bearer token': 'Basic dXNlcjpwYXNz',
      garbage: 'Bearer garbage',
      'another audience': `Bearer ${keys.signed(claims({ aud: 'api://aanzet.example.org/another-app' }))}`,
      'the Bot Framework audience': `Bearer ${keys.signed(claims({ aud: 'https://api.botframework.com' }))}`,
      'another issuer': `Bearer ${keys.signed(claims({ iss: 'https://evil.example/v2.0' }))}`,
      "another tenant's issuer": `Bearer ${keys.signed(
        claims({ iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
      )}`,
      'a tenant not served': `Bearer ${keys.signed(
        claims({ tid: OTHER_TENANT, iss: `https://login.microsoftonline.com/${OTHER_TENANT}/v2.0` }),
      )}`,
      'no tenant': `Bearer ${keys.signed(claims({ tid: undefined }))}`,
      expired: `Bearer ${keys.signed(claims({ iat: seconds - 7200, nbf: seconds - 7200, exp: seconds - 3600 }))}`,
      'no expiry': `Bearer ${keys.signed(claims({ exp: undefined }))}`,
      'not yet valid': `Bearer ${keys.signed(claims({ nbf: seconds + 3600 }))}`,
      'a key nobody published': `Bearer ${keys.signed(claims({}), 'other')}`,
      'alg none': `Bearer ${keys.signed(claims({}), 'none')}`,
      'alg HS256': `Bearer ${keys.signed(claims({}), { hs256: 'a shared secret' })}`,
      'a demo user header': undefined,
    };
    for (const [what, authorization] of Object.entries(refused)) {
      const response = await fetch(`${tab.bot.app.server.url}${CASE}`, {
        headers: {
          ...(authorization ? { authorization } : {}),
          ...(what === 'a demo user header' ? { 'x-aanzet-demo-user': MEGAN.userId } : {}),
        },
      });
      expect({ what, status: response.status, body: await response.text() }).toEqual({
        what,
        status: 401,
        body: '',
      });
    }
    const warnings = tab.bot.logs.filter((l) => l.msg === 'tab API: not signed in');
    expect(warnings.map((l) => l.level)).toEqual(Object.keys(refused).map(() => 40));
    expect(await meganReads()).toEqual([]);
  });

  it("answers 503 when Entra's signing keys cannot be fetched, and reads nothing", async () => {
    await keys.close();
    const response = await tab.call(CASE, { oid: MEGAN.userId, language: 'en' });
    expect(response).toMatchObject({ status: 503, body: { code: 'sign_in_unavailable' } });
    expect((response.body as { message: string }).message).toMatch(/^Signing in is not possible now/);
    expect(await meganReads()).toEqual([]);
    keys = await startTokenKeys();
  });
});
