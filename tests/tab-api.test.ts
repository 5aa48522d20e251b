import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../casework/ports.js';
import { signalFor } from './helpers/casework-harness.js';
import { lekstroomMember, startTabBot, type TabBot } from './helpers/tab-api.js';
import { startTokenKeys, type TokenKeys } from './helpers/token-keys.js';

// The personal tab's API (issue 11, point 3) holds the cards' access rules: personal data only
// for partners with a step (and the coordinator), audited; figures for coordinators only; a step
// only for its owner; refusals as the bot's refusal codes, in the reader's language.

const NOW = DateTime.fromISO('2026-03-10T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
const SANNE = lekstroomMember('aad-sanne', 'Sanne Bakker', 'mitros');
const MEGAN = lekstroomMember('aad-megan', 'Megan Bowen', 'wil');
const ADELE = lekstroomMember('aad-adele', 'Adele Vance', 'gemeente-nieuwegein');
const LYNNE = lekstroomMember('aad-lynne', 'Lynne Robbins', 'wil', ['coordinator-vroeg-eropaf']);
const PERSONAL = ['de Vries', 'Dukatenburg', '3437', '12345678'];
const CASE = '/api/tab/cases/LEK-2026-0001';

let keys: TokenKeys;
let tab: TabBot;

beforeEach(async () => {
  keys = await startTokenKeys();
  tab = await startTabBot(keys, () => NOW);
  for (const member of [SANNE, MEGAN, ADELE, LYNNE]) await tab.bot.app.store.members.put(member);
  await tab.bot.app.casework.registerSignal(SANNE, signalFor('lekstroom'));
});

afterEach(async () => {
  await tab.bot.stop();
  expect(tab.bot.logs.filter((line) => line.level >= 50)).toEqual([]);
  await keys.close();
});

const reads = async (member: Member) =>
  (await tab.bot.app.store.audit.list({ userId: member.userId })).filter((a) => a.action === 'read_personal');
const version = async () => (await tab.bot.app.store.cases.get('LEK-2026-0001'))!.events.length;

describe('the tab API', () => {
  it('GET /me: who, memberships (coordinator or not) and the locale from Accept-Language', async () => {
    const me = await tab.call('/api/tab/me', { oid: LYNNE.userId, language: 'en-GB,en;q=0.8' });
    expect(me.body).toEqual({
      userId: LYNNE.userId,
      name: 'Lynne Robbins',
      locale: 'en',
      memberships: [
        {
          covenantId: 'lekstroom',
          covenantName: expect.any(String),
          partnerId: 'wil',
          partnerName: expect.stringContaining('WIL'),
          status: 'active',
          coordinator: true,
        },
      ],
    });
    const stranger = await tab.call('/api/tab/me', { oid: 'aad-nobody' });
    expect(stranger).toMatchObject({ status: 403, body: { code: 'no_covenant' } });
  });

  it('a case: personal data for the partner with the step (audited), none for a partner without one', async () => {
    const megan = await tab.call(CASE, { oid: MEGAN.userId });
    expect(megan.status).toBe(200);
    for (const personal of PERSONAL) expect(megan.text).toContain(personal);
    expect(await reads(MEGAN)).toHaveLength(1);

    const adele = await tab.call(CASE, { oid: ADELE.userId });
    expect(adele.status).toBe(200);
    expect(adele.body).toMatchObject({ caseId: 'LEK-2026-0001' });
    for (const personal of PERSONAL) expect(adele.text).not.toContain(personal);
    expect(await reads(ADELE)).toEqual([]);

    expect(await tab.call('/api/tab/cases/LEK-2026-0999', { oid: MEGAN.userId })).toMatchObject({
      status: 404,
      body: { code: 'case_not_found', message: expect.stringContaining('LEK-2026-0999') },
    });
  });

  it('figures: coordinators only, the refusal code in the reader language', async () => {
    const query = '/api/tab/figures?covenant=lekstroom&from=2026-01-01&to=2026-03-31';
    const nl = await tab.call(query, { oid: ADELE.userId });
    expect(nl).toMatchObject({ status: 403, body: { code: 'coordinator_only' } });
    expect((nl.body as { message: string }).message).toMatch(/^Alleen de /);
    const en = await tab.call(query, { oid: ADELE.userId, language: 'en-US' });
    expect(en).toMatchObject({ status: 403, body: { code: 'coordinator_only' } });
    expect((en.body as { message: string }).message).toMatch(/^Only the /);

    const lynne = await tab.call(query, { oid: LYNNE.userId });
    expect(lynne.status).toBe(200);
    for (const personal of PERSONAL) expect(lynne.text).not.toContain(personal);

    const bad = await tab.call('/api/tab/figures?covenant=lekstroom&from=2026-13-01', { oid: LYNNE.userId });
    expect(bad).toMatchObject({ status: 400, body: { code: 'bad_request', fields: ['from', 'to'] } });
    for (const [from, to] of [
      ['2026-03-31', '2026-01-01'],
      ['0001-01-01', '9999-12-31'],
    ]) {
      for (const route of ['figures?', 'export?format=csv&']) {
        const period = await tab.call(`/api/tab/${route}covenant=lekstroom&from=${from}&to=${to}`, {
          oid: LYNNE.userId,
        });
        expect(period, `${route} ${from} ${to}`).toMatchObject({
          status: 400,
          body: { code: 'bad_request', fields: ['to'] },
        });
      }
    }
    const unknown = await tab.call('/api/tab/figures?covenant=nergens&from=2026-01-01&to=2026-03-31', {
      oid: LYNNE.userId,
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'unknown_covenant' } });
  });

  it("tasks: my organisation's open steps, all partners for the coordinator, paged with a total", async () => {
    await tab.bot.app.casework.registerSignal(SANNE, signalFor('lekstroom', { houseNumber: 14 }));
    await tab.bot.app.casework.registerSignal(SANNE, signalFor('lekstroom', { houseNumber: 16 }));
    const megan = await tab.call('/api/tab/tasks?page=2&pageSize=2', { oid: MEGAN.userId });
    expect(megan.status).toBe(200);
    expect(megan.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect((megan.body as { items: unknown[] }).items).toHaveLength(1);
    for (const personal of PERSONAL) expect(megan.text).not.toContain(personal);

    const adele = await tab.call('/api/tab/tasks', { oid: ADELE.userId });
    expect(adele.body).toMatchObject({ total: 0, items: [] });
    const overview = await tab.call('/api/tab/tasks?covenant=lekstroom', { oid: LYNNE.userId });
    expect(overview.body).toMatchObject({ total: 3 });
    const late = await tab.call('/api/tab/tasks?covenant=lekstroom&late=true', { oid: LYNNE.userId });
    expect(late.body).toMatchObject({ total: 0 });

    const bad = await tab.call('/api/tab/tasks?pageSize=0&sort=name', { oid: MEGAN.userId });
    expect(bad).toMatchObject({ status: 400, body: { code: 'bad_request' } });
    expect((bad.body as { fields: string[] }).fields.sort()).toEqual(['pageSize', 'sort']);
  });

  it("POST: another organisation's step is refused and nothing changes; a stale version gets 409 with who", async () => {
    const before = await version();
    const outcome = { version: before, outcomeId: 'regeling' };
    const adele = await tab.call(`${CASE}/outcome`, { oid: ADELE.userId, body: outcome });
    expect(adele).toMatchObject({ status: 403, body: { code: 'not_your_step' } });
    const contact = {
      version: before,
      kind: 'Huisbezoek',
      reached: false,
      date: '2026-03-10',
      daypart: 'Middag',
    };
    expect(await tab.call(`${CASE}/contact`, { oid: ADELE.userId, body: contact })).toMatchObject({
      status: 403,
      body: { code: 'not_your_step' },
    });
    expect(await version()).toBe(before);

    const logged = await tab.call(`${CASE}/contact`, { oid: MEGAN.userId, body: contact });
    expect(logged.status).toBe(200);
    expect(await version()).toBe(before + 1);
    const stale = await tab.call(`${CASE}/outcome`, { oid: MEGAN.userId, body: outcome });
    expect(stale).toMatchObject({
      status: 409,
      body: {
        code: 'stale',
        by: 'Megan Bowen',
        message: expect.stringMatching(/^Al gedaan door Megan Bowen om /),
      },
    });
    expect(await version()).toBe(before + 1);

    const invalid = await tab.call(`${CASE}/contact`, {
      oid: MEGAN.userId,
      body: { ...contact, version: before + 1, kind: 'Postduif' },
    });
    expect(invalid).toMatchObject({
      status: 400,
      body: { code: 'invalid_input', fields: { kind: expect.any(String) } },
    });
    const noVersion = await tab.call(`${CASE}/outcome`, {
      oid: MEGAN.userId,
      body: { outcomeId: 'regeling' },
    });
    expect(noVersion).toMatchObject({ status: 400, body: { code: 'bad_request', fields: ['version'] } });
    expect(await version()).toBe(before + 1);
  });
});
