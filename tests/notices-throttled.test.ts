import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { signalFor } from './helpers/casework-harness.js';
import {
  TeamsClient,
  type Conversation,
  type TeamsUser,
  teamsUser as user,
  personalChat,
} from './helpers/teams-client.js';
import { startThrottlingConnector, type ThrottlingConnector } from './helpers/throttling-connector.js';
import { validateCard } from './helpers/validate-card.js';
import { shown } from './fixtures/card-inputs.js';
import { until } from './helpers/until.js';

// Issue 8, point 12: a card action answers with the updated card at once; telling the other
// partners goes through the outbox, after the turn. The real app over HTTP, with a connector
// that throttles the other partner's chat (429 with Retry-After 3 s) as Teams does.

const TENANT = 'tenant-a';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros, who sent the signal
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL, whose step it is
const chat = (who: TeamsUser) => personalChat(who, TENANT);
const amsterdam = (when: string) => DateTime.fromISO(when, { zone: 'Europe/Amsterdam' }).toJSDate();

let connector: ThrottlingConnector;
let app: App;
let client: TeamsClient;
let now: Date;
let dataDir: string;

beforeEach(async () => {
  connector = await startThrottlingConnector();
  now = amsterdam('2026-03-09T10:00');
  dataDir = mkdtempSync(join(tmpdir(), 'aanzet-notices-'));
  const config = readConfig({ PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off' });
  app = await startApp(config, { clock: () => now, logger: pino({ level: 'silent' }) });
  client = new TeamsClient(app.server.url, connector.url);
  for (const [who, partnerId] of [
    [SANNE, 'mitros'],
    [AHMED, 'wil'],
  ] as const) {
    await app.store.members.put({
      userId: who.aadObjectId,
      name: who.name,
      memberships: [{ covenantId: 'lekstroom', partnerId, roles: [], status: 'active' }],
    });
    await client.message(who, chat(who), 'help');
  }
});

afterEach(async () => {
  await app.stop();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const cardsTo = (conversation: Conversation) =>
  connector.accepted
    .filter((a) => a.conversationId === conversation.id)
    .map((a) => (a.activity.attachments as { content: AdaptiveCard }[])[0]!.content);

describe('an outcome while the other partner’s chat is throttled', () => {
  it('answers with the updated card at once, and tells the signaller after the throttle, once', async () => {
    const sanne = (await app.store.members.get(SANNE.aadObjectId))!;
    const { caseId } = await app.casework.registerSignal(sanne, signalFor('lekstroom'));
    const before = cardsTo(chat(SANNE)).length; // her 'help' answer
    // Tuesday evening, after working hours: a notice answers a colleague, it is not held back.
    now = amsterdam('2026-03-17T19:30');
    const version = (await app.store.cases.getSummary(caseId))!.version;
    connector.failNext(1, 429, 3); // the next send, the notice to Sanne, is throttled for 3 s

    const started = Date.now();
    const invoke = () =>
      client.invoke(AHMED, chat(AHMED), 'case.outcome', { caseId, version, outcomeId: 'regeling' });
    const response = await invoke();
    const answeredMs = Date.now() - started;
    console.log(`outcome answered in ${answeredMs} ms`);

    expect(response.status).toBe(200);
    expect(answeredMs).toBeLessThan(1000);
    const card = (response.body as { value: AdaptiveCard }).value;
    expect(validateCard(card)).toEqual([]);
    expect(shown(card)).toContain(
      'Status: Afgesloten: Inwoner heeft zelf al betaald/betalingsregeling getroffen',
    );

    await until(() => cardsTo(chat(SANNE)).length > before);
    const throttled = connector.refused.find((r) => r.status === 429)!;
    expect(throttled.conversationId).toBe(chat(SANNE).id);
    const delivered = connector.accepted.filter((a) => a.conversationId === chat(SANNE).id).at(-1)!;
    expect(delivered.at - throttled.at).toBeGreaterThanOrEqual(2900); // Retry-After kept
    console.log(`notice delivered ${delivered.at - started} ms after the click`);
    const notice = cardsTo(chat(SANNE)).at(-1)!;
    expect(validateCard(notice)).toEqual([]);
    expect(shown(notice)).toContain(`Status ${caseId}`);
    expect(shown(notice)).toContain('Afgesloten: Inwoner heeft zelf al betaald/betalingsregeling getroffen');
    expect(JSON.stringify(notice)).not.toContain('de Vries');

    // Teams retries an invoke it thinks timed out; and the next tick finds nothing left to send.
    const again = await invoke();
    expect(JSON.stringify(again.body)).toContain('Ahmed El Amrani'); // the stale card says who did it
    await app.scheduler.tick();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cardsTo(chat(SANNE))).toHaveLength(before + 1);
    expect(cardsTo(chat(AHMED)).filter((c) => shown(c).includes(`Status ${caseId}`))).toEqual([]);
    const entries = await app.store.outbox.list({});
    expect(entries.map((e) => [e.kind, e.conversationId, e.state])).toEqual([
      ['closed', chat(SANNE).id, 'sent'],
    ]);
  });
});

describe('notices about membership', () => {
  it('asks the coordinator in her own language, and tells the requester the decision, each once', async () => {
    const CARLA = user('Carla van Dalen', 'carla');
    const NINA = user('Nina Visser', 'nina');
    await app.store.members.put({
      userId: CARLA.aadObjectId,
      name: CARLA.name,
      memberships: [
        {
          covenantId: 'lekstroom',
          partnerId: 'gemeente-nieuwegein',
          roles: ['coordinator-vroeg-eropaf'],
          status: 'active',
        },
      ],
    });
    await client.message(CARLA, chat(CARLA), 'help', 'en-GB');
    await client.message(NINA, chat(NINA), 'help');
    const request = () =>
      client.invoke(NINA, chat(NINA), 'onboarding.request', {
        organisation: 'lekstroom|gemeente-nieuwegein',
      });
    const requested = await request();
    expect(shown((requested.body as { value: AdaptiveCard }).value)).toContain('Aanvraag verstuurd');
    await until(() => cardsTo(chat(CARLA)).length === 2); // her 'help' answer, then the request
    const approval = cardsTo(chat(CARLA))[1]!;
    expect(validateCard(approval)).toEqual([]);
    expect(shown(approval)).toContain('Request for approval');
    expect(shown(approval)).not.toContain('Aanmelding');
    await request(); // asked again the same day: the coordinator is not asked twice

    const approved = await client.invoke(
      CARLA,
      chat(CARLA),
      'onboarding.approve',
      { requestUserId: NINA.aadObjectId, covenantId: 'lekstroom' },
      'en-GB',
    );
    expect(shown((approved.body as { value: AdaptiveCard }).value)).toContain('Request approved');
    await until(() => cardsTo(chat(NINA)).length === 2); // her onboarding prompt, then the answer
    expect(shown(cardsTo(chat(NINA))[1]!)).toContain('Aanmelding goedgekeurd');
    await app.scheduler.tick();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cardsTo(chat(CARLA))).toHaveLength(2);
    expect(cardsTo(chat(NINA))).toHaveLength(2);
  });
});
