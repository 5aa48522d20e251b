import { Casework } from '../../casework/casework.js';
import type { Member, Store } from '../../casework/ports.js';
import { loadCovenants } from '../../storage/covenant-files.js';
import { signalFor } from './casework-harness.js';

/**
 * Lekstroom cases registered on Monday 9 March 2026 (the joint visit due Monday 23 March, so
 * nudged on Friday 20 March) and WIL caseworkers each with a personal chat at the connector:
 * one nudge per case and chat becomes due. The chats are spread over `tenants` tenants (4 unless told).
 */
export async function seedDueNudges(
  store: Store,
  connectorUrl: string,
  counts: { cases: number; chats: number; tenants?: number },
) {
  const tenants = counts.tenants ?? 4;
  const casework = new Casework({
    covenants: loadCovenants(),
    ...store,
    clock: () => new Date('2026-03-09T09:00:00Z'),
  });
  const sanne: Member = {
    userId: 'sanne',
    name: 'Sanne',
    memberships: [{ covenantId: 'lekstroom', partnerId: 'mitros', roles: [], status: 'active' }],
  };
  await store.members.put(sanne);
  for (let i = 0; i < counts.cases; i++)
    await casework.registerSignal(sanne, signalFor('lekstroom', { houseNumber: 10 + i }));
  for (let i = 0; i < counts.chats; i++) {
    const tenantId = `tenant-${i % tenants}`;
    const userId = `wil-${i}`;
    await store.members.put({
      userId,
      name: `WIL ${i}`,
      memberships: [{ covenantId: 'lekstroom', partnerId: 'wil', roles: [], status: 'active' }],
    });
    await store.conversations.put({
      id: `a:chat-${userId}`,
      kind: 'personal',
      tenantId,
      userId,
      reference: {
        channelId: 'msteams',
        serviceUrl: connectorUrl,
        conversation: { id: `a:chat-${userId}`, conversationType: 'personal', tenantId },
        bot: { id: '28:aanzet' },
        user: { id: userId },
      },
      updatedAt: '2026-03-09T09:00:00.000Z',
    });
  }
}

/** The nudge day of the seeded cases, 09:00 in Amsterdam. */
export const NUDGE_MOMENT = '2026-03-20T08:00:00.000Z';
