import { DateTime } from 'luxon';
import { texts } from '../cards/texts.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../casework/ports.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { signalFor } from './helpers/casework-harness.js';
import { freshServerDatabase, type ServerDatabase } from './helpers/postgres.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import { startRunningBot, type RunningBot } from './helpers/running-bot.js';
import type { Conversation, TeamsUser } from './helpers/teams-client.js';
import { validateCard } from './helpers/validate-card.js';

// The compose box over HTTP, through the real restify server and CloudAdapter: searching cases
// (composeExtension/query) and pasting a link to one (composeExtension/queryLink). Each answer is
// the invoke response, a list of compact status cards: only cases the searcher may see, never
// personal data. Lekstroom's first step is WIL's, together with the corporation that signalled.
// On the embedded store, and on PostgreSQL when DATABASE_URL names a server.

const NOW = DateTime.fromISO('2026-03-10T10:00', { zone: 'Europe/Amsterdam' }).toJSDate();
const DOMAIN = 'aanzet.example.org';

const member = (
  userId: string,
  name: string,
  covenantId: string,
  partnerId: string,
  extra: Partial<Member['memberships'][number]> = {},
): Member => ({
  userId,
  name,
  memberships: [{ covenantId, partnerId, roles: [], status: 'active', ...extra }],
});

const SANNE = member('aad-sanne', 'Sanne Bakker', 'lekstroom', 'mitros');
const PIM = member('aad-pim', 'Pim Jansen', 'lekstroom', 'portaal');
const WIM = member('aad-wim', 'Wim de Groot', 'lekstroom', 'wil');
const CORA = member('aad-cora', 'Cora Smit', 'lekstroom', 'coordinator-vroeg-eropaf', {
  roles: ['coordinator-vroeg-eropaf'],
});
const DIRK = member('aad-dirk', 'Dirk Mulder', 'dalfsen', 'vechthorst');
const PETRA = member('aad-petra', 'Petra Vos', 'lekstroom', 'viveste', { status: 'pending' });
const NOBODY = { id: '29:nobody', aadObjectId: 'aad-nobody', name: 'Niemand Bekend' };

const teamsUser = (m: Member): TeamsUser => ({ id: `29:${m.userId}`, aadObjectId: m.userId, name: m.name });
const GROUP: Conversation = { id: '19:group-chat', conversationType: 'groupChat', tenantId: 'local' };

/** The personal data of every household registered here: none of it may show. */
const PERSONAL = ['J. de Vries', 'Dukatenburg', '06-12345678', '06 12345678', '3437', '3438', '7721'];

interface ExtensionResponse {
  composeExtension: {
    type: 'result' | 'message';
    text?: string;
    attachmentLayout?: string;
    attachments?: {
      contentType: string;
      content: AdaptiveCard;
      preview: { contentType: string; content: { title: string; subtitle: string; text: string } };
    }[];
  };
}

const SERVER = process.env.DATABASE_URL;
const ENGINES = ['lowdb', ...(SERVER ? ['PostgreSQL'] : [])];

describe.each(ENGINES)('the compose box on %s', (engine) => {
  let connector: FakeConnector;
  let bot: RunningBot;
  /** Sanne's cases at 3437 AB 2..28 (27 of them, LEK-2026-0001 to 0027), Pim's at 3438 CD. */
  const sannesCases: string[] = [];
  let pimsCase = '';
  let dirksCase = '';

  let database: ServerDatabase | undefined;

  beforeAll(async () => {
    connector = await startFakeConnector();
    database = engine === 'PostgreSQL' ? await freshServerDatabase(SERVER!) : undefined;
    bot = await startRunningBot({
      connectorUrl: connector.url,
      clock: () => NOW,
      env: { AANZET_DOMAIN: DOMAIN, ...(database ? { DATABASE_URL: database.url } : {}) },
      configOptions: { localModeWithDatabaseForTests: true },
    });
    for (const m of [SANNE, PIM, WIM, CORA, DIRK, PETRA]) await bot.app.store.members.put(m);
    const casework = bot.app.casework;
    for (let house = 2; house <= 28; house++) {
      const registered = await casework.registerSignal(
        SANNE,
        signalFor('lekstroom', {
          postcode: '3437 AB',
          houseNumber: house,
          signalDate: '2026-03-0' + (1 + (house % 9)),
        }),
      );
      sannesCases.push(registered.loaded.record.id);
    }
    pimsCase = (await casework.registerSignal(PIM, signalFor('lekstroom', { postcode: '3438 CD' }))).loaded
      .record.id;
    dirksCase = (
      await casework.registerSignal(DIRK, signalFor('dalfsen', { postcode: '7721 AB', city: 'Dalfsen' }))
    ).loaded.record.id;
  }, 60_000);

  afterAll(async () => {
    await bot.stop();
    await connector.close();
    await database?.cleanup();
  });

  async function search(
    who: Member | TeamsUser,
    text: string | undefined,
    options: { skip?: number; count?: number; locale?: string } = {},
  ): Promise<ExtensionResponse> {
    const user = 'userId' in who ? teamsUser(who) : who;
    const { status, body } = await bot.client.search(user, GROUP, text, options);
    expect(status).toBe(200);
    return body as ExtensionResponse;
  }

  async function unfurl(who: Member | TeamsUser, url: string, locale?: string): Promise<ExtensionResponse> {
    const user = 'userId' in who ? teamsUser(who) : who;
    const { status, body } = await bot.client.queryLink(user, GROUP, url, locale);
    expect(status).toBe(200);
    return body as ExtensionResponse;
  }

  const found = (response: ExtensionResponse) =>
    (response.composeExtension.attachments ?? []).map((a) => a.preview.content.title);
  const newestFirst = (ids: string[]) => [...ids].sort().reverse();
  const localTab = (caseId: string) =>
    `${bot.app.server.url.replace('127.0.0.1', 'localhost')}/tab/#/case/${caseId}`;

  it.runIf(engine === 'PostgreSQL')('holds its cases in the PostgreSQL database', async () => {
    const { rows } = await database!.pool().query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(rows[0]!.n).toBe(29);
  });

  describe('searching cases from the compose box', () => {
    it('lists the cases of the partner it takes part in by case id, newest first, as compact status cards with a preview', async () => {
      const response = await search(SANNE, 'lek-2026');
      expect(response.composeExtension).toMatchObject({ type: 'result', attachmentLayout: 'list' });
      expect(found(response)).toEqual(newestFirst(sannesCases).slice(0, 25));
      const first = response.composeExtension.attachments![0]!;
      expect(first.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(validateCard(first.content)).toEqual([]);
      expect(JSON.stringify(first.content)).toContain(`Status ${first.preview.content.title}`);
      expect(first.content.actions).toEqual([
        { type: 'Action.OpenUrl', title: 'Openen in AanZet', url: localTab(first.preview.content.title) },
      ]);
      // It stays current where it is inserted: Teams asks for the case as it is now (no user list).
      expect(first.content.refresh).toEqual({
        action: {
          type: 'Action.Execute',
          title: texts('nl').refresh.action,
          verb: 'status.refresh',
          data: { verb: 'status.refresh', caseId: first.preview.content.title },
        },
      });
      expect(first.preview).toEqual({
        contentType: 'application/vnd.microsoft.card.thumbnail',
        content: {
          title: first.preview.content.title,
          subtitle: 'Gezamenlijk huisbezoek (corporatie + WIL)',
          text: expect.stringMatching(
            /^Aan zet: WIL — Werk en Inkomen Lekstroom · Termijn: \w+dag \d+ maart 2026 \(over \d+ werkdagen\)$/,
          ) as unknown as string,
        },
      });
    });

    it('finds one case by its id as typed (lower case, without the leading zeros)', async () => {
      expect(found(await search(SANNE, 'lek-2026-3'))).toEqual(['LEK-2026-0003']);
      expect(found(await search(SANNE, '0027'))).toEqual(['LEK-2026-0027']);
    });

    it("leaves out a case of a partner that does not take part in it: Pim's for Sanne, Sanne's for Pim", async () => {
      expect(found(await search(SANNE, pimsCase))).toEqual([]);
      expect(found(await search(PIM, 'LEK'))).toEqual([pimsCase]);
      expect(found(await search(PIM, sannesCases[0]!))).toEqual([]);
    });

    it("shows the coordinator every case of the covenant, and nobody another covenant's cases", async () => {
      expect(found(await search(CORA, 'LEK', { count: 25 }))).toHaveLength(25);
      expect(found(await search(CORA, pimsCase))).toEqual([pimsCase]);
      expect(found(await search(CORA, 'DAL'))).toEqual([]);
      expect(found(await search(SANNE, dirksCase))).toEqual([]);
      expect(found(await search(DIRK, 'LEK'))).toEqual([]);
      expect(found(await search(DIRK, 'dal-2026'))).toEqual([dirksCase]);
    });

    it("finds cases by the responsible partner's name or id, among those the searcher may see", async () => {
      expect(found(await search(PIM, 'werk en inkomen'))).toEqual([pimsCase]);
      expect(found(await search(PIM, 'wil'))).toEqual([pimsCase]);
      expect(found(await search(SANNE, 'Portaal'))).toEqual([]);
    });

    it("matches a postcode only for the step's holder and the coordinator, and audits it as a read of personal data", async () => {
      // WIL holds the open step of every case; Mitros signalled them and works along, but holds no step.
      expect(found(await search(WIM, '3438 cd'))).toEqual([pimsCase]);
      expect(found(await search(CORA, '3438CD'))).toEqual([pimsCase]);
      expect(found(await search(PIM, '3438 CD'))).toEqual([]);
      expect(found(await search(SANNE, '3437 AB'))).toEqual([]);
      // A part of a postcode finds nothing: it would be a way to fish for addresses.
      expect(found(await search(WIM, '3438'))).toEqual([]);
      const audit = await bot.app.store.audit.list({ caseId: pimsCase });
      expect(
        audit
          .filter((e) => e.detail === 'found by postcode search')
          .map((e) => e.userId)
          .sort(),
      ).toEqual([CORA.userId, WIM.userId]);
    });

    it('pages as Teams asks, 25 at most a page, the pages together every match once', async () => {
      const first = found(await search(SANNE, 'LEK', { skip: 0, count: 25 }));
      const second = found(await search(SANNE, 'LEK', { skip: 25, count: 25 }));
      expect(first).toHaveLength(25);
      expect([...first, ...second]).toEqual(newestFirst(sannesCases));
      expect(found(await search(SANNE, 'LEK', { skip: 0, count: 100 }))).toHaveLength(25);
      expect(found(await search(SANNE, 'LEK', { skip: 10, count: 5 }))).toEqual(first.slice(10, 15));
      expect(found(await search(SANNE, 'LEK', { skip: 50, count: 25 }))).toEqual([]);
    });

    it("without text (the initial run) lists the searcher's own open steps, soonest deadline first", async () => {
      const wims = found(await search(WIM, undefined));
      expect(wims).toHaveLength(25);
      const deadlines = await Promise.all(
        wims.map(async (id) => (await bot.app.store.cases.getSummary(id))!.deadline!),
      );
      expect(deadlines).toEqual([...deadlines].sort());
      // Sanne's organisation holds no step of its own: nothing to list.
      expect(found(await search(SANNE, undefined))).toEqual([]);
      expect(found(await search(SANNE, '   '))).toEqual([]);
    });

    it('tells someone AanZet does not know, and a member awaiting approval, why nothing is found, in their language', async () => {
      expect((await search(NOBODY, 'LEK')).composeExtension).toEqual({
        type: 'message',
        text: 'Je bent nog geen lid van een convenant in AanZet. Stuur AanZet een bericht in een persoonlijk gesprek om je aan te melden.',
      });
      expect((await search(NOBODY, 'LEK', { locale: 'en-GB' })).composeExtension.text).toMatch(
        /^You are not a member of a covenant in AanZet yet\./,
      );
      expect((await search(PETRA, 'LEK')).composeExtension.text).toMatch(
        /^Je aanvraag ligt nog bij de coördinator/,
      );
      expect((await search(PETRA, 'LEK', { locale: 'en-US' })).composeExtension.text).toMatch(
        /^Your request is still with the covenant's coordinator\./,
      );
    });

    it('shows no personal data: no name, street, phone or postcode in any card or preview', async () => {
      const answers = [
        await search(SANNE, 'LEK'),
        await search(WIM, '3437 AB'),
        await search(CORA, '3438 CD'),
        await search(WIM, undefined),
        await search(DIRK, 'DAL'),
        await unfurl(SANNE, `https://${DOMAIN}/tab/#/case/${sannesCases[0]}`),
      ];
      expect(answers.flatMap(found).length).toBeGreaterThan(50);
      for (const answer of answers) {
        // Without the links' host: the test server's port (33437, say) is no postcode.
        const json = JSON.stringify(answer).replace(/https?:\/\/[^/"]+/g, 'https://host');
        for (const personal of PERSONAL) expect(json).not.toContain(personal);
      }
    });

    it('answers in English for an English client, with no word of Dutch from the catalogue', async () => {
      const [first] = (await search(SANNE, 'LEK', { locale: 'en-US' })).composeExtension.attachments!;
      expect(first!.preview.content.subtitle).toBe('Joint home visit (corporation + WIL)');
      expect(first!.preview.content.text).toMatch(
        /^Responsible: WIL — Werk en Inkomen Lekstroom · Deadline: \w+day \d+ March 2026 \(in \d+ working days\)$/,
      );
      expect(first!.content.actions).toEqual([
        { type: 'Action.OpenUrl', title: 'Open in AanZet', url: localTab(first!.preview.content.title) },
      ]);
      const json = JSON.stringify(first);
      for (const dutch of ['Aan zet', 'Termijn', 'Openen', 'Stap', 'voorbeeld', 'werkdag', 'maart'])
        expect(json).not.toContain(dutch);
      const [dutchFirst] = (await search(SANNE, 'LEK')).composeExtension.attachments!;
      const dutchJson = JSON.stringify(dutchFirst);
      for (const english of ['Responsible', 'Deadline', 'Open in', 'Step', 'example', 'working day', 'March'])
        expect(dutchJson).not.toContain(english);
    });

    it('takes hostile text as text: controls and invisible characters out, LIKE and SQL characters as they are', async () => {
      expect(found(await search(SANNE, 'LEK\u0000-2026-0003'))).toEqual(['LEK-2026-0003']);
      expect(found(await search(SANNE, '\u200bLEK-2026-0003\u202e'))).toEqual(['LEK-2026-0003']);
      for (const text of ['%', '_', 'LEK%0003', "'; DROP TABLE cases; --", 'x'.repeat(10_000)])
        expect((await search(SANNE, text)).composeExtension, text.slice(0, 30)).toEqual({
          type: 'result',
          attachmentLayout: 'list',
          attachments: [],
        });
      expect(found(await search(SANNE, 'LEK-2026-0003'))).toEqual(['LEK-2026-0003']);
    });

    it('keeps no conversation it was used in as a place to send to', async () => {
      await search(SANNE, 'LEK');
      expect(await bot.app.store.conversations.get(GROUP.id)).toBeUndefined();
    });
  });

  describe('a link to a case pasted in the compose box', () => {
    it('shows the same compact card as the search, for the tab on the own domain and its variants', async () => {
      const caseId = sannesCases[2]!;
      const searched = (await search(SANNE, caseId)).composeExtension.attachments!;
      for (const url of [
        `https://${DOMAIN}/tab/#/case/${caseId}`,
        `https://${DOMAIN.toUpperCase()}/tab/?view=tasks#/case/${caseId}`,
        `https://${DOMAIN}/tab/index.html#/case/${encodeURIComponent(caseId.toLowerCase())}`,
        localTab(caseId),
      ]) {
        const response = await unfurl(SANNE, url);
        expect(response.composeExtension, url).toEqual({
          type: 'result',
          attachmentLayout: 'list',
          attachments: searched,
        });
      }
    });

    it('shows the card to a member of the covenant, as `status <id>` would', async () => {
      expect(found(await unfurl(PIM, `https://${DOMAIN}/tab/#/case/${sannesCases[0]}`))).toEqual([
        sannesCases[0],
      ]);
      expect(found(await unfurl(CORA, `https://${DOMAIN}/tab/#/case/${sannesCases[0]}`))).toEqual([
        sannesCases[0],
      ]);
    });

    it('shows nothing for another host, another page, an unknown case, another covenant, an unknown user or one awaiting approval', async () => {
      const link = `https://${DOMAIN}/tab/#/case/${sannesCases[0]}`;
      const nothing = { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } };
      expect(await unfurl(SANNE, `https://evil.example.org/tab/#/case/${sannesCases[0]}`)).toEqual(nothing);
      expect(await unfurl(SANNE, `http://${DOMAIN}/tab/#/case/${sannesCases[0]}`)).toEqual(nothing);
      expect(await unfurl(SANNE, `https://${DOMAIN}/privacy#/case/${sannesCases[0]}`)).toEqual(nothing);
      expect(await unfurl(SANNE, `https://${DOMAIN}/tab/#/tasks`)).toEqual(nothing);
      expect(await unfurl(SANNE, `https://${DOMAIN}/tab/#/case/LEK-2026-0999`)).toEqual(nothing);
      expect(await unfurl(SANNE, 'not a link at all')).toEqual(nothing);
      expect(await unfurl(DIRK, link)).toEqual(nothing);
      expect(await unfurl(SANNE, `https://${DOMAIN}/tab/#/case/${dirksCase}`)).toEqual(nothing);
      expect(await unfurl(NOBODY, link)).toEqual(nothing);
      expect(await unfurl(PETRA, link)).toEqual(nothing);
    });

    it('in English for an English client', async () => {
      const [card] = (await unfurl(SANNE, `https://${DOMAIN}/tab/#/case/${sannesCases[0]}`, 'en-US'))
        .composeExtension.attachments!;
      expect(card!.content.actions?.[0]).toMatchObject({ title: 'Open in AanZet' });
      expect(JSON.stringify(card)).not.toContain('Termijn');
    });
  });
});
