import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../cards/card-types.js';
import { signalFor } from './helpers/casework-harness.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import {
  startOwnPostgresServer,
  whyNoOwnServer,
  type OwnPostgresServer,
} from './helpers/own-postgres-server.js';
import { NUDGE_MOMENT, seedDueNudges } from './helpers/reminder-seed.js';
import { startRunningBot, type RunningBot } from './helpers/running-bot.js';
import { callApi } from './helpers/tab-api.js';
import { type TeamsUser, teamsUser as user, personalChat } from './helpers/teams-client.js';
import { shown } from './fixtures/card-inputs.js';
import { until } from './helpers/until.js';

// Issue 13, point 5: the PostgreSQL server stops and starts again under a running bot (the real
// server over HTTP, on a PostgreSQL server of this test's own). /readyz says 503 while the
// database is away and 200 again by itself; the process does not crash; every write the bot
// acknowledged is in the database afterwards; a write tried during the outage is answered in
// the user's language and keeps what the user filled in; reminders that fell due during the
// outage go out after it, each once — also the ones sent just as the database went away.

const why = whyNoOwnServer();
if (why) console.warn(`database-restart test skipped: ${why}`);

const TENANT = 'tenant-a';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros: registers the cases
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL: records their outcomes
const EMMA = user('Emma Clark', 'emma'); // WIL, in English
const chat = (who: TeamsUser) => personalChat(who, TENANT);
const CASES = 14;

let server: OwnPostgresServer;
let connector: FakeConnector;
let gate: Gate;
let bot: RunningBot;
let now = new Date('2026-03-19T09:00:00Z'); // Thursday 10:00 in Amsterdam: nothing due yet

beforeAll(async () => {
  if (why) return;
  server = startOwnPostgresServer();
  connector = await startFakeConnector();
  gate = await startGate(connector.url);
  bot = await startRunningBot({
    connectorUrl: gate.url,
    env: { DATABASE_URL: server.url, AANZET_REMINDERS: 'on' },
    configOptions: { localModeWithDatabaseForTests: true },
    clock: () => now,
    app: { reminderIntervalMs: 250 },
  });
}, 30_000);

afterAll(async () => {
  if (why) return;
  await bot?.stop();
  await gate?.close();
  await connector?.close();
  await server?.remove();
});

describe('the PostgreSQL server restarts under a running bot', () => {
  it.skipIf(why !== undefined)(
    `readiness follows it, nothing acknowledged is lost, and reminders resume, each once${why ? ` (skipped: ${why})` : ''}`,
    { timeout: 60_000 },
    async () => {
      const { app, client } = bot;
      for (const [who, partnerId] of [
        [SANNE, 'mitros'],
        [AHMED, 'wil'],
        [EMMA, 'wil'],
      ] as const)
        await app.store.members.put({
          userId: who.aadObjectId,
          name: who.name,
          memberships: [{ covenantId: 'lekstroom', partnerId, roles: [], status: 'active' }],
        });
      await client.message(SANNE, chat(SANNE), 'help');
      await client.message(AHMED, chat(AHMED), 'help');
      await client.message(EMMA, chat(EMMA), 'help', 'en-GB');
      await seedDueNudges(app.store, gate.url, { cases: 3, chats: 2 });
      const sanne = (await app.store.members.get(SANNE.aadObjectId))!;
      const cases: { caseId: string; version: number }[] = [];
      for (let i = 0; i < CASES; i++) {
        const { caseId } = await app.casework.registerSignal(
          sanne,
          signalFor('lekstroom', { houseNumber: 200 + i }),
        );
        cases.push({ caseId, version: (await app.store.cases.getSummary(caseId))!.version });
      }
      // A click on a case's "Afgesloten: regeling" with what Ahmed chose in the card.
      const acknowledged = new Set<string>();
      const keptForLater: typeof cases = [];
      const click = async (c: (typeof cases)[number], who = AHMED, locale = 'nl-NL') => {
        const response = await client.invoke(
          who,
          chat(who),
          'case.outcome',
          { caseId: c.caseId, version: c.version, outcomeId: 'regeling' },
          locale,
        );
        expect(response.status).toBe(200);
        const body = response.body as { type: string; value: unknown };
        if (body.type === 'application/vnd.microsoft.card.adaptive') {
          const text = shown(body.value as AdaptiveCard);
          // The updated card, or (a retry of a click whose commit got through) "already done".
          expect(text).toMatch(/Afgesloten|Al gedaan|Already done|Closed/);
          acknowledged.add(c.caseId);
          return 'acknowledged';
        }
        // The clicked card stays as it was, with what was chosen in it, to send again.
        expect(body.type).toBe('application/vnd.microsoft.activity.message');
        keptForLater.push(c);
        return body.value as string;
      };
      const readyz = async () => (await fetch(`${app.server.url}/readyz`)).status;
      const healthz = async () => (await fetch(`${app.server.url}/healthz`)).status;

      // Up: writes are acknowledged.
      expect(await readyz()).toBe(200);
      for (const c of cases.slice(0, 3)) expect(await click(c)).toBe('acknowledged');

      // Down, while clicks are under way: each is either acknowledged or told to try again.
      const burst = Promise.all(cases.slice(3, 7).map((c) => click(c)));
      await server.halt();
      await burst;
      const down = await fetch(`${app.server.url}/readyz`);
      expect(down.status).toBe(503);
      expect(((await down.json()) as { reason: string }).reason).toMatch(
        /^PostgreSQL is unreachable: connect ECONNREFUSED/,
      );
      expect(await healthz()).toBe(200);
      expect(await click(cases[7]!)).toBe(
        'AanZet kan nu niet bij de gegevens. Er is niets opgeslagen. Wat je hebt ingevuld staat nog op de kaart: probeer het over een paar minuten opnieuw.',
      );
      expect(await click(cases[8]!, EMMA, 'en-GB')).toBe(
        'AanZet cannot reach its data right now. Nothing was saved. What you filled in is still on the card: please try again in a few minutes.',
      );
      // The personal tab: a 503 saying so; its form stays open with what was filled in.
      const byTab = (language: string) =>
        callApi(app.server.url, `/api/tab/cases/${cases[9]!.caseId}/outcome`, {
          headers: { 'x-aanzet-demo-user': AHMED.aadObjectId },
          language,
          body: { version: cases[9]!.version, outcomeId: 'regeling' },
        });
      expect(await byTab('nl-NL')).toMatchObject({
        status: 503,
        body: {
          code: 'store_unavailable',
          message:
            'AanZet kan nu niet bij de gegevens. Er is niets opgeslagen. Wat je hebt ingevuld staat nog in het formulier: probeer het over een paar minuten opnieuw.',
        },
      });
      expect(((await byTab('en-GB')).body as { message: string }).message).toMatch(
        /^AanZet cannot reach its data right now\. Nothing was saved\. What you filled in is still in the form/,
      );
      const repliesBefore = connector.sent.length;
      expect((await client.message(SANNE, chat(SANNE), `status ${cases[0]!.caseId}`)).status).toBe(200);
      await connector.waitFor((sent) => sent.length > repliesBefore);
      const reply = connector.sent.at(-1)!.activity.attachments![0]!.content as AdaptiveCard;
      expect(shown(reply)).toContain('AanZet kan nu niet bij de gegevens');
      expect(shown(reply)).toContain('Je bericht is niet verwerkt');
      // The nudges fall due now; the scheduler's passes fail and are tried again.
      now = new Date(NUDGE_MOMENT);
      await pause(600);
      expect(await readyz()).toBe(503);
      expect(sentTo(/^a:chat-wil-/)).toEqual([]);

      // Back: ready again by itself, the nudges go out, and the database goes away once more
      // just as the first one is sent (after Teams took it, before it is recorded).
      gate.beforeNextSend = async () => {
        await server.halt();
        setTimeout(() => void server.resume().catch(() => undefined), 800);
      };
      await server.resume();
      await until(async () => (await readyz()) === 200, 10_000);
      await until(async () => gate.halted === 1 && (await readyz()) === 200, 15_000);
      expect((await byTab('nl-NL')).status).toBe(200); // sent again from the form as it was
      acknowledged.add(cases[9]!.caseId);
      for (const c of cases.slice(10)) expect(await click(c)).toBe('acknowledged');
      // The clicks told to try again are sent again as they were: the card kept the choice.
      for (const c of keptForLater.splice(0)) expect(await click(c)).toBe('acknowledged');
      expect(acknowledged.size).toBe(CASES);

      const entries = async () =>
        (await app.store.outbox.list({})).filter((e) => e.conversationId.startsWith('a:chat-wil-'));
      await until(async () => {
        const all = await entries().catch(() => []);
        return all.length > 0 && all.every((e) => e.state === 'sent');
      }, 15_000);
      await pause(600); // more passes: nothing is sent again
      const nudges = sentTo(/^a:chat-wil-/);
      expect(nudges.length).toBe((await entries()).length);
      expect(new Set(nudges).size).toBe(nudges.length);
      const outcomeNotices = sentTo(/^a:chat-aad-sanne$/).filter((card) => card.includes('Afgesloten'));
      expect(new Set(outcomeNotices).size).toBe(outcomeNotices.length);

      // What was acknowledged is in the database, read with a connection of its own.
      const db = new pg.Client({ connectionString: server.url });
      await db.connect();
      try {
        const { rows } = await db.query<{ id: string; status: string }>(
          "SELECT id, status FROM cases WHERE id = ANY($1) AND status = 'closed'",
          [[...acknowledged]],
        );
        expect(rows.map((r) => r.id).sort()).toEqual([...acknowledged].sort());
      } finally {
        await db.end();
      }
      for (const msg of ['unhandled error in a turn', 'could not process an activity', 'a turn failed'])
        expect(bot.logs.filter((l) => l.msg === msg)).toEqual([]);
      expect(bot.logs).toContainEqual(expect.objectContaining({ msg: 'a turn could not reach the store' }));
      // The second outage did fall between a send and its record.
      expect(bot.logs).toContainEqual(
        expect.objectContaining({ msg: 'sent, but not recorded yet: recorded on the next pass' }),
      );
    },
  );
});

/** The cards sent to the matching conversations, as text (one per send). */
function sentTo(conversation: RegExp): string[] {
  return connector.sent
    .filter((s) => conversation.test(s.conversationId))
    .map((s) => `${s.conversationId} ${JSON.stringify(s.activity.attachments?.[0]?.content)}`);
}

interface Gate {
  url: string;
  /** Runs before the next send to a conversation matching `sendsTo` is passed on (once). */
  beforeNextSend: (() => Promise<void>) | undefined;
  sendsTo: RegExp;
  halted: number;
  close(): Promise<void>;
}

/** In front of the connector: passes every request on, and can do something first. */
async function startGate(target: string): Promise<Gate> {
  const to = new URL(target);
  const gate: Gate = {
    url: '',
    beforeNextSend: undefined,
    sendsTo: /\/v3\/conversations\/a:chat-wil-/,
    halted: 0,
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const first = gate.beforeNextSend;
      if (first && gate.sendsTo.test(decodeURIComponent(req.url ?? '')) && req.method === 'POST') {
        gate.beforeNextSend = undefined;
        await first();
        gate.halted++;
      }
      const forward = request(
        { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => {
        res.writeHead(502);
        res.end();
      });
      forward.end(Buffer.concat(chunks));
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  gate.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  gate.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return gate;
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
