import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PrivateConversationState, TestAdapter, type Activity } from 'botbuilder';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AanZetBot } from '../bot/aanzet-bot.js';
import { StoreStorage } from '../bot/store-storage.js';
import { Casework } from '../casework/casework.js';
import type { Member, OutboxEntry, Store } from '../casework/ports.js';
import type { PlannedMessage } from '../casework/ports.js';
import { cardForEntry } from '../bot/reminders/reminder-cards.js';
import type { AdaptiveCard, CardInput, ExecuteAction } from '../cards/card-types.js';
import type { Verb } from '../cards/verbs.js';
import type { Notifier } from '../dialogs/scope.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { signalFor } from './helpers/casework-harness.js';
import { validateCard } from './helpers/validate-card.js';
import { ARREARS, HOUSEHOLD, shown } from './fixtures/card-inputs.js';

// Conversation scripts (DESIGN.md, Testing): the real AanZetBot behind botbuilder's TestAdapter,
// a real lowdb store in a temp dir, the real covenants, and a clock fixed on Monday 9 March 2026
// 10:00 in Amsterdam. Messages are answered with a card; Action.Execute invokes come back as an
// `invokeResponse` activity whose body carries the card that replaces the clicked one.

// ---------------------------------------------------------------------------------------------
// Helpers

const TENANT = 'tenant-lekstroom';
const COVENANT = 'Aanpak Huurachterstanden Lekstroom (Vroeg Eropaf!)';
const WIL = 'WIL — Werk en Inkomen Lekstroom';

interface User {
  userId: string;
  name: string;
}

const SANNE: User = { userId: 'aad-sanne', name: 'Sanne Bakker' }; // Mitros
const AHMED: User = { userId: 'aad-ahmed', name: 'Ahmed El Amrani' }; // WIL
const CARLA: User = { userId: 'aad-carla', name: 'Carla Jansen' }; // WIL, coordinator Vroeg Eropaf!
const VERA: User = { userId: 'aad-vera', name: 'Vera de Boer' }; // Viveste, another corporation
const GIJS: User = { userId: 'aad-gijs', name: 'Gijs Smit' }; // Gemeente Nieuwegein, no step
const ALEX: User = { userId: 'aad-alex', name: 'Alex Wilber' }; // Mitros (Lekstroom) and VechtHorst (Dalfsen)
const NINA: User = { userId: 'aad-nina', name: 'Nina Visser' }; // not known to AanZet yet

type Kind = 'personal' | 'channel';
interface Place {
  id: string;
  kind: Kind;
}
const chatOf = (user: User): Place => ({ id: `a:personal-${user.userId}`, kind: 'personal' });
const CHANNEL: Place = { id: '19:lekstroom-team@thread.tacv2', kind: 'channel' };

/**
 * Records the notices the dialogs plan for people elsewhere, each with the card it would carry
 * when sent at once (built as the deliverer builds it), instead of planning it.
 */
class RecordingNotifier implements Notifier {
  readonly toPartners: {
    covenantId: string;
    partnerId: string;
    card: AdaptiveCard;
    notice: PlannedMessage;
  }[] = [];
  readonly toUsers: { userId: string; card: AdaptiveCard; notice: PlannedMessage }[] = [];

  async tell(notices: PlannedMessage[]): Promise<void> {
    for (const notice of notices) {
      const entry: OutboxEntry = {
        ...notice,
        messageKey: notice.key,
        conversationId: '',
        state: 'sending',
        attempts: 1,
        reclaimed: 0,
        leaseUntil: null,
        sentAt: null,
        lastError: null,
      };
      const card = await cardForEntry(casework, entry, 'nl');
      if (!card) throw new Error(`no card for notice ${notice.key}`);
      if (notice.userId) this.toUsers.push({ userId: notice.userId, card, notice });
      else this.toPartners.push({ covenantId: notice.covenantId, partnerId: notice.partnerId, card, notice });
    }
  }
}

function amsterdam(when: string): Date {
  return DateTime.fromISO(when.length === 10 ? `${when}T10:00` : when, {
    zone: 'Europe/Amsterdam',
  }).toJSDate();
}

function activity(user: User, place: Place, fields: Partial<Activity>, locale = 'nl-NL'): Partial<Activity> {
  return {
    channelId: 'msteams',
    locale,
    from: { id: `29:${user.userId}`, aadObjectId: user.userId, name: user.name },
    recipient: { id: '28:aanzet', name: 'AanZet' },
    conversation: {
      id: place.id,
      name: place.id,
      conversationType: place.kind,
      isGroup: place.kind !== 'personal',
      tenantId: TENANT,
    },
    channelData: {
      tenant: { id: TENANT },
      ...(place.kind === 'channel' ? { team: { id: '19:team-lekstroom' }, channel: { id: place.id } } : {}),
    },
    ...fields,
  };
}

/** A text message; in a channel it starts with the bot's @mention, as Teams sends it. */
function message(user: User, text: string, place = chatOf(user), locale = 'nl-NL'): Partial<Activity> {
  if (place.kind === 'personal') return activity(user, place, { type: 'message', text }, locale);
  const mention = {
    type: 'mention',
    text: '<at>AanZet</at>',
    mentioned: { id: '28:aanzet', name: 'AanZet' },
  };
  return activity(
    user,
    place,
    { type: 'message', text: `<at>AanZet</at> ${text}`, entities: [mention] },
    locale,
  );
}

/** An Action.Execute click: Teams merges the card's inputs into action.data. */
function invoke(user: User, verb: string, data: Record<string, unknown>, place = chatOf(user)) {
  return activity(user, place, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
  });
}

/** The card of a reply: a message attachment, or the card in an invoke response. */
function cardOf(reply: Partial<Activity>): AdaptiveCard {
  if (reply.type === 'invokeResponse') {
    const response = reply.value as { status: number; body: { type: string; value: AdaptiveCard } };
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('application/vnd.microsoft.card.adaptive');
    return response.body.value;
  }
  expect(reply.type).toBe('message');
  const attachment = reply.attachments?.[0];
  expect(attachment?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachment!.content as AdaptiveCard;
}

function walk(node: unknown, visit: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((item) => walk(item, visit));
  else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    for (const [key, child] of Object.entries(node)) if (key !== 'data') walk(child, visit);
  }
}

function inputOf(card: AdaptiveCard, id: string): CardInput | undefined {
  let found: CardInput | undefined;
  walk(card, (o) => {
    if (typeof o.type === 'string' && o.type.startsWith('Input.') && o.id === id) found = o as never;
  });
  return found;
}

/** The message shown right under an input (cards/elements.ts `field`). */
function errorAt(card: AdaptiveCard, id: string): string | undefined {
  let message: string | undefined;
  walk(card, (o) => {
    const items = o.type === 'Container' ? (o.items as Record<string, unknown>[]) : [];
    if (items[0]?.id === id && items[1]?.type === 'TextBlock') message = String(items[1].text);
  });
  return message;
}

function actionsOf(card: AdaptiveCard): ExecuteAction[] {
  const actions: ExecuteAction[] = [];
  walk(card, (o) => {
    if (o.type === 'Action.Execute') actions.push(o as unknown as ExecuteAction);
  });
  return actions;
}

function actionOf(card: AdaptiveCard, verb: Verb): ExecuteAction {
  const found = actionsOf(card).find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} button on the card:\n${shown(card)}`);
  return found;
}

const FLAGS = { familyWithChildren: 'false', welfareConcern: 'false' };

// ---------------------------------------------------------------------------------------------
// The bot under test, fresh for every test

let dir: string;
let store: Store;
let casework: Casework;
let notifier: RecordingNotifier;
let adapter: TestAdapter;
let now: Date;
let problems: string[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aanzet-dialogs-'));
  store = await openLowdbStore({ dataDir: dir });
  now = amsterdam('2026-03-09');
  casework = new Casework({ covenants: loadCovenants(), ...store, clock: () => now });
  notifier = new RecordingNotifier();
  problems = [];
  // Errors the bot logs are faults a card would hide: every test ends without any.
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      problems.push(chunk.toString());
      done();
    },
  });
  const bot = new AanZetBot({
    casework,
    store,
    state: new PrivateConversationState(new StoreStorage(store.keyValues)),
    notifier,
    logger: pino({ level: 'error' }, logs),
  });
  adapter = new TestAdapter((context) => bot.run(context));
  await member(SANNE, 'mitros');
  await member(AHMED, 'wil');
  await member(CARLA, 'wil', ['coordinator-vroeg-eropaf']);
  await member(VERA, 'viveste');
  await member(GIJS, 'gemeente-nieuwegein');
  await member(ALEX, 'mitros');
  await member(ALEX, 'vechthorst', [], 'dalfsen');
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  expect(problems).toEqual([]);
});

async function member(user: User, partnerId: string, roles: string[] = [], covenantId = 'lekstroom') {
  const existing = await store.members.get(user.userId);
  const updated: Member = {
    userId: user.userId,
    name: user.name,
    memberships: [...(existing?.memberships ?? []), { covenantId, partnerId, roles, status: 'active' }],
  };
  await store.members.put(updated);
}

/** One turn: sends the activity, expects exactly one reply with a card that Teams can render. */
async function turn(input: Partial<Activity>): Promise<AdaptiveCard> {
  let card: AdaptiveCard | undefined;
  await adapter.send(input).assertReply((reply) => {
    card = cardOf(reply);
  });
  expect(adapter.activeQueue).toHaveLength(0);
  expect(validateCard(card)).toEqual([]);
  return card!;
}

const say = (user: User, text: string, place = chatOf(user), locale?: string) =>
  turn(message(user, text, place, locale));

/** Clicks a button of a card with these inputs filled in, as Teams sends it. */
function click(user: User, card: AdaptiveCard, verb: Verb, inputs: Record<string, unknown> = {}) {
  return turn(invoke(user, verb, { ...actionOf(card, verb).data, ...inputs }));
}

/** Sanne's whole register flow; returns the confirmation card. */
async function registerSignal(
  user = SANNE,
  overrides: { household?: object; arrears?: object } = {},
): Promise<AdaptiveCard> {
  const household = await say(user, 'nieuw signaal');
  const arrears = await click(user, household, 'signal.household', { ...HOUSEHOLD, ...overrides.household });
  const confirm = await click(user, arrears, 'signal.arrears', { ...ARREARS, ...overrides.arrears });
  return click(user, confirm, 'signal.confirm', FLAGS);
}

async function outcomeEvents(caseId: string) {
  const record = await store.cases.get(caseId);
  return record!.events.filter((e) => e.type === 'outcome_logged');
}

// ---------------------------------------------------------------------------------------------
// The scripts

describe('welcome', () => {
  const installed = (who: User) => activity(who, chatOf(who), { type: 'installationUpdate', action: 'add' });

  it('greets a member on install with buttons to start', async () => {
    const card = await turn(installed(SANNE));
    expect(shown(card)).toContain('Welkom, Sanne Bakker');
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['signal.start', 'tasks.show']);
    expect(await store.conversations.get(chatOf(SANNE).id)).toMatchObject({
      kind: 'personal',
      userId: SANNE.userId,
    });
  });

  it('greets once when Teams announces the install twice', async () => {
    await turn(installed(SANNE));
    const botAdded = activity(SANNE, chatOf(SANNE), {
      type: 'conversationUpdate',
      membersAdded: [{ id: '28:aanzet', name: 'AanZet' }],
    });
    await adapter.send(botAdded).startTest();
    expect(adapter.activeQueue).toHaveLength(0);
  });

  it('tells an unknown user on install to join an organisation first', async () => {
    const card = await turn(installed(NINA));
    expect(shown(card)).toContain('Je bent nog niet aangemeld bij een organisatie.');
    expect(actionsOf(card)).toEqual([]);
  });
});

describe('help and unknown text', () => {
  it('answers help with the command overview and two buttons to start', async () => {
    const card = await say(SANNE, 'help');
    expect(shown(card)).toContain('Wat kan ik voor je doen?');
    expect(shown(card)).toContain('wie is aan zet <id>: Wie nu aan zet is, tot wanneer en waarom');
    expect(actionsOf(card).map((a) => a.verb)).toEqual(['signal.start', 'tasks.show']);
  });

  it('suggests the closest command for a typo', async () => {
    const card = await say(SANNE, 'mijn takne');
    expect(shown(card)).toContain("Ik ken 'mijn takne' niet. Bedoelde je 'mijn taken'?");
  });

  it('answers in English for an English Teams client', async () => {
    const card = await say(SANNE, 'overvieuw', chatOf(SANNE), 'en-US');
    expect(shown(card)).toContain("I don't know 'overvieuw'. Did you mean 'overview'?");
    expect(shown(card)).toContain('What can I do for you?');
  });

  it('answers a card action with an unknown verb with the help card', async () => {
    const card = await turn(invoke(SANNE, 'case.delete', { caseId: 'LEK-2026-0001' }));
    expect(shown(card)).toContain('Wat kan ik voor je doen?');
  });
});

describe('register a signal (scenario 1, Lekstroom)', () => {
  it('walks household, arrears and confirmation, opens the case and tells WIL', async () => {
    const household = await say(SANNE, 'nieuw signaal');
    expect(shown(household)).toContain(`Stap 1 van 3 · Huishouden · ${COVENANT}`);
    expect(inputOf(household, 'municipalityId')).toMatchObject({ type: 'Input.ChoiceSet' });

    const arrears = await click(SANNE, household, 'signal.household', HOUSEHOLD);
    expect(shown(arrears)).toContain('Stap 2 van 3 · Achterstand');
    expect(inputOf(arrears, 'type')).toMatchObject({ value: 'Huur' });

    const confirm = await click(SANNE, arrears, 'signal.arrears', ARREARS);
    expect(shown(confirm)).toContain('Huishouden: J. de Vries, Dukatenburg 12, 3437 AB Nieuwegein');
    expect(shown(confirm)).toMatch(/Achterstand: Huur: €\s712,00/);

    const done = await click(SANNE, confirm, 'signal.confirm', FLAGS);
    expect(shown(done)).toContain('Casus LEK-2026-0001 geopend');
    expect(shown(done)).toContain('Volgende stap: Gezamenlijk huisbezoek (corporatie + WIL)');
    expect(shown(done)).toContain(`Aan zet: ${WIL}`);
    expect(shown(done)).toContain('Samen met: Mitros');
    expect(shown(done)).toContain('Termijn: maandag 23 maart 2026 (over 10 werkdagen)');
    expect(shown(done)).toContain('bij een achterstand van één maand gaan corporatie en WIL');
    expect(actionOf(done, 'case.show').data).toMatchObject({ caseId: 'LEK-2026-0001' });

    expect(notifier.toPartners).toHaveLength(1);
    expect(notifier.toPartners[0]).toMatchObject({ covenantId: 'lekstroom', partnerId: 'wil' });
    expect(validateCard(notifier.toPartners[0]!.card)).toEqual([]);
    expect(JSON.stringify(notifier.toPartners[0]!.card)).not.toContain('de Vries');

    const record = await store.cases.get('LEK-2026-0001');
    expect(record?.personal).toMatchObject({ name: 'J. de Vries', phone: '06-12345678', adults: 2 });
    expect(record?.summary).toMatchObject({ responsiblePartnerId: 'wil', deadline: '2026-03-23' });
  });

  it('asks for the covenant first when the organisation signals in several', async () => {
    const choose = await say(ALEX, 'nieuw signaal');
    expect(shown(choose)).toContain('Kies eerst het convenant');

    const again = await click(ALEX, choose, 'signal.covenant', {});
    expect(errorAt(again, 'covenantId')).toBe('Kies een convenant');

    const household = await click(ALEX, again, 'signal.covenant', { covenantId: 'lekstroom' });
    expect(shown(household)).toContain(`Stap 1 van 3 · Huishouden · ${COVENANT}`);
  });

  it('returns the household card with the values kept and the message at a bad postcode', async () => {
    const household = await say(SANNE, 'nieuw signaal');
    const again = await click(SANNE, household, 'signal.household', { ...HOUSEHOLD, postcode: '34 AB' });
    expect(shown(again)).toContain('Stap 1 van 3');
    expect(errorAt(again, 'postcode')).toBe('vul een postcode in als 1234 AB');
    expect(inputOf(again, 'postcode')).toMatchObject({ value: '34 AB' });
    expect(inputOf(again, 'name')).toMatchObject({ value: 'J. de Vries' });
    expect(inputOf(again, 'adults')).toMatchObject({ value: 2 });
    expect(errorAt(again, 'name')).toBeUndefined();
  });

  it('returns the arrears card with the values kept for an amount that is no amount', async () => {
    const household = await say(SANNE, 'nieuw signaal');
    const arrears = await click(SANNE, household, 'signal.household', HOUSEHOLD);
    const again = await click(SANNE, arrears, 'signal.arrears', { ...ARREARS, amount: 'abc' });
    expect(shown(again)).toContain('Stap 2 van 3');
    expect(errorAt(again, 'amount')).toBeTruthy();
    expect(inputOf(again, 'amount')).toMatchObject({ value: 'abc' });
    expect(inputOf(again, 'reminderSentOn')).toMatchObject({ value: '2026-02-16' });
  });

  it('returns the arrears card when a Besluit pre-check is left off', async () => {
    const household = await say(SANNE, 'nieuw signaal');
    const arrears = await click(SANNE, household, 'signal.household', HOUSEHOLD);
    const again = await click(SANNE, arrears, 'signal.arrears', {
      ...ARREARS,
      pointedToDebtHelp: 'false',
    });
    expect(shown(again)).toContain('Stap 2 van 3');
    expect(errorAt(again, 'pointedToDebtHelp')).toBe('de huurder moet eerst op schuldhulp zijn gewezen');
    expect(inputOf(again, 'pointedToDebtHelp')).toMatchObject({ value: 'false' });
    expect(inputOf(again, 'personalContactAttempted')).toMatchObject({ value: 'true' });
  });

  it('returns the arrears card for arrears of less than 30 days, before the confirmation', async () => {
    const household = await say(SANNE, 'nieuw signaal');
    const arrears = await click(SANNE, household, 'signal.household', HOUSEHOLD);
    const again = await click(SANNE, arrears, 'signal.arrears', { ...ARREARS, arisingDate: '2026-02-20' });
    expect(shown(again)).toContain('Stap 2 van 3');
    expect(errorAt(again, 'arisingDate')).toBe('een signaal mag pas na 30 dagen achterstand (nu 17)');
    expect(inputOf(again, 'arisingDate')).toMatchObject({ value: '2026-02-20' });
    expect(inputOf(again, 'amount')).toMatchObject({ value: '712' });
  });

  it('keeps every value when going back and forth', async () => {
    const household = await say(SANNE, 'nieuw signaal');
    const arrears = await click(SANNE, household, 'signal.household', HOUSEHOLD);
    // Back from a half-filled arrears card: what was typed there comes back later.
    const back = await click(SANNE, arrears, 'signal.back', { ...ARREARS, amount: '650,50', crisis: 'true' });
    expect(shown(back)).toContain('Stap 1 van 3');
    expect(inputOf(back, 'name')).toMatchObject({ value: 'J. de Vries' });
    expect(inputOf(back, 'postcode')).toMatchObject({ value: '3437 AB' });

    const forward = await click(SANNE, back, 'signal.household', { ...HOUSEHOLD, name: 'J. de Vries-Bos' });
    expect(inputOf(forward, 'amount')).toMatchObject({ value: '650,50' });
    expect(inputOf(forward, 'crisis')).toMatchObject({ value: 'true' });

    const confirm = await click(SANNE, forward, 'signal.arrears', { ...ARREARS, amount: '650,50' });
    const backAgain = await click(SANNE, confirm, 'signal.back', { ...FLAGS, welfareConcern: 'true' });
    expect(shown(backAgain)).toContain('Stap 2 van 3');
    expect(inputOf(backAgain, 'amount')).toMatchObject({ value: '650,50' });

    const confirmAgain = await click(SANNE, backAgain, 'signal.arrears', { ...ARREARS, amount: '650,50' });
    expect(shown(confirmAgain)).toContain('Huishouden: J. de Vries-Bos, Dukatenburg 12');
    expect(inputOf(confirmAgain, 'welfareConcern')).toMatchObject({ value: 'true' });
  });

  it('cancels: nothing is registered and the old card has expired', async () => {
    const household = await say(SANNE, 'nieuw signaal');
    const arrears = await click(SANNE, household, 'signal.household', HOUSEHOLD);
    const cancelled = await click(SANNE, arrears, 'signal.cancel');
    expect(shown(cancelled)).toContain('Signaal afgebroken');
    expect(shown(cancelled)).toContain('Er is niets geregistreerd.');

    const late = await click(SANNE, arrears, 'signal.arrears', ARREARS);
    expect(shown(late)).toContain('Dit formulier is verlopen');
    expect(await store.cases.get('LEK-2026-0001')).toBeUndefined();
  });

  it('recognises a card of an abandoned flow after a new one started', async () => {
    const first = await say(SANNE, 'nieuw signaal');
    const second = await say(SANNE, 'nieuw signaal');
    const old = await click(SANNE, first, 'signal.household', HOUSEHOLD);
    expect(shown(old)).toContain('Dit formulier is verlopen');

    const current = await click(SANNE, second, 'signal.household', HOUSEHOLD);
    expect(shown(current)).toContain('Stap 2 van 3');
  });

  it('joins a second signal for the same household to the open case', async () => {
    await registerSignal(SANNE);
    const second = await registerSignal(VERA, { household: { postcode: '3437ab' } });
    expect(shown(second)).toContain('Casus LEK-2026-0001 geopend');
    expect(shown(second)).toContain(
      'Dit huishouden had al een open casus: het signaal is daaraan toegevoegd.',
    );
    const record = await store.cases.get('LEK-2026-0001');
    expect(record!.events.filter((e) => e.type === 'signal_joined')).toHaveLength(1);
    expect(await store.cases.get('LEK-2026-0002')).toBeUndefined();
  });

  it('is refused in a channel, where personal data must not be typed', async () => {
    const card = await say(SANNE, 'nieuw signaal', CHANNEL);
    expect(shown(card)).toContain('Dat mag niet');
    expect(shown(card)).toContain('Dit kan alleen in een persoonlijk gesprek met AanZet');
  });
});

describe('wie is aan zet and status', () => {
  beforeEach(async () => {
    await registerSignal(SANNE);
  });

  it('shows the step, partner, people, deadline, rule and timeline, with personal data for a partner with a step', async () => {
    const card = await say(SANNE, 'wie is aan zet LEK-2026-0001');
    const text = shown(card);
    expect(text).toContain('Casus LEK-2026-0001');
    expect(text).toContain('Stap: Gezamenlijk huisbezoek (corporatie + WIL)');
    expect(text).toContain(`Aan zet: ${WIL}`);
    expect(text).toContain('Contactpersonen: Ahmed El Amrani, Carla Jansen');
    expect(text).toContain('Termijn: maandag 23 maart 2026 (over 10 werkdagen) · Op tijd');
    expect(text).toContain('Vroeg Eropaf!: bij een achterstand van één maand');
    expect(text).toContain('Verloop');
    expect(text).toContain('9 mrt 10:00: Sanne Bakker: Signaal Huur ontvangen');
    expect(text).toContain('Naam: J. de Vries');
    expect(text).toContain('Adres: Dukatenburg 12, 3437 AB Nieuwegein');
    expect(text).toContain('Telefoon: 06-12345678');
    // Mitros visits together with WIL, so Sanne may act on the step too.
    expect(actionsOf(card).map((a) => a.verb)).toEqual([
      'case.contactForm',
      'case.outcomeForm',
      'case.noteForm',
    ]);
  });

  it('accepts the case id as caseworkers type it', async () => {
    const card = await say(AHMED, 'wie lek-2026-1');
    expect(shown(card)).toContain('Casus LEK-2026-0001');
  });

  it('shows no personal data to a partner without a step, and no buttons', async () => {
    const card = await say(GIJS, 'wie is aan zet LEK-2026-0001');
    expect(shown(card)).toContain(`Aan zet: ${WIL}`);
    expect(JSON.stringify(card)).not.toContain('Dukatenburg');
    expect(JSON.stringify(card)).not.toContain('de Vries');
    expect(actionsOf(card)).toEqual([]);
  });

  it('shows no personal data in a channel, not even to the responsible partner', async () => {
    const card = await say(AHMED, 'wie is aan zet LEK-2026-0001', CHANNEL);
    expect(shown(card)).toContain(`Aan zet: ${WIL}`);
    const json = JSON.stringify(card);
    for (const personal of ['de Vries', 'Dukatenburg', '3437', '12345678'])
      expect(json).not.toContain(personal);
  });

  it('answers status in a channel with a compact card without personal data', async () => {
    const card = await say(SANNE, 'status LEK-2026-0001', CHANNEL);
    const text = shown(card);
    expect(text).toContain('Status LEK-2026-0001');
    expect(text).toContain('Stap: Gezamenlijk huisbezoek (corporatie + WIL)');
    expect(text).toContain(`Aan zet: ${WIL}`);
    expect(text).toContain('Termijn: maandag 23 maart 2026 (over 10 werkdagen) · Op tijd');
    const json = JSON.stringify(card);
    for (const personal of ['de Vries', 'Dukatenburg', '3437', '12345678', 'Ahmed', 'Sanne'])
      expect(json).not.toContain(personal);
  });

  it('says clearly that an unknown case does not exist', async () => {
    const card = await say(SANNE, 'status LEK-2026-0999', CHANNEL);
    expect(shown(card)).toContain('Casus niet gevonden');
    expect(shown(card)).toContain('Er is geen casus LEK-2026-0999');
  });

  it('asks for a case number when there is none', async () => {
    const card = await say(SANNE, 'status');
    expect(shown(card)).toContain('Geef een casusnummer mee, bijvoorbeeld "status LEK-2026-0031".');
  });
});

describe('contact attempts and outcomes', () => {
  beforeEach(async () => {
    await registerSignal(SANNE);
    notifier.toPartners.length = 0;
  });

  async function contactForm(user: User): Promise<AdaptiveCard> {
    const caseCard = await say(user, 'wie is aan zet LEK-2026-0001');
    return click(user, caseCard, 'case.contactForm');
  }

  async function outcomeForm(user: User): Promise<AdaptiveCard> {
    const caseCard = await say(user, 'wie is aan zet LEK-2026-0001');
    return click(user, caseCard, 'case.outcomeForm');
  }

  it('logs a contact attempt and shows it on the timeline (scenario 1, Thursday)', async () => {
    now = amsterdam('2026-03-12T14:30');
    const form = await contactForm(AHMED);
    expect(shown(form)).toContain('Contactpoging vastleggen');

    const bad = await click(AHMED, form, 'case.contact', { kind: 'Huisbezoek', reached: 'false', date: '' });
    expect(errorAt(bad, 'date')).toBe('vul een geldige datum in (dd-mm-jjjj)');
    expect(errorAt(bad, 'daypart')).toBe('kies ochtend, middag of avond');
    expect(inputOf(bad, 'kind')).toMatchObject({ value: 'Huisbezoek' });

    const future = await click(AHMED, bad, 'case.contact', {
      kind: 'Huisbezoek',
      reached: 'false',
      date: '2026-03-13',
      daypart: 'Middag',
    });
    expect(errorAt(future, 'date')).toBe('de datum ligt in de toekomst');
    expect(inputOf(future, 'daypart')).toMatchObject({ value: 'Middag' });

    const card = await click(AHMED, future, 'case.contact', {
      kind: 'Huisbezoek',
      reached: 'false',
      date: '2026-03-12',
      daypart: 'Middag',
    });
    expect(shown(card)).toContain(
      '12 mrt 14:30: Ahmed El Amrani: Contactpoging: Huisbezoek, niet bereikt (middag)',
    );
  });

  it('offers only the outcomes of the step and refuses another with the form again', async () => {
    now = amsterdam('2026-03-17');
    const form = await outcomeForm(AHMED);
    const offered = (inputOf(form, 'outcomeId') as { choices: { value: string }[] }).choices.map(
      (c) => c.value,
    );
    expect(offered).toEqual([
      'regeling',
      'betaald',
      'andere-afspraak',
      'schuldhulp',
      'wijkteam',
      'al-bekend',
      'ander-traject',
      'geen-hulp',
      'niet-bereikt',
      'herhaalde-melding',
      'onterecht',
      'andere-reden',
      'verhuisd',
      'overleden',
    ]);

    const refused = await click(AHMED, form, 'case.outcome', { outcomeId: 'begeleiding' });
    expect(shown(refused)).toContain('Uitkomst vastleggen');
    expect(errorAt(refused, 'outcomeId')).toContain(
      'deze uitkomst hoort niet bij de stap "Gezamenlijk huisbezoek (corporatie + WIL)"',
    );
    expect(await outcomeEvents('LEK-2026-0001')).toHaveLength(0);
  });

  it('closes on a payment arrangement with the national final result and tells the signaller', async () => {
    now = amsterdam('2026-03-17');
    const form = await outcomeForm(AHMED);
    const card = await click(AHMED, form, 'case.outcome', { outcomeId: 'regeling' });
    expect(shown(card)).toContain(
      'Status: Afgesloten: Inwoner heeft zelf al betaald/betalingsregeling getroffen',
    );
    expect(actionsOf(card)).toEqual([]);

    expect(notifier.toPartners).toHaveLength(1);
    const update = notifier.toPartners[0]!;
    expect(update).toMatchObject({ covenantId: 'lekstroom', partnerId: 'mitros' });
    expect(validateCard(update.card)).toEqual([]);
    expect(shown(update.card)).toContain(
      'Afgesloten: Inwoner heeft zelf al betaald/betalingsregeling getroffen',
    );
  });

  it('answers a double click with who did it and when, and stores one outcome', async () => {
    now = amsterdam('2026-03-17T10:42');
    const form = await outcomeForm(AHMED);
    await click(AHMED, form, 'case.outcome', { outcomeId: 'regeling' });
    const second = await click(AHMED, form, 'case.outcome', { outcomeId: 'regeling' });
    expect(shown(second)).toContain('Al gedaan');
    expect(shown(second)).toContain('Al gedaan door Ahmed El Amrani om 10:42 (dinsdag 17 maart 2026).');
    expect(actionOf(second, 'case.show').data).toMatchObject({ caseId: 'LEK-2026-0001' });
    expect(await outcomeEvents('LEK-2026-0001')).toHaveLength(1);
  });

  it('refuses a stale contact form after a colleague of the partner logged one', async () => {
    now = amsterdam('2026-03-12T09:15');
    const sanneForm = await contactForm(SANNE);
    const ahmedForm = await contactForm(AHMED);
    const input = { kind: 'Telefoon', reached: 'true', date: '2026-03-12', daypart: 'Ochtend' };
    await click(AHMED, ahmedForm, 'case.contact', input);
    const stale = await click(SANNE, sanneForm, 'case.contact', input);
    expect(shown(stale)).toContain('Al gedaan door Ahmed El Amrani om 09:15 (donderdag 12 maart 2026).');
    const record = await store.cases.get('LEK-2026-0001');
    expect(record!.events.filter((e) => e.type === 'contact_attempt')).toHaveLength(1);
  });

  it('does not let another corporation record an outcome', async () => {
    const view = await say(VERA, 'wie is aan zet LEK-2026-0001');
    expect(actionsOf(view)).toEqual([]);
    const version = (await store.cases.get('LEK-2026-0001'))!.version;
    const card = await turn(
      invoke(VERA, 'case.outcome', { caseId: 'LEK-2026-0001', version, outcomeId: 'regeling' }),
    );
    expect(shown(card)).toContain('Dat mag niet');
    expect(shown(card)).toContain(`Deze stap is voor ${WIL}.`);
    expect(await outcomeEvents('LEK-2026-0001')).toHaveLength(0);
  });

  it('does not even open the outcome form for another corporation', async () => {
    const card = await say(VERA, 'uitkomst LEK-2026-0001');
    expect(shown(card)).toContain(`Deze stap is voor ${WIL}.`);
    expect(actionsOf(card)).toEqual([]);
  });
});

describe('lists and reports', () => {
  /** Three open cases for WIL: one late, one with a crisis deadline, one due in two weeks. */
  beforeEach(async () => {
    const sanne = (await store.members.get(SANNE.userId))!;
    now = amsterdam('2026-02-16');
    await casework.registerSignal(
      sanne,
      signalFor('lekstroom', { signalDate: '2026-02-16', houseNumber: 1 }),
    );
    now = amsterdam('2026-03-09');
    await casework.registerSignal(sanne, signalFor('lekstroom', { houseNumber: 2 }));
    await casework.registerSignal(sanne, signalFor('lekstroom', { houseNumber: 3, crisis: true }));
  });

  const caseOrder = (card: AdaptiveCard) => shown(card).match(/LEK-2026-\d{4}/g);

  it('lists my tasks soonest first, with the late one marked', async () => {
    const card = await say(AHMED, 'mijn taken');
    expect(shown(card)).toContain('Mijn taken');
    expect(caseOrder(card)).toEqual(['LEK-2026-0001', 'LEK-2026-0003', 'LEK-2026-0002']);
    expect(shown(card)).toMatch(/⚠ Te laat · maandag 2 maart 2026/);
    expect(shown(card).match(/Te laat/g)).toHaveLength(1);
    expect(shown(card)).toContain('⚠ crisis');
    expect(actionsOf(card).map((a) => a.data.caseId)).toEqual(caseOrder(card));
  });

  it('has nothing for a partner without steps', async () => {
    const card = await say(GIJS, 'mijn taken');
    expect(shown(card)).toContain('Je organisatie heeft geen open stappen.');
  });

  it('gives the overview in a channel, sorted by deadline, without personal data', async () => {
    const card = await say(SANNE, 'overzicht', CHANNEL);
    expect(shown(card)).toContain(`Overzicht ${COVENANT}`);
    expect(caseOrder(card)).toEqual(['LEK-2026-0001', 'LEK-2026-0003', 'LEK-2026-0002']);
    expect(JSON.stringify(card)).not.toContain('de Vries');
  });

  it('shows the monitoring figures to the coordinator', async () => {
    const card = await say(CARLA, 'rapportage 2026-03');
    expect(shown(card)).toContain(`Monitoring ${COVENANT}`);
    expect(shown(card)).toContain('Signalen ontvangen: 2');
    expect(shown(card)).toContain('Periode: zondag 1 maart 2026 t/m dinsdag 31 maart 2026');
  });

  it('shows the casuistry agenda to the coordinator', async () => {
    const card = await say(CARLA, 'agenda');
    expect(shown(card)).toContain(`Agenda casuïstiekoverleg ${COVENANT}`);
    expect(shown(card)).toContain('Stappen te laat (1)');
  });

  it('refuses the report and the agenda to anyone else', async () => {
    for (const command of ['rapportage', 'agenda']) {
      const card = await say(AHMED, command);
      expect(shown(card)).toContain('Dat mag niet');
      expect(shown(card)).toContain('Alleen de coördinator van het convenant mag dit.');
    }
  });
});

describe('onboarding', () => {
  it('lets an unknown user ask to join, the coordinator approve with one click, and tells the requester', async () => {
    const prompt = await say(NINA, 'mijn taken');
    expect(shown(prompt)).toContain('Aanmelden bij je organisatie');
    const choices = (inputOf(prompt, 'organisation') as { choices: { value: string }[] }).choices;
    expect(choices.map((c) => c.value)).toContain('lekstroom|gemeente-nieuwegein');

    const wrong = await click(NINA, prompt, 'onboarding.request', { organisation: 'lekstroom|nope' });
    expect(errorAt(wrong, 'organisation')).toBe('kies je organisatie uit de lijst');

    const requested = await click(NINA, prompt, 'onboarding.request', {
      organisation: 'lekstroom|gemeente-nieuwegein',
    });
    expect(shown(requested)).toContain('Aanvraag verstuurd');
    expect(shown(requested)).toContain('namens Gemeente Nieuwegein');

    expect(notifier.toUsers.map((n) => n.userId)).toEqual([CARLA.userId]);
    const approval = notifier.toUsers[0]!.card;
    expect(validateCard(approval)).toEqual([]);
    expect(shown(approval)).toContain(
      'Nina Visser wil zich aanmelden als medewerker van Gemeente Nieuwegein',
    );

    const waiting = await say(NINA, 'mijn taken');
    expect(shown(waiting)).toContain('Wacht op goedkeuring');

    const approved = await click(CARLA, approval, 'onboarding.approve');
    expect(shown(approved)).toContain('Aanmelding goedgekeurd');
    expect(shown(approved)).toContain('goedgekeurd door Carla Jansen');
    expect(notifier.toUsers.map((n) => n.userId)).toEqual([CARLA.userId, NINA.userId]);
    expect(shown(notifier.toUsers[1]!.card)).toContain('Aanmelding goedgekeurd');
    expect((await store.members.get(NINA.userId))?.memberships).toEqual([
      {
        covenantId: 'lekstroom',
        partnerId: 'gemeente-nieuwegein',
        roles: [],
        status: 'active',
        approvedBy: CARLA.userId,
      },
    ]);

    const tasks = await say(NINA, 'mijn taken');
    expect(shown(tasks)).toContain('Mijn taken');
  });

  it('changes nothing on a second approval click', async () => {
    const prompt = await say(NINA, 'help');
    expect(shown(prompt)).toContain('Wat kan ik voor je doen?');
    await turn(invoke(NINA, 'onboarding.request', { organisation: 'lekstroom|gemeente-nieuwegein' }));
    const approval = notifier.toUsers[0]!.card;
    await click(CARLA, approval, 'onboarding.approve');
    const memberAfterFirst = await store.members.get(NINA.userId);
    const auditAfterFirst = await store.audit.list({ userId: CARLA.userId });
    const told = notifier.toUsers.length;

    const second = await click(CARLA, approval, 'onboarding.approve');
    expect(shown(second)).toContain('Aanmelding goedgekeurd');
    // Rejecting afterwards does not undo it either, and says what really holds.
    const reject = await click(CARLA, approval, 'onboarding.reject');
    expect(shown(reject)).toContain('Aanmelding goedgekeurd');
    expect(shown(reject)).toContain('goedgekeurd door Carla Jansen');
    expect(await store.members.get(NINA.userId)).toEqual(memberAfterFirst);
    expect(await store.audit.list({ userId: CARLA.userId })).toEqual(auditAfterFirst);
    expect(notifier.toUsers).toHaveLength(told);
  });

  it('does not let an unknown user use the other buttons', async () => {
    const card = await turn(invoke(NINA, 'tasks.show', {}));
    expect(shown(card)).toContain('Aanmelden bij je organisatie');
  });

  it('does not let someone other than the coordinator approve', async () => {
    await turn(invoke(NINA, 'onboarding.request', { organisation: 'lekstroom|gemeente-nieuwegein' }));
    const approval = notifier.toUsers[0]!.card;
    const card = await click(AHMED, approval, 'onboarding.approve');
    expect(shown(card)).toContain('Dat mag niet');
    expect(shown(card)).toContain('Alleen de Coördinator Vroeg Eropaf! mag dit.');
    expect((await store.members.get(NINA.userId))?.memberships[0]?.status).toBe('pending');
  });
});
