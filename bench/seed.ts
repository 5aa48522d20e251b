import type { Casework } from '../casework/casework.js';
import type { Covenant } from '../casework/covenant.js';
import type { RegisteredSignal } from '../casework/register-signal.js';
import type { Member, Store } from '../casework/ports.js';

const CITIES = ['Nieuwegein', 'Houten', 'IJsselstein', 'Vianen', 'Lopik'];

export function lekstroomMember(
  covenant: Covenant,
  userId: string,
  partnerId: string,
  roles: string[] = [],
): Member {
  return {
    userId,
    name: userId,
    memberships: [{ covenantId: covenant.id, partnerId, roles, status: 'active' }],
  };
}

/**
 * Registers `size` signals through the real use case (Lekstroom, spread over the corporations
 * and municipalities) and moves half of them on to a municipality's social team. Concurrent
 * calls share the store's writes, which keeps seeding quick.
 */
export async function seedLekstroom(
  casework: Casework,
  store: Store,
  covenant: Covenant,
  size: number,
): Promise<RegisteredSignal[]> {
  const corporations = covenant.partners.filter((p) => p.kind === 'woningcorporatie');
  const wil = lekstroomMember(covenant, 'wil', 'wil', ['coordinator-vroeg-eropaf']);
  await store.members.put(wil);
  const registered = await Promise.all(
    Array.from({ length: size }, (_, i) =>
      casework.registerSignal(
        lekstroomMember(
          covenant,
          `corp-${i % corporations.length}`,
          corporations[i % corporations.length]!.id,
        ),
        {
          covenantId: covenant.id,
          household: {
            name: `Huishouden ${i}`,
            street: 'Benchstraat',
            houseNumber: (i % 9000) + 1,
            addition: String(Math.floor(i / 9000)),
            postcode: '3430 AA',
            city: CITIES[i % CITIES.length]!,
          },
          signal: {
            type: 'Huur',
            amountCents: 50_000 + i,
            arisingDate: '2026-01-20',
            signalDate: '2026-03-09',
            preChecks: {
              personalContactAttempted: true,
              pointedToDebtHelp: true,
              reminderSentOn: '2026-02-16',
              offeredToShareWithoutObjection: true,
            },
          },
        },
      ),
    ),
  );
  await Promise.all(
    registered
      .filter((_, i) => i % 2 === 0)
      .map((r) => casework.logOutcome(wil, r.caseId, r.loaded.record.version, { outcomeId: 'wijkteam' })),
  );
  return registered;
}
