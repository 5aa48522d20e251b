import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import { ShortMemo } from '../bot/short-memo.js';
import type { Member, Store } from '../casework/ports.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { signalFor } from './helpers/casework-harness.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import {
  TeamsClient,
  type Conversation,
  type TeamsUser,
  teamsUser as user,
  personalChat,
} from './helpers/teams-client.js';

// The reads a busy chat would repeat on every turn, kept a short while (bot/turn-memos.ts): what
// they spare, that a write in this process is seen at once, and that a write elsewhere (another
// instance, the CLI) is seen within the memo's age. The real app over HTTP on a lowdb store,
// whose raw handle stands for the other instance.

describe('ShortMemo', () => {
  it('forgets a value at its age, the oldest beyond its bound, and on delete and clear', () => {
    let now = 0;
    const memo = new ShortMemo<string, number>(1_000, 2, () => now);
    memo.set('a', 1);
    now = 999;
    expect(memo.get('a')).toBe(1);
    now = 1_000;
    expect(memo.get('a')).toBeUndefined();
    memo.set('a', 1);
    memo.set('b', 2);
    memo.set('c', 3);
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual([undefined, 2, 3]);
    memo.set('b', 4); // set again: now the newest, so c goes first
    memo.set('d', 5);
    expect([memo.get('b'), memo.get('c'), memo.get('d')]).toEqual([4, undefined, 5]);
    memo.delete('b');
    expect(memo.get('b')).toBeUndefined();
    memo.clear();
    expect(memo.size).toBe(0);
  });

  it('keeps a value read before a delete or clear only when none came in between', () => {
    const memo = new ShortMemo<string, number>(1_000, 10, () => 0);
    const before = memo.generation;
    memo.delete('x'); // a write elsewhere while the value was read
    memo.setIfNothingForgottenSince(before, 'a', 1);
    expect(memo.get('a')).toBeUndefined();
    memo.setIfNothingForgottenSince(memo.generation, 'a', 2);
    expect(memo.get('a')).toBe(2);
  });
});

const TENANT = 'tenant-a';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros: sent the signal
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL: holds the first step
const WIM = user('Wim de Wit', 'wim'); // WIL, joins later
const chat = (who: TeamsUser) => personalChat(who, TENANT);
const CHANNEL: Conversation = {
  id: '19:wil@thread.tacv2',
  conversationType: 'channel',
  tenantId: TENANT,
  teamId: 'team-wil',
};
const amsterdam = (when: string) => DateTime.fromISO(when, { zone: 'Europe/Amsterdam' }).toJSDate();
const wilMember = (who: TeamsUser, partnerId = 'wil'): Member => ({
  userId: who.aadObjectId,
  name: who.name,
  memberships: [{ covenantId: 'lekstroom', partnerId, roles: [], status: 'active' }],
});

let connector: FakeConnector;
let app: App;
let elsewhere: Store; // the same store without this process's memos: another instance
let client: TeamsClient;
let now: Date;
let dataDir: string;

beforeEach(async () => {
  connector = await startFakeConnector();
  now = amsterdam('2026-03-09T10:00');
  dataDir = mkdtempSync(join(tmpdir(), 'aanzet-memos-'));
  elsewhere = await openLowdbStore({ dataDir });
  const config = readConfig({ PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off' });
  app = await startApp(config, { clock: () => now, logger: pino({ level: 'silent' }), store: elsewhere });
  client = new TeamsClient(app.server.url, connector.url);
  for (const who of [SANNE, AHMED]) {
    await app.store.members.put(wilMember(who, who === SANNE ? 'mitros' : 'wil'));
    await client.message(who, chat(who), 'help');
  }
});

afterEach(async () => {
  await app.stop();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Counts the calls of one store method while `work` runs. */
async function counting<T extends object>(port: T, method: keyof T, work: () => Promise<void>) {
  const original = port[method] as (...args: unknown[]) => unknown;
  let calls = 0;
  (port as Record<keyof T, unknown>)[method] = (...args: unknown[]) => (calls++, original.apply(port, args));
  try {
    await work();
  } finally {
    (port as Record<keyof T, unknown>)[method] = original;
  }
  return calls;
}

async function statusInChannel(caseId: string): Promise<string[] | undefined> {
  await client.message(AHMED, CHANNEL, `status ${caseId}`);
  const card = connector.sent.at(-1)!.activity.attachments![0]!.content as AdaptiveCard;
  return card.refresh?.userIds?.slice().sort();
}

describe('a chat’s address', () => {
  it('is read once while it stays the same, and written when it changes', async () => {
    const reads = await counting(app.store.conversations, 'get', async () => {
      for (let i = 0; i < 5; i++) await client.message(AHMED, chat(AHMED), 'help');
    });
    // His hello in beforeEach wrote it; the first of these reads it back unchanged and keeps it.
    expect(reads).toBe(1);

    // Teams moves the chat to another service address: the next message writes it.
    const moved = connector.url.replace('127.0.0.1', 'localhost');
    await new TeamsClient(app.server.url, moved).message(AHMED, chat(AHMED), 'help');
    const stored = await app.store.conversations.get(chat(AHMED).id);
    expect((stored!.reference as { serviceUrl: string }).serviceUrl).toBe(moved);
  });

  it('removed by another instance, is read and written again once its five minutes are over', async () => {
    await client.message(AHMED, chat(AHMED), 'help'); // read back unchanged at 10:00: kept
    await elsewhere.conversations.remove({ id: chat(AHMED).id });
    now = amsterdam('2026-03-09T10:04');
    await client.message(AHMED, chat(AHMED), 'help');
    expect(await app.store.conversations.get(chat(AHMED).id)).toBeUndefined(); // not seen yet
    now = amsterdam('2026-03-09T10:05:01');
    await client.message(AHMED, chat(AHMED), 'help');
    expect(await app.store.conversations.get(chat(AHMED).id)).toMatchObject({ userId: AHMED.aadObjectId });
  });

  it('is not kept from a read that a removal in this process overtook', async () => {
    // The removal (a send that found the chat gone) lands while the turn's read is under way.
    const { conversations } = app.store;
    const get = conversations.get.bind(conversations);
    conversations.get = async (id) => {
      const stored = await get(id);
      await conversations.remove({ id });
      return stored;
    };
    try {
      await client.message(AHMED, chat(AHMED), 'help');
    } finally {
      conversations.get = get;
    }
    expect(await app.store.conversations.get(chat(AHMED).id)).toBeUndefined();
    await client.message(AHMED, chat(AHMED), 'help');
    expect(await app.store.conversations.get(chat(AHMED).id)).toMatchObject({ userId: AHMED.aadObjectId });
  });
});

describe('the readers a channel’s status card refreshes for', () => {
  it('are read once for a run of lookups, and again after a member of this instance joins', async () => {
    const caseId = (await app.casework.registerSignal(wilMember(SANNE, 'mitros'), signalFor('lekstroom')))
      .caseId;
    expect(await statusInChannel(caseId)).toEqual(['29:ahmed', '29:sanne']);
    const lists = await counting(app.store.members, 'list', async () => {
      for (let i = 0; i < 5; i++) expect(await statusInChannel(caseId)).toEqual(['29:ahmed', '29:sanne']);
    });
    expect(lists).toBe(0);

    // Wim joins WIL here (an approval in this instance) and says hello: his card refreshes at once.
    await app.store.members.put(wilMember(WIM));
    await client.message(WIM, chat(WIM), 'help');
    expect(await statusInChannel(caseId)).toEqual(['29:ahmed', '29:sanne', '29:wim']);
  });

  it('include a member approved by another instance within a minute', async () => {
    const caseId = (await app.casework.registerSignal(wilMember(SANNE, 'mitros'), signalFor('lekstroom')))
      .caseId;
    await client.message(WIM, chat(WIM), 'help'); // his chat is known, he is not a member yet
    expect(await statusInChannel(caseId)).toEqual(['29:ahmed', '29:sanne']);
    await elsewhere.members.put(wilMember(WIM));
    now = amsterdam('2026-03-09T10:00:59');
    expect(await statusInChannel(caseId)).toEqual(['29:ahmed', '29:sanne']);
    now = amsterdam('2026-03-09T10:01:01');
    expect(await statusInChannel(caseId)).toEqual(['29:ahmed', '29:sanne', '29:wim']);
  });
});
