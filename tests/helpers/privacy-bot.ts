import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { DateTime } from 'luxon';
import pino from 'pino';
import { expect } from 'vitest';
import { startApp, type App } from '../../bot/app.js';
import { readConfig } from '../../bot/config.js';
import type { Member } from '../../casework/ports.js';
import type { AdaptiveCard } from '../../cards/card-types.js';
import { startFakeConnector, type FakeConnector } from './fake-connector.js';
import { TeamsClient, type Conversation, type TeamsUser } from './teams-client.js';
import { validateCard } from './validate-card.js';

// The running bot for the privacy tests: real app and store on a temp dir, a clock the test
// sets, the fake connector, and the few moves these tests make (say, click, read the card).

export const TENANT = 'tenant-a';
export const amsterdam = (when: string) => DateTime.fromISO(when, { zone: 'Europe/Amsterdam' }).toJSDate();
export const user = (name: string, slug: string): TeamsUser => ({
  id: `29:${slug}`,
  aadObjectId: `aad-${slug}`,
  name,
});
export const chat = (who: TeamsUser): Conversation => ({
  id: `a:chat-${who.aadObjectId}`,
  conversationType: 'personal',
  tenantId: TENANT,
});
export const CHANNEL: Conversation = {
  id: '19:privacy@thread.tacv2',
  conversationType: 'channel',
  tenantId: TENANT,
  teamId: 'team-privacy',
};

export class PrivacyBot {
  now: Date;
  app!: App;
  client!: TeamsClient;
  readonly logs: { level: number; msg: string }[] = [];
  private constructor(
    readonly connector: FakeConnector,
    readonly dataDir: string,
    now: string,
  ) {
    this.now = amsterdam(now);
  }

  static async start(now: string, options: { purgeIntervalMs?: number } = {}): Promise<PrivacyBot> {
    const bot = new PrivacyBot(
      await startFakeConnector(),
      mkdtempSync(join(tmpdir(), 'aanzet-privacy-')),
      now,
    );
    await bot.startApp(options);
    return bot;
  }

  /** Starts (again) on the same data dir; reminders off, as the purge must run without them. */
  async startApp(options: { purgeIntervalMs?: number } = {}): Promise<void> {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        for (const line of chunk.toString().split('\n').filter(Boolean))
          this.logs.push(JSON.parse(line) as { level: number; msg: string });
        done();
      },
    });
    const config = readConfig({ PORT: '0', AANZET_DATA_DIR: this.dataDir, AANZET_REMINDERS: 'off' });
    this.app = await startApp(config, {
      clock: () => this.now,
      logger: pino({ level: 'info' }, sink),
      ...options,
    });
    this.client = new TeamsClient(this.app.server.url, this.connector.url);
  }

  setNow(when: string): void {
    this.now = amsterdam(when);
  }

  async member(who: TeamsUser, covenantId: string, partnerId: string, roles: string[] = []): Promise<Member> {
    const member: Member = {
      userId: who.aadObjectId,
      name: who.name,
      memberships: [{ covenantId, partnerId, roles, status: 'active' }],
    };
    await this.app.store.members.put(member);
    return member;
  }

  /** A message; returns the one card the bot answered with in that conversation. */
  async say(
    who: TeamsUser,
    text: string,
    where: Conversation = chat(who),
    locale = 'nl-NL',
  ): Promise<AdaptiveCard> {
    const before = this.sentTo(where).length;
    const response = await this.client.message(who, where, text, locale);
    expect(response.status).toBe(200);
    await this.connector.waitFor(() => this.sentTo(where).length > before, 20_000);
    const card = this.sentTo(where)[before]!.activity.attachments![0]!.content as AdaptiveCard;
    expect(validateCard(card)).toEqual([]);
    return card;
  }

  /** An Action.Execute click with the given data; returns the card of the invoke response. */
  async click(
    who: TeamsUser,
    verb: string,
    data: Record<string, unknown>,
    where: Conversation = chat(who),
  ): Promise<AdaptiveCard> {
    const response = await this.client.invoke(who, where, verb, data);
    expect(response.status).toBe(200);
    const card = (response.body as { value: AdaptiveCard }).value;
    expect(validateCard(card)).toEqual([]);
    return card;
  }

  sentTo(where: Conversation) {
    return this.connector.sent.filter((s) => s.conversationId === where.id);
  }

  async version(caseId: string): Promise<number> {
    return (await this.app.store.cases.getSummary(caseId))!.version;
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.connector.close();
    rmSync(this.dataDir, { recursive: true, force: true });
    expect(this.logs.filter((line) => line.level >= 50)).toEqual([]);
  }
}

// Where the privacy tests have always found it.
export { dataOf } from './card-parts.js';
