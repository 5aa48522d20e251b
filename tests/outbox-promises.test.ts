import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import type { Member } from '../casework/ports.js';
import { startFakeConnector, type FakeConnector, type SentActivity } from './helpers/fake-connector.js';
import { signalFor } from './helpers/casework-harness.js';
import {
  TeamsClient,
  type Conversation,
  type TeamsUser,
  teamsUser as user,
  personalChat,
} from './helpers/teams-client.js';
import { validateCard } from './helpers/validate-card.js';

// Issue 8, "keep every promise": no reminder dropped or doubled when chats are gone or a channel
// is linked later. The real app and store over HTTP, the scheduler ticked by the test with a
// fixed clock, and the local fake Bot Connector refusing conversations with 403/404.

const TENANT = 'tenant-a';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL
const WIM = user('Wim de Wit', 'wim'); // WIL
const CARLA = user('Carla van Dalen', 'carla'); // Nieuwegein, coordinator
const DIRK = user('Dirk Dekker', 'dirk'); // Nieuwegein, coordinator too
const chat = (who: TeamsUser) => personalChat(who, TENANT);
const WIL_CHANNEL: Conversation = {
  id: '19:wil@thread.tacv2',
  conversationType: 'channel',
  tenantId: TENANT,
  teamId: 'team-wil',
};
const TEAM_CHANNEL: Conversation = {
  id: '19:lekstroom@thread.tacv2',
  conversationType: 'channel',
  tenantId: TENANT,
  teamId: 'team-lekstroom',
};
const amsterdam = (when: string) => DateTime.fromISO(when, { zone: 'Europe/Amsterdam' }).toJSDate();
const membership = (partnerId: string, roles: string[] = []) => ({
  covenantId: 'lekstroom',
  partnerId,
  roles,
  status: 'active' as const,
});
const COORDINATOR = ['coordinator-vroeg-eropaf'];

let connector: FakeConnector;
let app: App;
let client: TeamsClient;
let now: Date;
let dataDir: string;

beforeEach(async () => {
  connector = await startFakeConnector();
  now = amsterdam('2026-03-09T10:00');
  dataDir = mkdtempSync(join(tmpdir(), 'aanzet-promises-'));
  const config = readConfig({ PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off' });
  app = await startApp(config, { clock: () => now, logger: pino({ level: 'silent' }) });
  client = new TeamsClient(app.server.url, connector.url);
});

afterEach(async () => {
  await app.stop();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The members, each saying hello once in personal chat, so AanZet knows where to reach them. */
async function team(members: [TeamsUser, string, string[]?][]): Promise<void> {
  for (const [who, partnerId, roles] of members) {
    const m: Member = {
      userId: who.aadObjectId,
      name: who.name,
      memberships: [membership(partnerId, roles)],
    };
    await app.store.members.put(m);
    await client.message(who, chat(who), 'help');
  }
  connector.sent.length = 0;
}

/** Sanne registers a signal on Monday 9 March: WIL's joint visit is due Monday 23 March. */
async function registerCase(): Promise<string> {
  const sanne = (await app.store.members.get(SANNE.aadObjectId))!;
  return (await app.casework.registerSignal(sanne, signalFor('lekstroom'))).caseId;
}

function title(s: SentActivity): string {
  const card = s.activity.attachments?.[0]?.content as { body: { text?: string }[] };
  expect(validateCard(card)).toEqual([]);
  return card.body[0]?.text ?? '';
}
const to = (conversation: Conversation) =>
  connector.sent.filter((s) => s.conversationId === conversation.id).map(title);

async function tickAt(when: string) {
  now = amsterdam(when);
  return app.scheduler.tick();
}

/** What the coordinator's overview lists as not delivered (asked in a team channel). */
async function undelivered(locale = 'nl-NL'): Promise<string> {
  connector.sent.length = 0;
  await client.message(CARLA, TEAM_CHANNEL, 'overzicht', locale);
  return JSON.stringify(connector.sent.at(-1)!.activity);
}

describe('a partner whose personal chat is gone and that has no linked channel', () => {
  it('has its reminders sent to the coordinator, also those planned after the chat was forgotten', async () => {
    await team([
      [SANNE, 'mitros'],
      [AHMED, 'wil'],
      [CARLA, 'gemeente-nieuwegein', COORDINATOR],
    ]);
    const caseId = await registerCase();
    // Ahmed, WIL's only member here, removes the app: his chat is forgotten at once.
    await client.post({
      type: 'installationUpdate',
      action: 'remove',
      id: 'remove-1',
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: AHMED.id, aadObjectId: AHMED.aadObjectId, name: AHMED.name },
      recipient: { id: '28:aanzet-bot', name: 'AanZet' },
      conversation: { id: chat(AHMED).id, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
    });
    expect(await app.store.conversations.get(chat(AHMED).id)).toBeUndefined();

    await tickAt('2026-03-20T08:31');
    expect(to(chat(CARLA))).toEqual([`Herinnering: casus ${caseId} moet binnenkort af`]);
    await tickAt('2026-03-23T08:31');
    expect(to(chat(CARLA))).toEqual([
      `Herinnering: casus ${caseId} moet binnenkort af`,
      `Vandaag: de termijn van casus ${caseId} verloopt`,
    ]);
    expect(connector.sent.filter((s) => s.conversationId === chat(AHMED).id)).toEqual([]);
  });

  it('after a 403, has the next day’s reminder sent to the coordinator too', async () => {
    await team([
      [SANNE, 'mitros'],
      [AHMED, 'wil'],
      [CARLA, 'gemeente-nieuwegein', COORDINATOR],
    ]);
    const caseId = await registerCase();
    connector.refuse(chat(AHMED).id, 403, 'ConversationBlockedByUser');
    await tickAt('2026-03-20T08:31');
    await tickAt('2026-03-23T08:31');
    expect(to(chat(CARLA))).toEqual([
      `Herinnering: casus ${caseId} moet binnenkort af`,
      `Vandaag: de termijn van casus ${caseId} verloopt`,
    ]);
  });

  it('stays visible in the coordinator’s overview as undeliverable when her chat is gone too', async () => {
    await team([
      [SANNE, 'mitros'],
      [AHMED, 'wil'],
      [CARLA, 'gemeente-nieuwegein', COORDINATOR],
    ]);
    const caseId = await registerCase();
    connector.refuse(chat(AHMED).id, 403, 'ConversationBlockedByUser');
    connector.refuse(chat(CARLA).id, 404, 'ConversationNotFound');
    const report = await tickAt('2026-03-20T08:31');
    expect(report).toMatchObject({ sent: 0, gone: 2 });
    expect(connector.sent).toEqual([]);
    const failed = await app.store.outbox.list({ state: 'failed' });
    expect(failed.map((e) => [e.conversationId, e.lastError])).toEqual([
      [chat(AHMED).id, 'gone (ConversationBlockedByUser), rerouted to 1'],
      [
        chat(CARLA).id,
        'gone (ConversationNotFound), undeliverable: no linked channel and no coordinator chat',
      ],
    ]);
    const overview = await undelivered();
    expect(overview).toContain('Niet afgeleverde berichten (2)');
    expect(overview).toContain(
      `Herinnering ${caseId} (2026-03-20): niet af te leveren: geen chat, geen gekoppeld kanaal en geen coördinator bereikbaar (ConversationNotFound)`,
    );
    expect(overview).toContain(
      `Herinnering ${caseId} (2026-03-20): chat niet bereikbaar (ConversationBlockedByUser), doorgestuurd naar 1 ander gesprek`,
    );
    const english = await undelivered('en-GB');
    expect(english).toContain('Messages not delivered (2)');
    expect(english).toContain(
      `Reminder ${caseId} (2026-03-20): undeliverable: no chat, no linked channel and no coordinator to reach (ConversationNotFound)`,
    );
    expect(english).not.toContain('niet af te leveren');

    // Monday: nobody to plan the due-day reminder for, and still it is not dropped silently.
    await tickAt('2026-03-23T08:31');
    expect(connector.sent.filter((s) => s.conversationId !== TEAM_CHANNEL.id)).toEqual([]);
    const monday = await app.store.outbox.list({ state: 'failed' });
    expect(monday.filter((e) => e.kind === 'due').map((e) => [e.conversationId, e.lastError])).toEqual([
      ['', 'gone (NoConversation), undeliverable: no linked channel and no coordinator chat'],
    ]);
    expect(await undelivered()).toContain(
      `Termijn vandaag ${caseId} (2026-03-23): niet af te leveren: geen chat, geen gekoppeld kanaal en geen coördinator bereikbaar (NoConversation)`,
    );
  });
});

describe('no reminder doubled', () => {
  it('"koppel kanaal" does not send today’s reminders again that the members already had', async () => {
    await team([
      [SANNE, 'mitros'],
      [AHMED, 'wil'],
      [CARLA, 'gemeente-nieuwegein', COORDINATOR],
    ]);
    const caseId = await registerCase();
    await tickAt('2026-03-20T08:31');
    expect(to(chat(AHMED))).toEqual([`Herinnering: casus ${caseId} moet binnenkort af`]);
    await client.message(AHMED, WIL_CHANNEL, 'koppel kanaal');
    connector.sent.length = 0;
    await tickAt('2026-03-20T08:45');
    await tickAt('2026-03-20T10:00');
    expect(to(WIL_CHANNEL).filter((t) => t.includes(caseId))).toEqual([]);
    expect(to(chat(AHMED))).toEqual([]);
    // The next reminder goes to the channel, and only there.
    await tickAt('2026-03-23T08:31');
    expect(to(WIL_CHANNEL)).toContain(`Vandaag: de termijn van casus ${caseId} verloopt`);
    expect(to(chat(AHMED))).toEqual([]);
  });

  it('an escalation rerouted from a gone coordinator chat reaches the other coordinator once', async () => {
    await team([
      [SANNE, 'mitros'],
      [AHMED, 'wil'],
      [CARLA, 'gemeente-nieuwegein', COORDINATOR],
      [DIRK, 'gemeente-nieuwegein', COORDINATOR],
    ]);
    const caseId = await registerCase();
    connector.refuse(chat(DIRK).id, 403, 'ConversationBlockedByUser');
    await tickAt('2026-03-24T09:00');
    await tickAt('2026-03-24T09:01');
    const escalation = `Te laat: casus ${caseId}`;
    expect(to(chat(CARLA)).filter((t) => t.startsWith(escalation))).toHaveLength(1);
  });

  it('a reminder that reached a colleague’s chat is not rerouted for the one that is gone', async () => {
    await team([
      [SANNE, 'mitros'],
      [AHMED, 'wil'],
      [WIM, 'wil'],
      [CARLA, 'gemeente-nieuwegein', COORDINATOR],
    ]);
    const caseId = await registerCase();
    connector.refuse(chat(AHMED).id, 403, 'ConversationBlockedByUser');
    expect(await tickAt('2026-03-20T08:31')).toMatchObject({ sent: 1, gone: 1 });
    await tickAt('2026-03-20T08:32');
    expect(to(chat(WIM))).toEqual([`Herinnering: casus ${caseId} moet binnenkort af`]);
    expect(to(chat(CARLA))).toEqual([]);
    expect(await undelivered()).not.toContain('Niet afgeleverde berichten');
    // Monday WIL is reached through Wim alone.
    await tickAt('2026-03-23T08:31');
    expect(to(chat(WIM))).toEqual([`Vandaag: de termijn van casus ${caseId} verloopt`]);
    expect(to(chat(CARLA))).toEqual([]);
  });

  it('a chat forgotten after a 403 is known again from its next message, and its reminders reach it again', async () => {
    await team([
      [SANNE, 'mitros'],
      [AHMED, 'wil'],
      [CARLA, 'gemeente-nieuwegein', COORDINATOR],
    ]);
    const caseId = await registerCase();
    // What this process remembers of Ahmed's chat, from his message a minute before (bot/turn-memos.ts).
    now = amsterdam('2026-03-20T08:30');
    await client.message(AHMED, chat(AHMED), 'help');
    connector.refuse(chat(AHMED).id, 403, 'ConversationBlockedByUser');
    await tickAt('2026-03-20T08:31');
    expect(await app.store.conversations.get(chat(AHMED).id)).toBeUndefined();
    // He unblocks AanZet and asks something, well within the memo's five minutes.
    connector.accept(chat(AHMED).id);
    now = amsterdam('2026-03-20T08:33');
    await client.message(AHMED, chat(AHMED), 'help');
    expect(await app.store.conversations.get(chat(AHMED).id)).toMatchObject({ userId: AHMED.aadObjectId });
    connector.sent.length = 0;
    await tickAt('2026-03-23T08:31');
    expect(to(chat(AHMED))).toEqual([`Vandaag: de termijn van casus ${caseId} verloopt`]);
  });

  it('a reminder rerouted from two gone chats reaches the coordinator once', async () => {
    await team([
      [SANNE, 'mitros'],
      [AHMED, 'wil'],
      [WIM, 'wil'],
      [CARLA, 'gemeente-nieuwegein', COORDINATOR],
    ]);
    const caseId = await registerCase();
    connector.refuse(chat(AHMED).id, 403, 'ConversationBlockedByUser');
    connector.refuse(chat(WIM).id, 404, 'ConversationNotFound');
    await tickAt('2026-03-20T08:31');
    await tickAt('2026-03-20T08:32');
    expect(to(chat(CARLA))).toEqual([`Herinnering: casus ${caseId} moet binnenkort af`]);
  });
});
