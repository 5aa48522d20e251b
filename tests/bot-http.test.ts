import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import type { Member } from '../casework/ports.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { startFakeConnector, type FakeConnector, type SentActivity } from './helpers/fake-connector.js';
import { signalFor } from './helpers/casework-harness.js';
import { TeamsClient, type Conversation, type TeamsUser } from './helpers/teams-client.js';
import { validateCard } from './helpers/validate-card.js';
import { ARREARS, HOUSEHOLD, shown } from './fixtures/card-inputs.js';
import { dataOf } from './helpers/card-parts.js';

// End to end over HTTP (DESIGN.md, Testing): the real restify server on a free port, the real
// CloudAdapter and store, Teams-shaped activities posted to /api/messages, and a fake Bot
// Connector that records what the bot sends. Every card that comes back, in a message at the
// connector or in an invoke response, must pass the Adaptive Cards SDK.

// ---------------------------------------------------------------------------------------------
// Helpers

const TENANT = 'tenant-a';

function user(name: string, slug: string): TeamsUser {
  return { id: `29:${slug}`, aadObjectId: `aad-${slug}`, name };
}
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL

function chatOf(who: TeamsUser, tenantId = TENANT): Conversation {
  return { id: `a:personal-${who.aadObjectId}`, conversationType: 'personal', tenantId };
}
const CHANNEL: Conversation = {
  id: '19:lekstroom-team@thread.tacv2',
  conversationType: 'channel',
  tenantId: TENANT,
  teamId: '19:team-lekstroom',
};

function amsterdam(when: string): Date {
  return DateTime.fromISO(when, { zone: 'Europe/Amsterdam' }).toJSDate();
}

/** A running bot with what the test needs around it. */
interface Bot {
  app: App;
  client: TeamsClient;
  dataDir: string;
}

let connector: FakeConnector;
let now: Date;
let logs: { level: number; msg: string; [key: string]: unknown }[];
let running: Bot[];
let dirs: string[];
/** Every card the bot answered an invoke with; checked with the connector's after each test. */
let invokeCards: AdaptiveCard[];

beforeEach(async () => {
  connector = await startFakeConnector();
  now = amsterdam('2026-03-09T10:00');
  logs = [];
  running = [];
  dirs = [];
  invokeCards = [];
});

afterEach(async () => {
  await Promise.all(running.map((bot) => bot.app.stop()));
  await connector.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const card of [...invokeCards, ...connector.sent.flatMap(cardsOf)])
    expect(validateCard(card)).toEqual([]);
  expect(logs.filter((line) => line.level >= 50)).toEqual([]);
});

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-http-'));
  dirs.push(dir);
  return dir;
}

/** Starts the real app on a free port; its log lines are kept in `logs`. */
async function startBot(env: Record<string, string> = {}, dataDir = newDataDir()): Promise<Bot> {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        logs.push(JSON.parse(line) as (typeof logs)[number]);
      done();
    },
  });
  const config = readConfig({ PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off', ...env });
  const app = await startApp(config, { clock: () => now, logger: pino({ level: 'info' }, sink) });
  const bot = { app, client: new TeamsClient(app.server.url, connector.url), dataDir };
  running.push(bot);
  return bot;
}

async function stopBot(bot: Bot): Promise<void> {
  await bot.app.stop();
  running = running.filter((b) => b !== bot);
}

async function member(bot: Bot, who: TeamsUser, partnerId: string, roles: string[] = []): Promise<Member> {
  const m: Member = {
    userId: who.aadObjectId,
    name: who.name,
    memberships: [{ covenantId: 'lekstroom', partnerId, roles, status: 'active' }],
  };
  await bot.app.store.members.put(m);
  return m;
}

function cardsOf(sent: SentActivity): AdaptiveCard[] {
  return (sent.activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as AdaptiveCard);
}

const sentTo = (conversation: Conversation) =>
  connector.sent.filter((s) => s.conversationId === conversation.id);

/** Posts a message and returns the card the bot sent back to that conversation. */
async function say(
  bot: Bot,
  who: TeamsUser,
  conversation: Conversation,
  text: string,
): Promise<AdaptiveCard> {
  const before = sentTo(conversation).length;
  const response = await bot.client.message(who, conversation, text);
  expect(response.status).toBe(200);
  await connector.waitFor(() => sentTo(conversation).length > before);
  const replies = sentTo(conversation).slice(before);
  expect(replies).toHaveLength(1);
  return cardsOf(replies[0]!)[0]!;
}

/** Clicks an Action.Execute button; the card in the invoke response replaces the clicked one. */
async function click(
  bot: Bot,
  who: TeamsUser,
  card: AdaptiveCard,
  verb: string,
  inputs: Record<string, unknown> = {},
): Promise<AdaptiveCard> {
  const response = await bot.client.invoke(who, chatOf(who), verb, { ...dataOf(card, verb), ...inputs });
  expect(response.status).toBe(200);
  const body = response.body as { statusCode: number; type: string; value: AdaptiveCard };
  expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
  invokeCards.push(body.value);
  return body.value;
}

const PERSONAL = ['de Vries', 'Dukatenburg', '3437', '12345678'];

// ---------------------------------------------------------------------------------------------
// The tests

describe('a case from signal to closed over HTTP (scenario 1)', () => {
  it('registers via the cards, notifies WIL proactively, logs contact and outcome, and tells Mitros', async () => {
    const bot = await startBot();
    await member(bot, SANNE, 'mitros');
    await member(bot, AHMED, 'wil');
    // Ahmed talked to the bot once, so AanZet knows where to reach him.
    await say(bot, AHMED, chatOf(AHMED), 'help');

    // Monday: Sanne registers the signal.
    const household = await say(bot, SANNE, chatOf(SANNE), 'nieuw signaal');
    expect(shown(household)).toContain('Stap 1 van 3');
    const arrears = await click(bot, SANNE, household, 'signal.household', HOUSEHOLD);
    const confirm = await click(bot, SANNE, arrears, 'signal.arrears', ARREARS);
    const opened = await click(bot, SANNE, confirm, 'signal.confirm', {
      familyWithChildren: 'false',
      welfareConcern: 'false',
    });
    expect(shown(opened)).toContain('Casus LEK-2026-0001 geopend');
    expect(shown(opened)).toContain('Aan zet: WIL — Werk en Inkomen Lekstroom');
    expect(shown(opened)).toContain('Termijn (voorbeeld): maandag 23 maart 2026 (over 10 werkdagen)');

    // WIL hears of it in Ahmed's personal chat, by a proactive message.
    await connector.waitFor(() => sentTo(chatOf(AHMED)).length === 2);
    const notice = cardsOf(sentTo(chatOf(AHMED))[1]!)[0]!;
    expect(shown(notice)).toContain('Casus LEK-2026-0001 geopend');
    expect(JSON.stringify(notice)).not.toContain('de Vries');

    // Thursday: a home visit, nobody home.
    now = amsterdam('2026-03-12T15:10');
    const caseCard = await click(bot, AHMED, notice, 'case.show');
    expect(shown(caseCard)).toContain('Naam: J. de Vries');
    const contactForm = await click(bot, AHMED, caseCard, 'case.contactForm');
    const afterContact = await click(bot, AHMED, contactForm, 'case.contact', {
      kind: 'Huisbezoek',
      reached: 'false',
      date: '2026-03-12',
      daypart: 'Middag',
    });
    expect(shown(afterContact)).toContain('Contactpoging: Huisbezoek, niet bereikt (middag)');

    // The next Tuesday: reached, a payment arrangement; the case closes.
    now = amsterdam('2026-03-17T11:00');
    const outcomeForm = await click(bot, AHMED, afterContact, 'case.outcomeForm');
    const closed = await click(bot, AHMED, outcomeForm, 'case.outcome', { outcomeId: 'regeling' });
    expect(shown(closed)).toContain(
      'Status: Afgesloten: Inwoner heeft zelf al betaald/betalingsregeling getroffen',
    );

    // Sanne's chat gets the update.
    await connector.waitFor(() => sentTo(chatOf(SANNE)).length === 2);
    const update = cardsOf(sentTo(chatOf(SANNE))[1]!)[0]!;
    expect(shown(update)).toContain('Status LEK-2026-0001');
    expect(shown(update)).toContain('Afgesloten: Inwoner heeft zelf al betaald/betalingsregeling getroffen');

    const record = await bot.app.store.cases.get('LEK-2026-0001');
    expect(record?.summary).toMatchObject({ status: 'closed', finalResult: 'zelf-betaald-of-regeling' });
  });
});

describe('channels and probes', () => {
  it('answers @AanZet status in a team channel with a compact card without personal data', async () => {
    const bot = await startBot();
    const sanne = await member(bot, SANNE, 'mitros');
    await bot.app.casework.registerSignal(sanne, signalFor('lekstroom'));

    const card = await say(bot, SANNE, CHANNEL, 'status LEK-2026-0001');
    expect(shown(card)).toContain('Status LEK-2026-0001');
    expect(shown(card)).toContain('Aan zet: WIL — Werk en Inkomen Lekstroom');
    for (const personal of PERSONAL) expect(JSON.stringify(card)).not.toContain(personal);

    const missing = await say(bot, SANNE, CHANNEL, 'status LEK-2026-0999');
    expect(shown(missing)).toContain('Casus niet gevonden');
  });

  it('answers GET / and GET /healthz with 200', async () => {
    const bot = await startBot();
    for (const path of ['/', '/healthz']) {
      const response = await fetch(`${bot.app.server.url}${path}`);
      expect(response.status).toBe(200);
    }
    expect(await (await fetch(`${bot.app.server.url}/healthz`)).json()).toEqual({ status: 'ok' });
  });
});

describe('start-up', () => {
  it('warns in the log about an expired covenant (Sittard-Geleen ran until 2020), and only that one', async () => {
    await startBot();
    const expired = logs.filter((line) => line.msg.startsWith('covenant has expired'));
    expect(expired).toEqual([
      expect.objectContaining({ level: 40, covenant: 'sittard-geleen', until: '2019-12-31' }),
    ]);
  });
});

describe('authentication with an app id', () => {
  it('refuses a request without a token and one with a garbage token with 401, one warn line each, and sends nothing', async () => {
    const bot = await startBot({
      MicrosoftAppId: randomUUID(),
      MicrosoftAppPassword: randomBytes(24).toString('base64url'),
      AANZET_ALLOWED_TENANTS: TENANT,
    });
    await member(bot, SANNE, 'mitros');
    const unsigned = await bot.client.message(SANNE, chatOf(SANNE), 'help');
    expect(unsigned.status).toBe(401);

    const garbage = new TeamsClient(bot.app.server.url, connector.url, 'garbage-token');
    const forged = await garbage.message(SANNE, chatOf(SANNE), 'help');
    expect(forged.status).toBe(401);
    const click = await garbage.invoke(SANNE, chatOf(SANNE), 'tasks.show', {});
    expect(click.status).toBe(401);

    expect(connector.sent).toEqual([]);
    expect(await bot.app.store.conversations.list({})).toEqual([]);
    const refusals = logs.filter((line) => line.msg === 'request refused');
    expect(refusals.map((line) => [line.level, line.status])).toEqual([
      [40, 401],
      [40, 401],
      [40, 401],
    ]);
  });
});

describe('tenant filter', () => {
  it('refuses an activity from another tenant with 403, logs it, and answers the allowed tenant', async () => {
    const bot = await startBot({ AANZET_ALLOWED_TENANTS: 'tenant-a' });
    await member(bot, SANNE, 'mitros');
    const outsider: Conversation = { ...chatOf(SANNE, 'tenant-b'), id: 'a:personal-outsider' };

    const refused = await bot.client.message(SANNE, outsider, 'help');
    expect(refused.status).toBe(403);
    expect(logs).toContainEqual(
      expect.objectContaining({
        tenantId: 'tenant-b',
        reason: 'tenant is not served',
        msg: 'request refused',
      }),
    );

    const card = await say(bot, SANNE, chatOf(SANNE), 'help');
    expect(shown(card)).toContain('Wat kan ik voor je doen?');
    // The turn of tenant-b was over before its response came, so nothing can still arrive.
    expect(sentTo(outsider)).toEqual([]);
    expect(connector.sent).toHaveLength(1);
    expect(await bot.app.store.conversations.get(outsider.id)).toBeUndefined();
  });
});

describe('bad requests', () => {
  async function post(bot: Bot, body: string): Promise<number> {
    const response = await fetch(`${bot.app.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await response.text();
    return response.status;
  }

  it('answers invalid JSON, an empty object and a message without from with a 4xx and keeps serving', async () => {
    const bot = await startBot();
    const sanne = await member(bot, SANNE, 'mitros');
    await bot.app.casework.registerSignal(sanne, signalFor('lekstroom'));
    const before = await bot.app.store.cases.get('LEK-2026-0001');

    const message = {
      type: 'message',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: connector.url,
      recipient: { id: '28:aanzet-bot' },
      conversation: { id: chatOf(SANNE).id, conversationType: 'personal', tenantId: TENANT },
    };
    const bodies = {
      'invalid JSON': '{"type": "message",',
      'an empty object': '{}',
      'a message without from': JSON.stringify(message),
      'a message without a conversation': JSON.stringify({
        ...message,
        conversation: undefined,
        from: { id: 'x' },
      }),
      'an array': '[]',
    };
    for (const [what, body] of Object.entries(bodies)) {
      const status = await post(bot, body);
      expect(status, what).toBeGreaterThanOrEqual(400);
      expect(status, what).toBeLessThan(500);
    }

    expect(logs.filter((line) => line.msg === 'request refused: not a Bot Framework activity')).toHaveLength(
      4,
    );
    expect(connector.sent).toEqual([]);
    expect((await fetch(`${bot.app.server.url}/healthz`)).status).toBe(200);
    const card = await say(bot, SANNE, chatOf(SANNE), 'wie is aan zet LEK-2026-0001');
    expect(shown(card)).toContain('Casus LEK-2026-0001');
    expect(await bot.app.store.cases.get('LEK-2026-0001')).toEqual(before);
  });
});

describe('restarts', () => {
  it('continues the register flow after a restart, with the household values kept', async () => {
    const first = await startBot();
    await member(first, SANNE, 'mitros');
    const household = await say(first, SANNE, chatOf(SANNE), 'nieuw signaal');
    const arrears = await click(first, SANNE, household, 'signal.household', HOUSEHOLD);
    expect(shown(arrears)).toContain('Stap 2 van 3');
    await stopBot(first);

    const second = await startBot({}, first.dataDir);
    const confirm = await click(second, SANNE, arrears, 'signal.arrears', ARREARS);
    expect(shown(confirm)).toContain('Stap 3 van 3');
    expect(shown(confirm)).toContain('Huishouden: J. de Vries, Dukatenburg 12, 3437 AB Nieuwegein');

    const opened = await click(second, SANNE, confirm, 'signal.confirm', {
      familyWithChildren: 'false',
      welfareConcern: 'false',
    });
    expect(shown(opened)).toContain('Casus LEK-2026-0001 geopend');
    expect((await second.app.store.cases.get('LEK-2026-0001'))?.personal).toMatchObject({
      name: 'J. de Vries',
      phone: '06-12345678',
    });
  });
});
