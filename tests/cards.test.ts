import { describe, expect, it } from 'vitest';
import { FINAL_RESULT_CODES, type FinalResult } from '../casework/covenant/final-results.js';
import type { CasuistryAgenda } from '../casework/reads/reports.js';
import type { CovenantFigures } from '../casework/reads/figures.js';
import { makeCounts, makeFigures } from './fixtures/figures.js';
import type { CaseView, Locale, StepView } from '../casework/reads/views.js';
import {
  agendaCard,
  approvalCard,
  approvalResultCard,
  caseCard,
  contactFormCard,
  formatEuro,
  helpCard,
  localeFrom,
  messageCard,
  onboardingCard,
  outcomeFormCard,
  registerArrearsCard,
  registerConfirmCard,
  registerCovenantCard,
  registerHouseholdCard,
  reportCard,
  signalRegisteredCard,
  staleCard,
  statusCard,
  tasksCard,
  texts,
  welcomeCard,
  type AdaptiveCard,
  type CardElement,
  type ExecuteAction,
  type TextBlock,
} from '../cards/index.js';
import { VERBS } from '../cards/verbs.js';
import { validateCard } from './helpers/validate-card.js';

// Realistic Lekstroom data (SCENARIOS.md, scenario 1), built by hand in both languages.

const COVENANT = 'Aanpak Huurachterstanden Lekstroom (Vroeg Eropaf!)';
const WIL = { id: 'wil', name: 'WIL — Werk en Inkomen Lekstroom' };

function stepView(locale: Locale, overrides: Partial<StepView> = {}): StepView {
  const nl = locale === 'nl';
  return {
    caseId: 'LEK-2026-0031',
    covenantId: 'lekstroom',
    covenantName: COVENANT,
    version: 3,
    status: 'open',
    stepId: 'gezamenlijk-huisbezoek',
    stepName: nl ? 'Gezamenlijk huisbezoek (corporatie + WIL)' : 'Joint home visit (corporation + WIL)',
    responsible: WIL,
    jointPartners: [{ id: 'mitros', name: 'Mitros' }],
    deadline: '2026-03-23',
    deadlineStanding: { kind: 'in', workingDays: 10 },
    late: false,
    because: null,
    labels: ['gezin met kinderen'],
    finalResult: null,
    ...overrides,
  };
}

const PERSONAL: NonNullable<CaseView['personal']> = {
  name: 'J. de Vries',
  street: 'Dukatenburg',
  city: 'Nieuwegein',
  phone: '06-12345678',
  adults: 2,
  children: 2,
  address: { postcode: '3437 AB', houseNumber: 12, addition: '' },
  notes: [
    {
      at: '2026-03-12T14:20:00Z',
      byPartnerId: 'wil',
      text: 'Huurder heeft per april een nieuwe baan.',
      visibleTo: ['wil'],
    },
  ],
};

function caseView(locale: Locale, overrides: Partial<CaseView> = {}): CaseView {
  const nl = locale === 'nl';
  return {
    ...stepView(locale),
    because:
      'Vroeg Eropaf!: bij een achterstand van één maand gaan corporatie en WIL samen op huisbezoek. WIL plant het bezoek met de corporatie die het signaal gaf.',
    people: ['Ahmed Yilmaz', 'Petra Jansen'],
    outcomes: [
      { id: 'regeling', label: nl ? 'Betalingsregeling getroffen' : 'Payment arrangement made' },
      { id: 'betaald', label: nl ? 'Huur alsnog betaald' : 'Rent paid after all' },
      {
        id: 'wijkteam',
        label: nl ? 'Meer aan de hand, naar het sociale wijkteam' : 'More going on, referred',
      },
    ],
    solutions: [],
    timeline: [
      {
        at: '2026-03-09T09:15:00Z',
        who: 'Sanne Bakker',
        fact: { kind: 'signal_received', signalType: 'Huur' },
      },
      {
        at: '2026-03-09T09:15:00Z',
        who: 'AanZet',
        fact: {
          kind: 'step_started',
          stepId: 'gezamenlijk-huisbezoek',
          stepName: nl ? 'Gezamenlijk huisbezoek (corporatie + WIL)' : 'Joint home visit (corporation + WIL)',
          partnerId: WIL.id,
          partnerName: WIL.name,
        },
      },
      {
        at: '2026-03-12T13:30:00Z',
        who: 'Ahmed Yilmaz',
        fact: { kind: 'contact_attempt', contactKind: 'Huisbezoek', reached: false, daypart: 'Middag' },
      },
    ],
    personal: PERSONAL,
    ...overrides,
  };
}

const REGISTER_VALUES = {
  name: 'J. de Vries',
  street: 'Dukatenburg',
  houseNumber: '12',
  postcode: '3437',
  city: 'Nieuwegein',
  phone: '06-12345678',
  adults: '2',
  children: '0',
};

const MUNICIPALITIES = [
  { id: 'gemeente-nieuwegein', name: 'Gemeente Nieuwegein' },
  { id: 'gemeente-houten', name: 'Gemeente Houten' },
];

function figures(): CovenantFigures {
  return makeFigures();
}

function agenda(locale: Locale): CasuistryAgenda {
  const late = stepView(locale, {
    caseId: 'LEK-2026-0012',
    late: true,
    deadline: '2026-03-02',
    deadlineStanding: { kind: 'late', workingDays: 5 },
  });
  return {
    covenantId: 'lekstroom',
    meetingDate: '2026-04-07',
    late: [late],
    escalated: [late],
    childrenFacingEviction: [
      stepView(locale, { caseId: 'LEK-2026-0027', labels: ['gezin met kinderen', 'crisis'] }),
    ],
    waitingForNetwork: [],
    flaggedByRules: [stepView(locale)],
    covenantExpiredOn: null,
    evaluationsDue: [],
  };
}

const ONBOARDING_COVENANTS = [
  {
    id: 'lekstroom',
    name: COVENANT,
    partners: [
      { id: 'mitros', name: 'Mitros' },
      { id: 'wil', name: WIL.name },
    ],
  },
  {
    id: 'dalfsen',
    name: 'Convenant Vroegsignalering Dalfsen',
    partners: [{ id: 'de-kern', name: 'Stichting De Kern' }],
  },
];

/** Every builder with a realistic model, per locale. */
function allCards(locale: Locale): Record<string, AdaptiveCard> {
  const nl = locale === 'nl';
  const none = { values: {}, errors: {} };
  return {
    help: helpCard(locale, {}),
    helpUnknown: helpCard(locale, { unknownText: 'nieuw signal', suggestion: 'nieuw signaal' }),
    welcome: welcomeCard(locale, { userName: 'Sanne Bakker', needsOnboarding: false }),
    welcomeOnboarding: welcomeCard(locale, { userName: 'Sanne Bakker', needsOnboarding: true }),
    registerCovenant: registerCovenantCard(locale, {
      flowId: 'flow-1',
      covenants: ONBOARDING_COVENANTS.map(({ id, name }) => ({ id, name })),
      ...none,
    }),
    registerHousehold: registerHouseholdCard(locale, {
      flowId: 'flow-1',
      covenantName: COVENANT,
      municipalities: MUNICIPALITIES,
      values: REGISTER_VALUES,
      errors: { postcode: 'Vul een postcode in zoals 3437 AB.' },
    }),
    registerArrears: registerArrearsCard(locale, {
      flowId: 'flow-1',
      signalTypes: ['Huur'],
      values: { amount: '712,50', arisingDate: '2026-02-01', signalDate: '2026-03-09', crisis: 'false' },
      errors: {},
    }),
    registerConfirm: registerConfirmCard(locale, {
      flowId: 'flow-1',
      summary: [
        { label: 'Huurder', value: 'J. de Vries' },
        { label: 'Achterstand', value: formatEuro(71250) },
      ],
      ...none,
    }),
    registered: signalRegisteredCard(locale, { view: caseView(locale), joined: true }),
    case: caseCard(locale, { view: caseView(locale), canAct: true }),
    caseLate: caseCard(locale, {
      view: caseView(locale, {
        late: true,
        deadline: '2026-03-16',
        deadlineStanding: { kind: 'late', workingDays: 1 },
      }),
      canAct: false,
    }),
    caseClosed: caseCard(locale, {
      view: caseView(locale, {
        status: 'closed',
        stepId: null,
        stepName: null,
        responsible: null,
        finalResult: 'zelf-betaald-of-regeling',
        personal: null,
      }),
      canAct: true,
    }),
    status: statusCard(locale, { view: caseView(locale) }),
    contactForm: contactFormCard(locale, {
      caseId: 'LEK-2026-0031',
      version: 3,
      stepName: 'Gezamenlijk huisbezoek (corporatie + WIL)',
      values: { kind: 'Huisbezoek', reached: 'false', date: '2026-03-12', daypart: 'Middag' },
      errors: {},
    }),
    outcomeForm: outcomeFormCard(locale, {
      caseId: 'LEK-2026-0031',
      version: 5,
      stepName: 'Gezamenlijk huisbezoek (corporatie + WIL)',
      outcomes: caseView(locale).outcomes,
      solutions: ['Andere incassodatum', 'Budgetcoaching', 'Bijzondere bijstand'],
      ...none,
    }),
    stale: staleCard(locale, { caseId: 'LEK-2026-0031', by: 'Ahmed Yilmaz', at: '2026-03-17T09:42:00Z' }),
    message: messageCard(locale, {
      title: nl ? 'Niet gevonden' : 'Not found',
      text: nl ? 'Casus LEK-2026-9999 bestaat niet.' : 'There is no case LEK-2026-9999.',
      tone: 'attention',
    }),
    tasks: tasksCard(locale, {
      title: nl ? 'Mijn taken' : 'My tasks',
      items: [stepView(locale), stepView(locale, { caseId: 'LEK-2026-0012', late: true })],
      emptyText: nl ? 'Niets te doen.' : 'Nothing to do.',
    }),
    tasksEmpty: tasksCard(locale, {
      title: nl ? 'Mijn taken' : 'My tasks',
      items: [],
      emptyText: nl ? 'Niets te doen.' : 'Nothing to do.',
    }),
    report: reportCard(locale, { figures: figures(), covenantName: COVENANT }),
    agenda: agendaCard(locale, { agenda: agenda(locale), covenantName: COVENANT }),
    onboarding: onboardingCard(locale, { covenants: ONBOARDING_COVENANTS, ...none }),
    approval: approvalCard(locale, {
      requester: { userId: '29:1abc', name: 'Sanne Bakker' },
      covenantId: 'lekstroom',
      covenantName: COVENANT,
      partnerName: 'Mitros',
    }),
    approvalResult: approvalResultCard(locale, {
      approved: true,
      requesterName: 'Sanne Bakker',
      partnerName: 'Mitros',
      by: 'Ahmed Yilmaz',
    }),
  };
}

// Walking a built card.

function nodes(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  return [object, ...Object.entries(object).flatMap(([key, child]) => (key === 'data' ? [] : nodes(child)))];
}

function executeActions(card: AdaptiveCard): ExecuteAction[] {
  return nodes(card).filter((n) => n.type === 'Action.Execute') as unknown as ExecuteAction[];
}

function input(card: AdaptiveCard, id: string): Record<string, unknown> | undefined {
  return nodes(card).find((n) => typeof n.type === 'string' && n.type.startsWith('Input.') && n.id === id);
}

/** The error shown right under the input: the attention-coloured text next to it in its container. */
function errorUnder(card: AdaptiveCard, id: string): TextBlock | undefined {
  const container = nodes(card).find(
    (n) =>
      n.type === 'Container' && ((n.items as CardElement[])[0] as { id?: string } | undefined)?.id === id,
  );
  const next = (container?.items as CardElement[] | undefined)?.[1];
  return next?.type === 'TextBlock' && next.color === 'attention' ? next : undefined;
}

function strings(card: AdaptiveCard): string[] {
  return nodes(card).flatMap((n) =>
    [n.text, n.title, n.value].filter((v): v is string => typeof v === 'string'),
  );
}

const json = (card: AdaptiveCard) => JSON.stringify(card);

describe.each(['nl', 'en'] as const)('every card in %s', (locale) => {
  const cards = Object.entries(allCards(locale));

  it.each(cards)('%s passes the Adaptive Cards 1.5 validator', (_name, card) => {
    expect(validateCard(card)).toEqual([]);
  });

  it.each(cards)('%s is a 1.5 card with the schema', (_name, card) => {
    expect(card.$schema).toBe('http://adaptivecards.io/schemas/adaptive-card.json');
    expect(card.version).toBe('1.5');
  });

  it.each(cards)('%s only uses known verbs, and case actions name their case', (_name, card) => {
    for (const a of executeActions(card)) {
      expect(VERBS).toContain(a.verb);
      expect(a.data.verb).toBe(a.verb);
      if (a.verb.startsWith('case.')) expect(a.data.caseId).toMatch(/^LEK-2026-\d{4}$/);
      if (a.verb.startsWith('case.') && a.verb !== 'case.show')
        expect(a.data.version).toEqual(expect.any(Number));
    }
  });
});

describe('texts', () => {
  it('has the same keys in Dutch and English', () => {
    const shape = (value: unknown): unknown =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
        : Array.isArray(value)
          ? value.length
          : typeof value;
    const { signalTypes: _nl, ...nl } = texts('nl');
    const { signalTypes: _en, ...en } = texts('en');
    expect(shape(en)).toEqual(shape(nl));
  });

  it.each([
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl'],
    ['de-DE', 'nl'],
    [undefined, 'nl'],
    ['', 'nl'],
  ] as const)('the Teams locale %s shows cards in %s', (teamsLocale, expected) => {
    expect(localeFrom(teamsLocale)).toBe(expected);
  });

  it('formats euro amounts the Dutch way', () => {
    expect(formatEuro(71250).replace(/\s/g, ' ')).toBe('€ 712,50');
  });
});

describe('help and welcome', () => {
  it('answers an unknown command with a suggestion first', () => {
    const card = helpCard('nl', { unknownText: 'nieuw signal', suggestion: 'nieuw signaal' });
    expect((card.body[0] as TextBlock).text).toBe("Ik ken 'nieuw signal' niet. Bedoelde je 'nieuw signaal'?");
  });

  it('lists every command with an explanation, and offers a new signal and my tasks', () => {
    const card = helpCard('nl', {});
    const commands = nodes(card).flatMap((n) =>
      n.type === 'FactSet' ? (n.facts as { title: string }[]) : [],
    );
    // "<id>" escaped: Markdown with HTML on (WebChat, the Playground) took it for a tag and dropped it.
    expect(commands.map((f) => f.title)).toEqual([
      'help',
      'nieuw signaal',
      'mijn taken',
      'status \\<id\\>',
      'wie is aan zet \\<id\\>',
      'contact \\<id\\>',
      'uitkomst \\<id\\>',
      'overzicht',
      'rapportage',
      'koppel kanaal',
    ]);
    expect(executeActions(card).map((a) => a.verb)).toEqual(['signal.start', 'tasks.show']);
  });

  it('lists the English aliases in English', () => {
    const titles = strings(helpCard('en', {}));
    for (const alias of ['new signal', 'my tasks', 'who is responsible \\<id\\>', 'overview', 'report'])
      expect(titles).toContain(alias);
  });

  it('shortens a long unknown text before quoting it back', () => {
    const card = helpCard('nl', { unknownText: 'x'.repeat(500) });
    expect((card.body[0] as TextBlock).text.length).toBeLessThan(100);
  });

  it('tells a new user to choose an organisation and offers no work yet', () => {
    const card = welcomeCard('nl', { userName: 'Sanne', needsOnboarding: true });
    expect(json(card)).toContain('nog niet aangemeld');
    expect(executeActions(card)).toEqual([]);
  });
});

describe('registering a signal', () => {
  it('shows a field error right under its field and keeps what was typed', () => {
    const card = registerHouseholdCard('nl', {
      flowId: 'flow-1',
      covenantName: COVENANT,
      municipalities: MUNICIPALITIES,
      values: REGISTER_VALUES,
      errors: { postcode: 'Vul een postcode in zoals 3437 AB.', phone: 'Dit is geen telefoonnummer.' },
    });
    expect(errorUnder(card, 'postcode')?.text).toBe('Vul een postcode in zoals 3437 AB.');
    expect(errorUnder(card, 'phone')?.text).toBe('Dit is geen telefoonnummer.');
    expect(errorUnder(card, 'name')).toBeUndefined();
    expect(input(card, 'postcode')?.value).toBe('3437');
    expect(input(card, 'name')?.value).toBe('J. de Vries');
    expect(input(card, 'adults')?.value).toBe(2);
  });

  it('uses every household field id', () => {
    const card = registerHouseholdCard('nl', {
      flowId: 'f',
      covenantName: COVENANT,
      municipalities: MUNICIPALITIES,
      values: {},
      errors: {},
    });
    for (const id of [
      'municipalityId',
      'name',
      'street',
      'houseNumber',
      'addition',
      'postcode',
      'city',
      'phone',
      'adults',
      'children',
    ])
      expect(input(card, id), id).toBeDefined();
  });

  it('asks for the municipality only when the covenant has more than one', () => {
    const one = registerHouseholdCard('nl', {
      flowId: 'f',
      covenantName: COVENANT,
      municipalities: MUNICIPALITIES.slice(0, 1),
      values: {},
      errors: {},
    });
    expect(input(one, 'municipalityId')).toBeUndefined();
  });

  it('keeps the arrears values and the toggles as "true"/"false"', () => {
    const card = registerArrearsCard('nl', {
      flowId: 'flow-1',
      signalTypes: ['Huur', 'Energie'],
      values: {
        type: 'Huur',
        amount: '712,5o',
        reminderSentOn: '2026-02-16',
        personalContactAttempted: true,
        pointedToDebtHelp: 'true',
        offeredToShareWithoutObjection: 'false',
      },
      errors: { amount: 'Vul een bedrag in zoals 712,50.' },
    });
    expect(input(card, 'amount')?.value).toBe('712,5o');
    expect(errorUnder(card, 'amount')?.text).toBe('Vul een bedrag in zoals 712,50.');
    expect(input(card, 'type')?.value).toBe('Huur');
    expect(input(card, 'reminderSentOn')).toMatchObject({ type: 'Input.Date', value: '2026-02-16' });
    expect(input(card, 'personalContactAttempted')).toMatchObject({
      value: 'true',
      valueOn: 'true',
      valueOff: 'false',
    });
    expect(input(card, 'pointedToDebtHelp')?.value).toBe('true');
    expect(input(card, 'offeredToShareWithoutObjection')?.value).toBe('false');
    expect(input(card, 'crisis')?.value).toBe('false');
    for (const id of ['arisingDate', 'signalDate', 'warmHandover']) expect(input(card, id), id).toBeDefined();
    expect(json(card)).toContain('Besluit schuldhulpverlening art. 2');
  });

  it('preselects the signal type when the partner may send only one', () => {
    const card = registerArrearsCard('nl', { flowId: 'f', signalTypes: ['Huur'], values: {}, errors: {} });
    expect(input(card, 'type')?.value).toBe('Huur');
  });

  it('drops a date the date picker cannot show rather than sending it back', () => {
    const card = registerArrearsCard('nl', {
      flowId: 'f',
      signalTypes: ['Huur'],
      values: { arisingDate: '1-2-2026' },
      errors: {},
    });
    expect(input(card, 'arisingDate')?.value).toBeUndefined();
  });

  it('carries the flow id on every button, counts the steps and offers Back from step 2', () => {
    const common = { flowId: 'flow-7', values: {}, errors: {} };
    const steps = [
      registerCovenantCard('nl', { ...common, covenants: [{ id: 'lekstroom', name: COVENANT }] }),
      registerHouseholdCard('nl', { ...common, covenantName: COVENANT, municipalities: [] }),
      registerArrearsCard('nl', { ...common, signalTypes: ['Huur'] }),
      registerConfirmCard('nl', { ...common, summary: [{ label: 'Huurder', value: 'J. de Vries' }] }),
    ];
    expect(steps.map((c) => executeActions(c).map((a) => a.verb))).toEqual([
      ['signal.covenant', 'signal.cancel'],
      ['signal.household', 'signal.cancel'],
      ['signal.arrears', 'signal.back', 'signal.cancel'],
      ['signal.confirm', 'signal.back', 'signal.cancel'],
    ]);
    for (const card of steps) for (const a of executeActions(card)) expect(a.data.flowId).toBe('flow-7');
    expect(json(steps[1]!)).toContain('Stap 1 van 3');
    expect(json(steps[2]!)).toContain('Stap 2 van 3');
    expect(json(steps[3]!)).toContain('Stap 3 van 3');
    expect(executeActions(steps[3]!)[0]?.title).toBe('Signaal registreren');
  });

  it('does not send the half-filled form along when cancelling', () => {
    const card = registerHouseholdCard('nl', {
      flowId: 'f',
      covenantName: COVENANT,
      municipalities: [],
      values: {},
      errors: {},
    });
    expect(executeActions(card).find((a) => a.verb === 'signal.cancel')?.associatedInputs).toBe('none');
  });

  it('confirms with the summary and the family and welfare flags, switched on for a household with children', () => {
    const card = registerConfirmCard('nl', {
      flowId: 'f',
      summary: [
        { label: 'Huurder', value: 'J. de Vries' },
        { label: 'Achterstand', value: formatEuro(71250) },
      ],
      values: { children: '2' },
      errors: { welfareConcern: 'Kies ja of nee.' },
    });
    expect(json(card)).toContain('J. de Vries');
    expect(input(card, 'familyWithChildren')).toMatchObject({ type: 'Input.Toggle', value: 'true' });
    expect(input(card, 'children')).toBeUndefined();
    expect(input(card, 'welfareConcern')).toMatchObject({ type: 'Input.Toggle', value: 'false' });
    expect(errorUnder(card, 'welfareConcern')?.text).toBe('Kies ja of nee.');
  });

  it('keeps the family toggle off when the user switched it off', () => {
    const card = registerConfirmCard('nl', {
      flowId: 'f',
      summary: [],
      values: { children: '2', familyWithChildren: 'false' },
      errors: {},
    });
    expect(input(card, 'familyWithChildren')?.value).toBe('false');
  });

  it('shows an error that belongs to no field at the top of the card', () => {
    const card = registerCovenantCard('nl', {
      flowId: 'f',
      covenants: [{ id: 'lekstroom', name: COVENANT }],
      values: {},
      errors: { form: 'Deze invoer is verlopen, begin opnieuw.' },
    });
    expect(strings(card)).toContain('Deze invoer is verlopen, begin opnieuw.');
  });

  it('confirms the new case with the next step, who is responsible, the deadline in words and why', () => {
    const card = signalRegisteredCard('nl', { view: caseView('nl'), joined: false });
    const all = strings(card);
    expect(all).toContain('Casus LEK-2026-0031 geopend');
    expect(all).toContain('Gezamenlijk huisbezoek (corporatie + WIL)');
    expect(all).toContain('WIL — Werk en Inkomen Lekstroom');
    expect(all).toContain('maandag 23 maart 2026 (over 10 werkdagen)');
    expect(all.some((t) => t.startsWith('Vroeg Eropaf!: bij een achterstand'))).toBe(true);
    expect(json(card)).not.toContain('open casus');
    expect(executeActions(card).map((a) => a.data)).toEqual([{ verb: 'case.show', caseId: 'LEK-2026-0031' }]);
  });

  it('says so when the signal joined the open case of the household', () => {
    expect(json(signalRegisteredCard('nl', { view: caseView('nl'), joined: true }))).toContain(
      'had al een open casus',
    );
  });
});

describe('who is responsible', () => {
  it('shows the step, the partner and its people, the joint partners, the deadline and the rule', () => {
    const all = strings(caseCard('nl', { view: caseView('nl'), canAct: true }));
    for (const expected of [
      'Casus LEK-2026-0031',
      COVENANT,
      'Gezamenlijk huisbezoek (corporatie + WIL)',
      'WIL — Werk en Inkomen Lekstroom',
      'Ahmed Yilmaz, Petra Jansen',
      'Mitros',
      'Termijn: maandag 23 maart 2026 (over 10 werkdagen) · Op tijd',
    ])
      expect(all).toContain(expected);
    expect(all.some((t) => t.startsWith('Vroeg Eropaf!'))).toBe(true);
  });

  it('marks "gezin met kinderen" on an attention band', () => {
    const card = caseCard('nl', { view: caseView('nl'), canAct: false });
    const band = nodes(card).find((n) => n.type === 'Container' && n.style === 'attention');
    expect(JSON.stringify(band)).toContain('gezin met kinderen');
  });

  it('marks a late step in the attention colour', () => {
    const card = caseCard('nl', {
      view: caseView('nl', {
        late: true,
        deadline: '2026-03-16',
        deadlineStanding: { kind: 'late', workingDays: 2 },
      }),
      canAct: false,
    });
    const late = nodes(card).find((n) => n.type === 'TextBlock' && String(n.text).includes('Te laat'));
    expect(late).toMatchObject({ color: 'attention' });
    expect(late?.text).toContain('maandag 16 maart 2026 (2 werkdagen te laat)');
  });

  it('shows personal data and confidential notes to those allowed to see them', () => {
    const all = strings(caseCard('nl', { view: caseView('nl'), canAct: true }));
    expect(all).toContain('J. de Vries');
    expect(all).toContain('Dukatenburg 12, 3437 AB Nieuwegein');
    expect(all).toContain('06-12345678');
    expect(all).toContain('2 volwassenen, 2 kinderen');
    expect(all.some((t) => t.includes('Huurder heeft per april een nieuwe baan.'))).toBe(true);
  });

  it('leaves the personal section out when the view has no personal data', () => {
    const card = caseCard('nl', { view: caseView('nl', { personal: null }), canAct: true });
    expect(json(card)).not.toContain('Persoonsgegevens');
    expect(json(card)).not.toContain('J. de Vries');
  });

  it('offers contact attempt and outcome, with the case version, to a partner who may act', () => {
    const card = caseCard('nl', { view: caseView('nl'), canAct: true });
    expect(executeActions(card).map((a) => a.data)).toEqual([
      { verb: 'case.contactForm', caseId: 'LEK-2026-0031', version: 3 },
      { verb: 'case.outcomeForm', caseId: 'LEK-2026-0031', version: 3 },
      { verb: 'case.noteForm', caseId: 'LEK-2026-0031', version: 3 },
    ]);
  });

  it('has no buttons for someone who may not act and sees no personal data', () => {
    expect(
      executeActions(caseCard('nl', { view: { ...caseView('nl'), personal: null }, canAct: false })),
    ).toEqual([]);
  });

  it('offers only a confidential note to a partner who sees the personal data but may not act', () => {
    expect(
      executeActions(caseCard('nl', { view: caseView('nl'), canAct: false })).map((a) => a.verb),
    ).toEqual(['case.noteForm']);
  });

  it('has no buttons on a closed case, and shows its final result', () => {
    const card = allCards('nl').caseClosed!;
    expect(executeActions(card)).toEqual([]);
    expect(strings(card)).toContain('Afgesloten: Inwoner heeft zelf al betaald/betalingsregeling getroffen');
  });

  it('shows only the last 8 timeline entries and counts the earlier ones', () => {
    const timeline = Array.from({ length: 12 }, (_, i) => ({
      at: `2026-03-${String(i + 9).padStart(2, '0')}T09:00:00Z`,
      who: 'Ahmed Yilmaz',
      fact: {
        kind: 'outcome_logged' as const,
        outcomeId: 'x',
        outcomeLabel: `Gebeurtenis ${i + 1}`,
        solutions: [],
      },
    }));
    const card = caseCard('nl', { view: caseView('nl', { timeline }), canAct: false });
    const all = strings(card);
    expect(all).toContain('en 4 eerdere gebeurtenissen');
    expect(all).not.toContain('Ahmed Yilmaz: Uitkomst: Gebeurtenis 4');
    expect(all).toContain('Ahmed Yilmaz: Uitkomst: Gebeurtenis 5');
    expect(all).toContain('Ahmed Yilmaz: Uitkomst: Gebeurtenis 12');
    expect(all).toContain('20 mrt 10:00');
  });
});

describe('the status card for channels', () => {
  it('contains no name, address, phone or note even when given a view with personal data', () => {
    const text = json(statusCard('nl', { view: caseView('nl') }));
    for (const secret of [
      'J. de Vries',
      'Dukatenburg',
      '3437 AB',
      '06-12345678',
      'Nieuwegein',
      'nieuwe baan',
      'Ahmed',
    ])
      expect(text).not.toContain(secret);
  });

  it('shows the step, partner, deadline, on time or late, and the labels', () => {
    const onTime = strings(statusCard('nl', { view: stepView('nl') }));
    expect(onTime).toContain('Status LEK-2026-0031');
    expect(onTime).toContain('Gezamenlijk huisbezoek (corporatie + WIL)');
    expect(onTime).toContain('WIL — Werk en Inkomen Lekstroom');
    expect(onTime).toContain('Termijn: maandag 23 maart 2026 (over 10 werkdagen) · Op tijd');
    expect(onTime).toContain('⚠ gezin met kinderen');
    const late = statusCard('en', {
      view: stepView('en', {
        late: true,
        deadline: '2026-03-16',
        deadlineStanding: { kind: 'late', workingDays: 2 },
      }),
    });
    expect(nodes(late).find((n) => String(n.text).startsWith('⚠ Late'))).toMatchObject({
      color: 'attention',
    });
  });
});

describe('example parts of the step plan', () => {
  const allExamples = { responsible: true, deadline: true, rule: true };
  const because = 'De corporatie en WIL gaan samen op huisbezoek.';

  it('the case card marks an example owner, deadline and rule in the reader language', () => {
    const nl = strings(
      caseCard('nl', { view: caseView('nl', { because, examples: allExamples }), canAct: false }),
    );
    expect(nl).toContain('WIL — Werk en Inkomen Lekstroom (voorbeeld)');
    expect(nl).toContain('Termijn (voorbeeld): maandag 23 maart 2026 (over 10 werkdagen) · Op tijd');
    expect(nl).toContain('(tekst van het convenant · voorbeeld)');
    const en = strings(
      caseCard('en', { view: caseView('en', { because, examples: allExamples }), canAct: false }),
    );
    expect(en).toContain('WIL — Werk en Inkomen Lekstroom (example)');
    expect(en.some((s) => s.startsWith('Deadline (example): '))).toBe(true);
    expect(en).toContain('(text of the covenant · example)');
  });

  it('the status card marks only the parts that are examples', () => {
    const view = stepView('nl', { examples: { responsible: false, deadline: true, rule: false } });
    const shown = strings(statusCard('nl', { view }));
    expect(shown).toContain('WIL — Werk en Inkomen Lekstroom');
    expect(shown).toContain('Termijn (voorbeeld): maandag 23 maart 2026 (over 10 werkdagen) · Op tijd');
    const english = strings(statusCard('en', { view: stepView('en', { examples: allExamples }) }));
    expect(english).toContain('WIL — Werk en Inkomen Lekstroom (example)');
  });

  it('a step taken from the source carries no marker', () => {
    const none = { responsible: false, deadline: false, rule: false };
    const card = json(caseCard('nl', { view: caseView('nl', { because, examples: none }), canAct: false }));
    expect(card).not.toContain('voorbeeld');
  });
});

describe('the agenda of an expired covenant', () => {
  it('warns the coordinator in attention colour and lists an evaluation due soon, in both languages', () => {
    const model = (locale: Locale) => ({
      covenantName: COVENANT,
      agenda: { ...agenda(locale), covenantExpiredOn: '2019-12-31', evaluationsDue: ['2026-04-01'] },
    });
    const nl = agendaCard('nl', model('nl'));
    expect(nodes(nl).find((n) => String(n.text).includes('liep tot en met'))).toMatchObject({
      text: '⚠ Dit convenant liep tot en met dinsdag 31 december 2019 en is verlopen: spreek met de partners een verlenging of een nieuw convenant af.',
      color: 'attention',
    });
    expect(strings(nl)).toContain('Evaluatie van het convenant op woensdag 1 april 2026');
    const en = strings(agendaCard('en', model('en')));
    expect(en.some((s) => s.startsWith('⚠ This covenant ran until') && s.includes('2019'))).toBe(true);
    expect(en.some((s) => s.startsWith('Evaluation of the covenant on'))).toBe(true);
    expect(json(agendaCard('nl', { covenantName: COVENANT, agenda: agenda('nl') }))).not.toContain(
      'verlopen',
    );
  });
});

describe('the step forms', () => {
  it('keeps the contact attempt values and offers every contact kind and daypart', () => {
    const card = contactFormCard('nl', {
      caseId: 'LEK-2026-0031',
      version: 4,
      stepName: 'Gezamenlijk huisbezoek (corporatie + WIL)',
      values: { kind: 'Huisbezoek', reached: 'true', date: '2026-03-12', daypart: 'Middag' },
      errors: { date: 'De datum ligt in de toekomst.' },
    });
    expect(input(card, 'kind')?.value).toBe('Huisbezoek');
    // DDAS v1.2 EnumContactsoort: ten kinds, "Afspraak op locatie" and "Onbekend" included.
    expect((input(card, 'kind')?.choices as unknown[]).length).toBe(10);
    expect(input(card, 'reached')?.value).toBe('true');
    expect(input(card, 'date')?.value).toBe('2026-03-12');
    expect(input(card, 'daypart')?.value).toBe('Middag');
    expect(errorUnder(card, 'date')?.text).toBe('De datum ligt in de toekomst.');
    expect(executeActions(card)[0]?.data).toEqual({
      verb: 'case.contact',
      caseId: 'LEK-2026-0031',
      version: 4,
    });
  });

  it('offers exactly the outcomes given, as a list to pick one from', () => {
    const outcomes = caseView('nl').outcomes;
    const card = outcomeFormCard('nl', {
      caseId: 'LEK-2026-0031',
      version: 5,
      stepName: 'Gezamenlijk huisbezoek',
      outcomes,
      solutions: [],
      values: {},
      errors: { outcomeId: 'Kies een uitkomst.' },
    });
    const choice = input(card, 'outcomeId');
    expect(choice).toMatchObject({ type: 'Input.ChoiceSet', style: 'expanded' });
    expect(choice?.choices).toEqual(outcomes.map((o) => ({ title: o.label, value: o.id })));
    expect(input(card, 'solutions')).toBeUndefined();
    expect(errorUnder(card, 'outcomeId')?.text).toBe('Kies een uitkomst.');
    expect(executeActions(card)[0]?.data).toEqual({
      verb: 'case.outcome',
      caseId: 'LEK-2026-0031',
      version: 5,
    });
  });

  it('offers the agreed solutions as a multi-select that keeps the comma-separated choice', () => {
    const card = outcomeFormCard('nl', {
      caseId: 'DFM-2026-0007',
      version: 6,
      stepName: 'Regie door de gemeente',
      outcomes: [{ id: 'opgelost', label: 'Opgelost' }],
      solutions: ['Andere incassodatum', 'Tijdelijke huurverlaging', 'Budgetcoaching'],
      values: { outcomeId: 'opgelost', solutions: 'Andere incassodatum,Budgetcoaching' },
      errors: {},
    });
    expect(input(card, 'solutions')).toMatchObject({
      isMultiSelect: true,
      value: 'Andere incassodatum,Budgetcoaching',
    });
    expect(input(card, 'outcomeId')?.value).toBe('opgelost');
  });
});

describe('short answers', () => {
  it('tells who already did it, at what time in Amsterdam', () => {
    const winter = staleCard('nl', {
      caseId: 'LEK-2026-0031',
      by: 'Ahmed Yilmaz',
      at: '2026-03-17T09:42:00Z',
    });
    expect(strings(winter)).toContain('Al gedaan door Ahmed Yilmaz om 10:42 (dinsdag 17 maart 2026).');
    const summer = staleCard('en', {
      caseId: 'LEK-2026-0031',
      by: 'Ahmed Yilmaz',
      at: '2026-07-01T22:05:00Z',
    });
    expect(strings(summer)).toContain('Already done by Ahmed Yilmaz at 00:05 (Thursday 2 July 2026).');
    expect(executeActions(winter).map((a) => a.data)).toEqual([
      { verb: 'case.show', caseId: 'LEK-2026-0031' },
    ]);
  });

  it('colours an attention message', () => {
    const card = messageCard('nl', {
      title: 'Geen toegang',
      text: 'Je mag deze casus niet zien.',
      tone: 'attention',
    });
    expect(card.body[0]).toMatchObject({ text: 'Geen toegang', color: 'attention' });
  });
});

describe('task lists', () => {
  it('marks late steps and gives each row one button to the case', () => {
    const card = tasksCard('nl', {
      title: 'Mijn taken',
      items: [
        stepView('nl'),
        stepView('nl', {
          caseId: 'LEK-2026-0012',
          late: true,
          deadline: '2026-03-02',
          deadlineStanding: { kind: 'late', workingDays: 5 },
        }),
      ],
      emptyText: 'Niets te doen.',
    });
    expect(executeActions(card).map((a) => a.data)).toEqual([
      { verb: 'case.show', caseId: 'LEK-2026-0031' },
      { verb: 'case.show', caseId: 'LEK-2026-0012' },
    ]);
    const late = nodes(card).find((n) => String(n.text).includes('5 werkdagen te laat'));
    expect(late).toMatchObject({ color: 'attention' });
  });

  it('shows the empty text when there is nothing to do', () => {
    expect(
      strings(tasksCard('nl', { title: 'Mijn taken', items: [], emptyText: 'Niets te doen.' })),
    ).toContain('Niets te doen.');
  });

  it('stays under 80 KB with 200 tasks by showing 25 and counting the rest', () => {
    const items = Array.from({ length: 200 }, (_, i) =>
      stepView('nl', { caseId: `LEK-2026-${String(i + 1).padStart(4, '0')}`, late: i % 3 === 0 }),
    );
    const card = tasksCard('nl', { title: 'Mijn taken', items, emptyText: '' });
    expect(Buffer.byteLength(json(card))).toBeLessThan(80 * 1024);
    expect(executeActions(card)).toHaveLength(25);
    expect(strings(card)).toContain('en 175 meer');
    expect(validateCard(card)).toEqual([]);
  });
});

describe('reports', () => {
  it('counts only the final results that occurred, with the positive share as Vroeg Eropaf! counted it', () => {
    const card = reportCard('nl', { figures: figures(), covenantName: COVENANT });
    const all = strings(card);
    expect(all).toContain('Inwoner heeft zelf al betaald/betalingsregeling getroffen');
    expect(all).toContain('9');
    expect(all).not.toContain('Inwoner is overleden');
    expect(all).toContain('75%: 12 van 16 opgepakte afgesloten casussen (zoals Vroeg Eropaf! telde)');
    expect(all).toContain('4,5 (over 17 casussen)');
    expect(all).toContain('8 van 10 afgeronde stappen op tijd (80%)');
    expect(all).toContain('niet vastgelegd in dit convenant');
    expect(all).toContain('Gemeente Houten');
    expect(all).toContain('24 signalen · 17 bereikt · 21 huisbezoeken · 18 afgesloten');
    expect(all).toContain('donderdag 1 januari 2026 t/m dinsdag 31 maart 2026');
  });

  it('says so when nothing was closed and there are no figures yet', () => {
    const empty: CovenantFigures = {
      ...figures(),
      ...makeCounts({
        closed: 0,
        perFinalResult: Object.fromEntries(FINAL_RESULT_CODES.map((c) => [c, 0])) as Record<
          FinalResult,
          number
        >,
        positive: { numerator: 0, denominator: 0, share: null },
        medianWorkingDaysToFirstContact: null,
      }),
      onTimePerPartner: [],
    };
    const card = reportCard('en', { figures: empty, covenantName: COVENANT });
    expect(strings(card)).toContain('No cases closed in this period.');
    expect(strings(card)).toContain('No data yet');
    expect(validateCard(card)).toEqual([]);
  });

  it('puts the meeting date and each agenda section on the agenda, without personal data', () => {
    const card = agendaCard('nl', { agenda: agenda('nl'), covenantName: COVENANT });
    const all = strings(card);
    expect(all).toContain('dinsdag 7 april 2026');
    expect(all).toContain('Stappen te laat (1)');
    expect(all).toContain('Gezinnen met kinderen met dreigende ontruiming (1)');
    expect(all).toContain('Wacht op een netwerkpartner (0)');
    expect(all).toContain(
      'LEK-2026-0027 · Gezamenlijk huisbezoek (corporatie + WIL) · WIL — Werk en Inkomen Lekstroom · ⚠ gezin met kinderen, crisis',
    );
  });
});

describe('onboarding', () => {
  it('offers each partner of each covenant as "covenant|partner"', () => {
    const card = onboardingCard('nl', {
      covenants: ONBOARDING_COVENANTS,
      values: { organisation: 'lekstroom|mitros' },
      errors: { organisation: 'Kies je organisatie.' },
    });
    const choice = input(card, 'organisation');
    expect(choice?.value).toBe('lekstroom|mitros');
    expect(choice?.choices).toEqual([
      { title: `Mitros — ${COVENANT}`, value: 'lekstroom|mitros' },
      { title: `${WIL.name} — ${COVENANT}`, value: 'lekstroom|wil' },
      { title: 'Stichting De Kern — Convenant Vroegsignalering Dalfsen', value: 'dalfsen|de-kern' },
    ]);
    expect(errorUnder(card, 'organisation')?.text).toBe('Kies je organisatie.');
    expect(executeActions(card).map((a) => a.verb)).toEqual(['onboarding.request']);
  });

  it('lets the coordinator approve or reject, naming the request', () => {
    const card = allCards('nl').approval!;
    expect(executeActions(card).map((a) => a.data)).toEqual([
      { verb: 'onboarding.approve', requestUserId: '29:1abc', covenantId: 'lekstroom' },
      { verb: 'onboarding.reject', requestUserId: '29:1abc', covenantId: 'lekstroom' },
    ]);
    expect(strings(card).some((t) => t.includes('Sanne Bakker') && t.includes('Mitros'))).toBe(true);
  });

  it('tells the outcome of the request and who decided', () => {
    const card = approvalResultCard('nl', {
      approved: false,
      requesterName: 'Sanne Bakker',
      partnerName: 'Mitros',
      by: 'Ahmed Yilmaz',
    });
    expect(strings(card)).toContain(
      'De aanmelding van Sanne Bakker bij Mitros is afgewezen door Ahmed Yilmaz.',
    );
  });
});

describe('English', () => {
  const dutch = [
    'Een signaal van huurachterstand registreren',
    'Deze uitleg',
    'De stappen waarvoor',
    'Annuleren',
    'Terug',
    'Termijn',
    'Stap 1 van 3',
    'Aan zet',
    'Waarom',
    'Contactpoging',
    'Bekijken',
    'Goedkeuren',
    'Persoonsgegevens',
  ];

  it.each(Object.entries(allCards('en')))('%s has none of the Dutch interface texts', (_name, card) => {
    const all = strings(card).join('\n');
    for (const word of dutch) expect(all).not.toContain(word);
  });

  it('explains the commands in English', () => {
    const all = strings(helpCard('en', {}));
    expect(all).toContain('Register a rent-arrears signal');
    expect(all).toContain('Record the outcome of the current step');
  });

  it('names the signal types in English but submits the national code', () => {
    const card = registerArrearsCard('en', {
      flowId: 'f',
      signalTypes: ['Huur', 'Energie'],
      values: {},
      errors: {},
    });
    expect(input(card, 'type')?.choices).toEqual([
      { title: 'Rent', value: 'Huur' },
      { title: 'Energy', value: 'Energie' },
    ]);
  });
});
