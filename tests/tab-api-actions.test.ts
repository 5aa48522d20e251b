import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../casework/ports.js';
import { signalFor } from './helpers/casework-harness.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { rawRequest, startRunningBot, type RunningBot } from './helpers/running-bot.js';
import { callApi, lekstroomMember } from './helpers/tab-api.js';
import type { Conversation, TeamsUser } from './helpers/teams-client.js';

// The Casus view's actions besides contact and outcome (issue 11): take over, postpone, note. Each
// goes through the use case the card uses, so a case changed by the tab and one changed by the
// card end up alike: the same events, the same audit lines, the same notices planned. Refusals
// are the cards' codes; a body that does not fit is a 400 naming the field.

const NOW = DateTime.fromISO('2026-03-10T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
const SANNE = lekstroomMember('aad-sanne', 'Sanne Bakker', 'mitros');
const MEGAN = lekstroomMember('aad-megan', 'Megan Bowen', 'wil');
const ADELE = lekstroomMember('aad-adele', 'Adele Vance', 'gemeente-nieuwegein');
const CORA = lekstroomMember('aad-cora', 'Cora Jansen', 'mitros', ['coordinator-vroeg-eropaf']);
const BY_CARD = 'LEK-2026-0001';
const BY_TAB = 'LEK-2026-0002';
const REASON = 'Huurder ligt in het ziekenhuis tot half april.';
const NOTE = 'Bekend bij de GGD: vereenzaming.';

let connector: FakeConnector;
let bot: RunningBot;

beforeEach(async () => {
  connector = await startFakeConnector();
  bot = await startRunningBot({ connectorUrl: connector.url, clock: () => NOW });
  for (const member of [SANNE, MEGAN, ADELE, CORA]) await bot.app.store.members.put(member);
  await bot.app.casework.registerSignal(SANNE, signalFor('lekstroom'));
  await bot.app.casework.registerSignal(SANNE, signalFor('lekstroom', { houseNumber: 14 }));
});

afterEach(async () => {
  await bot.stop();
  expect(bot.logs.filter((line) => line.level >= 50)).toEqual([]);
  await connector.close();
});

const inTeams = (member: Member): TeamsUser => ({
  id: `29:${member.userId}`,
  aadObjectId: member.userId,
  name: member.name,
});
const chatOf = (member: Member): Conversation => ({
  id: `a:personal-${member.userId}`,
  conversationType: 'personal',
  tenantId: 'local',
});
const versionOf = async (caseId: string) => (await bot.app.store.cases.get(caseId))!.events.length;
const post = (member: Member, path: string, body: unknown, language?: string) =>
  callApi(bot.app.server.url, `/api/tab/cases/${path}`, {
    headers: { 'x-aanzet-demo-user': member.userId },
    body,
    ...(language ? { language } : {}),
  });

/** A case's trail with its own id taken out, so two cases done alike compare equal. */
async function trail(caseId: string) {
  const events = (await bot.app.store.cases.get(caseId))!.events.slice(2).map((e) => e.type);
  const audit = (await bot.app.store.audit.list({ caseId }))
    .filter((a) => a.action !== 'read_personal' || a.userId !== SANNE.userId)
    .map((a) => `${a.userId} ${a.action} ${a.detail.replaceAll(caseId, '<case>')}`);
  const outbox = (await bot.app.store.outbox.list({ covenantId: 'lekstroom' }))
    .filter((e) => e.caseId === caseId)
    .map((e) => `${e.kind} ${e.stepId ?? ''} → ${e.partnerId} ${e.userId ?? ''}`)
    .sort();
  return { events, audit, outbox };
}

/** Does the same to both cases, by card and by tab, and returns the tab's answer. */
async function byCardAndTab(member: Member, verb: string, route: string, values: Record<string, unknown>) {
  const card = await bot.client.invoke(inTeams(member), chatOf(member), verb, {
    caseId: BY_CARD,
    version: await versionOf(BY_CARD),
    ...values,
  });
  expect(card.status).toBe(200);
  return post(member, `${BY_TAB}/${route}`, { version: await versionOf(BY_TAB), ...values });
}

describe('the Casus actions through the tab API', () => {
  it("take over: the coordinator's organisation gets the step, as by the card; another organisation is refused", async () => {
    const before = await versionOf(BY_TAB);
    const answer = await byCardAndTab(CORA, 'case.takeOver', 'take-over', {});
    expect(answer).toMatchObject({
      status: 200,
      body: { caseId: BY_TAB, responsible: { id: 'mitros' }, version: await versionOf(BY_TAB) },
    });
    const [card, tab] = [await trail(BY_CARD), await trail(BY_TAB)];
    expect(tab.events.length).toBeGreaterThan(0);
    expect(tab).toEqual(card);

    const stale = await post(CORA, `${BY_TAB}/take-over`, { version: before });
    expect(stale).toMatchObject({ status: 409, body: { code: 'stale', by: 'Cora Jansen' } });

    // The step is Mitros's now: Adele's municipality may not take it, and the refusal is audited.
    const after = await versionOf(BY_TAB);
    const adele = await post(ADELE, `${BY_TAB}/take-over`, { version: after });
    expect(adele).toMatchObject({ status: 403, body: { code: 'not_your_step' } });
    expect(await versionOf(BY_TAB)).toBe(after);
    expect((await trail(BY_TAB)).audit).toContain(
      `${ADELE.userId} refused not_your_step: take over the step`,
    );
  });

  it('postpone: a later deadline with the reason kept as personal data, audited as by the card', async () => {
    const until = DateTime.fromISO((await bot.app.casework.caseStatus(MEGAN, BY_TAB, 'nl')).deadline!)
      .plus({ weeks: 2 })
      .toISODate()!;
    const answer = await byCardAndTab(MEGAN, 'case.postpone', 'postpone', { until, reason: REASON });
    expect(answer.status).toBe(200);
    // On the working day on or after the date asked (Easter Monday, 6 April, is none).
    const calendar = bot.app.casework.calendar(bot.app.casework.covenant('lekstroom'));
    const deadline = calendar.nextWorkingDayOnOrAfter(until);
    expect(answer.body).toMatchObject({ deadline });
    expect((answer.body as { deadline: string }).deadline > until).toBe(true);
    expect(answer.text).toContain(REASON);
    const [card, tab] = [await trail(BY_CARD), await trail(BY_TAB)];
    expect(tab).toEqual(card);
    expect(tab.audit).toContain(`${MEGAN.userId} change postponed to ${deadline}`);
    // The reason is personal data: in the case's personal part, never in the audit log.
    expect(tab.audit.join('\n')).not.toContain('ziekenhuis');
  });

  it('postpone: what does not fit is a 400 naming the field, in the reader language, and nothing changes', async () => {
    const version = await versionOf(BY_TAB);
    const route = `${BY_TAB}/postpone`;
    const early = await post(MEGAN, route, { version, until: '2026-03-01', reason: REASON });
    expect(early).toMatchObject({
      status: 400,
      body: { code: 'invalid_input', fields: { until: expect.any(String) } },
    });
    const noReason = await post(MEGAN, route, { version, until: '2026-04-20' }, 'en-GB');
    expect(noReason).toMatchObject({
      status: 400,
      body: { code: 'invalid_input', fields: { reason: expect.any(String) } },
    });
    expect((noReason.body as { message: string }).message).not.toMatch(/\b(vul|de|het)\b/);
    const unknown = await post(MEGAN, route, { version, until: '2026-04-20', reason: REASON, colour: 'red' });
    expect(unknown).toMatchObject({ status: 400, body: { code: 'bad_request', fields: ['colour'] } });
    const wrongType = await post(MEGAN, route, { version, until: 20260420, reason: REASON });
    expect(wrongType).toMatchObject({ status: 400, body: { code: 'bad_request', fields: ['until'] } });
    const form = await rawRequest(`${bot.app.server.url}/api/tab/cases/${route}`, {
      headers: { 'x-aanzet-demo-user': MEGAN.userId, 'content-type': 'application/x-www-form-urlencoded' },
      body: `version=${version}&until=2026-04-20&reason=x`,
    });
    expect(form.status).toBe(415);
    const adele = await post(ADELE, route, { version, until: '2026-04-20', reason: REASON });
    expect(adele).toMatchObject({ status: 403, body: { code: 'not_your_step' } });
    expect(await versionOf(BY_TAB)).toBe(version);
  });

  it('note: kept with the case for the writer, audited as by the card; an empty note is refused', async () => {
    const empty = await post(MEGAN, `${BY_TAB}/note`, { version: await versionOf(BY_TAB), text: '  ' });
    expect(empty).toMatchObject({
      status: 400,
      body: { code: 'invalid_input', fields: { text: expect.any(String) } },
    });

    const answer = await byCardAndTab(MEGAN, 'case.note', 'note', { text: NOTE });
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(NOTE);
    const [card, tab] = [await trail(BY_CARD), await trail(BY_TAB)];
    expect(tab).toEqual(card);
    expect(tab.audit.some((line) => line.startsWith(`${MEGAN.userId} change`))).toBe(true);
    expect(tab.audit.join('\n')).not.toContain('vereenzaming');

    // Adele's organisation has no step in the case: no note, and no word of Megan's.
    const adele = await post(ADELE, `${BY_TAB}/note`, { version: await versionOf(BY_TAB), text: 'x' });
    expect(adele.status).toBe(403);
    expect(adele.text).not.toContain('vereenzaming');
  });

  it('each action refuses a stale version, a missing version, an unknown field and a body that is not JSON', async () => {
    const version = await versionOf(BY_TAB);
    const bodies: Record<string, Record<string, unknown>> = {
      'take-over': {},
      postpone: { until: '2026-04-20', reason: REASON },
      note: { text: NOTE },
    };
    for (const [route, values] of Object.entries(bodies)) {
      const path = `${BY_TAB}/${route}`;
      const member = route === 'take-over' ? CORA : MEGAN;
      expect(await post(member, path, { ...values, version: version - 1 }), route).toMatchObject({
        status: 409,
        body: { code: 'stale' },
      });
      expect(await post(member, path, values), route).toMatchObject({
        status: 400,
        body: { code: 'bad_request', fields: ['version'] },
      });
      expect(await post(member, path, { ...values, version, extra: 1 }), route).toMatchObject({
        status: 400,
        body: { code: 'bad_request', fields: ['extra'] },
      });
      const text = await rawRequest(`${bot.app.server.url}/api/tab/cases/${path}`, {
        headers: { 'x-aanzet-demo-user': member.userId, 'content-type': 'text/plain' },
        body: JSON.stringify({ ...values, version }),
      });
      expect(text.status, route).toBe(415);
    }
    expect(await versionOf(BY_TAB)).toBe(version);
  });
});
