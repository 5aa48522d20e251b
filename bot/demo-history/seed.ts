import { DateTime } from 'luxon';
import { Casework } from '../../casework/casework.js';
import type { RegisterSignalInput } from '../../casework/commands/inputs.js';
import type { Covenant } from '../../casework/covenant/covenant.js';
import type { Member, Store } from '../../casework/ports.js';
import { DEMO_HISTORY_SIGNALS, planHousehold, type HouseholdPlan, type PlannedContact } from './plan.js';

// `npm start`'s year of anonymous Lekstroom history, so the tab's Monitoring has something real
// to show. Every event goes through the use cases (registerSignal, logContactAttempt,
// logOutcome, closeCase), each with the clock at its own moment, so the history is exactly what
// real use writes. Notices the use cases return are not planned: nobody is told of the past.
// Each household runs on its own Casework (its own clock); the households run side by side so
// that the store's writes are shared (lowdb writes the whole file per write).

const COVENANT_ID = 'lekstroom';
const ZONE = 'Europe/Amsterdam';

export interface DemoHistoryReport {
  seeded: boolean;
  /** Why not, when not seeded. */
  skipped?: string;
  cases: number;
  open: number;
  ms: number;
}

export interface DemoActors {
  /** Who acts for a partner: a demo member of that partner when there is one, else an invented colleague. */
  of(partnerId: string): Member;
  /** Who holds the coordinator role: a demo member when one does, else an invented one at WIL. */
  coordinator: Member;
}

async function actorsOf(store: Store, covenant: Covenant): Promise<DemoActors> {
  const members = await store.members.list(covenant.id);
  const membershipOf = (m: Member) =>
    m.memberships.find((s) => s.covenantId === covenant.id && s.status === 'active');
  const invented = new Map<string, Member>();
  const inventedMember = (partnerId: string, roles: string[], label: string): Member => ({
    userId: `demo-history-${label}`,
    name: `Demo ${covenant.partners.find((p) => p.id === partnerId)?.name ?? partnerId}`,
    memberships: [{ covenantId: covenant.id, partnerId, roles, status: 'active' }],
  });
  const coordinator =
    members.find((m) => membershipOf(m)?.roles.includes(covenant.coordinator_role)) ??
    inventedMember('wil', [covenant.coordinator_role], 'coordinator');
  return {
    coordinator,
    of(partnerId) {
      const real = members.find((m) => membershipOf(m)?.partnerId === partnerId);
      if (real) return real;
      let member = invented.get(partnerId);
      if (!member) invented.set(partnerId, (member = inventedMember(partnerId, [], partnerId)));
      return member;
    },
  };
}

function signalOf(plan: HouseholdPlan): RegisterSignalInput {
  const minus = (days: number) => DateTime.fromISO(plan.signalDate).minus({ days }).toISODate()!;
  return {
    covenantId: COVENANT_ID,
    municipalityId: plan.municipality.id,
    household: {
      name: `Demo Huishouden ${plan.n + 1}`,
      street: 'Voorbeeldstraat',
      houseNumber: plan.n + 1,
      addition: '',
      postcode: plan.municipality.postcode,
      city: plan.municipality.city,
    },
    signal: {
      type: 'Huur',
      amountCents: 45_000 + ((plan.n * 4_517) % 60_000),
      arisingDate: minus(35),
      signalDate: plan.signalDate,
      crisis: plan.n % 29 === 0,
      warmHandover: false,
      preChecks: {
        personalContactAttempted: true,
        pointedToDebtHelp: true,
        reminderSentOn: minus(20),
        offeredToShareWithoutObjection: true,
      },
    },
  };
}

/** The moment of an event on `date`: during office hours in Amsterdam, a little later per household. */
function momentOn(date: string, n: number): Date {
  return DateTime.fromISO(`${date}T09:30`, { zone: ZONE })
    .plus({ minutes: (n * 13) % 360 })
    .toJSDate();
}

async function seedHousehold(
  deps: { covenants: readonly Covenant[]; store: Store },
  actors: DemoActors,
  plan: HouseholdPlan,
): Promise<boolean> {
  let now = momentOn(plan.signalDate, plan.n);
  const casework = new Casework({ covenants: [...deps.covenants], ...deps.store, clock: () => now });
  const at = (date: string) => {
    now = momentOn(date, plan.n);
  };
  const wil = actors.of('wil');
  const registered = await casework.registerSignal(actors.of(plan.signallerPartnerId), signalOf(plan));
  const caseId = registered.caseId;
  let version = registered.loaded.record.version;
  const contact = async (actor: Member, c: PlannedContact) => {
    at(c.on);
    const { kind, reached, daypart } = c;
    version = (
      await casework.logContactAttempt(actor, caseId, version, { kind, reached, daypart, date: c.on })
    ).record.version;
  };
  for (const c of plan.visitContacts) await contact(wil, c);
  if (plan.takeOverOn) {
    at(plan.takeOverOn);
    version = (await casework.takeOverStep(actors.of(plan.signallerPartnerId), caseId, version)).record
      .version;
  }
  if (!plan.visitOutcome) return true;
  at(plan.visitOutcome.on);
  if (plan.visitOutcome.outcomeId === 'onterecht') {
    // The coordinator closes an unjustified signal from the case card.
    await casework.closeCase(actors.coordinator, caseId, version, {
      finalResult: 'niet-opgepakt-onterecht-signaal',
    });
    return false;
  }
  version = (await casework.logOutcome(wil, caseId, version, { outcomeId: plan.visitOutcome.outcomeId }))
    .record.version;
  if (!plan.team) return false;
  const team = actors.of(plan.municipality.id);
  await contact(team, plan.team.contact);
  if (!plan.team.outcome) return true;
  at(plan.team.outcome.on);
  await casework.logOutcome(team, caseId, version, { outcomeId: plan.team.outcome.outcomeId });
  return false;
}

/**
 * Seeds the year before `today` when the store holds no case at all and the Lekstroom covenant
 * is loaded; otherwise leaves everything as it is.
 */
export async function seedDemoHistory(deps: {
  covenants: readonly Covenant[];
  store: Store;
  today: Date;
  count?: number;
}): Promise<DemoHistoryReport> {
  const started = performance.now();
  const report = (fields: Partial<DemoHistoryReport>): DemoHistoryReport => ({
    seeded: false,
    cases: 0,
    open: 0,
    ms: Math.round(performance.now() - started),
    ...fields,
  });
  const covenant = deps.covenants.find((c) => c.id === COVENANT_ID);
  if (!covenant) return report({ skipped: 'the Lekstroom covenant is not loaded' });
  if ((await deps.store.cases.listSummaries({})).length > 0)
    return report({ skipped: 'the store already holds cases' });
  const actors = await actorsOf(deps.store, covenant);
  const today = DateTime.fromJSDate(deps.today, { zone: ZONE }).startOf('day');
  const count = deps.count ?? DEMO_HISTORY_SIGNALS;
  const plans = Array.from({ length: count }, (_, n) => planHousehold(n, count, today));
  const open = await Promise.all(plans.map((plan) => seedHousehold(deps, actors, plan)));
  return report({ seeded: true, cases: count, open: open.filter(Boolean).length });
}
