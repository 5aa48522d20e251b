import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../casework/ports.js';
import { writeFileDurably, type FileWriter } from '../storage/durable-json-file.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { openPostgresFromUrl } from '../storage/open-store.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { emptyPglite, freshServerDatabase } from './helpers/postgres.js';
import { startRunningBot, type RunningBot } from './helpers/running-bot.js';
import type { Conversation, TeamsUser } from './helpers/teams-client.js';
import { migrate } from '../storage/postgres/migrations.js';
import { tempDirs } from './helpers/temp-dirs.js';
import { until } from './helpers/until.js';

// Issue 8, point 13: /readyz says whether the store can serve. It fails while the disk takes no
// writes or PostgreSQL does not answer, and recovers by itself. A lowdb lock left by a process
// on another host (a container restarted under a new hostname) does not keep the bot down once
// its heartbeat is old; a fresh heartbeat is still refused.

const SANNE: TeamsUser = { id: '29:sanne', aadObjectId: 'aad-sanne', name: 'Sanne Bakker' };
const CHAT: Conversation = { id: 'a:personal-sanne', conversationType: 'personal', tenantId: 'tenant-a' };

let connector: FakeConnector;
let bot: RunningBot | undefined;
// Registered before the afterEach below, so it runs after it (hooks run as a stack): the bot stops first.
const tempDir = tempDirs('aanzet-ready-');

beforeEach(async () => {
  connector = await startFakeConnector();
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await connector.close();
});

async function readyz(): Promise<{ status: number; body: { status: string; reason?: string } }> {
  const response = await fetch(`${bot!.app.server.url}/readyz`);
  return { status: response.status, body: (await response.json()) as { status: string; reason?: string } };
}

async function startWith(store: Store, dataDir = tempDir()): Promise<RunningBot> {
  bot = await startRunningBot({ connectorUrl: connector.url, dataDir, app: { store } });
  await store.members.put({
    userId: SANNE.aadObjectId,
    name: SANNE.name,
    memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
  });
  return bot;
}

/** The real file writer, with a switch that makes the disk full (ENOSPC) at the writing layer. */
function diskWithSwitch(): { writeFile: FileWriter; full: boolean } {
  const disk = {
    full: false,
    writeFile: (async (path, text) => {
      if (disk.full)
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${path}'`), {
          code: 'ENOSPC',
        });
      return writeFileDurably(path, text);
    }) as FileWriter,
  };
  return disk;
}

describe('/readyz on lowdb', () => {
  it('fails while the disk is full, also after a write failed, and recovers by itself when there is room again', async () => {
    const dataDir = tempDir();
    const disk = diskWithSwitch();
    const store = await openLowdbStore({ dataDir, writeFile: disk.writeFile });
    await startWith(store, dataDir);
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    expect((await fetch(`${bot!.app.server.url}/healthz`)).status).toBe(200);

    disk.full = true;
    const full = await readyz();
    expect(full.status).toBe(503);
    expect(full.body.reason).toContain('ENOSPC');
    // A user's message now fails to be stored: the store refuses further use...
    await bot!.client.message(SANNE, CHAT, 'help');
    await expect(store.members.get(SANNE.aadObjectId)).rejects.toThrow(/writing failed/);
    expect((await readyz()).status).toBe(503);
    // ...the process itself still answers.
    expect((await fetch(`${bot!.app.server.url}/healthz`)).status).toBe(200);

    disk.full = false;
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
    // Serving again, and what was in memory is on disk.
    expect(await store.members.get(SANNE.aadObjectId)).toMatchObject({ name: SANNE.name });
    expect(readFileSync(join(dataDir, 'aanzet.json'), 'utf8')).toContain(CHAT.id);
    const before = connector.sent.length;
    expect((await bot!.client.message(SANNE, CHAT, 'help')).status).toBe(200);
    await connector.waitFor((sent) => sent.length > before);
    expect(bot!.logs).toContainEqual(
      expect.objectContaining({ msg: 'not ready: the store does not answer' }),
    );
  });
});

describe('a full disk on lowdb, as a user meets it', () => {
  /** The text of the last reply's card. */
  const lastReply = () => JSON.stringify(connector.sent.at(-1)!.activity.attachments?.[0]?.content ?? {});
  const say = async (text: string, locale?: string) => {
    const before = connector.sent.length;
    expect((await bot!.client.message(SANNE, CHAT, text, locale)).status).toBe(200);
    await connector.waitFor((sent) => sent.length > before);
    return lastReply();
  };

  it("asks to try again in a while, in the user's language, and serves again by itself once there is room", async () => {
    const dataDir = tempDir();
    const disk = diskWithSwitch();
    const store = await openLowdbStore({ dataDir, writeFile: disk.writeFile, retryWriteAfterMs: 0 });
    await startWith(store, dataDir);
    await say('help'); // the conversation's address is written

    disk.full = true;
    await store.members
      .put({
        userId: SANNE.aadObjectId,
        name: SANNE.name,
        memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
      })
      .catch(() => undefined); // the write that fails
    expect(await say('help')).toContain('AanZet kan nu niet bij de gegevens');
    expect(lastReply()).toContain('Je bericht is niet verwerkt');
    expect(await say('help', 'en-GB')).toContain('AanZet cannot reach its data right now');
    expect(lastReply()).not.toContain('AanZet kan');

    disk.full = false; // no readiness probe between: the turns themselves try again
    await until(
      async () => !(await say('help')).includes('AanZet kan nu niet bij de gegevens'),
      5_000,
      'a served turn',
    );
    expect(lastReply()).not.toContain('niet verwerkt');
    expect(readFileSync(join(dataDir, 'aanzet.json'), 'utf8')).toContain(SANNE.aadObjectId);
  });
});

describe('/readyz on PostgreSQL', () => {
  it('PGlite: ready while the database answers, not ready once it is gone', async () => {
    const { db, client, cleanup } = await emptyPglite();
    try {
      await migrate(client);
      await startWith(await openPostgresStore(client));
      expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
      await db.close();
      const gone = await readyz();
      expect(gone.status).toBe(503);
      expect(gone.body.reason).toMatch(/PostgreSQL is unreachable/);
    } finally {
      await bot?.stop().catch(() => undefined);
      bot = undefined;
      await cleanup().catch(() => undefined);
    }
  });

  const serverUrl = process.env.DATABASE_URL;
  it.skipIf(!serverUrl)(
    'a real server behind a connection that breaks: not ready while it is unreachable, ready again after',
    { timeout: 60_000 },
    async () => {
      const database = await freshServerDatabase(serverUrl!);
      const proxy = await startProxy(new URL(database.url));
      try {
        const viaProxy = new URL(database.url);
        viaProxy.host = `127.0.0.1:${proxy.port}`;
        const store = await openPostgresFromUrl(viaProxy.toString());
        await startWith(store);
        expect((await readyz()).status).toBe(200);

        proxy.cut();
        const down = await readyz();
        expect(down.status).toBe(503);
        expect(down.body.reason).toMatch(/PostgreSQL is unreachable/);

        proxy.restore();
        let status = 0;
        for (let tries = 0; tries < 50 && status !== 200; tries++) {
          status = (await readyz()).status;
          if (status !== 200) await new Promise((done) => setTimeout(done, 100));
        }
        expect(status).toBe(200);
      } finally {
        await bot?.stop().catch(() => undefined);
        bot = undefined;
        await proxy.close();
        await database.cleanup();
      }
    },
  );
});

/** A TCP proxy to the database that can drop every connection and refuse new ones, then recover. */
async function startProxy(
  target: URL,
): Promise<{ port: number; cut(): void; restore(): void; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let refusing = false;
  const server: Server = createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = new Socket();
    upstream.connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as { port: number }).port,
    cut: () => {
      refusing = true;
      for (const s of sockets) s.destroy();
    },
    restore: () => {
      refusing = false;
    },
    close: () =>
      new Promise<void>((done) => {
        for (const s of sockets) s.destroy();
        server.close(() => done());
      }),
  };
}

describe('the lowdb lock after a crash on another host', () => {
  const lockOf = (dir: string) => join(dir, 'aanzet.json.lock');
  const foreignLock = (heartbeatAgoMs: number) => {
    const since = new Date(Date.now() - 3_600_000).toISOString();
    return {
      pid: 1,
      hostname: 'aanzet-7d9f-old-container',
      since,
      processStartedAt: since,
      heartbeat: new Date(Date.now() - heartbeatAgoMs).toISOString(),
    };
  };

  it('a lock whose heartbeat stopped minutes ago is taken over, with a warn line, and the bot is ready', async () => {
    const dataDir = tempDir();
    writeFileSync(lockOf(dataDir), JSON.stringify(foreignLock(10 * 60_000)));
    bot = await startRunningBot({ connectorUrl: connector.url, dataDir });
    expect(bot.logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        msg: 'storage: took over the lock of an AanZet process that is gone',
        deadHolder: expect.objectContaining({ hostname: 'aanzet-7d9f-old-container', pid: 1 }),
      }),
    );
    expect(JSON.parse(readFileSync(lockOf(dataDir), 'utf8'))).toMatchObject({ pid: process.pid });
    expect(await readyz()).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('a lock from another host with a fresh heartbeat is refused: that process may still be writing', async () => {
    const dataDir = tempDir();
    writeFileSync(lockOf(dataDir), JSON.stringify(foreignLock(2_000)));
    await expect(startRunningBot({ connectorUrl: connector.url, dataDir })).rejects.toThrow(
      /in use by another AanZet process on host aanzet-7d9f-old-container/,
    );
  });

  it('the holder refreshes its heartbeat while it lives, so it is never taken for dead', async () => {
    const dataDir = tempDir();
    const store = await openLowdbStore({ dataDir, lockHeartbeatMs: 50 });
    try {
      const beat = () =>
        Date.parse((JSON.parse(readFileSync(lockOf(dataDir), 'utf8')) as { heartbeat: string }).heartbeat);
      const first = beat();
      await new Promise((done) => setTimeout(done, 300));
      expect(beat()).toBeGreaterThan(first);
      // Seen from a host with the same interval, a lock refreshed this recently is alive.
      expect(Date.now() - beat()).toBeLessThan(6 * 50);
    } finally {
      await store.close();
    }
  });
});
