import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { PrivateConversationState, TestAdapter, type Activity } from 'botbuilder';
import { DateTime } from 'luxon';
import pino from 'pino';
import { expect } from 'vitest';
import { AanZetBot } from '../../bot/aanzet-bot.js';
import { cardForEntry } from '../../bot/reminders/reminder-cards.js';
import { StoreStorage } from '../../bot/store-storage.js';
import { Casework } from '../../casework/casework.js';
import type { Member, OutboxEntry, PlannedMessage, Store } from '../../casework/ports.js';
import type { AdaptiveCard } from '../../cards/card-types.js';
import type { Verb } from '../../cards/verbs.js';
import type { Notifier } from '../../dialogs/scope.js';
import { loadCovenants } from '../../storage/covenant-files.js';
import { openLowdbStore } from '../../storage/lowdb-store.js';
import { ARREARS, HOUSEHOLD } from '../fixtures/card-inputs.js';
import { validateCard } from './validate-card.js';
import { actionOf, cardOf } from './card-parts.js';

// Conversations with the real AanZetBot behind botbuilder's TestAdapter (DESIGN.md, Testing):
// a real lowdb store in a temp dir, the real covenants, the Lekstroom cast as members and a
// clock the test sets. Messages are answered with a card; Action.Execute invokes come back as
// an `invokeResponse` activity whose body carries the card that replaces the clicked one.

export const TENANT = 'tenant-lekstroom';

export interface User {
  userId: string;
  name: string;
}

export const SANNE: User = { userId: 'aad-sanne', name: 'Sanne Bakker' }; // Mitros
export const AHMED: User = { userId: 'aad-ahmed', name: 'Ahmed El Amrani' }; // WIL
export const CARLA: User = { userId: 'aad-carla', name: 'Carla Jansen' }; // WIL, coordinator Vroeg Eropaf!
export const VERA: User = { userId: 'aad-vera', name: 'Vera de Boer' }; // Viveste, another corporation
export const GIJS: User = { userId: 'aad-gijs', name: 'Gijs Smit' }; // Gemeente Nieuwegein, no step
export const ALEX: User = { userId: 'aad-alex', name: 'Alex Wilber' }; // Mitros (Lekstroom) and VechtHorst (Dalfsen)
export const NINA: User = { userId: 'aad-nina', name: 'Nina Visser' }; // not known to AanZet yet

type Kind = 'personal' | 'channel';
export interface Place {
  id: string;
  kind: Kind;
}
export const chatOf = (user: User): Place => ({ id: `a:personal-${user.userId}`, kind: 'personal' });
export const CHANNEL: Place = { id: '19:lekstroom-team@thread.tacv2', kind: 'channel' };

/** The privacy toggles of the register flow's confirmation, both off. */
export const FLAGS = { familyWithChildren: 'false', welfareConcern: 'false' };

/** A day (at 10:00) or a moment in Amsterdam. */
export function amsterdam(when: string): Date {
  return DateTime.fromISO(when.length === 10 ? `${when}T10:00` : when, {
    zone: 'Europe/Amsterdam',
  }).toJSDate();
}

export function activity(
  user: User,
  place: Place,
  fields: Partial<Activity>,
  locale = 'nl-NL',
): Partial<Activity> {
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
export function message(user: User, text: string, place = chatOf(user), locale = 'nl-NL'): Partial<Activity> {
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
export function invoke(
  user: User,
  verb: string,
  data: Record<string, unknown>,
  place = chatOf(user),
  locale = 'nl-NL',
) {
  return activity(
    user,
    place,
    {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
    },
    locale,
  );
}

/**
 * Records the notices the dialogs plan for people elsewhere, each with the card it would carry
 * when sent at once (built as the deliverer builds it), instead of planning it.
 */
export class RecordingNotifier implements Notifier {
  readonly toPartners: {
    covenantId: string;
    partnerId: string;
    card: AdaptiveCard;
    notice: PlannedMessage;
  }[] = [];
  readonly toUsers: { userId: string; card: AdaptiveCard; notice: PlannedMessage }[] = [];

  constructor(
    private readonly casework: Casework,
    private readonly locale: 'nl' | 'en' = 'nl',
  ) {}

  /** Every card told, to partners and to users, in the order planned. */
  get cards(): AdaptiveCard[] {
    return [...this.toPartners, ...this.toUsers].map((t) => t.card);
  }

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
      const card = await cardForEntry(this.casework, entry, this.locale);
      if (!card) throw new Error(`no card for notice ${notice.key}`);
      if (notice.userId) this.toUsers.push({ userId: notice.userId, card, notice });
      else this.toPartners.push({ covenantId: notice.covenantId, partnerId: notice.partnerId, card, notice });
    }
  }
}

/** One bot to talk to, fresh per test: open() in beforeEach, close() in afterEach. */
export class ConversationKit {
  /** The clock of the casework: set it to move time. Starts on Monday 9 March 2026 10:00. */
  now = amsterdam('2026-03-09');
  readonly casework: Casework;
  readonly notifier: RecordingNotifier;
  readonly adapter: TestAdapter;
  /** Errors the bot logs are faults a card would hide: close() expects none. */
  private readonly problems: string[] = [];

  private constructor(
    private readonly dir: string,
    readonly store: Store,
  ) {
    this.casework = new Casework({ covenants: loadCovenants(), ...store, clock: () => this.now });
    this.notifier = new RecordingNotifier(this.casework);
    const logs = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.problems.push(chunk.toString());
        done();
      },
    });
    const bot = new AanZetBot({
      casework: this.casework,
      store,
      state: new PrivateConversationState(new StoreStorage(store.keyValues)),
      notifier: this.notifier,
      logger: pino({ level: 'error' }, logs),
      admission: { localMode: false, allowedTenants: [TENANT] },
    });
    this.adapter = new TestAdapter((context) => bot.run(context));
  }

  /** The bot with the Lekstroom cast as members (Alex also in Dalfsen; Nina unknown). */
  static async open(): Promise<ConversationKit> {
    const dir = mkdtempSync(join(tmpdir(), 'aanzet-dialogs-'));
    const kit = new ConversationKit(dir, await openLowdbStore({ dataDir: dir }));
    await kit.member(SANNE, 'mitros');
    await kit.member(AHMED, 'wil');
    await kit.member(CARLA, 'wil', ['coordinator-vroeg-eropaf']);
    await kit.member(VERA, 'viveste');
    await kit.member(GIJS, 'gemeente-nieuwegein');
    await kit.member(ALEX, 'mitros');
    await kit.member(ALEX, 'vechthorst', [], 'dalfsen');
    return kit;
  }

  async close(): Promise<void> {
    await this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
    expect(this.problems).toEqual([]);
  }

  /** Adds an active membership to the user (a member record is made when there is none). */
  async member(user: User, partnerId: string, roles: string[] = [], covenantId = 'lekstroom'): Promise<void> {
    const existing = await this.store.members.get(user.userId);
    const updated: Member = {
      userId: user.userId,
      name: user.name,
      memberships: [...(existing?.memberships ?? []), { covenantId, partnerId, roles, status: 'active' }],
    };
    await this.store.members.put(updated);
  }

  /** One turn: sends the activity, expects exactly one reply with a card that Teams can render. */
  async turn(input: Partial<Activity>): Promise<AdaptiveCard> {
    let card: AdaptiveCard | undefined;
    await this.adapter.send(input).assertReply((reply) => {
      card = cardOf(reply);
    });
    expect(this.adapter.activeQueue).toHaveLength(0);
    expect(validateCard(card)).toEqual([]);
    return card!;
  }

  say(user: User, text: string, place = chatOf(user), locale?: string): Promise<AdaptiveCard> {
    return this.turn(message(user, text, place, locale));
  }

  /** Clicks a button of a card with these inputs filled in, as Teams sends it. */
  click(
    user: User,
    card: AdaptiveCard,
    verb: Verb,
    inputs: Record<string, unknown> = {},
    locale?: string,
  ): Promise<AdaptiveCard> {
    return this.turn(invoke(user, verb, { ...actionOf(card, verb).data, ...inputs }, chatOf(user), locale));
  }

  /** A whole register flow (Sanne's by default); returns the confirmation card. */
  async registerSignal(
    user = SANNE,
    overrides: { household?: object; arrears?: object } = {},
  ): Promise<AdaptiveCard> {
    const household = await this.say(user, 'nieuw signaal');
    const arrears = await this.click(user, household, 'signal.household', {
      ...HOUSEHOLD,
      ...overrides.household,
    });
    const confirm = await this.click(user, arrears, 'signal.arrears', { ...ARREARS, ...overrides.arrears });
    return this.click(user, confirm, 'signal.confirm', FLAGS);
  }
}
