import { DateTime } from 'luxon';

// What happens to each household of the demo history, decided by its number alone so that every
// start seeds the same year: when the signal came, who sent it, which contacts were tried and how
// the joint home visit (and, for some, the social neighbourhood team) ended. Only the dates move
// with "today". The mix follows Lekstroom's pilot year (seed 001): 231 households visited, 118
// payment arrangements, 21 sign-ups for debt counselling, 82% positive.

/** About what Lekstroom reports a year (231 visits in the pilot year). */
export const DEMO_HISTORY_SIGNALS = 240;

/** Signals of the last two weeks are still at the joint visit: their deadlines are near today. */
const STILL_OPEN_DAYS = 14;
/** A referral to the social team this recent is still being helped. */
const TEAM_STILL_OPEN_DAYS = 20;

export const CORPORATIONS = ['mitros', 'viveste', 'lekstedewonen', 'provides', 'portaal', 'jutphaas-wonen'];

/** The Lekstroom municipalities, each with a postcode of its own area (no real address). */
export const MUNICIPALITIES = [
  { id: 'gemeente-nieuwegein', city: 'Nieuwegein', postcode: '3431 AB' },
  { id: 'gemeente-houten', city: 'Houten', postcode: '3991 CD' },
  { id: 'gemeente-ijsselstein', city: 'IJsselstein', postcode: '3401 EF' },
  { id: 'gemeente-vianen', city: 'Vianen', postcode: '4131 GH' },
  { id: 'gemeente-lopik', city: 'Lopik', postcode: '3411 JK' },
] as const;

/** The joint visit's outcome ids, weighted per 100 households (lekstroom.yaml). */
const VISIT_OUTCOMES: [string, number][] = [
  ['regeling', 42],
  ['betaald', 9],
  ['andere-afspraak', 7],
  ['schuldhulp', 9],
  ['wijkteam', 12],
  ['al-bekend', 3],
  ['ander-traject', 3],
  ['geen-hulp', 4],
  ['niet-bereikt', 7],
  ['onterecht', 2],
  ['herhaalde-melding', 1],
  ['verhuisd', 1],
];
/** The social team's outcomes for the households referred to it. */
const TEAM_OUTCOMES = [
  'begeleiding',
  'begeleiding',
  'schuldhulp',
  'regeling',
  'ander-traject',
  'geen-reactie',
];

const WEIGHTED = VISIT_OUTCOMES.flatMap(([id, weight]) => Array<string>(weight).fill(id));

export interface PlannedContact {
  on: string;
  kind: 'Brief' | 'Telefoon' | 'Huisbezoek';
  reached: boolean;
  daypart: 'Ochtend' | 'Middag' | 'Avond';
}

export interface HouseholdPlan {
  n: number;
  signalDate: string;
  signallerPartnerId: string;
  municipality: (typeof MUNICIPALITIES)[number];
  /** WIL's contacts for the joint visit, in date order. */
  visitContacts: PlannedContact[];
  /** The visit's outcome and its day; none: still open. */
  visitOutcome?: { on: string; outcomeId: string };
  /** Still at the visit, signalled by the corporation: it takes the visit over on this day. */
  takeOverOn?: string;
  /** At the social team: its contact and outcome; no outcome: still open there. */
  team?: { contact: PlannedContact; outcome?: { on: string; outcomeId: string } };
}

/** Weekend days move to the Friday before: signals and visits happen on working days. */
function weekday(date: DateTime): DateTime {
  return date.weekday === 6 ? date.minus({ days: 1 }) : date.weekday === 7 ? date.minus({ days: 2 }) : date;
}

const iso = (date: DateTime) => date.toISODate()!;

/**
 * Household `n` of `count`, signals spread evenly over the 365 days before `today`. Its visit
 * takes 3 to 20 days, so about one in four lands after the 10-working-day deadline (late steps).
 */
export function planHousehold(n: number, count: number, today: DateTime): HouseholdPlan {
  const signal = weekday(today.minus({ days: 365 - Math.floor((n * 365) / count) }));
  const ageDays = today.diff(signal, 'days').days;
  const visitAfter = 3 + ((n * 7) % 18);
  const visitDay = weekday(signal.plus({ days: visitAfter }));
  const outcomeId = WEIGHTED[(n * 37) % WEIGHTED.length]!;
  const unreached = outcomeId === 'niet-bereikt';
  const letter: PlannedContact = {
    on: iso(weekday(signal.plus({ days: 1 }))),
    kind: 'Brief',
    reached: false,
    daypart: 'Ochtend',
  };
  const visit: PlannedContact = {
    on: iso(visitDay),
    kind: 'Huisbezoek',
    reached: !unreached,
    daypart: n % 3 === 0 ? 'Avond' : 'Middag',
  };
  const plan: HouseholdPlan = {
    n,
    signalDate: iso(signal),
    signallerPartnerId: CORPORATIONS[n % CORPORATIONS.length]!,
    municipality: MUNICIPALITIES[(n * 3) % MUNICIPALITIES.length]!,
    visitContacts: [],
  };
  if (ageDays <= STILL_OPEN_DAYS || visitDay >= today) {
    // Still at the visit: half of these came from Mitros (Alex Wilber's caseload in the demo),
    // which takes the visit over for some; a letter went out for some.
    if (n % 2 === 0) plan.signallerPartnerId = 'mitros';
    const nextDay = iso(weekday(signal.plus({ days: 2 })));
    if (n % 4 === 0 && nextDay < iso(today)) plan.takeOverOn = nextDay;
    if (n % 3 !== 0 && letter.on < iso(today)) plan.visitContacts.push(letter);
    return plan;
  }
  plan.visitContacts.push(letter, visit);
  plan.visitOutcome = { on: iso(visitDay), outcomeId };
  if (outcomeId === 'wijkteam') {
    const teamContactDay = weekday(visitDay.plus({ days: 4 }));
    const contact: PlannedContact = {
      on: iso(teamContactDay),
      kind: 'Telefoon',
      reached: true,
      daypart: 'Ochtend',
    };
    const teamDone = weekday(visitDay.plus({ days: 10 + (n % 12) }));
    const stillOpen = today.diff(visitDay, 'days').days <= TEAM_STILL_OPEN_DAYS || teamDone >= today;
    plan.team = {
      contact: teamContactDay < today ? contact : { ...contact, on: iso(visitDay) },
      ...(stillOpen
        ? {}
        : { outcome: { on: iso(teamDone), outcomeId: TEAM_OUTCOMES[n % TEAM_OUTCOMES.length]! } }),
    };
  }
  return plan;
}
