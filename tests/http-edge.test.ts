import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { rawRequest, startRunningBot, type RunningBot } from './helpers/running-bot.js';
import type { Conversation, TeamsUser } from './helpers/teams-client.js';
import { startTokenKeys, type TokenKeys } from './helpers/token-keys.js';

// The HTTP edge (issue 8, points 6, 7 and 8): what is refused before botbuilder or the bot run,
// with which status, and that a refusal leaves nothing behind: no reply, no stored
// conversation, no file in the temp folder, one warn line and no error.

const TENANT = '6babcaad-604b-40ac-a9d7-9fd97c0b779f';
const SANNE: TeamsUser = { id: '29:sanne', aadObjectId: 'aad-sanne', name: 'Sanne Bakker' };
const CHAT: Conversation = { id: 'a:personal-sanne', conversationType: 'personal', tenantId: TENANT };
const NOW = DateTime.fromISO('2026-03-09T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();

let connector: FakeConnector;
let bots: RunningBot[];

beforeEach(async () => {
  connector = await startFakeConnector();
  bots = [];
});

afterEach(async () => {
  for (const bot of bots) {
    await bot.stop();
    expect(bot.logs.filter((line) => line.level >= 50)).toEqual([]);
  }
  await connector.close();
});

async function startBot(env: Record<string, string> = {}): Promise<RunningBot> {
  const bot = await startRunningBot({ connectorUrl: connector.url, env, clock: () => NOW });
  bots.push(bot);
  await bot.app.store.members.put({
    userId: SANNE.aadObjectId,
    name: SANNE.name,
    memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
  });
  return bot;
}

/** A Teams message activity from Sanne in her personal chat, to change field by field. */
function message(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    type: 'message',
    text: 'help',
    locale: 'nl-NL',
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: SANNE.id, aadObjectId: SANNE.aadObjectId, name: SANNE.name },
    recipient: { id: '28:aanzet-bot', name: 'AanZet' },
    conversation: { id: CHAT.id, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
    ...overrides,
  };
}

const refusals = (bot: RunningBot) => bot.logs.filter((line) => line.msg === 'request refused');

/** Nothing of the refused request reached the bot: no reply, no conversation stored. */
async function expectUntouched(bot: RunningBot): Promise<void> {
  expect(connector.sent).toEqual([]);
  expect(await bot.app.store.conversations.list({})).toEqual([]);
}

describe('only the Teams channel', () => {
  it('refuses Web Chat, Direct Line, the emulator and a missing channel with 403, one warn line each, the bot not run', async () => {
    const bot = await startBot();
    for (const channelId of ['webchat', 'directline', 'emulator', 'MSTEAMS']) {
      const response = await bot.client.post(message({ channelId }));
      expect(response.status).toBe(403);
    }
    await expectUntouched(bot);
    expect(refusals(bot).map((l) => [l.level, l.status, l.channelId])).toEqual([
      [40, 403, 'webchat'],
      [40, 403, 'directline'],
      [40, 403, 'emulator'],
      [40, 403, 'MSTEAMS'],
    ]);
    // A card click from Web Chat is no different.
    const click = await bot.client.post(
      message({ channelId: 'webchat', type: 'invoke', name: 'adaptiveCard/action', text: undefined }),
    );
    expect(click.status).toBe(403);
    await expectUntouched(bot);
  });

  it('answers the same activity from msteams', async () => {
    const bot = await startBot();
    expect((await bot.client.post(message())).status).toBe(200);
    await connector.waitFor((sent) => sent.length === 1);
  });
});

describe('the tenant', () => {
  it('is refused when conversation.tenantId and channelData.tenant.id disagree, and compared case-insensitively', async () => {
    const bot = await startBot({ AANZET_ALLOWED_TENANTS: TENANT.toUpperCase() });
    const other = '0f3e4ac4-0000-4000-8000-000000000001';
    const disagree = await bot.client.post(message({ channelData: { tenant: { id: other } } }));
    expect(disagree.status).toBe(403);
    expect(refusals(bot).at(-1)).toMatchObject({
      reason: 'conversation.tenantId and channelData.tenant.id disagree',
    });
    await expectUntouched(bot);

    const mixedCase = await bot.client.post(
      message({ channelData: { tenant: { id: TENANT.toUpperCase() } } }),
    );
    expect(mixedCase.status).toBe(200);
    await connector.waitFor((sent) => sent.length === 1);
  });

  it('is required: an activity without any tenant id is refused with 403', async () => {
    const bot = await startBot();
    const response = await bot.client.post(
      message({ conversation: { id: CHAT.id, conversationType: 'personal' }, channelData: {} }),
    );
    expect(response.status).toBe(403);
    expect(refusals(bot)).toEqual([expect.objectContaining({ reason: 'no tenant id', level: 40 })]);
    await expectUntouched(bot);
  });

  it('with an app id, both tenant ids are required: one missing is refused with 403 before the token is checked', async () => {
    const bot = await startBot({
      MicrosoftAppId: randomUUID(),
      MicrosoftAppPassword: randomBytes(24).toString('base64url'),
      AANZET_ALLOWED_TENANTS: TENANT,
    });
    const response = await bot.client.post(message({ channelData: {} }));
    expect(response.status).toBe(403);
    expect(refusals(bot)).toEqual([
      expect.objectContaining({
        reason: 'tenant id missing in conversation.tenantId or channelData.tenant.id',
      }),
    ]);
    await expectUntouched(bot);
  });
});

describe('local mode accepts only this machine', () => {
  it('refuses an activity whose serviceUrl is not local with 403', async () => {
    const bot = await startBot();
    for (const serviceUrl of [
      'https://smba.trafficmanager.net/emea/',
      'http://10.0.0.5:3978/',
      'http://127.0.0.1.example.org/',
      'not a url',
    ]) {
      const response = await bot.client.post(message({ serviceUrl }));
      expect(response.status).toBe(403);
    }
    expect(refusals(bot)).toHaveLength(4);
    expect(refusals(bot)[0]).toMatchObject({ reason: 'local mode: serviceUrl is not on this machine' });
    await expectUntouched(bot);
  });

  it('refuses a request with another Host (DNS rebinding) or from a web page of another Origin with 403', async () => {
    const bot = await startBot();
    const url = `${bot.app.server.url}/api/messages`;
    const body = JSON.stringify(message());
    const rebound = await rawRequest(url, {
      headers: { host: 'attacker.example:3978', 'content-type': 'application/json' },
      body,
    });
    expect(rebound.status).toBe(403);
    const fromPage = await rawRequest(url, {
      headers: { origin: 'https://attacker.example', 'content-type': 'application/json' },
      body,
    });
    expect(fromPage.status).toBe(403);
    expect(refusals(bot).map((l) => l.reason)).toEqual([
      'local mode: Host is not this machine',
      'local mode: Origin is not this machine',
    ]);
    await expectUntouched(bot);

    const local = await rawRequest(url, {
      headers: { origin: 'http://localhost:56150', 'content-type': 'application/json' },
      body,
    });
    expect(local.status).toBe(200);
  });

  it('refuses a form POST a web page can send without asking (text/plain, urlencoded, multipart) with 415', async () => {
    const bot = await startBot();
    const body = JSON.stringify(message());
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      undefined,
    ]) {
      const response = await rawRequest(`${bot.app.server.url}/api/messages`, {
        headers: type ? { 'content-type': type } : {},
        body,
      });
      expect(response.status).toBe(415);
    }
    expect(refusals(bot).map((l) => [l.level, l.status])).toEqual([
      [40, 415],
      [40, 415],
      [40, 415],
      [40, 415],
    ]);
    await expectUntouched(bot);
  });
});

describe('no uploads', () => {
  it('refuses a multipart upload with 415 before reading it: nothing lands in the temp folder', async () => {
    const bot = await startBot();
    const before = new Set(readdirSync(tmpdir()));
    const boundary = '----aanzet-test-boundary';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      randomBytes(2_000_000), // over the 1 MB body limit too
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const response = await rawRequest(`${bot.app.server.url}/api/messages`, {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: payload,
    });
    expect(response.status).toBe(415);
    // The old body parser wrote each uploaded file into os.tmpdir() as upload_<random>.
    const added = readdirSync(tmpdir()).filter((name) => !before.has(name) && !name.startsWith('aanzet-'));
    expect(added).toEqual([]);
    expect(refusals(bot)).toEqual([expect.objectContaining({ status: 415 })]);
    await expectUntouched(bot);
  });

  it('a JSON body over 1 MB is refused with 413', async () => {
    const bot = await startBot();
    const response = await bot.client.post(message({ text: 'x'.repeat(1_100_000) }));
    expect(response.status).toBe(413);
    await expectUntouched(bot);
  });
});

describe('tokens, with an app id', () => {
  let keys: TokenKeys;
  beforeEach(async () => {
    keys = await startTokenKeys();
  });
  afterEach(() => keys.close());

  async function startWithAppId(): Promise<{ bot: RunningBot; appId: string }> {
    const appId = randomUUID();
    const bot = await startRunningBot({
      connectorUrl: connector.url,
      clock: () => NOW,
      env: {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: randomBytes(24).toString('base64url'),
        AANZET_ALLOWED_TENANTS: TENANT,
      },
      app: { openIdMetadataUrl: keys.metadataUrl },
    });
    bots.push(bot);
    return { bot, appId };
  }

  it('answers missing, malformed and forged tokens with 401 (never 500), one warn line each and no stack', async () => {
    const printed = vi.spyOn(console, 'error');
    const { bot, appId } = await startWithAppId();
    const headers = [
      undefined,
      'Bearer',
      'Bearer garbage',
      'Bearer a.b.c',
      'Basic dXNlcjpwYXNz',
      `Bearer ${keys.forged(appId, connector.url)}`,
      `Bearer ${keys.trusted(randomUUID(), connector.url)}`, // signed, but for another bot
      `Bearer ${unsigned(keys.trusted(appId, connector.url))}`,
    ];
    for (const authorization of headers) {
      const response = await fetch(`${bot.app.server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify(message()),
      });
      expect({ authorization, status: response.status }).toEqual({ authorization, status: 401 });
    }
    await expectUntouched(bot);
    expect(refusals(bot).map((l) => [l.level, l.status])).toEqual(headers.map(() => [40, 401]));
    expect(bot.logs.filter((l) => l.level >= 50)).toEqual([]);
    // botbuilder still prints a line of its own for a bad signature, but no error with its stack.
    expect(printed.mock.calls.flat().filter((arg) => arg instanceof Error)).toEqual([]);
    printed.mockRestore();
  });

  it('a valid token is let through: the card click is answered', async () => {
    const { bot, appId } = await startWithAppId();
    await bot.app.store.members.put({
      userId: SANNE.aadObjectId,
      name: SANNE.name,
      memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
    });
    const response = await fetch(`${bot.app.server.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${keys.trusted(appId, connector.url)}`,
      },
      body: JSON.stringify(
        message({
          type: 'invoke',
          name: 'adaptiveCard/action',
          text: undefined,
          value: { action: { type: 'Action.Execute', verb: 'tasks.show', data: { verb: 'tasks.show' } } },
        }),
      ),
    });
    expect({ status: response.status, refusals: refusals(bot) }).toEqual({ status: 200, refusals: [] });
    expect(((await response.json()) as { type: string }).type).toBe(
      'application/vnd.microsoft.card.adaptive',
    );
  });
});

describe('a conversation without a type, with an app id', () => {
  let keys: TokenKeys;
  beforeEach(async () => {
    keys = await startTokenKeys();
  });
  afterEach(() => keys.close());

  it('is not taken as a personal chat: no register form, stored as a shared conversation', async () => {
    const appId = randomUUID();
    const bot = await startRunningBot({
      connectorUrl: connector.url,
      clock: () => NOW,
      env: {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: randomBytes(24).toString('base64url'),
        AANZET_ALLOWED_TENANTS: TENANT,
      },
      app: { openIdMetadataUrl: keys.metadataUrl },
    });
    bots.push(bot);
    await bot.app.store.members.put({
      userId: SANNE.aadObjectId,
      name: SANNE.name,
      memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
    });
    const start = (conversation: Record<string, unknown>) =>
      fetch(`${bot.app.server.url}/api/messages`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${keys.trusted(appId, connector.url)}`,
        },
        body: JSON.stringify(
          message({
            type: 'invoke',
            name: 'adaptiveCard/action',
            text: undefined,
            conversation,
            value: {
              action: { type: 'Action.Execute', verb: 'signal.start', data: { verb: 'signal.start' } },
            },
          }),
        ),
      }).then(async (r) => JSON.stringify(((await r.json()) as { value: unknown }).value));

    const untyped = await start({ id: 'a:untyped', tenantId: TENANT });
    expect(untyped).toContain('Dit kan alleen in een persoonlijk gesprek met AanZet');
    expect(untyped).not.toContain('Stap 1 van 3');
    expect((await bot.app.store.conversations.get('a:untyped'))?.kind).toBe('groupChat');

    const personal = await start({ id: CHAT.id, conversationType: 'personal', tenantId: TENANT });
    expect(personal).toContain('Stap 1 van 3');
  });
});

/** The same header and claims with the signature cut off. */
function unsigned(token: string): string {
  return `${token.split('.').slice(0, 2).join('.')}.`;
}
