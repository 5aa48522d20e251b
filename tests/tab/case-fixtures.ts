import { vi } from 'vitest';
import type { CaseView, Locale, TimelineEntry } from '../../casework/reads/views.js';
import { texts } from '../../cards/texts.js';
import { ApiError, type Query, type TabApi } from '../../tab/src/api.js';

// Cases as GET /api/tab/cases/:id answers them (casework/reads/views.ts CaseView), built by hand
// for the Casus view's component tests, and a test double of the tab's HTTP client.

export const CASE_ID = 'LEK-2026-0031';
export const REASON = 'huurder ligt tot eind maart in het ziekenhuis';
export const NOTE = 'Huurder is bang voor post; eerst bellen.';
export const BECAUSE = 'WIL belt de huurder binnen 10 werkdagen en plant een huisbezoek';

/** Words the covenant and the people bring along, not the catalogue: excepted from language checks. */
export const NAMES = [
  'Aanpak Huurachterstanden Lekstroom (Vroeg Eropaf!)',
  'WIL — Werk en Inkomen Lekstroom',
  'Vitens',
  'Mitros',
  'Ahmed El Amrani',
  'Sanne Bakker',
  'J. de Vries',
  'Dukatenburg',
  'Nieuwegein',
  'Betalingsregeling',
  'Schuldhulpverlening',
  REASON,
  NOTE,
];

const stepName = (locale: Locale) => (locale === 'en' ? 'Home visit' : 'Huisbezoek');

export function timelineOf(locale: Locale, length: number): TimelineEntry[] {
  const facts: TimelineEntry['fact'][] = [
    { kind: 'signal_received', signalType: 'Huur' },
    {
      kind: 'step_started',
      stepId: 'huisbezoek',
      stepName: stepName(locale),
      partnerId: 'wil',
      partnerName: 'WIL — Werk en Inkomen Lekstroom',
    },
    { kind: 'contact_attempt', contactKind: 'Telefoon', reached: false, daypart: 'Ochtend' },
    { kind: 'deadline_postponed', deadline: '2026-03-30', reason: REASON },
    { kind: 'note_added' },
  ];
  return Array.from({ length }, (_, i) => ({
    at: `2026-03-${String(9 + (i % 18)).padStart(2, '0')}T${String(8 + (i % 9)).padStart(2, '0')}:15:00Z`,
    who: i % 2 === 0 ? 'AanZet (stappenplan)' : 'Sanne Bakker',
    ...(i % 2 === 0 ? { system: 'stappenplan' } : {}),
    fact: facts[i % facts.length]!,
  }));
}

/** An open case at the home visit, at WIL's turn and late, with the personal part shown. */
export function openCase(locale: Locale, overrides: Partial<CaseView> = {}): CaseView {
  return {
    caseId: CASE_ID,
    covenantId: 'lekstroom',
    covenantName: 'Aanpak Huurachterstanden Lekstroom (Vroeg Eropaf!)',
    version: 7,
    status: 'open',
    stepId: 'huisbezoek',
    stepName: stepName(locale),
    responsible: { id: 'wil', name: 'WIL — Werk en Inkomen Lekstroom' },
    jointPartners: [{ id: 'vitens', name: 'Vitens' }],
    deadline: '2026-03-20',
    deadlineStanding: { kind: 'late', workingDays: 2 },
    late: true,
    because: BECAUSE,
    deadlineRule: { days: 10, unit: 'working_days', from: 'signal' },
    labels: ['gezin met kinderen'],
    flags: ['children'],
    finalResult: null,
    people: ['Ahmed El Amrani'],
    outcomes: [
      { id: 'regeling', label: locale === 'en' ? 'Payment arrangement' : 'Betalingsregeling' },
      { id: 'shv', label: locale === 'en' ? 'Debt help' : 'Schuldhulpverlening' },
    ],
    solutions: ['Betalingsregeling', 'Schuldhulpverlening'],
    timeline: timelineOf(locale, 5),
    personal: {
      name: 'J. de Vries',
      street: 'Dukatenburg',
      city: 'Nieuwegein',
      address: { houseNumber: 12, addition: 'A', postcode: '3437AB' },
      phone: '0612345678',
      adults: 1,
      children: 2,
      notes: [{ at: '2026-03-10T08:00:00Z', byPartnerId: 'wil', text: NOTE, visibleTo: ['wil'] }],
    },
    mayAct: true,
    viewerIsCoordinator: false,
    ownEntries: [],
    stepChanges: [
      {
        kind: 'postponed',
        at: '2026-03-11T09:00:00Z',
        who: 'Ahmed El Amrani',
        deadline: '2026-03-20',
        reason: REASON,
      },
    ],
    signal: { status: 'opgepakt', pickedUpOn: '2026-03-10' },
    joins: [],
    ...overrides,
  };
}

/** The same case closed with a payment arrangement: no step, no deadline, no actions. */
export function closedCase(locale: Locale): CaseView {
  return openCase(locale, {
    status: 'closed',
    stepId: null,
    stepName: null,
    responsible: null,
    jointPartners: [],
    deadline: null,
    deadlineStanding: null,
    late: false,
    because: null,
    deadlineRule: undefined,
    finalResult: 'zelf-betaald-of-regeling',
    outcomes: [],
    solutions: [],
    personal: null,
    mayAct: false,
    stepChanges: [],
    signal: { status: 'zelf-betaald-of-regeling', pickedUpOn: '2026-03-10' },
  });
}

/** A test double of the tab's HTTP client: the server itself is tested in tests/tab-api*.test.ts. */
export function fakeApi() {
  return {
    get: vi.fn<(path: string, query?: Query) => Promise<unknown>>(),
    post: vi.fn<(path: string, body: unknown) => Promise<unknown>>(),
    download: vi.fn<(path: string, query?: Query) => Promise<Blob>>(),
  };
}

export type FakeApi = ReturnType<typeof fakeApi>;

/** The double as the shell's client: its answers are whatever a test gives them. */
export const asTabApi = (api: FakeApi): TabApi => api as unknown as TabApi;

/** The server's 404, its message from the catalogue as bot/tab-api/answers.ts words it. */
export const notFound = (locale: Locale) =>
  new ApiError(404, 'case_not_found', texts(locale).messages.notFound(CASE_ID));
