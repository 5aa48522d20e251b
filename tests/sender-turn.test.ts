import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import { Deliverer, type DeliveryJob } from '../bot/delivery/deliverer.js';
import { SenderTurns } from '../bot/reminders/sender-turn.js';
import { openPostgresStore } from '../storage/postgres/postgres-store.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { closeSharedPglite, freshPglite } from './helpers/postgres.js';
import { NUDGE_MOMENT, seedDueNudges } from './helpers/reminder-seed.js';
import {
  postMessage,
  startThrottlingConnector,
  type ThrottlingConnector,
} from './helpers/throttling-connector.js';

// The sender's turn (bot/reminders/sender-turn.ts): one instance at a time sends, the next one
// continues the pace the last one left, and an instance that found the turn taken delivers
// once it is free. The three-process figure is in pace-across-instances.test.ts.

const silent = pino({ level: 'silent' });
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(closeSharedPglite);

describe("the sender's turn", () => {
  it('hands the pace over: the next instance waits out the windows of the sends before it', async () => {
    const connector: ThrottlingConnector = await startThrottlingConnector();
    cleanups.push(() => connector.close());
    const { client, cleanup } = await freshPglite();
    cleanups.push(cleanup);
    // Two instances: a store (on one database), a deliverer and turns each.
    const instances = await Promise.all(
      [1, 2].map(async () => {
        const store = await openPostgresStore(client);
        cleanups.push(() => store.close());
        const deliverer = new Deliverer();
        return { deliverer, turns: new SenderTurns(store.outbox, deliverer, silent) };
      }),
    );
    const [one, two] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const jobs = (from: number, count: number): DeliveryJob[] =>
      Array.from({ length: count }, (_, i) => ({
        key: `m${from + i}`,
        conversationId: 'a:chat-1',
        tenantId: 't1',
        send: () => postMessage(connector.url, 'a:chat-1', 't1', `m${from + i}`),
      }));

    // One sends the 7 a conversation may have in a second, and ends its turn.
    const first = (await one.turns.take())!;
    expect(await two.turns.take()).toBeUndefined();
    await one.deliverer.deliver(jobs(0, 7));
    await first.end();
    // Two continues at once: its 8th message must wait until the first one's second is over.
    const second = (await two.turns.take())!;
    expect(second).toBeDefined();
    const results = await two.deliverer.deliver(jobs(7, 1));
    await second.end();

    expect(results.map((r) => r.outcome)).toEqual(['sent']);
    expect(connector.throttled).toBe(0);
    const times = connector.accepted.map((a) => a.at);
    expect(times[7]! - times[0]!).toBeGreaterThanOrEqual(1_000);
  });

  it('is lost when its renewals stop long enough for another instance to take it', async () => {
    const { client, cleanup } = await freshPglite();
    cleanups.push(cleanup);
    const [mine, theirs] = [await openPostgresStore(client), await openPostgresStore(client)];
    cleanups.push(
      () => mine.close(),
      () => theirs.close(),
    );
    const turns = new SenderTurns(mine.outbox, new Deliverer(), silent, 90);
    const turn = (await turns.take())!;
    await new Promise((resolve) => setTimeout(resolve, 100)); // renewed every 30 ms meanwhile
    expect(turn.held).toBe(true);
    expect(await theirs.outbox.leaseSender('theirs', 60_000)).toBeUndefined();

    // A frozen process: no timer runs for longer than the turn lasts.
    const frozenUntil = Date.now() + 150;
    while (Date.now() < frozenUntil);
    expect(await theirs.outbox.leaseSender('theirs', 60_000)).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 100)); // its next renewal finds the turn taken
    expect(turn.held).toBe(false);
    await turn.end(); // and does not end the other's turn
    expect(await mine.outbox.leaseSender('a third', 60_000)).toBeUndefined();
  });

  it('an instance that found the turn taken delivers what is due once it is free', async () => {
    const connector: FakeConnector = await startFakeConnector();
    cleanups.push(() => connector.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'aanzet-turn-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const config = readConfig({ PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off' });
    const app: App = await startApp(config, { clock: () => new Date(NUDGE_MOMENT), logger: silent });
    cleanups.push(() => app.stop());
    await seedDueNudges(app.store, connector.url, { cases: 1, chats: 2 });

    // Another sender has the turn (in one process only a test can be that other sender).
    await app.store.outbox.leaseSender('another instance', 60_000);
    expect(await app.scheduler.tick()).toMatchObject({ planned: 2, sent: 0 });
    expect(connector.sent).toHaveLength(0);
    await app.store.outbox.releaseSender('another instance', {
      by: 'another instance',
      conversations: {},
      tenants: {},
    });
    await connector.waitFor((sent) => sent.length === 2, 5_000);
    // Recorded right after the connector's answer.
    for (let waited = 0; waited < 2_000; waited += 20) {
      if ((await app.store.outbox.list({ state: 'sent' })).length === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect((await app.store.outbox.list({})).map((e) => e.state)).toEqual(['sent', 'sent']);
  });
});
