import { DateTime } from 'luxon';
import type { Casework } from '../casework/casework.js';
import type { RegisterSignalInput } from '../casework/commands/inputs.js';
import type { Covenant } from '../casework/covenant/covenant.js';
import type { RegisteredSignal } from '../casework/commands/register-signal.js';
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
 * The signal of benchmark household `i`: a valid Lekstroom rent signal (40 days of arrears, the
 * Besluit pre-checks done), its own address, on the given date.
 */
export function benchSignal(
  covenant: Covenant,
  i: number,
  options: { signalDate?: string; city?: string; name?: string } = {},
): RegisterSignalInput {
  const signalDate = options.signalDate ?? '2026-03-09';
  const minus = (days: number) => DateTime.fromISO(signalDate).minus({ days }).toISODate()!;
  return {
    covenantId: covenant.id,
    household: {
      name: options.name ?? `Huishouden ${i}`,
      street: 'Benchstraat',
      houseNumber: (i % 90_000) + 1,
      addition: String(Math.floor(i / 90_000)),
      postcode: '3430 AA',
      city: options.city ?? CITIES[i % CITIES.length]!,
    },
    signal: {
      type: 'Huur',
      amountCents: 50_000 + (i % 1_000),
      arisingDate: minus(40),
      signalDate,
      preChecks: {
        personalContactAttempted: true,
        pointedToDebtHelp: true,
        reminderSentOn: minus(21),
        offeredToShareWithoutObjection: true,
      },
    },
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
        benchSignal(covenant, i),
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
