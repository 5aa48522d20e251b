import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { Casework } from '../../casework/casework.js';
import type { Covenant } from '../../casework/covenant/covenant.js';
import type { RegisterSignalInput } from '../../casework/commands/inputs.js';
import type { Member, Store } from '../../casework/ports.js';
import { openLowdbStore } from '../../storage/lowdb-store.js';
import { loadCovenants } from '../../storage/covenant-files.js';

/** Casework on a real lowdb file in a temp dir, the real covenants, and a clock the test sets. */
export interface Harness {
  casework: Casework;
  store: Store;
  covenants: Covenant[];
  covenant(id: string): Covenant;
  /** Sets "now" (an ISO instant, or a date meaning 10:00 that day in Amsterdam). */
  setNow(when: string): void;
  member(
    userId: string,
    covenantId: string,
    partnerId: string,
    roles?: string[],
    name?: string,
  ): Promise<Member>;
  close(): Promise<void>;
}

let coveredCovenants: Covenant[] | undefined;

export async function openHarness(now = '2026-03-09'): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'aanzet-casework-'));
  const store = await openLowdbStore({ dataDir: dir });
  const covenants = (coveredCovenants ??= loadCovenants());
  let current = toInstant(now);
  const casework = new Casework({
    covenants,
    cases: store.cases,
    members: store.members,
    audit: store.audit,
    conversations: store.conversations,
    clock: () => current,
  });
  return {
    casework,
    store,
    covenants,
    covenant: (id) => covenants.find((c) => c.id === id)!,
    setNow: (when) => {
      current = toInstant(when);
    },
    async member(userId, covenantId, partnerId, roles = [], name = userId) {
      const existing = await store.members.get(userId);
      const member: Member = {
        userId,
        name,
        memberships: [...(existing?.memberships ?? []), { covenantId, partnerId, roles, status: 'active' }],
      };
      await store.members.put(member);
      return member;
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function toInstant(when: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(when))
    return DateTime.fromISO(`${when}T10:00`, { zone: 'Europe/Amsterdam' }).toJSDate();
  return new Date(when);
}

/** A valid signal for a household; override what the test is about. */
export function signalFor(
  covenantId: string,
  options: {
    signalDate?: string;
    postcode?: string;
    houseNumber?: number;
    type?: string;
    crisis?: boolean;
    flags?: string[];
    children?: number;
    municipalityId?: string;
    city?: string;
    amountCents?: number;
  } = {},
): RegisterSignalInput {
  const signalDate = options.signalDate ?? '2026-03-09';
  const minus = (days: number) => DateTime.fromISO(signalDate).minus({ days }).toISODate()!;
  return {
    covenantId,
    ...(options.municipalityId ? { municipalityId: options.municipalityId } : {}),
    household: {
      name: 'J. de Vries',
      street: 'Dukatenburg',
      houseNumber: options.houseNumber ?? 12,
      addition: '',
      postcode: options.postcode ?? '3437 AB',
      city: options.city ?? 'Nieuwegein',
      phone: '06-12345678',
      adults: 2,
      ...(options.children !== undefined ? { children: options.children } : {}),
    },
    signal: {
      type: (options.type ?? 'Huur') as 'Huur',
      amountCents: options.amountCents ?? 71200,
      arisingDate: minus(36),
      signalDate,
      crisis: options.crisis ?? false,
      warmHandover: false,
      preChecks: {
        personalContactAttempted: true,
        pointedToDebtHelp: true,
        reminderSentOn: minus(21),
        offeredToShareWithoutObjection: true,
      },
    },
    flags: (options.flags ?? []) as never[],
    // The household size (and any children or concerns) shared with the tenant's consent.
    observationConsent: true,
  };
}
