import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Store } from '../../casework/ports.js';
import { remember } from '../../bot/turn/memory.js';
import { openLowdbStore } from '../../storage/lowdb-store.js';
import { openPostgresStore } from '../../storage/postgres/postgres-store.js';
import { closeSharedPglite, freshPglite } from '../helpers/postgres.js';
import { fakeTurn } from './fake-turn.js';

// The conversation's address is written only when it changed — also when the store gives the
// address back with its keys in another order (PostgreSQL's jsonb does): before, every message in
// a conversation rewrote it there, a write per status lookup.

afterAll(closeSharedPglite);

const stores: [string, () => Promise<{ store: Store; cleanup: () => Promise<void> }>][] = [
  [
    'lowdb',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'aanzet-memory-'));
      const store = await openLowdbStore({ dataDir: dir });
      return {
        store,
        cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
      };
    },
  ],
  [
    'PGlite',
    async () => {
      const { client, cleanup } = await freshPglite();
      const store = await openPostgresStore(client);
      return { store, cleanup: async () => (await store.close(), await cleanup()) };
    },
  ],
];

describe.each(stores)('conversation memory on %s', (_name, open) => {
  it('a second message with the same address writes nothing; a moved address is written', async () => {
    const { store, cleanup } = await open();
    try {
      const reference = {
        user: { id: 'u1', name: 'Sanne', aadObjectId: 'aad-sanne' },
        bot: { id: '28:aanzet', name: 'AanZet' },
        conversation: { id: 'a:personal-sanne', conversationType: 'personal', tenantId: 't1' },
        channelId: 'msteams',
        locale: 'nl-NL',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
      };
      await remember(store.conversations, fakeTurn({ kind: 'message', text: 'help' }, { reference }).turn);
      const first = await store.conversations.get('a:personal-sanne');
      await new Promise((resolve) => setTimeout(resolve, 5));
      await remember(store.conversations, fakeTurn({ kind: 'message', text: 'help' }, { reference }).turn);
      expect((await store.conversations.get('a:personal-sanne'))?.updatedAt).toBe(first?.updatedAt);

      const moved = { ...reference, serviceUrl: 'https://smba.trafficmanager.net/nl/' };
      await remember(
        store.conversations,
        fakeTurn({ kind: 'message', text: 'help' }, { reference: moved }).turn,
      );
      const after = await store.conversations.get('a:personal-sanne');
      expect(after?.updatedAt).not.toBe(first?.updatedAt);
      expect(after?.reference).toMatchObject({ serviceUrl: 'https://smba.trafficmanager.net/nl/' });
    } finally {
      await cleanup();
    }
  });
});
