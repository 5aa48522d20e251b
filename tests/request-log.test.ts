import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalFor } from './helpers/casework-harness.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { startRunningBot, type RunningBot } from './helpers/running-bot.js';
import { lekstroomMember } from './helpers/tab-api.js';
import type { Conversation, TeamsUser } from './helpers/teams-client.js';

// The request log: one `turn` line per admitted turn, for operators, without personal data.

const SANNE = lekstroomMember('aad-sanne-log', 'Sanne Bakker', 'mitros');
const sanne: TeamsUser = { id: '29:sanne', aadObjectId: SANNE.userId, name: SANNE.name };
const stranger: TeamsUser = { id: '29:stranger', aadObjectId: 'aad-stranger', name: 'Jan de Vries' };
const PERSONAL: Conversation = { id: 'a:sanne', conversationType: 'personal', tenantId: 'local' };
const CHANNEL: Conversation = {
  id: '19:log@thread.tacv2',
  conversationType: 'channel',
  tenantId: 'local',
  teamId: 'team-log',
};

describe('the request log', () => {
  let connector: FakeConnector;
  let bot: RunningBot;
  let caseId = '';
  beforeAll(async () => {
    connector = await startFakeConnector();
    bot = await startRunningBot({ connectorUrl: connector.url });
    await bot.app.store.members.put(SANNE);
    caseId = (await bot.app.casework.registerSignal(SANNE, signalFor('lekstroom'))).loaded.record.id;
  });
  afterAll(async () => {
    await bot.stop();
    await connector.close();
  });

  const turnLines = () => bot.logs.filter((line) => line.msg === 'turn');

  it('writes one line per turn: kind, command or verb, conversation, outcome and duration', async () => {
    const before = turnLines().length;
    await bot.client.message(sanne, CHANNEL, `status ${caseId}`);
    await bot.client.message(stranger, PERSONAL, 'Jan de Vries, Dukatenburg 12, 06-12345678');
    await bot.client.search(sanne, CHANNEL, caseId);
    const lines = turnLines().slice(before);
    expect(lines).toEqual([
      expect.objectContaining({
        level: 30,
        turn: 'message',
        route: 'status',
        conversation: 'channel',
        outcome: 'answered',
      }),
      expect.objectContaining({
        turn: 'message',
        route: 'unknown',
        conversation: 'personal',
        outcome: 'answered',
      }),
      expect.objectContaining({
        turn: 'search',
        route: 'search',
        conversation: 'channel',
        outcome: 'answered',
      }),
    ]);
    for (const line of lines) expect(typeof line.ms).toBe('number');
  });

  it('names nobody and repeats nothing typed or shown', async () => {
    const text = JSON.stringify(turnLines());
    for (const secret of [
      SANNE.userId,
      'Sanne',
      'aad-stranger',
      'Jan de Vries',
      'Dukatenburg',
      '06-12345678',
      caseId,
      '29:',
    ])
      expect(text).not.toContain(secret);
  });

  it('has no line for a turn refused at the door (the server logs that refusal once)', async () => {
    const before = turnLines().length;
    const refused = await bot.client.post({
      id: 'refused-1',
      type: 'message',
      text: 'help',
      channelId: 'webchat',
      serviceUrl: connector.url,
      from: { id: sanne.id, aadObjectId: sanne.aadObjectId, name: sanne.name },
      recipient: { id: '28:aanzet-bot', name: 'AanZet' },
      conversation: { id: PERSONAL.id, conversationType: 'personal', tenantId: 'local' },
      channelData: { tenant: { id: 'local' } },
    });
    expect(refused.status).toBe(403);
    expect(turnLines().length).toBe(before);
  });
});
