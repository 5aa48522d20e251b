import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../casework/ports.js';
import type { StepView } from '../casework/reads/views.js';
import { reportContent } from '../cli/report-content.js';
import { signalFor } from './helpers/casework-harness.js';
import { startTabBot, type TabBot } from './helpers/tab-api.js';
import { startTokenKeys, type TokenKeys } from './helpers/token-keys.js';

// Mijn taken's filters, search, sorting and paging; the covenants a member may filter on; the
// export download (issue 11). Signed in with a token from a local key set, over HTTP.

const NOW = DateTime.fromISO('2026-03-20T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
const SIT = 'sittard-geleen';
const sit = (userId: string, name: string, partnerId: string, roles: string[] = []): Member => ({
  userId,
  name,
  memberships: [{ covenantId: SIT, partnerId, roles, status: 'active' }],
});
const RUUD = sit('aad-ruud', 'Ruud Regisseur', 'gemeente-sittard-geleen', ['regisseur']);
const PIM = sit('aad-pim', 'Pim Welzijn', 'partners-in-welzijn');
const ZOE = sit('aad-zoe', 'Zoë Wonen', 'zowonen');
const ALEX: Member = {
  userId: 'aad-alex',
  name: 'Alex Wilber',
  memberships: [
    { covenantId: 'lekstroom', partnerId: 'mitros', roles: ['coordinator-vroeg-eropaf'], status: 'active' },
    { covenantId: 'dalfsen', partnerId: 'vechthorst', roles: [], status: 'active' },
    { covenantId: SIT, partnerId: 'zowonen', roles: [], status: 'pending' },
  ],
};

let keys: TokenKeys;
let tab: TabBot;
/** The cases by what they are: crisis and/or children, and the one the municipality took over. */
let ids: { both: string; children: string; crisis: string; plain: string; takenOver: string };

beforeEach(async () => {
  keys = await startTokenKeys();
  tab = await startTabBot(keys, () => NOW);
  const { casework, store } = tab.bot.app;
  for (const member of [RUUD, PIM, ZOE, ALEX]) await store.members.put(member);
  // Signal dates set the deadlines; each case its own house (else a signal joins the case).
  let house = 0;
  const at = async (signalDate: string, options: { crisis?: boolean; children?: number } = {}) =>
    (
      await casework.registerSignal(
        ZOE,
        signalFor(SIT, {
          signalDate,
          city: 'Sittard',
          postcode: '6131 AA',
          houseNumber: ++house,
          ...options,
        }),
      )
    ).caseId;
  ids = {
    plain: await at('2026-03-02'),
    both: await at('2026-03-16', { crisis: true, children: 2 }),
    children: await at('2026-03-03', { children: 1 }),
    crisis: await at('2026-03-17', { crisis: true }),
    takenOver: await at('2026-03-04'),
  };
  const version = (await store.cases.get(ids.takenOver))!.events.length;
  await casework.takeOverStep(RUUD, ids.takenOver, version);
});

afterEach(async () => {
  await tab.bot.stop();
  expect(tab.bot.logs.filter((line) => line.level >= 50)).toEqual([]);
  await keys.close();
});

const tasks = async (query: string, member: Member = RUUD) => {
  const answer = await tab.call(`/api/tab/tasks?${query}`, { oid: member.userId });
  expect(answer.status).toBe(200);
  const body = answer.body as { total: number; page: number; pageSize: number; items: StepView[] };
  return { ...body, ids: body.items.map((s) => s.caseId) };
};

describe('Mijn taken through the tab API', () => {
  it('filters on crisis, children and the responsible partner, alone and together', async () => {
    const all = await tasks(`covenant=${SIT}`);
    expect(all.total).toBe(5);
    expect((await tasks(`covenant=${SIT}&crisis=true`)).ids.sort()).toEqual([ids.both, ids.crisis].sort());
    expect((await tasks(`covenant=${SIT}&children=true`)).ids.sort()).toEqual(
      [ids.both, ids.children].sort(),
    );
    expect((await tasks(`covenant=${SIT}&children=true&crisis=true`)).ids).toEqual([ids.both]);
    expect((await tasks(`covenant=${SIT}&partner=gemeente-sittard-geleen`)).ids).toEqual([ids.takenOver]);
    const welzijnCrisis = await tasks(
      `covenant=${SIT}&partner=partners-in-welzijn&crisis=true&children=false`,
    );
    expect(welzijnCrisis.ids.sort()).toEqual([ids.both, ids.crisis].sort());
    // Without a covenant: my organisation's own steps, filtered the same way.
    expect((await tasks('crisis=true', PIM)).ids.sort()).toEqual([ids.both, ids.crisis].sort());
    expect((await tasks('', PIM)).total).toBe(4);
  });

  it('searches by (part of) the case id, in any case', async () => {
    const tail = ids.children.slice(-4);
    expect((await tasks(`covenant=${SIT}&q=${tail}`)).ids).toEqual([ids.children]);
    expect((await tasks(`covenant=${SIT}&q=${ids.crisis.toLowerCase()}`)).ids).toEqual([ids.crisis]);
    expect((await tasks(`covenant=${SIT}&q=nergens`)).total).toBe(0);
  });

  it('sorts by deadline (default), case id, partner or step, either way', async () => {
    const deadlines = (await tasks(`covenant=${SIT}`)).items.map((s) => s.deadline!);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(new Set(deadlines).size).toBeGreaterThan(2);
    const latestFirst = (await tasks(`covenant=${SIT}&order=desc`)).items.map((s) => s.deadline!);
    expect(latestFirst).toEqual([...deadlines].reverse());

    const byId = (await tasks(`covenant=${SIT}&sort=caseId`)).ids;
    expect(byId).toEqual(Object.values(ids).sort());
    expect((await tasks(`covenant=${SIT}&sort=caseId&order=desc`)).ids).toEqual([...byId].reverse());
    // Gemeente before Partners in Welzijn, and after it the other way round.
    expect((await tasks(`covenant=${SIT}&sort=partner`)).ids[0]).toBe(ids.takenOver);
    expect((await tasks(`covenant=${SIT}&sort=partner&order=desc`)).ids.at(-1)).toBe(ids.takenOver);
    const bySteps = (await tasks(`covenant=${SIT}&sort=step`)).items.map((s) => s.stepName!);
    expect(bySteps).toEqual([...bySteps].sort((a, b) => a.localeCompare(b, 'nl')));
  });

  it('pages after filtering, the total counting every match', async () => {
    const third = await tasks(`covenant=${SIT}&sort=caseId&pageSize=2&page=3`);
    expect(third).toMatchObject({ total: 5, page: 3, pageSize: 2, ids: [Object.values(ids).sort()[4]] });
    const crisisPage = await tasks(`covenant=${SIT}&crisis=true&pageSize=1&page=2`);
    expect(crisisPage).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(crisisPage.ids).toHaveLength(1);
    expect(await tasks(`covenant=${SIT}&page=9`)).toMatchObject({ total: 5, ids: [] });
  });

  it('refuses a query it does not know, naming each field', async () => {
    for (const [query, fields] of [
      ['sort=name', ['sort']],
      ['order=up&crisis=yes', ['crisis', 'order']],
      ['colour=red', ['colour']],
      ['children=1&page=0', ['children', 'page']],
    ] as const) {
      const answer = await tab.call(`/api/tab/tasks?${query}`, { oid: RUUD.userId, language: 'en' });
      expect(answer).toMatchObject({ status: 400, body: { code: 'bad_request' } });
      expect([...(answer.body as { fields: string[] }).fields].sort()).toEqual(fields);
      expect((answer.body as { message: string }).message).toMatch(/^[A-Z][a-z ]+.*: /);
    }
  });
});

describe('the covenants a member may filter on', () => {
  it('lists the active memberships with all partners, and whether the member coordinates', async () => {
    const answer = await tab.call('/api/tab/covenants', { oid: ALEX.userId });
    expect(answer.status).toBe(200);
    const covenants = answer.body as {
      id: string;
      name: string;
      partners: { id: string }[];
      coordinator: boolean;
    }[];
    expect(covenants.map((c) => [c.id, c.coordinator])).toEqual([
      ['dalfsen', false],
      ['lekstroom', true],
    ]);
    const lekstroom = covenants.find((c) => c.id === 'lekstroom')!;
    expect(lekstroom.partners.map((p) => p.id)).toEqual(
      tab.bot.app.casework.covenant('lekstroom').partners.map((p) => p.id),
    );
    expect(lekstroom.partners[0]).toEqual({ id: expect.any(String), name: expect.any(String) });
    const ruud = await tab.call('/api/tab/covenants', { oid: RUUD.userId });
    expect(ruud.body).toMatchObject([{ id: SIT, coordinator: true }]);
  });
});

describe('the export download', () => {
  const period = 'from=2026-01-01&to=2026-03-31';

  it('gives the coordinator the same CSV and JSON as npm run report, as an attachment, audited', async () => {
    const { casework, store } = tab.bot.app;
    const response = async (query: string) =>
      fetch(`${tab.bot.app.server.url}/api/tab/export?${query}`, {
        headers: { authorization: `Bearer ${keys.signed(tab.claims(RUUD.userId))}` },
      });
    const csv = await response(`covenant=${SIT}&${period}&format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="aanzet-${SIT}-cijfers-2026-01-01-2026-03-31.csv"`,
    );
    expect(csv.headers.get('cache-control')).toBe('no-store');
    const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    const expected = await casework.exportReport(RUUD, SIT, { from: '2026-01-01', to: '2026-03-31' }, 'csv');
    expect(csvText).toBe(reportContent(expected, 'csv', false));
    expect(csvText).toContain('Signalen ontvangen;');

    const cases = await response(`covenant=${SIT}&${period}&format=csv&cases=true`);
    const casesText = await cases.text();
    expect(cases.headers.get('content-disposition')).toContain('casussen');
    expect(casesText).toContain(ids.both);
    expect(casesText).not.toContain('de Vries');

    const json = await response(`covenant=${SIT}&${period}&format=json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.headers.get('content-disposition')).toContain('-ddas-2026-01-01-2026-03-31.json"');
    const ddas = (await json.json()) as unknown;
    expect(ddas).toEqual(JSON.parse(reportContent(expected, 'json', false)));
    expect(JSON.stringify(ddas)).not.toContain('de Vries');

    const exports = (await store.audit.list({ userId: RUUD.userId })).filter((a) => a.action === 'export');
    expect(exports.map((a) => a.detail.split(' (')[0])).toEqual([
      `export ${SIT} 2026-01-01..2026-03-31 csv`,
      `export ${SIT} 2026-01-01..2026-03-31 csv`,
      `export ${SIT} 2026-01-01..2026-03-31 csv`,
      `export ${SIT} 2026-01-01..2026-03-31 json`,
    ]);
  });

  it('refuses a caseworker (audited) and says what is wrong with a query', async () => {
    const refused = await tab.call(`/api/tab/export?covenant=${SIT}&${period}&format=csv`, {
      oid: PIM.userId,
      language: 'en',
    });
    expect(refused).toMatchObject({ status: 403, body: { code: 'coordinator_only' } });
    expect((refused.body as { message: string }).message).toMatch(/^Only the /);
    const audit = await tab.bot.app.store.audit.list({ userId: PIM.userId });
    expect(audit.map((a) => a.action)).toEqual(['refused']);

    const bad = await tab.call(`/api/tab/export?covenant=${SIT}&${period}&format=xlsx`, { oid: RUUD.userId });
    expect(bad).toMatchObject({ status: 400, body: { code: 'bad_request', fields: ['format'] } });
    const unknown = await tab.call(`/api/tab/export?covenant=nergens&${period}&format=csv`, {
      oid: RUUD.userId,
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'unknown_covenant' } });
  });
});

describe('demo members', () => {
  it('do not exist for a signed-in tab', async () => {
    const answer = await tab.call('/api/tab/demo-members', { oid: RUUD.userId });
    expect(answer.status).toBe(404);
    expect(answer.text).not.toContain('Ruud');
  });
});

describe('signing in', () => {
  it('every new route wants a valid token, and a refused one leaves no trace', async () => {
    const forged = { authorization: 'Bearer a.b.c' };
    for (const path of [
      '/api/tab/covenants',
      `/api/tab/tasks?covenant=${SIT}&crisis=true`,
      `/api/tab/export?covenant=${SIT}&from=2026-01-01&to=2026-03-31&format=csv`,
    ])
      expect(await tab.call(path, forged), path).toMatchObject({ status: 401, text: '' });
    for (const route of ['take-over', 'postpone', 'note'])
      expect(
        await tab.call(`/api/tab/cases/${ids.both}/${route}`, { ...forged, body: { version: 1 } }),
        route,
      ).toMatchObject({
        status: 401,
        text: '',
      });
    expect((await tab.bot.app.store.audit.list({})).filter((a) => a.action !== 'change')).toEqual([]);
  });
});
