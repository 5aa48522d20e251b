import { MAX_ROWS } from '../cards/lists.js';
import type { Activity, TestAdapter } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Casework } from '../casework/casework.js';
import type { PlannedMessage, Store } from '../casework/ports.js';
import type { AdaptiveCard } from '../cards/card-types.js';
import type { Verb } from '../cards/verbs.js';
import { signalFor } from './helpers/casework-harness.js';
import { actionOf, actionsOf, errorAt, inputOf } from './helpers/card-parts.js';
import {
  activity,
  AHMED,
  ALEX,
  amsterdam,
  CARLA,
  CHANNEL,
  chatOf,
  ConversationKit,
  FLAGS,
  GIJS,
  invoke,
  NINA,
  SANNE,
  VERA,
  type RecordingNotifier,
  type User,
} from './helpers/conversation-kit.js';
import { validateCard } from './helpers/validate-card.js';
import { ARREARS, HOUSEHOLD, shown } from './fixtures/card-inputs.js';

// Conversation scripts (DESIGN.md, Testing) with the real bot, store and covenants
// (helpers/conversation-kit.ts), the clock on Monday 9 March 2026 10:00 in Amsterdam.

const COVENANT = 'Aanpak Huurachterstanden Lekstroom (Vroeg Eropaf!)';
const WIL = 'WIL — Werk en Inkomen Lekstroom';

// ---------------------------------------------------------------------------------------------
// The bot under test, fresh for every test

let kit: ConversationKit;
let store: Store;
let casework: Casework;
let notifier: RecordingNotifier;
let adapter: TestAdapter;

beforeEach(async () => {
  kit = await ConversationKit.open();
  ({ store, casework, notifier, adapter } = kit);
});

afterEach(() => kit.close());

const turn = (input: Partial<Activity>) => kit.turn(input);
const say = (user: User, text: string, place = chatOf(user), locale?: string) =>
  kit.say(user, text, place, locale);
const click = (user: User, card: AdaptiveCard, verb: Verb, inputs?: Record<string, unknown>) =>
  kit.click(user, card, verb, inputs);
const registerSignal = (...args: Parameters<ConversationKit['registerSignal']>) =>
  kit.registerSignal(...args);

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
    expect(shown(done)).toContain('Termijn (voorbeeld): maandag 23 maart 2026 (over 10 werkdagen)');
    expect(shown(done)).toContain('ongeveer een maand gaan medewerkers van de corporatie en WIL');
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

  it('returns the arrears card for a signal date in the future, before the confirmation', async () => {
    const household = await say(SANNE, 'nieuw signaal');
    const arrears = await click(SANNE, household, 'signal.household', HOUSEHOLD);
    const again = await click(SANNE, arrears, 'signal.arrears', { ...ARREARS, signalDate: '2026-03-10' });
    expect(shown(again)).toContain('Stap 2 van 3');
    expect(errorAt(again, 'signalDate')).toBe('de signaaldatum ligt in de toekomst');
    expect(inputOf(again, 'signalDate')).toMatchObject({ value: '2026-03-10' });
    expect(inputOf(again, 'amount')).toMatchObject({ value: '712' });
  });

  it('goes on to the confirmation with arrears of less than 30 days: that signal is recorded, not refused', async () => {
    const household = await say(SANNE, 'nieuw signaal');
    const arrears = await click(SANNE, household, 'signal.household', HOUSEHOLD);
    const confirm = await click(SANNE, arrears, 'signal.arrears', { ...ARREARS, arisingDate: '2026-02-20' });
    expect(shown(confirm)).toContain('Stap 3 van 3');
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
    // The source gives no term for the visit: the deadline is AanZet's example, and says so.
    expect(text).toContain('Termijn (voorbeeld): maandag 23 maart 2026 (over 10 werkdagen) · Op tijd');
    expect(text).toContain('Vroeg Eropaf!: bij een betalingsachterstand van ongeveer een maand');
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
    expect(text).toContain('Termijn (voorbeeld): maandag 23 maart 2026 (over 10 werkdagen) · Op tijd');
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
    kit.now = amsterdam('2026-03-12T14:30');
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
    kit.now = amsterdam('2026-03-17');
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
    kit.now = amsterdam('2026-03-17');
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

  it('loads the case once for one outcome click (the answer and the notices from that load)', async () => {
    kit.now = amsterdam('2026-03-17');
    const form = await outcomeForm(AHMED);
    const get = store.cases.get.bind(store.cases);
    let loads = 0;
    store.cases.get = (caseId) => {
      loads++;
      return get(caseId);
    };
    // Only the turn: the recording notifier would build the notices' cards, as the deliverer does later.
    const tell = notifier.tell.bind(notifier);
    const planned: PlannedMessage[] = [];
    notifier.tell = async (notices) => void planned.push(...notices);
    try {
      await click(AHMED, form, 'case.outcome', { outcomeId: 'regeling' });
    } finally {
      store.cases.get = get;
      notifier.tell = tell;
    }
    expect(planned.map((n) => n.partnerId)).toEqual(['mitros']);
    expect(loads).toBe(1);
  });

  it('answers a double click with who did it and when, and stores one outcome', async () => {
    kit.now = amsterdam('2026-03-17T10:42');
    const form = await outcomeForm(AHMED);
    await click(AHMED, form, 'case.outcome', { outcomeId: 'regeling' });
    const second = await click(AHMED, form, 'case.outcome', { outcomeId: 'regeling' });
    expect(shown(second)).toContain('Al gedaan');
    expect(shown(second)).toContain('Al gedaan door Ahmed El Amrani om 10:42 (dinsdag 17 maart 2026).');
    expect(actionOf(second, 'case.show').data).toMatchObject({ caseId: 'LEK-2026-0001' });
    expect(await outcomeEvents('LEK-2026-0001')).toHaveLength(1);
  });

  it('refuses a stale contact form after a colleague of the partner logged one', async () => {
    kit.now = amsterdam('2026-03-12T09:15');
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
    kit.now = amsterdam('2026-02-16');
    await casework.registerSignal(
      sanne,
      signalFor('lekstroom', { signalDate: '2026-02-16', houseNumber: 1 }),
    );
    kit.now = amsterdam('2026-03-09');
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

  it('shows the first page of a long list, counted by the store, which is asked for that page only', async () => {
    const sanne = (await store.members.get(SANNE.userId))!;
    for (let i = 0; i < MAX_ROWS; i++)
      await casework.registerSignal(sanne, signalFor('lekstroom', { houseNumber: 100 + i }));
    const { listSummaries, openStepsPage } = store.cases;
    const asked: number[] = [];
    store.cases.listSummaries = () => Promise.reject(new Error('the card read every open summary'));
    store.cases.openStepsPage = (query) => (asked.push(query.limit), openStepsPage.call(store.cases, query));
    try {
      for (const [who, command, place] of [
        [AHMED, 'mijn taken', undefined],
        [SANNE, 'overzicht', CHANNEL],
      ] as const) {
        const card = await say(who, command, place);
        expect(caseOrder(card)).toHaveLength(MAX_ROWS);
        expect(caseOrder(card)!.slice(0, 3)).toEqual(['LEK-2026-0001', 'LEK-2026-0003', 'LEK-2026-0002']);
        expect(shown(card)).toContain('en 3 meer'); // 28 in all
      }
    } finally {
      Object.assign(store.cases, { listSummaries, openStepsPage });
    }
    expect(asked).toEqual([MAX_ROWS, MAX_ROWS]);
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

  it('shows the figures of a quarter, a year or two dates', async () => {
    const quarter = shown(await say(CARLA, 'rapportage 2026-Q1'));
    expect(quarter).toContain('Periode: donderdag 1 januari 2026 t/m dinsdag 31 maart 2026');
    expect(quarter).toContain('Signalen ontvangen: 3 (Huur 3)');
    expect(shown(await say(CARLA, 'rapportage 2026'))).toContain('t/m donderdag 31 december 2026');
    const dates = shown(await say(CARLA, 'rapportage 2026-03-10 2026-03-20'));
    expect(dates).toContain('Periode: dinsdag 10 maart 2026 t/m vrijdag 20 maart 2026');
  });

  it('says what a period looks like when the period is wrong', async () => {
    for (const wrong of ['maart', '2026-13', '2026-03-31 2026-03-01']) {
      const card = shown(await say(CARLA, `rapportage ${wrong}`));
      expect(card).toContain('Onbekende periode');
      expect(card).toContain(`"${wrong}" is geen periode`);
    }
  });

  it('refuses a period of more than ten years, saying so', async () => {
    const card = shown(await say(CARLA, 'rapportage 0001-01-01 9999-12-31'));
    expect(card).toContain('Onbekende periode');
    expect(card).toContain('"0001-01-01 9999-12-31" is langer dan 10 jaar');
    const english = shown(await say(CARLA, 'rapportage 2000-01-01 2026-03-31', chatOf(CARLA), 'en-US'));
    expect(english).toContain('"2000-01-01 2026-03-31" is longer than 10 years');
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
