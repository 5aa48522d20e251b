import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../cards/card-types.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { startRunningBot, type RunningBot } from './helpers/running-bot.js';
import type { Conversation, TeamsUser } from './helpers/teams-client.js';
import { HOUSEHOLD, shown } from './fixtures/card-inputs.js';
import { dataOf, inputValue } from './helpers/card-parts.js';

// Issue 8, point 2: a register-signal flow left half way keeps the household's name, address and
// phone number in dialog state. It expires 24 hours after its last step and is then deleted
// from the store (by the periodic sweep, or when it is read); the user is told so in their
// language and can start again. A value too long for a field is refused at that field.

const TENANT = 'tenant-a';
const SANNE: TeamsUser = { id: '29:sanne', aadObjectId: 'aad-sanne', name: 'Sanne Bakker' };
const CHAT: Conversation = { id: 'a:personal-sanne', conversationType: 'personal', tenantId: TENANT };
const MONDAY = DateTime.fromISO('2026-03-09T10:00', { zone: 'Europe/Amsterdam' });

let connector: FakeConnector;
let bot: RunningBot | undefined;
let now: Date;

beforeEach(async () => {
  connector = await startFakeConnector();
  now = MONDAY.toJSDate();
});

afterEach(async () => {
  await bot?.stop();
  expect(bot?.logs.filter((line) => line.level >= 50) ?? []).toEqual([]);
  bot = undefined;
  await connector.close();
});

async function start(sweepIntervalMs = 3_600_000): Promise<RunningBot> {
  bot = await startRunningBot({ connectorUrl: connector.url, clock: () => now, app: { sweepIntervalMs } });
  await bot.app.store.members.put({
    userId: SANNE.aadObjectId,
    name: SANNE.name,
    memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
  });
  return bot;
}

async function say(text: string, locale = 'nl-NL'): Promise<AdaptiveCard> {
  const before = connector.sent.length;
  expect((await bot!.client.message(SANNE, CHAT, text, locale)).status).toBe(200);
  await connector.waitFor((sent) => sent.length > before);
  return (connector.sent.at(-1)!.activity.attachments![0]!.content as AdaptiveCard)!;
}

async function click(
  card: AdaptiveCard,
  verb: string,
  inputs: Record<string, unknown>,
  locale = 'nl-NL',
): Promise<AdaptiveCard> {
  const response = await bot!.client.invoke(SANNE, CHAT, verb, { ...dataOf(card, verb), ...inputs }, locale);
  expect(response.status).toBe(200);
  return (response.body as { value: AdaptiveCard }).value;
}

/** The lowdb file as text: what a disk holds of the flow. */
const dataFile = () => readFileSync(join(bot!.dataDir, 'aanzet.json'), 'utf8');

/** Household filled in, waiting at the arrears card: the flow holds name, address and phone. */
async function leaveFlowHalfWay(locale = 'nl-NL'): Promise<AdaptiveCard> {
  const household = await say(locale === 'nl-NL' ? 'nieuw signaal' : 'new signal', locale);
  const arrears = await click(household, 'signal.household', HOUSEHOLD, locale);
  expect(dataFile()).toContain('J. de Vries');
  expect(dataFile()).toContain('06-12345678');
  return arrears;
}

const hoursLater = (hours: number) => MONDAY.plus({ hours }).toJSDate();

describe('a register flow left half way', () => {
  it('is still there 23 hours later: the next step goes on', async () => {
    await start();
    const arrears = await leaveFlowHalfWay();
    now = hoursLater(23);
    const back = await click(arrears, 'signal.back', {});
    expect(inputValue(back, 'name')).toBe('J. de Vries');
  });

  it('is deleted from the store by the periodic sweep after 24 hours, also if the user never comes back', async () => {
    await start(50);
    await leaveFlowHalfWay();
    now = hoursLater(24.1);
    const deadline = Date.now() + 5_000;
    const swept = () => bot!.logs.some((line) => line.msg === 'expired dialog state deleted');
    while (!swept() && Date.now() < deadline) await new Promise((done) => setTimeout(done, 25));
    expect(dataFile()).not.toContain('J. de Vries');
    expect(dataFile()).not.toContain('06-12345678');
    expect(bot!.logs).toContainEqual(
      expect.objectContaining({ msg: 'expired dialog state deleted', removed: 1 }),
    );
  });

  it('coming back after 24 hours: the flow is deleted on that read, the user is told in Dutch and can start again', async () => {
    await start();
    const arrears = await leaveFlowHalfWay();
    now = hoursLater(25);
    const answer = await click(arrears, 'signal.back', {});
    expect(shown(answer)).toContain('Dit formulier is verlopen');
    expect(shown(answer)).toContain('langer dan 24 uur stil');
    expect(shown(answer)).toContain('Typ "nieuw signaal" om opnieuw te beginnen.');
    expect(dataFile()).not.toContain('J. de Vries');

    const again = await say('nieuw signaal');
    expect(shown(again)).toContain('Stap 1 van 3');
    expect(inputValue(again, 'name') ?? '').toBe('');
  });

  it('an English user is told in English only', async () => {
    await start();
    const arrears = await leaveFlowHalfWay('en-GB');
    now = hoursLater(25);
    const answer = shown(await click(arrears, 'signal.back', {}, 'en-GB'));
    expect(answer).toContain('This form has expired');
    expect(answer).toContain('left for more than 24 hours');
    expect(answer).not.toMatch(/formulier|verlopen|opnieuw/);
  });
});

describe('values are checked for size before they are stored', () => {
  it('a name of 600 characters is refused at its field; the other values are kept, the long one is not stored', async () => {
    await start();
    const household = await say('nieuw signaal');
    const long = 'A'.repeat(600);
    const again = await click(household, 'signal.household', { ...HOUSEHOLD, name: long });
    expect(shown(again)).toContain('Stap 1 van 3');
    expect(shown(again)).toContain('Dit is te lang: hoogstens 500 tekens. Het is niet bewaard.');
    expect(inputValue(again, 'street')).toBe('Dukatenburg');
    expect(inputValue(again, 'phone')).toBe('06-12345678');
    expect(inputValue(again, 'name') ?? '').toBe('');
    expect(dataFile()).toContain('Dukatenburg');
    expect(dataFile()).not.toContain('A'.repeat(501));

    // Corrected, the flow goes on.
    const arrears = await click(again, 'signal.household', HOUSEHOLD);
    expect(shown(arrears)).toContain('Stap 2 van 3');
  });
});
