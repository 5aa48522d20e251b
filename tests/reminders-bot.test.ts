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

// Reminders end to end with a fixed clock: the real app and store, the scheduler ticked by the
// test, and the local fake Bot Connector receiving what goes out.

const TENANT = 'tenant-a';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL
const CARLA = user('Carla van Dalen', 'carla'); // Nieuwegein, holds the covenant's coordinator role
const chat = (who: TeamsUser) => personalChat(who, TENANT);
const WIL_CHANNEL: Conversation = {
  id: '19:wil@thread.tacv2',
  conversationType: 'channel',
  tenantId: TENANT,
  teamId: 'team-wil',
};
const amsterdam = (when: string) => DateTime.fromISO(when, { zone: 'Europe/Amsterdam' }).toJSDate();

let connector: FakeConnector;
let app: App;
let client: TeamsClient;
let now: Date;
let dataDir: string;

const membership = (partnerId: string, roles: string[] = []) => ({
  covenantId: 'lekstroom',
  partnerId,
  roles,
  status: 'active' as const,
});

beforeEach(async () => {
  connector = await startFakeConnector();
  now = amsterdam('2026-03-09T10:00');
  dataDir = mkdtempSync(join(tmpdir(), 'aanzet-reminders-'));
  const config = readConfig({ PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off' });
  app = await startApp(config, { clock: () => now, logger: pino({ level: 'silent' }) });
  client = new TeamsClient(app.server.url, connector.url);
  const members: Member[] = [
    { userId: SANNE.aadObjectId, name: SANNE.name, memberships: [membership('mitros')] },
    { userId: AHMED.aadObjectId, name: AHMED.name, memberships: [membership('wil')] },
    {
      userId: CARLA.aadObjectId,
      name: CARLA.name,
      memberships: [membership('gemeente-nieuwegein', ['coordinator-vroeg-eropaf'])],
    },
  ];
  for (const m of members) await app.store.members.put(m);
  // Each says hello once, so AanZet knows where to reach them.
  for (const who of [SANNE, AHMED, CARLA]) await client.message(who, chat(who), 'help');
  connector.sent.length = 0;
});

afterEach(async () => {
  await app.stop();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Sanne registers a signal on Monday 9 March: WIL's joint visit is due Monday 23 March. */
async function registerCase(houseNumber = 12): Promise<string> {
  const { caseId } = await app.casework.registerSignal(
    (await app.store.members.get(SANNE.aadObjectId))!,
    signalFor('lekstroom', { houseNumber }),
  );
  return caseId;
}

function titles(sent: SentActivity[]): string[] {
  return sent.map((s) => {
    const card = s.activity.attachments?.[0]?.content as { body: { text?: string }[] };
    expect(validateCard(card)).toEqual([]);
    return `${s.conversationId} ${card.body[0]?.text ?? ''}`;
  });
}

async function tickAt(when: string) {
  now = amsterdam(when);
  return app.scheduler.tick();
}

describe('reminders at the right working moment', () => {
  it('nudges WIL one working day before the deadline, at 08:30, and not twice', async () => {
    const caseId = await registerCase();
    expect(await tickAt('2026-03-20T07:00')).toMatchObject({ sent: 0 });
    expect(connector.sent).toHaveLength(0);
    expect(await tickAt('2026-03-20T08:31')).toMatchObject({ sent: 1 });
    expect(titles(connector.sent)).toEqual([
      `${chat(AHMED).id} Herinnering: casus ${caseId} moet binnenkort af`,
    ]);
    expect(await tickAt('2026-03-20T09:15')).toMatchObject({ planned: 0, sent: 0 });
    expect(connector.sent).toHaveLength(1);
  });

  it('sends nothing at night or at the weekend, and the due-day reminder on Monday morning', async () => {
    const caseId = await registerCase();
    await tickAt('2026-03-20T08:31');
    connector.sent.length = 0;
    expect(await tickAt('2026-03-20T22:00')).toMatchObject({ sent: 0 });
    expect(await tickAt('2026-03-21T11:00')).toMatchObject({ sent: 0 });
    expect(await tickAt('2026-03-23T06:00')).toMatchObject({ sent: 0 });
    expect(connector.sent).toHaveLength(0);
    await tickAt('2026-03-23T08:30');
    expect(titles(connector.sent)).toContain(
      `${chat(AHMED).id} Vandaag: de termijn van casus ${caseId} verloopt`,
    );
  });

  it('escalates a late step to the coordinator, and the card lets her take it over', async () => {
    const caseId = await registerCase();
    await tickAt('2026-03-24T09:00');
    const escalations = connector.sent.filter((s) => JSON.stringify(s.activity).includes('Te laat'));
    expect(escalations.map((s) => s.conversationId)).toEqual([chat(CARLA).id]);
    const version = (await app.store.cases.getSummary(caseId))!.version;
    const response = await client.invoke(CARLA, chat(CARLA), 'case.takeOver', { caseId, version });
    expect(JSON.stringify(response.body)).toContain(
      'Stap overgenomen door Gemeente Nieuwegein (Carla van Dalen)',
    );
  });

  it('sends to the partner channel once it is linked with "koppel kanaal", and a digest there', async () => {
    const caseId = await registerCase();
    await client.message(AHMED, WIL_CHANNEL, 'koppel kanaal');
    expect(JSON.stringify(connector.sent.at(-1)!.activity)).toContain('Kanaal gekoppeld');
    connector.sent.length = 0;
    await tickAt('2026-03-20T08:31');
    const sent = titles(connector.sent);
    expect(sent).toContain(`${WIL_CHANNEL.id} Herinnering: casus ${caseId} moet binnenkort af`);
    expect(sent).toContain(`${WIL_CHANNEL.id} Dagoverzicht WIL — Werk en Inkomen Lekstroom`);
    expect(sent.filter((s) => s.startsWith(chat(AHMED).id))).toEqual([]);
    expect(JSON.stringify(connector.sent)).not.toContain('de Vries'); // no personal data in a channel
  });
});

describe('the monthly casuistry agenda', () => {
  it('posts the Sittard-Geleen agenda in the coordinator channel two working days before the meeting', async () => {
    const zoe = user('Zoë Zowonen', 'zoe');
    const ruud = user('Ruud Regisseur', 'ruud');
    const sit = (partnerId: string, roles: string[] = []) => ({
      ...membership(partnerId, roles),
      covenantId: 'sittard-geleen',
    });
    await app.store.members.put({ userId: zoe.aadObjectId, name: zoe.name, memberships: [sit('zowonen')] });
    await app.store.members.put({
      userId: ruud.aadObjectId,
      name: ruud.name,
      memberships: [sit('gemeente-sittard-geleen', ['regisseur'])],
    });
    const channel: Conversation = {
      id: '19:sit@thread.tacv2',
      conversationType: 'channel',
      tenantId: TENANT,
      teamId: 'team-sit',
    };
    await client.message(ruud, channel, 'koppel kanaal');
    now = amsterdam('2026-04-23T10:00');
    const family = await app.casework.registerSignal((await app.store.members.get(zoe.aadObjectId))!, {
      ...signalFor('sittard-geleen', {
        signalDate: '2026-04-23',
        crisis: true,
        children: 2,
        city: 'Sittard',
        postcode: '6131 AA',
      }),
    });
    connector.sent.length = 0;
    await tickAt('2026-04-30T09:00'); // Thursday: not yet
    expect(JSON.stringify(connector.sent)).not.toContain('Agenda casuïstiekoverleg');
    await tickAt('2026-05-01T09:00'); // Friday: the meeting is Wednesday 6 May (5 May is Bevrijdingsdag)
    const agenda = connector.sent.filter(
      (s) => s.conversationId === channel.id && JSON.stringify(s.activity).includes(family.caseId),
    );
    expect(
      agenda.map((s) => JSON.stringify(s.activity)).filter((a) => a.includes('Agenda casuïstiekoverleg')),
    ).toHaveLength(1);
    expect(JSON.stringify(agenda.map((s) => s.activity))).toContain('woensdag 6 mei 2026');
    expect(JSON.stringify(connector.sent)).not.toContain('de Vries');
  });
});

describe('postponing from a reminder card', () => {
  it('asks for a date and a reason, keeps what was typed on an error, and moves the deadline', async () => {
    const caseId = await registerCase();
    const version = (await app.store.cases.getSummary(caseId))!.version;
    const form = await client.invoke(AHMED, chat(AHMED), 'case.postponeForm', { caseId, version });
    const formCard = (form.body as { value: object }).value;
    expect(validateCard(formCard)).toEqual([]);
    expect(JSON.stringify(formCard)).toContain('Termijn uitstellen');

    const bad = await client.invoke(AHMED, chat(AHMED), 'case.postpone', {
      caseId,
      version,
      until: '2026-03-30',
      reason: '',
    });
    const badCard = JSON.stringify((bad.body as { value: object }).value);
    expect(badCard).toContain('vul de reden in');
    expect(badCard).toContain('2026-03-30');

    const good = await client.invoke(AHMED, chat(AHMED), 'case.postpone', {
      caseId,
      version,
      until: '2026-03-30',
      reason: 'huurder is tot eind maart opgenomen',
    });
    expect(validateCard((good.body as { value: object }).value)).toEqual([]);
    expect((await app.store.cases.getSummary(caseId))!.deadline).toBe('2026-03-30');
    const again = await client.invoke(AHMED, chat(AHMED), 'case.postpone', {
      caseId,
      version,
      until: '2026-04-02',
      reason: 'x',
    });
    expect(JSON.stringify(again.body)).toContain('Ahmed El Amrani'); // already done: the stale card names who
  });
});

describe('delivery that meets trouble', () => {
  it('reroutes to the coordinator when a caseworker blocked the bot, and never tries that chat again', async () => {
    const caseId = await registerCase();
    connector.refuse(chat(AHMED).id, 403, 'ConversationBlockedByUser');
    const report = await tickAt('2026-03-20T08:31');
    expect(report).toMatchObject({ gone: 1 });
    await tickAt('2026-03-20T08:32');
    const sent = titles(connector.sent);
    expect(sent).toEqual([`${chat(CARLA).id} Herinnering: casus ${caseId} moet binnenkort af`]); // Ahmed's, rerouted
    expect(await app.store.conversations.get(chat(AHMED).id)).toBeUndefined();
    const failed = await app.store.outbox.list({ state: 'failed' });
    expect(failed.map((e) => e.lastError)).toEqual([
      expect.stringContaining('gone (ConversationBlockedByUser)'),
    ]);
    expect(failed[0]!.caseId).toBe(caseId);
    // The coordinator sees what could not be delivered in her overview.
    connector.sent.length = 0;
    await client.message(CARLA, chat(CARLA), 'overzicht');
    const overview = JSON.stringify(connector.sent.at(-1)!.activity);
    expect(overview).toContain('Niet afgeleverde berichten (1)');
    expect(overview).toContain(
      `Herinnering ${caseId} (2026-03-20): chat niet bereikbaar (ConversationBlockedByUser), doorgestuurd naar 1 ander gesprek`,
    );
    await tickAt('2026-03-23T08:31');
    expect(connector.sent.every((s) => s.conversationId !== chat(AHMED).id)).toBe(true);
  });

  it('delivers after a burst of server errors', async () => {
    await registerCase();
    connector.failNext(2, 503);
    await tickAt('2026-03-20T08:31');
    expect(connector.sent).toHaveLength(1);
    expect(await app.store.outbox.list({ state: 'sent' })).toHaveLength(1);
  });

  it('delivers after a 429 with Retry-After', async () => {
    await registerCase();
    connector.failNext(1, 429, 1);
    await tickAt('2026-03-20T08:31');
    expect(connector.sent).toHaveLength(1);
    // Nothing before the time Retry-After allowed.
    expect(connector.sent[0]!.receivedAt - connector.refusals[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('plans a reminder once however often it is planned', async () => {
    await registerCase();
    now = amsterdam('2026-03-20T08:00');
    const first = await app.scheduler.tick();
    const second = await app.scheduler.tick();
    expect(first.planned).toBe(1);
    expect(second.planned).toBe(0);
    expect(await app.store.outbox.list({})).toHaveLength(1);
  });
});
