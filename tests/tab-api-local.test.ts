import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../casework/ports.js';
import { signalFor } from './helpers/casework-harness.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { rawRequest, startRunningBot, type RunningBot } from './helpers/running-bot.js';
import { callApi, lekstroomMember } from './helpers/tab-api.js';
import type { Conversation, TeamsUser } from './helpers/teams-client.js';

// The tab API in local mode (no app id): a demo member is named by the X-AanZet-Demo-User header,
// from this machine only. And a use case through the API does what the card does: an outcome
// moves the case the same way and plans the same notices.

const NOW = DateTime.fromISO('2026-03-10T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
const SANNE = lekstroomMember('aad-sanne', 'Sanne Bakker', 'mitros');
const MEGAN = lekstroomMember('aad-megan', 'Megan Bowen', 'wil');
const MEGAN_IN_TEAMS: TeamsUser = { id: '29:megan', aadObjectId: MEGAN.userId, name: MEGAN.name };
const MEGAN_CHAT: Conversation = { id: 'a:personal-megan', conversationType: 'personal', tenantId: 'local' };

let connector: FakeConnector;
let bot: RunningBot;

beforeEach(async () => {
  connector = await startFakeConnector();
  bot = await startRunningBot({ connectorUrl: connector.url, clock: () => NOW });
  for (const member of [SANNE, MEGAN]) await bot.app.store.members.put(member);
});

afterEach(async () => {
  await bot.stop();
  expect(bot.logs.filter((line) => line.level >= 50)).toEqual([]);
  await connector.close();
});

const asDemo = (userId: string) => ({ headers: { 'x-aanzet-demo-user': userId } });

describe('the tab API in local mode', () => {
  it('takes the demo header of a member, refuses without it, and only from this machine', async () => {
    const me = await callApi(bot.app.server.url, '/api/tab/me', asDemo(MEGAN.userId));
    expect(me).toMatchObject({ status: 200, body: { userId: MEGAN.userId, name: 'Megan Bowen' } });
    expect(await callApi(bot.app.server.url, '/api/tab/me', {})).toMatchObject({ status: 401, text: '' });
    expect(await callApi(bot.app.server.url, '/api/tab/me', asDemo('aad-nobody'))).toMatchObject({
      status: 403,
      body: { code: 'no_covenant' },
    });
    const fromElsewhere = await rawRequest(`${bot.app.server.url}/api/tab/me`, {
      method: 'GET',
      headers: { host: 'aanzet.example.org', 'x-aanzet-demo-user': MEGAN.userId },
    });
    expect(fromElsewhere.status).toBe(403);
    expect(fromElsewhere.body).not.toContain('Megan');
  });

  it('an outcome through the API moves the case as the card does and plans the same notices', async () => {
    await bot.app.casework.registerSignal(SANNE, signalFor('lekstroom'));
    await bot.app.casework.registerSignal(SANNE, signalFor('lekstroom', { houseNumber: 14 }));
    const versionOf = async (id: string) => (await bot.app.store.cases.get(id))!.events.length;

    const byCard = await bot.client.invoke(MEGAN_IN_TEAMS, MEGAN_CHAT, 'case.outcome', {
      caseId: 'LEK-2026-0001',
      version: await versionOf('LEK-2026-0001'),
      outcomeId: 'wijkteam',
    });
    expect(byCard.status).toBe(200);
    const byApi = await callApi(bot.app.server.url, '/api/tab/cases/LEK-2026-0002/outcome', {
      ...asDemo(MEGAN.userId),
      body: { version: await versionOf('LEK-2026-0002'), outcomeId: 'wijkteam' },
    });
    expect(byApi).toMatchObject({
      status: 200,
      body: { caseId: 'LEK-2026-0002', stepId: 'hulp-sociaal-wijkteam' },
    });

    const stepOf = async (id: string) => (await bot.app.casework.caseStatus(MEGAN, id, 'nl')).stepId;
    expect(await stepOf('LEK-2026-0001')).toBe('hulp-sociaal-wijkteam');
    expect(await stepOf('LEK-2026-0002')).toBe('hulp-sociaal-wijkteam');

    // The messages as planned (kind, step, recipient), not where delivery has routed them so far.
    const notices = async (caseId: string) =>
      [
        ...new Set(
          (await bot.app.store.outbox.list({ covenantId: 'lekstroom' }))
            .filter((e) => e.caseId === caseId && e.stepId === 'hulp-sociaal-wijkteam')
            .map((e: OutboxEntry) => `${e.kind} ${e.stepId ?? ''} → ${e.partnerId} ${e.userId ?? ''}`),
        ),
      ].sort();
    const planned = await notices('LEK-2026-0002');
    expect(planned.length).toBeGreaterThan(0);
    expect(planned).toEqual(await notices('LEK-2026-0001'));
  });

  it('lists the members one may be (active memberships only), without any header', async () => {
    await bot.app.store.members.put({
      userId: 'aad-pending',
      name: 'Piet Wachtrij',
      memberships: [{ covenantId: 'lekstroom', partnerId: 'wil', roles: [], status: 'pending' }],
    });
    const answer = await callApi(bot.app.server.url, '/api/tab/demo-members', {});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([
      {
        userId: MEGAN.userId,
        name: 'Megan Bowen',
        memberships: [
          {
            covenantId: 'lekstroom',
            covenantName: bot.app.casework.covenant('lekstroom').name,
            partnerId: 'wil',
            partnerName: expect.stringContaining('WIL'),
          },
        ],
      },
      expect.objectContaining({ userId: SANNE.userId, name: 'Sanne Bakker' }),
    ]);
  });

  it("passes the tab's own requests from this machine's origins, and no other origin", async () => {
    const port = new URL(bot.app.server.url).port;
    for (const origin of [`http://localhost:${port}`, `http://127.0.0.1:${port}`]) {
      const me = await rawRequest(`${bot.app.server.url}/api/tab/me`, {
        method: 'GET',
        headers: { host: `localhost:${port}`, origin, 'x-aanzet-demo-user': MEGAN.userId },
      });
      expect(me.status, origin).toBe(200);
    }
    const elsewhere = await rawRequest(`${bot.app.server.url}/api/tab/demo-members`, {
      method: 'GET',
      headers: { host: `localhost:${port}`, origin: 'https://evil.example' },
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body).not.toContain('Megan');
  });
});
