import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import { forgettingStore, turnMemos } from '../bot/turn-memos.js';
import type { Member, MemberChanges, Store } from '../casework/ports.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { pgClient } from '../storage/postgres/sql-client.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import {
  closeSharedPglite,
  describeOnServer,
  freshPglite,
  migratedServerDatabase,
} from './helpers/postgres.js';
import { TeamsClient, personalChat, teamsUser } from './helpers/teams-client.js';
import { until } from './helpers/until.js';

// Who is asking is read on every turn. Where the store sends word of member changes (PostgreSQL,
// migration 10's trigger), the app keeps the members it read and forgets one as its change
// commits anywhere (bot/turn-memos.ts): an approval or a removal by another instance counts from
// the next turn on, and while the word does not come every turn reads the store again.

const AHMED = teamsUser('Ahmed El Amrani', 'ahmed');
const chat = personalChat(AHMED, 'tenant-a');
const member = (status: 'active' | 'pending'): Member => ({
  userId: AHMED.aadObjectId,
  name: AHMED.name,
  memberships: [{ covenantId: 'lekstroom', partnerId: 'wil', roles: [], status }],
});

/** Every word a store's member changes send, as it comes. */
function heard(changes: MemberChanges): (string | undefined)[] {
  const words: (string | undefined)[] = [];
  changes.subscribe((userId) => words.push(userId));
  return words;
}

describe('the memo of members, on a fake word of changes', () => {
  /** A store whose member reads wait until let go, and whose word of changes the test sends. */
  function slowStore(stored: Member | undefined) {
    let subscriber: ((userId: string | undefined) => void) | undefined;
    const feed = {
      live: true,
      lostBecause: null,
      subscribe: (changed: (userId: string | undefined) => void) => {
        subscriber = changed;
        return () => undefined;
      },
    };
    let reads = 0;
    const waiting: (() => void)[] = [];
    const store = {
      memberChanges: feed,
      members: {
        get: async () => {
          reads++;
          const value = stored && structuredClone(stored);
          await new Promise<void>((resolve) => waiting.push(resolve));
          return value;
        },
        put: async (m: Member) => void (stored = m),
        list: async () => [],
      },
      conversations: {},
    } as unknown as Store;
    return {
      store: forgettingStore(store, turnMemos()),
      feed,
      reads: () => reads,
      letGo: () => waiting.splice(0).forEach((resolve) => resolve()),
      word: (userId: string | undefined) => subscriber!(userId),
    };
  }

  async function read(s: ReturnType<typeof slowStore>) {
    const pending = s.store.members.get(AHMED.aadObjectId);
    await new Promise((resolve) => setImmediate(resolve));
    s.letGo();
    return pending;
  }

  it('keeps a read while word comes, gives a copy, and forgets on word of that member', async () => {
    const s = slowStore(member('active'));
    const first = await read(s);
    first!.memberships[0]!.status = 'pending'; // the caller's own copy
    const kept = (await s.store.members.get(AHMED.aadObjectId))!;
    expect(kept.memberships[0]!.status).toBe('active');
    kept.memberships[0]!.roles.push('changed by the caller');
    expect((await s.store.members.get(AHMED.aadObjectId))!.memberships[0]!.roles).toEqual([]);
    expect(s.reads()).toBe(1);
    s.word('someone-else');
    await s.store.members.get(AHMED.aadObjectId);
    expect(s.reads()).toBe(1);
    s.word(AHMED.aadObjectId);
    await read(s);
    expect(s.reads()).toBe(2);
    s.word(undefined); // word may have been missed: all forgotten
    await read(s);
    expect(s.reads()).toBe(3);
  });

  it('does not keep a read that word of a change overtook, nor one made while word did not come', async () => {
    const s = slowStore(member('pending'));
    const during = s.store.members.get(AHMED.aadObjectId);
    await new Promise((resolve) => setImmediate(resolve));
    s.word(AHMED.aadObjectId); // approved elsewhere while the read was on its way
    s.letGo();
    expect((await during)!.memberships[0]!.status).toBe('pending');
    await read(s);
    expect(s.reads()).toBe(2); // read again, not the one from before the approval

    s.word(undefined);
    s.feed.live = false;
    await read(s);
    await read(s);
    expect(s.reads()).toBe(4); // every turn reads while word does not come
    s.feed.live = true;
    await read(s);
    await s.store.members.get(AHMED.aadObjectId);
    expect(s.reads()).toBe(5);
  });

  it('forgets a member this process writes, before the word of it comes back', async () => {
    const s = slowStore(member('pending'));
    await read(s);
    await s.store.members.put(member('active'));
    expect((await read(s))!.memberships[0]!.status).toBe('active');
  });
});

describe('word of member changes on PGlite', () => {
  afterAll(closeSharedPglite);

  it('comes from every process on the database: a write, a delete, the table emptied', async () => {
    const database = await freshPglite();
    const here = await openPostgresStore(database.client);
    const elsewhere = await openPostgresStore(database.client);
    try {
      const words = heard(here.memberChanges!);
      await until(() => here.memberChanges!.live);
      expect(words).toEqual([undefined]); // listening now: whatever was kept before is not trusted
      await elsewhere.members.put(member('pending'));
      await until(() => words.length === 2);
      await database.db.query('DELETE FROM members');
      await database.db.query('TRUNCATE members');
      await until(() => words.length === 4);
      expect(words).toEqual([undefined, AHMED.aadObjectId, AHMED.aadObjectId, undefined]);
    } finally {
      await here.close();
      await elsewhere.close();
      await database.cleanup();
    }
  });
});

describeOnServer('word of member changes on a PostgreSQL server', (server) => {
  let cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
  });

  /** The app on a database of its own, and a store on the same database for another instance. */
  async function appAndElsewhere(): Promise<{
    app: App;
    here: Store;
    elsewhere: Store;
    connector: FakeConnector;
    database: Awaited<ReturnType<typeof migratedServerDatabase>>;
    logs: { level: number; msg: string; reason?: string }[];
  }> {
    const database = await migratedServerDatabase(server);
    cleanups.push(() => database.cleanup());
    const here = await openPostgresStore(pgClient(database.pool()));
    const elsewhere = await openPostgresStore(database.client);
    cleanups.push(() => elsewhere.close());
    const connector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const config = readConfig(
      { PORT: '0', DATABASE_URL: database.url, AANZET_REMINDERS: 'off' },
      { localModeWithDatabaseForTests: true },
    );
    const logs: { level: number; msg: string; reason?: string }[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
    const app = await startApp(config, { logger, store: here });
    cleanups.push(() => app.stop());
    return { app, here, elsewhere, connector, database, logs };
  }

  /** The card the app answers Ahmed's "my tasks" with (members only), as JSON text. */
  async function askAsAhmed(app: App, connector: FakeConnector): Promise<string> {
    const sent = connector.sent.length;
    await new TeamsClient(app.server.url, connector.url).message(AHMED, chat, 'my tasks');
    await until(() => connector.sent.length > sent);
    return JSON.stringify(connector.sent.at(-1)!.activity.attachments?.[0]?.content as AdaptiveCard);
  }

  /** Terminates the server sessions that listen for member changes (a restart, a network cut). */
  async function cutListeners(database: { url: string }): Promise<number> {
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ done: boolean }>(
        `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
         WHERE datname = current_database() AND query = 'LISTEN aanzet_members'`,
      );
      return rows.length;
    } finally {
      await admin.end();
    }
  }

  it('an approval and a removal by another instance count from the next turn, reading the member once between', async () => {
    const { app, here, elsewhere, connector } = await appAndElsewhere();
    const words = heard(here.memberChanges!);
    await until(() => here.memberChanges!.live);
    await elsewhere.members.put(member('pending'));
    await until(() => words.includes(AHMED.aadObjectId));
    const pending = await askAsAhmed(app, connector);

    let reads = 0;
    const get = here.members.get.bind(here.members);
    here.members.get = (userId) => (reads++, get(userId));
    const help = await askAsAhmed(app, connector);
    expect(help).toBe(pending);
    expect(reads).toBe(0); // kept from the turn before

    words.length = 0;
    await elsewhere.members.put(member('active'));
    await until(() => words.includes(AHMED.aadObjectId));
    const approved = await askAsAhmed(app, connector);
    expect(approved).not.toBe(pending);
    expect(reads).toBe(1);

    words.length = 0;
    await elsewhere.members.put({ ...member('active'), memberships: [] });
    await until(() => words.includes(AHMED.aadObjectId));
    const removed = await askAsAhmed(app, connector);
    expect(removed).not.toBe(approved);
    expect(reads).toBe(2);
  });

  it('while the word is cut every turn reads the member; it comes back by itself', async () => {
    const { app, here, elsewhere, connector, database, logs } = await appAndElsewhere();
    const aboutWord = () => logs.filter((line) => line.msg.startsWith('word of member changes'));
    const words = heard(here.memberChanges!);
    await until(() => here.memberChanges!.live);
    await elsewhere.members.put(member('pending'));
    await until(() => words.includes(AHMED.aadObjectId));
    const pending = await askAsAhmed(app, connector); // kept

    words.length = 0;
    expect(await cutListeners(database)).toBeGreaterThanOrEqual(1);
    await until(() => !here.memberChanges!.live);
    // The operator is told, with the connection's own reason, once however often it tries again.
    expect(aboutWord()).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'word of member changes is lost: each turn reads its member from the store until it is back',
        reason: expect.stringMatching(/terminat/i),
      }),
    ]);
    // Approved while nobody hears of it: the next turn must not use what it kept.
    await elsewhere.members.put(member('active'));
    const approved = await askAsAhmed(app, connector);
    expect(approved).not.toBe(pending);

    await until(() => here.memberChanges!.live, 10_000);
    expect(words).toEqual([undefined, undefined]); // lost, and listening again
    expect(aboutWord().map((line) => [line.level, line.msg])).toEqual([
      [40, 'word of member changes is lost: each turn reads its member from the store until it is back'],
      [30, 'word of member changes comes in again'],
    ]);
    let reads = 0;
    const get = here.members.get.bind(here.members);
    here.members.get = (userId) => (reads++, get(userId));
    await askAsAhmed(app, connector);
    await askAsAhmed(app, connector);
    expect(reads).toBe(1); // kept again
  });
});
