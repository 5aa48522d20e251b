import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../bot/app.js';
import { readConfig } from '../bot/config.js';
import type { Member, Membership } from '../casework/ports.js';
import type { AdaptiveCard, ExecuteAction } from '../cards/card-types.js';
import { MAX_REFRESH_USERS, REFRESH_VERB, statusNotAvailableCard, withRefresh } from '../cards/refresh.js';
import { texts } from '../cards/texts.js';
import { signalFor } from './helpers/casework-harness.js';
import { startFakeConnector, type FakeConnector } from './helpers/fake-connector.js';
import {
  TeamsClient,
  type Conversation,
  type TeamsUser,
  teamsUser as user,
  personalChat,
} from './helpers/teams-client.js';
import { validateCard } from './helpers/validate-card.js';

// Cards that stay current, end to end: the real app on a free port, Teams-shaped activities over
// HTTP, the fake Bot Connector. A status card in a channel carries `refresh`; Teams' automatic
// refresh (adaptiveCard/action, trigger 'automatic') gets the case as it is now, the shared view.

const TENANT = 'tenant-a';
const SANNE = user('Sanne Bakker', 'sanne'); // Mitros: sent the signal, visits with WIL
const AHMED = user('Ahmed El Amrani', 'ahmed'); // WIL: the first step (and the coordinator role)
const GIJS = user('Gijs Smit', 'gijs'); // Gemeente Nieuwegein: the social team's step, later
const VERA = user('Vera de Boer', 'vera'); // Viveste, another corporation: no step on the case
const DIRK = user('Dirk Dalfsen', 'dirk'); // VechtHorst, in another covenant
const NINA = user('Nina Visser', 'nina'); // not known to AanZet
const chat = (who: TeamsUser) => personalChat(who, TENANT);
const CHANNEL: Conversation = {
  id: '19:wil@thread.tacv2',
  conversationType: 'channel',
  tenantId: TENANT,
  teamId: 'team-wil',
};
const GROUP: Conversation = { id: '19:group@thread.v2', conversationType: 'groupChat', tenantId: TENANT };
const amsterdam = (when: string) => DateTime.fromISO(when, { zone: 'Europe/Amsterdam' }).toJSDate();
const today = () => DateTime.fromJSDate(now, { zone: 'Europe/Amsterdam' }).toISODate()!;
const lekstroom = (partnerId: string): Membership => ({
  covenantId: 'lekstroom',
  partnerId,
  roles: [],
  status: 'active',
});
/** What signalFor registers: none of it may reach a shared card. */
const PERSONAL = ['J. de Vries', 'Dukatenburg', '06-12345678', '0612345678', '3437 AB', '3437AB'];

let connector: FakeConnector;
let app: App;
let client: TeamsClient;
let now: Date;
let dataDir: string;

beforeEach(async () => {
  connector = await startFakeConnector();
  now = amsterdam('2026-03-09T10:00');
  dataDir = mkdtempSync(join(tmpdir(), 'aanzet-refresh-'));
  const config = readConfig({ PORT: '0', AANZET_DATA_DIR: dataDir, AANZET_REMINDERS: 'off' });
  app = await startApp(config, { clock: () => now, logger: pino({ level: 'silent' }) });
  client = new TeamsClient(app.server.url, connector.url);
  const members: [TeamsUser, Membership][] = [
    [SANNE, lekstroom('mitros')],
    [AHMED, { ...lekstroom('wil'), roles: ['coordinator-vroeg-eropaf'] }],
    [GIJS, lekstroom('gemeente-nieuwegein')],
    [VERA, lekstroom('viveste')],
    [DIRK, { covenantId: 'dalfsen', partnerId: 'vechthorst', roles: [], status: 'active' }],
  ];
  for (const [who, membership] of members)
    await app.store.members.put({ userId: who.aadObjectId, name: who.name, memberships: [membership] });
  // Each says hello once in a personal chat: that is where AanZet learns their Teams user id.
  for (const [who] of members) await client.message(who, chat(who), 'help');
  connector.sent.length = 0;
});

afterEach(async () => {
  await app.stop();
  await connector.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function member(who: TeamsUser): Promise<Member> {
  return (await app.store.members.get(who.aadObjectId))!;
}

/** Sanne registers a signal on Monday 9 March: WIL and Mitros visit together by Monday 23 March. */
async function registerCase(): Promise<string> {
  return (await app.casework.registerSignal(await member(SANNE), signalFor('lekstroom'))).caseId;
}

/** WIL reaches the tenant and refers on to the social team (Gemeente Nieuwegein, with WIL). */
async function referToSocialTeam(caseId: string): Promise<void> {
  const ahmed = await member(AHMED);
  const version = (await app.store.cases.getSummary(caseId))!.version;
  const reached = await app.casework.logContactAttempt(ahmed, caseId, version, {
    kind: 'Huisbezoek',
    reached: true,
    date: today(),
    daypart: 'Ochtend',
  });
  await app.casework.logOutcome(ahmed, caseId, reached.record.version, { outcomeId: 'wijkteam' });
}

async function closeCase(caseId: string): Promise<void> {
  const ahmed = await member(AHMED);
  const version = (await app.store.cases.getSummary(caseId))!.version;
  const reached = await app.casework.logContactAttempt(ahmed, caseId, version, {
    kind: 'Huisbezoek',
    reached: true,
    date: today(),
    daypart: 'Ochtend',
  });
  await app.casework.logOutcome(ahmed, caseId, reached.record.version, { outcomeId: 'regeling' });
}

/** The cards AanZet sent into a conversation, oldest first. */
function cardsIn(conversation: Conversation): AdaptiveCard[] {
  return connector.sent
    .filter((s) => s.conversationId === conversation.id && s.activity.attachments)
    .map((s) => s.activity.attachments![0]!.content as AdaptiveCard);
}

/** The card AanZet last sent into a conversation. */
function lastCardIn(conversation: Conversation): AdaptiveCard {
  return cardsIn(conversation).at(-1)!;
}

/** `status <id>` typed in a shared conversation: the card it answers with. */
async function statusIn(conversation: Conversation, caseId: string, who = AHMED, locale = 'nl-NL') {
  await client.message(who, conversation, `status ${caseId}`, locale);
  return lastCardIn(conversation);
}

/** Teams refreshing a card by itself for this reader: the card it answers with. */
async function refresh(
  who: TeamsUser,
  card: AdaptiveCard,
  conversation = CHANNEL,
  locale = 'nl-NL',
): Promise<AdaptiveCard> {
  const action = card.refresh!.action;
  const response = await client.invoke(
    who,
    conversation,
    action.verb,
    { ...action.data },
    locale,
    'automatic',
  );
  expect(response.status).toBe(200);
  const body = response.body as { statusCode: number; type: string; value: AdaptiveCard };
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return body.value;
}

const shown = (card: AdaptiveCard) => JSON.stringify(card);
const verbs = (card: AdaptiveCard) =>
  (card.actions ?? []).filter((a): a is ExecuteAction => a.type === 'Action.Execute').map((a) => a.verb);

describe('a status card in a channel or group chat', () => {
  it('carries a refresh: Action.Execute status.refresh with the case id, and is a valid card', async () => {
    const caseId = await registerCase();
    for (const place of [CHANNEL, GROUP]) {
      const card = await statusIn(place, caseId);
      expect(card.refresh?.action).toEqual({
        type: 'Action.Execute',
        title: 'Vernieuwen',
        verb: REFRESH_VERB,
        data: { verb: REFRESH_VERB, caseId },
      });
      expect(validateCard(card)).toEqual([]);
    }
  });

  it('lists for the automatic refresh the Teams ids of the involved partners members only', async () => {
    const caseId = await registerCase();
    // WIL holds the step, Mitros sent the signal and visits with WIL; Viveste, Nieuwegein and
    // the other covenant are not involved (yet).
    expect((await statusIn(CHANNEL, caseId)).refresh?.userIds?.sort()).toEqual(['29:ahmed', '29:sanne']);
    await referToSocialTeam(caseId);
    expect((await statusIn(CHANNEL, caseId)).refresh?.userIds?.sort()).toEqual([
      '29:ahmed',
      '29:gijs',
      '29:sanne',
    ]);
  });

  it('reads the case summary once, and the members chats in one read, for a status lookup in a channel', async () => {
    const caseId = await registerCase();
    const { cases, conversations } = app.store;
    const [getSummary, list] = [cases.getSummary.bind(cases), conversations.list.bind(conversations)];
    let summaries = 0;
    const lists: unknown[] = [];
    cases.getSummary = (id) => (summaries++, getSummary(id));
    conversations.list = (filter) => (lists.push(filter), list(filter));
    try {
      expect((await statusIn(CHANNEL, caseId)).refresh?.userIds?.sort()).toEqual(['29:ahmed', '29:sanne']);
    } finally {
      cases.getSummary = getSummary;
      conversations.list = list;
    }
    expect(summaries).toBe(1);
    expect(lists).toHaveLength(1);
  });

  it('lists nobody when more than 60 members are involved: Teams then refreshes by itself only in small chats', async () => {
    const caseId = await registerCase();
    for (let i = 0; i < MAX_REFRESH_USERS; i++) {
      const wil = user(`WIL ${i}`, `wil-${i}`);
      await app.store.members.put({
        userId: wil.aadObjectId,
        name: wil.name,
        memberships: [lekstroom('wil')],
      });
      await client.message(wil, chat(wil), 'help');
    }
    const card = await statusIn(CHANNEL, caseId);
    expect(card.refresh?.action.verb).toBe(REFRESH_VERB);
    expect(card.refresh).not.toHaveProperty('userIds');
    expect(validateCard(card)).toEqual([]);
  });

  it('has no refresh in a personal chat, where the card has its buttons already', async () => {
    const caseId = await registerCase();
    await client.message(AHMED, chat(AHMED), `status ${caseId}`);
    expect(lastCardIn(chat(AHMED)).refresh).toBeUndefined();
  });
});

describe('a refresh answers with the case as it is now', () => {
  it('shows the new partner and deadline after the step moved on', async () => {
    const caseId = await registerCase();
    const card = await statusIn(CHANNEL, caseId);
    expect(shown(card)).toContain('WIL — Werk en Inkomen Lekstroom');
    expect(shown(card)).toContain('maandag 23 maart 2026');
    now = amsterdam('2026-03-10T11:00');
    await referToSocialTeam(caseId);
    const refreshed = await refresh(VERA, card);
    expect(shown(refreshed)).toContain('Hulp door het sociale wijkteam');
    expect(shown(refreshed)).toContain('Gemeente Nieuwegein');
    // 15 working days from Tuesday 10 March.
    expect(shown(refreshed)).toContain('dinsdag 31 maart 2026');
    expect(shown(refreshed)).toContain('Op tijd');
    expect(validateCard(refreshed)).toEqual([]);
  });

  it('shows a step late once its deadline has passed', async () => {
    const caseId = await registerCase();
    const card = await statusIn(CHANNEL, caseId);
    expect(shown(card)).not.toContain('Te laat');
    now = amsterdam('2026-03-24T09:00');
    const refreshed = await refresh(VERA, card);
    expect(shown(refreshed)).toContain('⚠ Te laat');
    expect(shown(refreshed)).toContain('maandag 23 maart 2026');
  });

  it('shows a closed case closed, without step, partner or deadline', async () => {
    const caseId = await registerCase();
    const card = await statusIn(CHANNEL, caseId);
    await closeCase(caseId);
    for (const who of [AHMED, VERA]) {
      const refreshed = await refresh(who, card);
      expect(shown(refreshed)).toContain(
        'Afgesloten: Inwoner heeft zelf al betaald/betalingsregeling getroffen',
      );
      expect(shown(refreshed)).not.toContain('Termijn');
      expect(verbs(refreshed)).toEqual([]);
      expect(validateCard(refreshed)).toEqual([]);
    }
  });

  it('shows a purged case closed, its personal data removed', async () => {
    const caseId = await registerCase();
    const card = await statusIn(CHANNEL, caseId);
    await closeCase(caseId);
    now = amsterdam('2027-03-10T10:00');
    expect(await app.casework.purgeExpired()).toContain(caseId);
    const refreshed = await refresh(AHMED, card);
    expect(shown(refreshed)).toContain('Afgesloten, persoonsgegevens verwijderd');
    expect(verbs(refreshed)).toEqual([]);
    for (const word of PERSONAL) expect(shown(refreshed)).not.toContain(word);
  });

  it('never shows personal data, to anyone, in any state', async () => {
    const caseId = await registerCase();
    const card = await statusIn(CHANNEL, caseId);
    const cards = [card];
    for (const who of [SANNE, AHMED, VERA, DIRK, NINA]) cards.push(await refresh(who, card));
    await referToSocialTeam(caseId);
    for (const who of [SANNE, AHMED, GIJS]) cards.push(await refresh(who, card, GROUP));
    for (const c of cards) for (const word of PERSONAL) expect(shown(c)).not.toContain(word);
  });

  it('offers the step buttons only to a member of a partner holding the step', async () => {
    const caseId = await registerCase();
    await referToSocialTeam(caseId);
    const card = await statusIn(CHANNEL, caseId);
    const gijs = await refresh(GIJS, card);
    expect(verbs(gijs)).toEqual(['case.contactForm', 'case.outcomeForm']);
    const version = (await app.store.cases.getSummary(caseId))!.version;
    expect(gijs.actions).toContainEqual({
      type: 'Action.Execute',
      title: 'Contactpoging',
      verb: 'case.contactForm',
      data: { verb: 'case.contactForm', caseId, version },
    });
    // Mitros visited with WIL but holds no step now; Viveste never did.
    for (const who of [SANNE, VERA]) expect(verbs(await refresh(who, card))).toEqual([]);
    // The button opens the form here, still without personal data.
    const form = await client.invoke(GIJS, CHANNEL, 'case.contactForm', { caseId, version });
    const formCard = (form.body as { value: AdaptiveCard }).value;
    expect(shown(formCard)).toContain('Contactpoging');
    for (const word of PERSONAL) expect(shown(formCard)).not.toContain(word);
  });

  it('keeps its refresh and audience, so the card stays current the next time too', async () => {
    const caseId = await registerCase();
    const card = await statusIn(CHANNEL, caseId);
    const refreshed = await refresh(VERA, card);
    expect(refreshed.refresh).toEqual(card.refresh);
  });
});

describe('a refresh for a reader who may not see the case', () => {
  it('answers another covenant member, an unknown user and an unknown case with a neutral card', async () => {
    const caseId = await registerCase();
    const card = await statusIn(CHANNEL, caseId);
    const notAvailable = texts('nl').refresh.notAvailable;
    for (const [who, refreshing] of [
      [DIRK, card],
      [NINA, card],
      [AHMED, withRefresh('nl', card, 'LEK-2026-0999')],
    ] as const) {
      const answer = await refresh(who, refreshing);
      expect(shown(answer)).toContain(notAvailable);
      for (const word of ['WIL', 'Gezamenlijk huisbezoek', 'Lekstroom', 'maart', 'Mitros'])
        expect(shown(answer)).not.toContain(word);
      expect(verbs(answer)).toEqual([]);
      expect(validateCard(answer)).toEqual([]);
    }
  });

  it('gives an unknown user no onboarding card in the middle of the channel', async () => {
    const caseId = await registerCase();
    const answer = await refresh(NINA, await statusIn(CHANNEL, caseId));
    expect(shown(answer)).not.toContain('onboarding.request');
  });
});

describe('a refresh costs little and changes nothing', () => {
  it('reads only the summary, audits nothing, plans no notices and writes no address', async () => {
    const caseId = await registerCase();
    const card = await statusIn(CHANNEL, caseId);
    const audit = (await app.store.audit.list({})).length;
    const outbox = (await app.store.outbox.list({})).length;
    const cases = app.store.cases;
    const get = cases.get.bind(cases);
    let historyReads = 0;
    cases.get = (id) => {
      historyReads++;
      return get(id);
    };
    const conversations = app.store.conversations;
    const put = conversations.put.bind(conversations);
    let addressWrites = 0;
    conversations.put = (target) => {
      addressWrites++;
      return put(target);
    };
    for (const who of [SANNE, AHMED, VERA, DIRK, NINA]) await refresh(who, card);
    await refresh(AHMED, withRefresh('nl', card, 'LEK-2026-0999'));
    expect(historyReads).toBe(0);
    // Each reader's refresh would otherwise store the channel's address anew, naming that reader.
    expect(addressWrites).toBe(0);
    expect((await app.store.audit.list({})).length).toBe(audit);
    expect((await app.store.outbox.list({})).length).toBe(outbox);
  });
});

describe('in the reader language', () => {
  const DUTCH = ['Termijn', 'Op tijd', 'Stap', 'Aan zet', 'Vernieuwen', 'Gezamenlijk', 'maandag'];
  const ENGLISH = ['Deadline', 'On time', 'Step', 'Responsible', 'Refresh', 'Joint home visit', 'Monday'];

  it('answers an English reader in English and a Dutch reader in Dutch, on the same card', async () => {
    const caseId = await registerCase();
    const card = await statusIn(CHANNEL, caseId);
    const english = shown(await refresh(VERA, card, CHANNEL, 'en-US'));
    for (const word of ENGLISH) expect(english).toContain(word);
    for (const word of DUTCH) expect(english).not.toContain(word);
    const dutch = shown(await refresh(VERA, card, CHANNEL, 'nl-NL'));
    for (const word of DUTCH) expect(dutch).toContain(word);
    for (const word of ENGLISH) expect(dutch).not.toContain(word);
    const unavailable = shown(await refresh(DIRK, card, CHANNEL, 'en-US'));
    expect(unavailable).toContain(texts('en').refresh.notAvailable);
    expect(unavailable).not.toContain('Vernieuwen');
  });
});

describe('reminders and notices in a channel', () => {
  it('carry the refresh in a linked channel, not in a personal chat', async () => {
    const caseId = await registerCase();
    now = amsterdam('2026-03-20T08:31');
    await app.scheduler.tick();
    const personal = lastCardIn(chat(AHMED));
    expect(shown(personal)).toContain(`Herinnering: casus ${caseId}`);
    expect(personal.refresh).toBeUndefined();

    await client.message(AHMED, CHANNEL, 'koppel kanaal');
    now = amsterdam('2026-03-23T08:31');
    await app.scheduler.tick();
    const due = cardsIn(CHANNEL).find((c) => shown(c).includes(`Vandaag: de termijn van casus ${caseId}`))!;
    expect(due).toBeDefined();
    expect(due.refresh?.action.data).toEqual({ verb: REFRESH_VERB, caseId });
    expect(due.refresh?.userIds?.sort()).toEqual(['29:ahmed', '29:sanne']);
    expect(validateCard(due)).toEqual([]);
    // Opened the next day: the reminder becomes the status as it is now, late.
    now = amsterdam('2026-03-24T09:00');
    const refreshed = await refresh(AHMED, due);
    expect(shown(refreshed)).toContain('⚠ Te laat');
    expect(verbs(refreshed)).toEqual(['case.contactForm', 'case.outcomeForm']);
    for (const word of PERSONAL) expect(shown(refreshed)).not.toContain(word);
  });

  it('the digest in a linked channel stays current: the day it is opened, for members of the covenant', async () => {
    const caseId = await registerCase();
    await client.message(AHMED, CHANNEL, 'koppel kanaal');
    now = amsterdam('2026-03-23T08:31');
    await app.scheduler.tick();
    const digest = cardsIn(CHANNEL).find((c) => shown(c).includes('Dagoverzicht'))!;
    expect(digest.refresh?.action).toMatchObject({
      verb: 'digest.refresh',
      data: { verb: 'digest.refresh', covenantId: 'lekstroom', partnerId: 'wil' },
    });
    expect(digest.refresh?.userIds).toEqual(['29:ahmed']);
    expect(validateCard(digest)).toEqual([]);
    expect(shown(digest)).toContain('Vandaag (1)');
    now = amsterdam('2026-03-24T09:00');
    const refreshed = await refresh(VERA, digest);
    expect(shown(refreshed)).toContain('Te laat (1)');
    expect(shown(refreshed)).toContain(caseId);
    expect(refreshed.refresh).toEqual(digest.refresh);
    expect(validateCard(refreshed)).toEqual([]);
    for (const word of PERSONAL) expect(shown(refreshed)).not.toContain(word);
    const english = shown(await refresh(VERA, digest, CHANNEL, 'en-US'));
    expect(english).toContain('Late (1)');
    expect(english).not.toContain('Dagoverzicht');
    const other = await refresh(DIRK, digest);
    expect(shown(other)).toContain(texts('nl').refresh.notAvailable);
    expect(shown(other)).not.toContain(caseId);
  });

  it('a handover notice in the next partner channel stays current too', async () => {
    const caseId = await registerCase();
    await client.message(GIJS, CHANNEL, 'koppel kanaal');
    connector.sent.length = 0;
    // WIL refers on from its card: the turn plans the handover notice, sent right after it.
    const version = (await app.store.cases.getSummary(caseId))!.version;
    const reached = await app.casework.logContactAttempt(await member(AHMED), caseId, version, {
      kind: 'Huisbezoek',
      reached: true,
      date: today(),
      daypart: 'Ochtend',
    });
    await client.invoke(AHMED, chat(AHMED), 'case.outcome', {
      caseId,
      version: reached.record.version,
      outcomeId: 'wijkteam',
    });
    await connector.waitFor((sent) => sent.some((s) => s.conversationId === CHANNEL.id));
    const handover = lastCardIn(CHANNEL);
    expect(shown(handover)).toContain(caseId);
    expect(handover.refresh?.action.data).toEqual({ verb: REFRESH_VERB, caseId });
    expect(validateCard(handover)).toEqual([]);
  });
});

describe('withRefresh', () => {
  const base = statusNotAvailableCard('nl', undefined);
  const ids = (n: number) => Array.from({ length: n }, (_, i) => `29:user-${i}`);

  it('lists up to 60 Teams user ids, each once, and none beyond (nor an empty list)', () => {
    expect(withRefresh('nl', base, 'LEK-2026-0001', ids(60)).refresh?.userIds).toHaveLength(60);
    expect(withRefresh('nl', base, 'LEK-2026-0001', [...ids(3), ...ids(3)]).refresh?.userIds).toEqual(ids(3));
    expect(withRefresh('nl', base, 'LEK-2026-0001', ids(61)).refresh).not.toHaveProperty('userIds');
    expect(withRefresh('nl', base, 'LEK-2026-0001', []).refresh).not.toHaveProperty('userIds');
  });

  it('keeps the card as it was otherwise, and passes the Adaptive Cards validation in both languages', () => {
    for (const locale of ['nl', 'en'] as const) {
      const card = withRefresh(locale, base, 'LEK-2026-0001', ids(2));
      expect({ ...card, refresh: undefined }).toEqual({ ...base, refresh: undefined });
      expect(card.refresh?.action.title).toBe(texts(locale).refresh.action);
      expect(validateCard(card)).toEqual([]);
    }
  });
});
