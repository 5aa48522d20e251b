import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrivateConversationState, TestAdapter, type Activity } from 'botbuilder';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AanZetBot, withoutInsertedCards } from '../bot/aanzet-bot.js';
import { StoreStorage } from '../bot/store-storage.js';
import { Casework } from '../casework/casework.js';
import type { Store } from '../casework/ports.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openLowdbStore } from '../storage/lowdb-store.js';

// The botbuilder shell around the turn chain: what it answers when the chain answers nothing,
// and which activities still reach the chain although botbuilder answers them.

const TENANT = 'tenant-lekstroom';
const CHAT = 'a:personal-nina';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aanzet-shell-'));
  store = await openLowdbStore({ dataDir: dir });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function adapterFor(allowedTenants: string[]): TestAdapter {
  const bot = new AanZetBot({
    casework: new Casework({ covenants: loadCovenants(), ...store, clock: () => new Date() }),
    store,
    state: new PrivateConversationState(new StoreStorage(store.keyValues)),
    notifier: { tell: async () => {} },
    logger: pino({ level: 'silent' }),
    admission: { localMode: false, allowedTenants },
  });
  return new TestAdapter((context) => bot.run(context));
}

function activity(fields: Partial<Activity>): Partial<Activity> {
  return {
    channelId: 'msteams',
    from: { id: '29:nina', aadObjectId: 'aad-nina', name: 'Nina Visser' },
    recipient: { id: '28:aanzet', name: 'AanZet' },
    conversation: { id: CHAT, conversationType: 'personal', tenantId: TENANT } as Activity['conversation'],
    channelData: { tenant: { id: TENANT } },
    ...fields,
  };
}

const click = activity({
  type: 'invoke',
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb: 'tasks.show', data: {} }, trigger: 'manual' },
});

async function repliesTo(adapter: TestAdapter, input: Partial<Activity>): Promise<Partial<Activity>[]> {
  await adapter.send(input).startTest();
  const replies = [...adapter.activeQueue];
  adapter.activeQueue.splice(0);
  return replies;
}

describe('the botbuilder shell', () => {
  it('answers nothing to a message the chain does not admit', async () => {
    expect(
      await repliesTo(adapterFor(['another-tenant']), activity({ type: 'message', text: 'help' })),
    ).toEqual([]);
  });

  it('answers a click the chain does not admit with 403 and no card', async () => {
    const [response] = await repliesTo(adapterFor(['another-tenant']), click);
    expect(response?.type).toBe('invokeResponse');
    expect(response?.value).toMatchObject({ status: 403, body: { type: 'application/vnd.microsoft.error' } });
  });

  it('answers a click with the card that replaces the clicked one', async () => {
    const [response] = await repliesTo(adapterFor([TENANT]), click);
    expect(response?.value).toMatchObject({
      status: 200,
      body: { type: 'application/vnd.microsoft.card.adaptive' },
    });
  });

  it('remembers the chat of an invoke AanZet does not handle, and leaves the answer to botbuilder', async () => {
    const fetch = activity({ type: 'invoke', name: 'task/fetch', value: {} });
    const [response] = await repliesTo(adapterFor([TENANT]), fetch);
    expect(response?.value).toMatchObject({ status: 501 });
    expect(await store.conversations.get(CHAT)).toMatchObject({ userId: 'aad-nina', tenantId: TENANT });
  });

  it('answers a search in the invoke response, and does not keep the chat as a place to send to', async () => {
    const search = activity({
      type: 'invoke',
      name: 'composeExtension/query',
      value: { commandId: 'findCase' },
    });
    const [response] = await repliesTo(adapterFor([TENANT]), search);
    // Nina is not a member: a line in the compose box says why nothing is found.
    expect(response?.value).toMatchObject({ status: 200, body: { composeExtension: { type: 'message' } } });
    expect(await store.conversations.get(CHAT)).toBeUndefined();
  });

  it('answers nothing to a card inserted from the compose box, and the typed words next to one', async () => {
    // As the Agents Playground sends a search result or an unfurled link that was picked.
    const inserted =
      '\n<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension">\n' +
      '  <span content="0" itemprop="cardId"></span>\n</span>\n';
    const attachments = [{ contentType: 'application/vnd.microsoft.card.adaptive', content: {} }];
    const adapter = adapterFor([TENANT]);
    expect(await repliesTo(adapter, activity({ type: 'message', text: inserted, attachments }))).toEqual([]);
    expect(await repliesTo(adapter, activity({ type: 'message', text: '', attachments }))).toEqual([]);
    const [reply] = await repliesTo(
      adapter,
      activity({ type: 'message', text: `help${inserted}`, attachments }),
    );
    expect(JSON.stringify(reply?.attachments)).not.toContain('inline-compose-card');
    expect(withoutInsertedCards(`help${inserted}`)).toBe('help');
    expect(withoutInsertedCards('status <id>')).toBe('status <id>');
  });

  it('answers a search or a pasted link the chain does not admit with no results', async () => {
    for (const name of ['composeExtension/query', 'composeExtension/queryLink']) {
      const [response] = await repliesTo(
        adapterFor(['another-tenant']),
        activity({
          type: 'invoke',
          name,
          value: { url: 'https://aanzet.example.org/tab/#/case/LEK-2026-0001' },
        }),
      );
      expect(response?.value).toEqual({
        status: 200,
        body: { composeExtension: { type: 'result', attachmentLayout: 'list', attachments: [] } },
      });
    }
  });
});
