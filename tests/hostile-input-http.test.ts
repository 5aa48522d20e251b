import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import type { Member } from '../casework/ports.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import { startFakeConnector, type FakeConnector, type SentActivity } from './helpers/fake-connector.js';
import { signalFor } from './helpers/casework-harness.js';
import { renderCard, visibleText } from './helpers/render-card.js';
import { TeamsClient, type TeamsUser, teamsUser as user, personalChat } from './helpers/teams-client.js';
import { validateCard } from './helpers/validate-card.js';
import { ARREARS, HOUSEHOLD } from './fixtures/card-inputs.js';
import {
  HIDDEN_CHARACTERS,
  HOSTILE_NAME,
  HOSTILE_NAME_SHOWN,
  HOSTILE_STRINGS,
  type HostileString,
} from './fixtures/hostile-strings.js';
import { dataOf, inputValue } from './helpers/card-parts.js';

// Free text is inert (DESIGN.md, decision 10; Testing, "hostile input"): every string of the
// catalogue goes through every input over HTTP, as Teams sends it (household name, street and
// city, a note, a postpone reason, the text of a command, the user's Teams display name), and
// every card that comes back or is sent proactively is drawn by the Adaptive Cards renderer with
// markdown-it (tests/helpers/render-card.ts). No card may hold a link, a mention or a hidden
// character, and the reader must still see the words that were typed, as text.
// Drawing a card in jsdom takes about 0.1 s: these tests get more time than the default.

const DRAWING = 120_000;

const TENANT = 'tenant-a';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL
const CARLA = user('Carla van Dalen', 'carla'); // Nieuwegein, the covenant's coordinator
const MALLORY = user(HOSTILE_NAME, 'mallory'); // asks to join WIL
const chat = (who: TeamsUser) => personalChat(who, TENANT);
const amsterdam = (when: string) => DateTime.fromISO(when, { zone: 'Europe/Amsterdam' }).toJSDate();

/** The limits of casework/commands/inputs.ts, to know which values must be refused. */
const LIMITS = { name: 120, street: 120, city: 80, note: 2000, reason: 500 };

let connector: FakeConnector;
let app: App;
let client: TeamsClient;
let now: Date;
let dataDir: string;
/** Every card answered to an invoke; the connector keeps the ones sent as messages. */
let invokeCards: AdaptiveCard[];

beforeEach(async () => {
  connector = await startFakeConnector();
  now = amsterdam('2026-03-09T10:00');
  invokeCards = [];
  dataDir = mkdtempSync(join(tmpdir(), 'aanzet-hostile-'));
  const config = readConfig({ PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off' });
  app = await startApp(config, { clock: () => now, logger: pino({ level: 'silent' }) });
  client = new TeamsClient(app.server.url, connector.url);
  const membership = (partnerId: string, roles: string[] = []) => ({
    covenantId: 'lekstroom',
    partnerId,
    roles,
    status: 'active' as const,
  });
  const members: Member[] = [
    { userId: SANNE.aadObjectId, name: SANNE.name, memberships: [membership('mitros')] },
    { userId: AHMED.aadObjectId, name: AHMED.name, memberships: [membership('wil')] },
    {
      userId: CARLA.aadObjectId,
      name: CARLA.name,
      memberships: [membership('gemeente-nieuwegein', ['coordinator-vroeg-eropaf'])],
    },
  ];
  for (const m of members) await app.store.members.put(m);
  for (const who of [SANNE, AHMED, CARLA]) await say(who, 'help');
});

afterEach(async () => {
  await app.stop();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Talking to the bot

function cardsOf(sent: SentActivity): AdaptiveCard[] {
  return (sent.activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as AdaptiveCard);
}

const sentTo = (who: TeamsUser) => connector.sent.filter((s) => s.conversationId === chat(who).id);

/** The bot's reply to this message; notices for this user may arrive in the same chat meanwhile. */
async function say(who: TeamsUser, text: string): Promise<AdaptiveCard> {
  const before = sentTo(who).length;
  expect((await client.message(who, chat(who), text)).status).toBe(200);
  const said = client.lastActivityId;
  const reply = () =>
    sentTo(who)
      .slice(before)
      .find((s) => s.replyToId === said);
  await connector.waitFor(() => reply() !== undefined);
  return cardsOf(reply()!)[0]!;
}

async function invoke(who: TeamsUser, verb: string, data: Record<string, unknown>): Promise<AdaptiveCard> {
  const response = await client.invoke(who, chat(who), verb, data);
  expect(response.status).toBe(200);
  const card = (response.body as { value: AdaptiveCard }).value;
  invokeCards.push(card);
  return card;
}

const click = (who: TeamsUser, card: AdaptiveCard, verb: string, inputs: Record<string, unknown> = {}) =>
  invoke(who, verb, { ...dataOf(card, verb), ...inputs });

// ---------------------------------------------------------------------------------------------
// Reading a card as a person does

/** WebChat's typographer curls straight quotes; the words are the same. */
const straightQuotes = (text: string) => text.replace(/[“”„]/g, '"').replace(/[‘’]/g, "'");

const read = (card: AdaptiveCard) => straightQuotes(visibleText(renderCard(card)));

/** The checks every card gets: valid, no link, no mention, nothing hidden, no raw HTML element. */
function expectInert(card: AdaptiveCard, where: string): void {
  expect(validateCard(card), where).toEqual([]);
  expect(JSON.stringify(card), `${where}: a mention entity`).not.toMatch(/"mention"|"entities"/);
  const drawn = renderCard(card);
  expect(drawn.querySelectorAll('a, [href], at, img, b, script').length, `${where}: ${drawn.innerHTML}`).toBe(
    0,
  );
  expect(visibleText(drawn), `${where}: a hidden character`).not.toMatch(HIDDEN_CHARACTERS);
}

function everyCard(): AdaptiveCard[] {
  return [...invokeCards, ...connector.sent.flatMap(cardsOf)];
}

const refused = (entry: HostileString, limit: number) => entry.shows === '' || entry.shows.length > limit;

// ---------------------------------------------------------------------------------------------
// The tests

describe('hostile strings in the household of a new signal', () => {
  it(
    'shows each name, street and city as typed text on every card, or refuses it at its field',
    async () => {
      let houseNumber = 0;
      const opened: { entry: HostileString; caseId: string }[] = [];
      for (const entry of HOSTILE_STRINGS) {
        houseNumber += 1;
        const household = await say(SANNE, 'nieuw signaal');
        const typed = {
          ...HOUSEHOLD,
          municipalityId: 'gemeente-nieuwegein', // the city typed is none of the covenant's municipalities
          houseNumber: String(houseNumber),
          name: entry.value,
          street: entry.value,
          city: entry.value,
        };
        const next = await click(SANNE, household, 'signal.household', typed);
        const nameRefused = refused(entry, LIMITS.name);
        const cityRefused = refused(entry, LIMITS.city);
        if (nameRefused || cityRefused) {
          // The same card, the values as typed in their inputs (not Markdown, kept raw), the message at the field.
          const text = read(next);
          expect(text, entry.what).toContain('Stap 1 van 3');
          expect(text, entry.what).toMatch(cityRefused ? /vul de plaats in|de plaats is te lang/ : /./);
          if (nameRefused) expect(text, entry.what).toMatch(/vul de naam in|de naam is te lang/);
          // (The register flow keeps values trimmed, as it did before.)
          for (const id of ['name', 'street', 'city'])
            expect(inputValue(next, id), entry.what).toBe(entry.value.trim());
          await click(SANNE, next, 'signal.cancel');
          continue;
        }
        const confirm = await click(SANNE, next, 'signal.arrears', ARREARS);
        expect(read(confirm), entry.what).toContain(
          `${entry.shows}, ${entry.shows} ${houseNumber}, 3437 AB ${entry.shows}`,
        );
        const done = await click(SANNE, confirm, 'signal.confirm', {
          familyWithChildren: 'false',
          welfareConcern: 'false',
        });
        const caseId = /LEK-2026-\d{4}/.exec(read(done))?.[0];
        if (!caseId) throw new Error(`${entry.what}: ${read(done)}`);
        opened.push({ entry, caseId });
        const record = await app.store.cases.get(caseId);
        expect(record?.personal?.name, entry.what).toBe(entry.shows);
        expect(record?.personal?.city, entry.what).toBe(entry.shows);
      }
      expect(opened.length).toBeGreaterThan(10);

      // WIL reads the cases with their personal data.
      for (const { entry, caseId } of opened) {
        const text = read(await say(AHMED, `wie is aan zet ${caseId}`));
        expect(text, entry.what).toContain(`Naam ${entry.shows}`);
        expect(text, entry.what).toContain(`Adres ${entry.shows} `);
        expect(text, entry.what).toContain(`, 3437 AB ${entry.shows}`);
      }
      await say(AHMED, 'mijn taken');
      await say(AHMED, 'overzicht');
      await say(CARLA, 'rapportage');

      const cards = everyCard();
      expect(cards.length).toBeGreaterThan(4 * opened.length);
      cards.forEach((card, i) => expectInert(card, `card ${i}`));
    },
    DRAWING,
  );

  it(
    'shows postcodes and phone numbers normalised: 3437 AB, 06-12345678, 030-1234567',
    async () => {
      const numbers = [
        { postcode: '3437ab', phone: '0612345678', shows: ['3437 AB', '06-12345678'] },
        { postcode: '3437 ab', phone: '+31 6 1234 5678', shows: ['3437 AB', '06-12345678'] },
        { postcode: '3511AB', phone: '030 123 45 67', shows: ['3511 AB', '030-1234567'] },
        { postcode: '3431 AB', phone: '0348-123456', shows: ['3431 AB', '0348-123456'] },
      ];
      let houseNumber = 40;
      for (const { postcode, phone, shows } of numbers) {
        houseNumber += 1;
        const household = await say(SANNE, 'nieuw signaal');
        const next = await click(SANNE, household, 'signal.household', {
          ...HOUSEHOLD,
          houseNumber: String(houseNumber),
          postcode,
          phone,
        });
        const confirm = await click(SANNE, next, 'signal.arrears', ARREARS);
        expect(read(confirm)).toContain(`Dukatenburg ${houseNumber}, ${shows[0]} Nieuwegein`);
        const done = await click(SANNE, confirm, 'signal.confirm', {
          familyWithChildren: 'false',
          welfareConcern: 'false',
        });
        const caseId = /LEK-2026-\d{4}/.exec(read(done))![0];
        const text = read(await say(AHMED, `wie is aan zet ${caseId}`));
        expect(text).toContain(`Dukatenburg ${houseNumber}, ${shows[0]} Nieuwegein`);
        expect(text).toContain(`Telefoon ${shows[1]}`);
        expect((await app.store.cases.get(caseId))?.personal).toMatchObject({ phone: shows[1] });
      }
      everyCard().forEach((card, i) => expectInert(card, `card ${i}`));
    },
    DRAWING,
  );
});

describe('hostile strings in notes, postpone reasons and commands', () => {
  it(
    'shows each note and reason as typed text, refuses the empty and the too long, and echoes commands inertly',
    async () => {
      const sanne = (await app.store.members.get(SANNE.aadObjectId))!;
      let houseNumber = 60;
      const tooLong = {
        what: 'longer than any limit',
        value: `${'x'.repeat(2001)} [klik](https://evil.example)`,
        shows: `${'x'.repeat(2001)} [klik](https://evil.example)`,
      };
      for (const entry of [...HOSTILE_STRINGS, tooLong]) {
        houseNumber += 1;
        const { caseId } = await app.casework.registerSignal(sanne, signalFor('lekstroom', { houseNumber }));
        const version = (await app.store.cases.getSummary(caseId))!.version;

        const noteForm = await invoke(AHMED, 'case.noteForm', { caseId, version });
        const afterNote = await click(AHMED, noteForm, 'case.note', { text: entry.value });
        if (refused(entry, LIMITS.note)) {
          expect(read(afterNote), entry.what).toMatch(/vul de notitie in|de notitie is te lang/);
          expect(inputValue(afterNote, 'text'), entry.what).toBe(entry.value);
        } else expect(read(afterNote), entry.what).toContain(entry.shows);

        const current = (await app.store.cases.getSummary(caseId))!.version;
        const postponeForm = await invoke(AHMED, 'case.postponeForm', { caseId, version: current });
        const afterPostpone = await click(AHMED, postponeForm, 'case.postpone', {
          until: '2026-03-30',
          reason: entry.value,
        });
        if (refused(entry, LIMITS.reason)) {
          expect(read(afterPostpone), entry.what).toMatch(/vul de reden in|de reden is te lang/);
          expect(inputValue(afterPostpone, 'reason'), entry.what).toBe(entry.value);
        } else
          expect(read(afterPostpone), entry.what).toContain(
            `Uitgesteld tot maandag 30 maart 2026 door Ahmed El Amrani: ${entry.shows}`,
          );

        // The text of a command is quoted back in the help card; an unknown case id in an error.
        await say(AHMED, entry.value.slice(0, 200));
        await say(AHMED, `wie is aan zet ${entry.value.slice(0, 200)}`);
      }
      everyCard().forEach((card, i) => expectInert(card, `card ${i}`));
    },
    DRAWING,
  );
});

describe('a hostile Teams display name', () => {
  it(
    'is cleaned at the bot edge and shown as text on the welcome, approval, result and stale cards',
    async () => {
      // A welcome for every name in the catalogue.
      for (const [i, entry] of HOSTILE_STRINGS.entries()) {
        const visitor = user(entry.value, `visitor-${i}`);
        await client.installed(visitor, chat(visitor));
        await connector.waitFor(() => sentTo(visitor).length === 1);
        const welcome = read(cardsOf(sentTo(visitor)[0]!)[0]!);
        const name = entry.shows.length > 100 ? `${entry.shows.slice(0, 99)}…` : entry.shows;
        expect(welcome, entry.what).toContain(`Welkom, ${name}`);
      }

      // Mallory asks to join WIL; Carla, the coordinator, gets the approval card and approves.
      const prompt = await say(MALLORY, 'mijn taken'); // not a member yet: the onboarding card
      const requested = await click(MALLORY, prompt, 'onboarding.request', { organisation: 'lekstroom|wil' });
      expect(read(requested)).toContain('WIL');
      await connector.waitFor(() => sentTo(CARLA).length === 2);
      const approval = cardsOf(sentTo(CARLA)[1]!)[0]!;
      expect(read(approval)).toContain(HOSTILE_NAME_SHOWN);
      const result = await click(CARLA, approval, 'onboarding.approve');
      expect(read(result)).toContain(HOSTILE_NAME_SHOWN);
      const mallory = await app.store.members.get(MALLORY.aadObjectId);
      expect(mallory?.name).toBe(HOSTILE_NAME_SHOWN);

      // Mallory logs a contact attempt; Ahmed's card was older: "al gedaan door" Mallory.
      const sanne = (await app.store.members.get(SANNE.aadObjectId))!;
      const { caseId } = await app.casework.registerSignal(sanne, signalFor('lekstroom'));
      const ahmedsCase = await say(AHMED, `wie is aan zet ${caseId}`);
      const ahmedsForm = await click(AHMED, ahmedsCase, 'case.contactForm');
      const mallorysCase = await say(MALLORY, `wie is aan zet ${caseId}`);
      const mallorysForm = await click(MALLORY, mallorysCase, 'case.contactForm');
      const contact = { kind: 'Huisbezoek', reached: 'false', date: '2026-03-09', daypart: 'Ochtend' };
      const logged = await click(MALLORY, mallorysForm, 'case.contact', contact);
      expect(read(logged)).toContain(HOSTILE_NAME_SHOWN); // the timeline names who did it
      const stale = await click(AHMED, ahmedsForm, 'case.contact', contact);
      expect(read(stale)).toContain(`Al gedaan door ${HOSTILE_NAME_SHOWN}`);
      // The people at WIL, on the case card.
      expect(read(await say(AHMED, `wie is aan zet ${caseId}`))).toContain(HOSTILE_NAME_SHOWN);

      everyCard().forEach((card, i) => expectInert(card, `card ${i}`));
    },
    DRAWING,
  );
});

describe('commands', () => {
  it('find the case when the pasted case id carries invisible characters', async () => {
    const sanne = (await app.store.members.get(SANNE.aadObjectId))!;
    const { caseId } = await app.casework.registerSignal(sanne, signalFor('lekstroom'));
    const pasted = `wie is aan zet \u200B${caseId.replace('-', '-\u2060')}\u202C\u0000`;
    expect(read(await say(AHMED, pasted))).toContain(`Casus ${caseId}`);
  });
});

describe('ordinary names', () => {
  it(
    'reach the reader without a backslash',
    async () => {
      const sanne = (await app.store.members.get(SANNE.aadObjectId))!;
      const { caseId } = await app.casework.registerSignal(sanne, signalFor('lekstroom'));
      const card = await say(AHMED, `wie is aan zet ${caseId}`);
      expect(JSON.stringify(card)).not.toContain('\\\\');
      const text = read(card);
      for (const words of [
        'J. de Vries',
        'Dukatenburg 12, 3437 AB Nieuwegein',
        '06-12345678',
        'Ahmed El Amrani',
      ])
        expect(text).toContain(words);
      expect(text).not.toContain('\\');
    },
    DRAWING,
  );
});
