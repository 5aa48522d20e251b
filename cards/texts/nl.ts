import type { Condition, SignalPartnerType } from '../../casework/covenant/covenant.js';
import type { ContactKind, Daypart, ObservationField } from '../../casework/case/types.js';
import type { Refusal } from '../../casework/errors.js';
import { FINAL_RESULT_MODEL_LABELS } from '../../casework/covenant/final-results.js';
import type { ShownFinalResult } from '../../casework/covenant/shown-final-result.js';
import type { MessageKind } from '../../casework/ports.js';
import type { CommandName } from '../../dialogs/commands.js';

// Every word a Dutch reader sees, in one place. en.ts has the same shape (typed by `Texts`), so a
// key missing or extra in either language does not compile. Names of the covenants, partners and
// steps, and the covenant's own rule texts, come from the covenant files, not from here.

/**
 * A Dutch reader sees the national final results (DDAS EnumEindresultaat) by the model's own
 * names; "niet-opgepakt" is what a creditor is shown instead of a reason it may not learn.
 */
const finalResults: Record<ShownFinalResult, string> = {
  ...FINAL_RESULT_MODEL_LABELS,
  'niet-opgepakt': 'Niet opgepakt',
};

/** DDAS EnumSignaalpartner: the codes are the Dutch names. */
const signalTypes = {
  Huur: 'Huur',
  Energie: 'Energie',
  Water: 'Water',
  Zorg: 'Zorg',
  'CAK Zorgverzekeringen': 'CAK Zorgverzekeringen',
  'CAK Eigen bijdrage': 'CAK Eigen bijdrage',
  Hypotheek: 'Hypotheek',
  DUO: 'DUO',
  Belastingdienst: 'Belastingdienst',
  'Dienst Toeslagen': 'Dienst Toeslagen',
  Overige: 'Overige',
} satisfies Record<SignalPartnerType, string> as Record<SignalPartnerType, string>;

export const nl = {
  /** Field errors (casework/errors.ts FieldError codes), see cards/field-errors.ts. */
  fieldErrors: {
    /** What a field is called in a sentence. */
    nouns: {
      name: 'de naam',
      street: 'de straat',
      city: 'de plaats',
      reason: 'de reden',
      text: 'de notitie',
      addition: 'de toevoeging',
      date: 'de datum',
      until: 'de datum',
      houseNumber: 'een huisnummer',
      amountCents: 'het bedrag',
    } as Record<string, string>,
    /** Sentences for one field and code that do not follow the general pattern. */
    byField: {
      outcomeId: { required: () => 'kies een uitkomst' },
      toPartnerId: { required: () => 'kies de partner' },
      kind: { not_one_of: () => 'kies de soort contact' },
      daypart: { not_one_of: () => 'kies ochtend, middag of avond' },
      finalResult: { not_one_of: () => 'kies een eindresultaat' },
      type: { not_one_of: () => 'kies het soort achterstand' },
      addition: { too_long: () => 'de toevoeging is te lang' },
      houseNumber: {
        not_whole_number: () => 'een huisnummer is een heel getal',
        too_small: () => 'een huisnummer is 1 of hoger',
        too_large: () => 'dit huisnummer is te hoog',
      },
      amountCents: {
        not_whole_number: () => 'het bedrag in centen is een heel getal',
        too_small: () => 'het bedrag moet groter zijn dan 0',
        too_large: () => 'dit bedrag is onwaarschijnlijk hoog',
      },
      adults: { too_small: (p) => `minstens ${p.min} volwassene` },
      children: { too_large: (p) => `hoogstens ${p.max} kinderen` },
      personalContactAttempted: {
        must_confirm: () => 'de corporatie moet eerst persoonlijk contact hebben gezocht',
      },
      pointedToDebtHelp: { must_confirm: () => 'de huurder moet eerst op schuldhulp zijn gewezen' },
      offeredToShareWithoutObjection: {
        must_confirm: () =>
          'in de herinnering moet zijn aangeboden de gegevens te delen, zonder bezwaar van de huurder',
      },
    } as Record<string, FieldSentences>,
    sentences: {
      required: (p) => `vul ${p.noun ?? 'dit veld'} in`,
      too_long: (p) => `${p.noun ?? 'dit veld'} is te lang (hoogstens ${p.max} tekens)`,
      too_short: (p) => `${p.noun ?? 'dit veld'} is te kort (minstens ${p.min} tekens)`,
      too_small: (p) => `dit getal is te klein (minstens ${p.min})`,
      too_large: (p) => `dit getal is te groot (hoogstens ${p.max})`,
      not_whole_number: () => 'vul een heel getal in',
      not_one_of: (p) => `kies uit: ${p.options}`,
      not_a_date: () => 'vul een geldige datum in (dd-mm-jjjj)',
      not_a_postcode: () => 'vul een postcode in als 1234 AB',
      not_a_phone: () => 'vul een Nederlands telefoonnummer in, bijvoorbeeld 06-12345678',
      must_confirm: () => 'dit moet eerst gebeurd zijn',
      unknown_field: (p) => `onbekend veld: ${p.keys}`,
      invalid: () => 'deze waarde klopt niet',
      date_in_future: () => 'de datum ligt in de toekomst',
      date_before_signal: () => 'de datum ligt vóór het signaal',
      outcome_not_of_step: (p) => `deze uitkomst hoort niet bij de stap "${p.step}"; kies uit: ${p.options}`,
      unknown_solution: (p) => `onbekende oplossing: ${p.solutions}`,
      partner_not_in_covenant: () => 'kies een partner uit het convenant',
      partner_has_step: (p) => `${p.partner} heeft deze stap al`,
      deadline_not_later: () => 'kies een datum na de huidige termijn',
      postponement_too_far: (p) =>
        `uitstellen kan tot hoogstens ${p.maxMonths} maanden vooruit (uiterlijk ${p.latest})`,
      join_not_on_case: () => 'dit signaal hoort niet (meer) bij de casus',
      municipality_not_in_covenant: () => 'kies een gemeente uit het convenant',
      municipality_required: () => 'kies de gemeente waar het huishouden woont',
      observation_needs_consent: () =>
        'dit is een eigen waarneming: alleen met toestemming van de huurder (zet die aan bij Huishouden), of laat het leeg voor de partner die contact legt',
      observation_not_shared: () => 'dit convenant laat dit aan de partner die contact legt: laat het leeg',
      organisation_not_in_list: () => 'kies je organisatie uit de lijst',
      signal_date_in_future: () => 'de signaaldatum ligt in de toekomst',
      arising_after_signal: () => 'de achterstand kan niet na de signaaldatum zijn ontstaan',
      too_few_days_of_arrears: (p) => `een signaal mag pas na ${p.min} dagen achterstand (nu ${p.days})`,
      health_insurance_window: (p) =>
        `zorgpremie wordt tussen ${p.min} en ${p.max} dagen gesignaleerd (nu ${p.days})`,
      reminder_after_signal: () => 'de herinnering moet vóór het signaal zijn verstuurd',
      need_case_id: (p) => `Geef een casusnummer mee, bijvoorbeeld "${p.command} LEK-2026-0031".`,
      not_an_amount: () => 'vul een bedrag in euro in, bijvoorbeeld 712,50',
      import_unknown_partner: (p) => `${p.partner} is geen partner in dit convenant`,
      import_not_your_partner: (p) =>
        `je mag alleen signalen van je eigen organisatie importeren, niet van ${p.partner}`,
      import_cell_count: (p) =>
        `deze rij heeft ${p.cells} cellen en de kopregel ${p.columns} kolommen; staat er een scheidingsteken in een cel zonder aanhalingstekens?`,
      import_source_twice: (p) => `bron_id ${p.source} staat al eerder in dit bestand`,
    } as FieldSentences,
  },
  common: {
    cancel: 'Annuleren',
    back: 'Terug',
    next: 'Volgende',
    yes: 'ja',
    no: 'nee',
    none: 'Geen',
    more: (n: number) => `en ${n} meer`,
    stepOf: (n: number) => `Stap ${n} van 3`,
    openInAanZet: 'Openen in AanZet',
    showCase: 'Casus bekijken',
  },
  help: {
    title: 'Wat kan ik voor je doen?',
    intro: 'AanZet laat zien welke partner bij een huurachterstand aan zet is, tot wanneer en waarom.',
    unknown: (text: string, suggestion: string | undefined) =>
      suggestion ? `Ik ken '${text}' niet. Bedoelde je '${suggestion}'?` : `Ik ken '${text}' niet.`,
    commandsTitle: 'Opdrachten',
    commands: [
      { command: 'help', explanation: 'Deze uitleg' },
      { command: 'nieuw signaal', explanation: 'Een signaal van huurachterstand registreren' },
      { command: 'mijn taken', explanation: 'De stappen waarvoor jouw organisatie aan zet is' },
      { command: 'status <id>', explanation: 'Korte stand van een casus, zonder persoonsgegevens' },
      { command: 'wie is aan zet <id>', explanation: 'Wie nu aan zet is, tot wanneer en waarom' },
      { command: 'contact <id>', explanation: 'Een contactpoging vastleggen' },
      { command: 'uitkomst <id>', explanation: 'De uitkomst van de huidige stap vastleggen' },
      { command: 'overzicht', explanation: 'Wat binnenkort verloopt en wat te laat is' },
      { command: 'rapportage', explanation: 'Monitoringcijfers en de agenda van het casuïstiekoverleg' },
      {
        command: 'koppel kanaal',
        explanation: 'In een teamkanaal: herinneringen en dagoverzicht van je organisatie hier',
      },
    ],
    aliases: 'Engelse opdrachten werken ook, bijvoorbeeld new signal of my tasks.',
    /** A command (dialogs/commands.ts) as the reader would type it, for "did you mean …?". */
    commandNames: {
      help: 'help',
      'nieuw signaal': 'nieuw signaal',
      'mijn taken': 'mijn taken',
      status: 'status',
      'wie is aan zet': 'wie is aan zet',
      contact: 'contact',
      uitkomst: 'uitkomst',
      overzicht: 'overzicht',
      rapportage: 'rapportage',
      agenda: 'agenda',
      'koppel kanaal': 'koppel kanaal',
    } satisfies Record<CommandName, string> as Record<CommandName, string>,
    newSignal: 'Nieuw signaal',
    myTasks: 'Mijn taken',
  },
  welcome: {
    title: (name: string) => `Welkom, ${name}`,
    text: 'Ik ben AanZet. Ik help de partners van het convenant samen en op tijd te handelen bij huurachterstand: wie is aan zet, tot wanneer en waarom.',
    onboarding:
      'Je bent nog niet aangemeld bij een organisatie. Kies in het volgende bericht waar je werkt; de coördinator van het convenant keurt je aanmelding goed.',
    ready: 'Typ help voor alle opdrachten, of begin hieronder.',
  },
  register: {
    title: 'Nieuw signaal',
    covenantIntro: 'Kies eerst het convenant waarvoor je het signaal registreert.',
    covenant: 'Convenant',
    next: 'Volgende',
    householdTitle: 'Huishouden',
    municipality: 'Gemeente',
    name: 'Naam huurder',
    street: 'Straat',
    houseNumber: 'Huisnummer',
    addition: 'Toevoeging',
    postcode: 'Postcode',
    postcodePlaceholder: '1234 AB',
    city: 'Plaats',
    phone: 'Telefoonnummer',
    phonePlaceholder: '06-12345678',
    adults: 'Aantal volwassenen',
    children: 'Aantal minderjarige kinderen',
    arrearsTitle: 'Achterstand',
    type: 'Soort achterstand',
    amount: 'Bedrag achterstand in euro',
    amountPlaceholder: '712,50',
    arisingDate: 'Achterstand ontstaan op',
    signalDate: 'Datum van het signaal',
    reminderSentOn: 'Herinnering verstuurd op',
    preChecks: 'Besluit schuldhulpverlening art. 2: je deelt gegevens pas nadat je het volgende hebt gedaan.',
    personalContactAttempted: 'Persoonlijk contact geprobeerd (telefoon of huisbezoek)',
    pointedToDebtHelp: 'Huurder gewezen op schuldhulpverlening van de gemeente',
    offeredToShareWithoutObjection: 'Aangeboden de gegevens te delen; de huurder maakte geen bezwaar',
    crisis: 'Crisis: dreigende ontruiming / dagvaarding',
    warmHandover: 'Warme overdracht: de huurder wil direct met een hulpverlener praten',
    confirmTitle: 'Controleren en registreren',
    flags: 'Deze kenmerken kunnen het stappenplan veranderen.',
    childrenFlag: 'Gezin met kinderen',
    welfareConcern: 'Zorgen over welzijn: psychische problemen, vereenzaming, overlast',
    summary: 'Wat je hebt ingevuld',
    submit: 'Signaal registreren',
    registered: (caseId: string) => `Casus ${caseId} geopend`,
    recordedNotTakenUp: (caseId: string) => `Signaal vastgelegd in casus ${caseId}, niet opgepakt`,
    outsideCriteriaAhead: (reason: string) =>
      `Let op: ${reason}. Dit signaal valt buiten de criteria: het wordt vastgelegd en meteen afgesloten als "Niet opgepakt: onterecht signaal".`,
    outsideCriteria:
      'Dit signaal valt buiten de criteria voor een signaal. Het is vastgelegd en meteen afgesloten als "Niet opgepakt: onterecht signaal"; er volgt geen stap.',
    reason: 'Reden',
    joined: 'Dit huishouden had al een open casus: het signaal is daaraan toegevoegd.',
    nextStep: 'Volgende stap',
    whoIsResponsible: 'Wie is aan zet',
    sharedByBesluit:
      'Naam, adres, telefoon en de achterstand mag je als schuldeiser delen (Besluit schuldhulpverlening art. 2).',
    observationsTitle: 'Eigen waarneming',
    observationsNeedConsent:
      'Wat hieronder staat is je eigen waarneming, geen gegeven dat het Besluit je laat delen: vul het alleen in als de huurder ermee instemt, anders laat je het aan de partner die contact legt.',
    observationsAllowed: 'Wat hieronder staat is je eigen waarneming; dit convenant laat je die delen.',
    observationConsent: 'De huurder stemt ermee in dat ik deze eigen waarnemingen deel',
    consentGiven: 'Toestemming van de huurder voor eigen waarnemingen: ja',
    consentNotGiven:
      'Toestemming van de huurder voor eigen waarnemingen: nee (laat de kenmerken hieronder uit, of ga terug naar Huishouden)',
    observedBy: (partner: string, withConsent: boolean, what: string) =>
      `Eigen waarneming van ${partner}${withConsent ? ', met toestemming van de huurder' : ''}: ${what}`,
  },
  signalTypes,
  finalResults,
  /** The labels of the covenant's special rules, by condition (the covenants use these words). */
  flags: {
    crisis: 'crisis',
    children: 'gezin met kinderen',
    multiple_arrears: 'meerdere achterstanden',
    welfare_concern: 'zorgen over welzijn',
  } satisfies Record<Condition, string> as Record<Condition, string>,
  timeline: {
    signalReceived: (type: string) => `Signaal ${type} ontvangen`,
    signalJoined: (type: string, partner: string) =>
      `Extra signaal ${type} van ${partner} bij dit huishouden`,
    joinUndone: (partner: string) => `Aangesloten signaal van ${partner} ongedaan gemaakt`,
    stepStarted: (step: string, partner: string) => `Stap "${step}" → ${partner}`,
    deadlineSet: (date: string) => `Nieuwe termijn ${date}`,
    postponed: (date: string) => `Termijn uitgesteld tot ${date}`,
    contact: (kind: string, reached: boolean, daypart: string) =>
      `Contactpoging: ${kind}, ${reached ? 'bereikt' : 'niet bereikt'} (${daypart})`,
    dayparts: { Ochtend: 'ochtend', Middag: 'middag', Avond: 'avond' } as Record<Daypart, string>,
    outcome: (label: string, solutions: string) => `Uitkomst: ${label}${solutions ? ` (${solutions})` : ''}`,
    referred: (partner: string) => `Doorverwezen naar ${partner}`,
    escalated: (partner: string) => `Geëscaleerd naar ${partner}`,
    noteAdded: 'Vertrouwelijke notitie toegevoegd',
    closed: (result: string) => `Afgesloten: ${result}`,
    purged: 'Persoonsgegevens verwijderd (bewaartermijn)',
    withReason: (line: string, reason: string) => `${line}: ${reason}`,
    /** Why AanZet itself wrote an event (EventAuthor.system). */
    system: { stappenplan: 'stappenplan', bewaartermijn: 'bewaartermijn' } as Record<string, string>,
  },
  case: {
    title: (caseId: string) => `Casus ${caseId}`,
    statusTitle: (caseId: string) => `Status ${caseId}`,
    covenant: 'Convenant',
    status: 'Status',
    statuses: { open: 'Open', closed: 'Afgesloten', purged: 'Afgesloten, persoonsgegevens verwijderd' },
    finalResult: 'Eindresultaat',
    signalStatus: 'Signaalstatus',
    pickedUpOn: 'Opgepakt op',
    signalStates: { 'nog-niet-opgepakt': 'Nog niet opgepakt', opgepakt: 'Opgepakt' },
    step: 'Stap',
    noStep: 'Geen open stap',
    responsible: 'Aan zet',
    people: 'Contactpersonen',
    with: 'Samen met',
    deadline: 'Termijn',
    /** Where a deadline stands (casework DeadlineStanding). */
    standing: {
      today: 'vandaag',
      tomorrow: 'morgen',
      in: (n: number) => `over ${n} ${n === 1 ? 'werkdag' : 'werkdagen'}`,
      late: (n: number) => `${n} ${n === 1 ? 'werkdag' : 'werkdagen'} te laat`,
      on: (day: string) => `op ${day}`,
      lateSince: (day: string) => `te laat sinds ${day}`,
    },
    late: 'Te laat',
    onTime: 'Op tijd',
    why: 'Waarom',
    covenantWords: 'tekst van het convenant',
    /** Next to an owner, deadline or rule the covenant's source does not give: AanZet's example value. */
    example: 'voorbeeld',
    deadlineRule: (days: number, workingDays: boolean, fromSignal: boolean) =>
      `Termijn volgens het convenant: ${days} ${workingDays ? (days === 1 ? 'werkdag' : 'werkdagen') : days === 1 ? 'kalenderdag' : 'kalenderdagen'} ${fromSignal ? 'na het signaal' : 'na de start van de stap'}`,
    labels: 'Let op',
    personal: 'Persoonsgegevens',
    name: 'Naam',
    address: 'Adres',
    phone: 'Telefoon',
    household: 'Huishouden',
    householdText: (adults: number | undefined, children: number | undefined) =>
      [
        adults === undefined ? null : `${adults} ${adults === 1 ? 'volwassene' : 'volwassenen'}`,
        children === undefined ? null : `${children} ${children === 1 ? 'kind' : 'kinderen'}`,
      ]
        .filter((part) => part !== null)
        .join(', '),
    notes: 'Vertrouwelijke notities',
    timeline: 'Verloop',
    earlier: (n: number) => `en ${n} eerdere ${n === 1 ? 'gebeurtenis' : 'gebeurtenissen'}`,
    contact: 'Contactpoging',
    outcome: 'Uitkomst',
    ownObservation: (partner: string, withConsent: boolean) =>
      `eigen waarneming van ${partner}${withConsent ? ', met toestemming' : ''}`,
    observationFields: {
      adults: 'aantal volwassenen',
      children: 'aantal kinderen',
      children_flag: 'gezin met kinderen',
      welfare_concern: 'zorgen over welzijn',
    } satisfies Record<ObservationField, string> as Record<ObservationField, string>,
  },
  contactForm: {
    title: 'Contactpoging vastleggen',
    kind: 'Soort contact',
    reached: 'Huurder bereikt',
    date: 'Datum',
    daypart: 'Dagdeel',
    submit: 'Contactpoging opslaan',
    kinds: {
      Mail: 'Mail',
      Brief: 'Brief',
      'SMS/Whatsapp': 'SMS/Whatsapp',
      Telefoon: 'Telefoon',
      Huisbezoek: 'Huisbezoek',
      'Afspraak op locatie': 'Afspraak op locatie',
      Kaartje: 'Kaartje',
      Overige: 'Overige',
      Administratief: 'Administratief',
      Onbekend: 'Onbekend',
    } as Record<ContactKind, string>,
    dayparts: {
      Ochtend: 'Ochtend (voor 12:00)',
      Middag: 'Middag (12:00–18:00)',
      Avond: 'Avond (na 18:00)',
    } as Record<Daypart, string>,
  },
  outcomeForm: {
    title: 'Uitkomst vastleggen',
    outcome: 'Uitkomst',
    solutions: 'Welke oplossingen zijn afgesproken?',
    submit: 'Uitkomst opslaan',
  },
  stale: {
    title: 'Al gedaan',
    text: (by: string, time: string, date: string) => `Al gedaan door ${by} om ${time} (${date}).`,
    hint: 'Bekijk de casus voor de actuele stand.',
  },
  refresh: {
    unavailableTitle: 'Status niet beschikbaar',
    action: 'Vernieuwen',
    notAvailable: 'De actuele stand is alleen te zien voor deelnemers van het convenant.',
  },
  lists: {
    open: 'Bekijken',
  },
  report: {
    title: (covenant: string) => `Monitoring ${covenant}`,
    period: 'Periode',
    periodText: (from: string, to: string) => `${from} t/m ${to}`,
    badPeriodTitle: 'Onbekende periode',
    badPeriod: (given: string) =>
      `"${given}" is geen periode. Schrijf bijvoorbeeld rapportage 2026-03 (maand), rapportage 2026-Q1 (kwartaal), rapportage 2026 (jaar) of rapportage 2026-01-01 2026-03-31 (van/tot).`,
    periodTooLong: (given: string, years: number) =>
      `"${given}" is langer dan ${years} jaar. Kies een kortere periode, bijvoorbeeld rapportage 2026 (jaar).`,
    signalsReceived: 'Signalen ontvangen',
    crisisSignals: 'Crisissignalen (dreigende ontruiming)',
    contactAttempts: 'Contactpogingen',
    householdsReached: 'Huishoudens bereikt',
    homeVisits: 'Huisbezoeken',
    homeVisitsText: (visits: number, households: number) => `${visits} bij ${households} huishoudens`,
    closed: 'Afgesloten',
    paymentArrangements: 'Betalingsregelingen',
    paid: 'Huur betaald',
    paidOrArrangementUnsplit: 'Betaald of regeling (niet uitgesplitst)',
    referredToDebtHelp: 'Naar schuldhulpverlening',
    helpAccepted: 'Hulp aanvaard',
    positiveShare: 'Positief resultaat',
    positiveText: (share: string, positive: number, takenUp: number) =>
      `${share}: ${positive} van ${takenUp} opgepakte afgesloten casussen (zoals Vroeg Eropaf! telde)`,
    evictions: 'Ontruimingen',
    notRecorded: 'niet vastgelegd in dit convenant',
    medianDays: 'Mediaan werkdagen van signaal tot eerste contact',
    medianText: (days: string, cases: number) => `${days} (over ${cases} casussen)`,
    perFinalResult: 'Eindresultaten',
    noneClosed: 'Geen casussen afgesloten in deze periode.',
    onTime: 'Op tijd per partner',
    onTimeText: (onTime: number, steps: number, share: string) =>
      `${onTime} van ${steps} afgeronde stappen op tijd (${share})`,
    perMunicipality: 'Per gemeente',
    perSignaller: 'Per signalerende partner',
    perSignalType: 'Per soort signaal',
    groupText: (signals: number, reached: number, visits: number, closed: number) =>
      `${signals} signalen · ${reached} bereikt · ${visits} huisbezoeken · ${closed} afgesloten`,
    noData: 'Nog geen gegevens',
  },
  agenda: {
    title: (covenant: string) => `Agenda casuïstiekoverleg ${covenant}`,
    meeting: 'Overleg op',
    noMeeting: 'Geen vaste overlegdatum',
    covenantExpired: (until: string) =>
      `Dit convenant liep tot en met ${until} en is verlopen: spreek met de partners een verlenging of een nieuw convenant af.`,
    evaluationDue: (date: string) => `Evaluatie van het convenant op ${date}`,
    late: 'Stappen te laat',
    escalated: 'Geëscaleerd',
    childrenFacingEviction: 'Gezinnen met kinderen met dreigende ontruiming',
    waitingForNetwork: 'Wacht op een netwerkpartner',
    flaggedByRules: 'Op de agenda volgens het convenant',
  },
  notes: {
    add: 'Notitie',
    title: 'Vertrouwelijke notitie',
    explain: 'Alleen jouw organisatie en de coördinator van het convenant zien deze notitie.',
    text: 'Notitie',
    required: 'Schrijf de notitie',
    save: 'Notitie opslaan',
  },
  reminders: {
    nudge: (id: string) => `Herinnering: casus ${id} moet binnenkort af`,
    due: (id: string) => `Vandaag: de termijn van casus ${id} verloopt`,
    escalation: (id: string) => `Te laat: casus ${id}`,
    escalationText: (partner: string) =>
      `${partner} is over de termijn. Als coördinator kun je de stap overnemen of de termijn met een reden verlengen.`,
    takeOver: 'Overnemen',
    postpone: 'Uitstellen',
    postponeTitle: 'Termijn uitstellen',
    until: 'Nieuwe termijn',
    reason: 'Reden (komt in de historie van de casus)',
    untilRequired: 'Kies de nieuwe termijn',
    reasonRequired: 'Geef de reden op',
    submitPostpone: 'Uitstellen',
    currentDeadline: 'Huidige termijn',
    digestTitle: (partner: string) => `Dagoverzicht ${partner}`,
    late: 'Te laat',
    today: 'Vandaag',
    thisWeek: 'Deze week',
    nothing: 'Niets open. Goed bezig!',
    linked: (partner: string, covenant: string) =>
      `Dit kanaal krijgt nu de herinneringen en het dagoverzicht van ${partner} (${covenant}).`,
    linkedTitle: 'Kanaal gekoppeld',
    failedTitle: 'Niet afgeleverde berichten',
    failedLine: (kind: string, subject: string, date: string, why: string) =>
      `${kind} ${subject} (${date}): ${why}`,
    rerouted: (count: number, code: string) =>
      `chat niet bereikbaar (${code}), doorgestuurd naar ${count === 1 ? '1 ander gesprek' : `${count} andere gesprekken`}`,
    undeliverable: (code: string) =>
      `niet af te leveren: geen chat, geen gekoppeld kanaal en geen coördinator bereikbaar (${code})`,
    failed: (detail: string) => `mislukt (${detail})`,
    reached: (code: string) => `chat niet bereikbaar (${code}), via een ander gesprek wel afgeleverd`,
    kinds: {
      nudge: 'Herinnering',
      due: 'Termijn vandaag',
      escalation: 'Escalatie',
      digest: 'Dagoverzicht',
      agenda: 'Agenda',
      handover: 'Overdracht',
      closed: 'Afsluiting',
      registered: 'Nieuwe casus',
      joined: 'Signaal toegevoegd',
      approval: 'Aanmelding',
      membership: 'Besluit over aanmelding',
    } satisfies Record<MessageKind, string>,
  },
  privacy: {
    referred: (partner: string, who: string) => `Doorverwezen naar ${partner} door ${who}`,
    takenOver: (partner: string, who: string) => `Stap overgenomen door ${partner} (${who})`,
    postponed: (date: string, who: string) => `Uitgesteld tot ${date} door ${who}`,
    withReason: (line: string, reason: string) => `${line}: ${reason}`,
    ownEntry: 'Wat jouw organisatie invoerde',
    ownEntryExplain:
      'Jouw signaal is toegevoegd aan een casus die al open was. Je ziet wat je zelf invoerde, de stap en de termijn; wat anderen invoerden zie je alleen als een stap van deze casus bij jouw organisatie ligt.',
    joinsTitle: 'Aangesloten signalen',
    joinLine: (partner: string, type: string, when: string) => `${partner}: signaal ${type} (${when})`,
    enteredBy: (partner: string) => `Ingevoerd door ${partner}`,
    undoJoin: (partner: string) => `Signaal van ${partner} ongedaan maken`,
    joinNoticeTitle: (caseId: string) => `Signaal toegevoegd aan casus ${caseId}`,
    joinNoticeText: (partner: string, type: string) =>
      `${partner} registreerde een signaal (${type}) voor het huishouden van deze open casus. Hoort het er niet bij, maak het dan ongedaan op de casus.`,
  },
  onboarding: {
    title: 'Aanmelden bij je organisatie',
    text: 'Kies de organisatie waarvoor je werkt. De coördinator van het convenant keurt je aanmelding goed; daarna zie je je taken.',
    organisation: 'Organisatie',
    submit: 'Aanmelding versturen',
    approvalTitle: 'Aanmelding ter goedkeuring',
    approvalText: (name: string, partner: string, covenant: string) =>
      `${name} wil zich aanmelden als medewerker van ${partner} binnen ${covenant}.`,
    approve: 'Goedkeuren',
    reject: 'Afwijzen',
    approvedTitle: 'Aanmelding goedgekeurd',
    rejectedTitle: 'Aanmelding afgewezen',
    resultText: (approved: boolean, requester: string, partner: string, by: string) =>
      `De aanmelding van ${requester} bij ${partner} is ${approved ? 'goedgekeurd' : 'afgewezen'} door ${by}.`,
  },
  messages: {
    expiredTitle: 'Dit formulier is verlopen',
    expiredText:
      'Het hoort bij een signaal dat al is geregistreerd of afgebroken, of het lag langer dan 24 uur stil en de ' +
      'ingevulde gegevens zijn gewist. Typ "nieuw signaal" om opnieuw te beginnen.',
    cancelledTitle: 'Signaal afgebroken',
    cancelledText: 'Er is niets geregistreerd.',
    chooseCovenant: 'Kies een convenant',
    tooLong: (max: number) => `Dit is te lang: hoogstens ${max} tekens. Het is niet bewaard.`,
    summaryHousehold: 'Huishouden',
    summaryArrears: 'Achterstand',
    summarySignalDate: 'Signaaldatum',
    notFoundTitle: 'Casus niet gevonden',
    notFound: (id: string) => `Er is geen casus ${id}. Controleer het nummer, bijvoorbeeld LEK-2026-0031.`,
    notAllowedTitle: 'Dat mag niet',
    staleTitle: 'Al gedaan',
    errorTitle: 'Er ging iets mis',
    errorText: 'AanZet kon dit niet afmaken. Er is niets half opgeslagen; probeer het opnieuw.',
    storeDownTitle: 'AanZet kan nu niet bij de gegevens',
    storeDownClick:
      'Er is niets opgeslagen. Wat je hebt ingevuld staat nog op de kaart: probeer het over een paar minuten opnieuw.',
    storeDownMessage: 'Je bericht is niet verwerkt. Probeer het over een paar minuten opnieuw.',
    storeDownForm:
      'Er is niets opgeslagen. Wat je hebt ingevuld staat nog in het formulier: probeer het over een paar minuten opnieuw.',
    inputTitle: 'Controleer de invoer',
    pendingTitle: 'Wacht op goedkeuring',
    pendingText: 'Je aanvraag ligt bij de coördinator van het convenant.',
    requestedTitle: 'Aanvraag verstuurd',
    requestedText: (partner: string) =>
      `De coördinator krijgt je aanvraag om namens ${partner} mee te werken.`,
    noCoordinator:
      'Er is nog geen coördinator in AanZet voor dit convenant; neem contact op met de beleidsmedewerker.',
    tasksTitle: 'Mijn taken',
    tasksEmpty: 'Je organisatie heeft geen open stappen.',
    overviewTitle: (covenant: string) => `Overzicht ${covenant}`,
    overviewEmpty: 'Geen open stappen.',
    closedTitle: 'Casus is afgesloten',
    closed: (id: string) => `Casus ${id} is al afgesloten.`,
    nextStepTitle: (id: string) => `Casus ${id}: jullie zijn aan zet`,
    refusal: (r: Refusal): string => {
      switch (r.code) {
        case 'not_member':
          return `Je bent geen lid van het convenant "${r.covenant}".`;
        case 'awaiting_approval':
          return 'Je aanmelding wacht nog op goedkeuring door de coördinator.';
        case 'coordinator_only':
          return r.role ? `Alleen de ${r.role} mag dit.` : 'Alleen de coördinator van het convenant mag dit.';
        case 'not_your_step':
          return `Deze stap is voor ${r.owner}.`;
        case 'no_open_step':
          return `Casus ${r.caseId} heeft geen open stap.`;
        case 'sends_no_signals':
          return r.type
            ? `${r.partner} registreert geen signalen van het soort ${signalTypes[r.type as SignalPartnerType] ?? r.type}.`
            : 'Je organisatie registreert geen signalen in een convenant.';
        case 'no_step_on_case':
          return 'Je organisatie heeft geen stap in deze casus.';
        case 'already_member':
          return `Je bent al lid van "${r.covenant}".`;
        case 'no_such_request':
          return 'Die aanvraag bestaat niet (meer).';
        case 'personal_chat_only':
          return 'Dit kan alleen in een persoonlijk gesprek met AanZet, omdat er persoonsgegevens in staan.';
        case 'channel_only':
          return 'Typ dit in het teamkanaal dat de herinneringen moet krijgen.';
        case 'no_covenant':
          return 'Je bent nog geen lid van een convenant.';
      }
    },
  } /** npm run import: the report per refused row and the totals (cli/import.ts). */,
  /** The personal tab's API (bot/tab-api): error messages in JSON answers. */
  // The personal tab (tab/): one subsection per view, so each view's words stay together.
  tab: {
    shell: {
      appName: 'AanZet',
      documentTitle: (view: string) => `${view} · AanZet`,
      views: 'Weergaven',
      signedInAs: (name: string) => `Aangemeld als ${name}`,
      connecting: 'AanZet verbinden met Teams…',
      loading: 'Laden…',
      teamsTimeout:
        'Teams antwoordt niet: AanZet kon niet starten. Sluit het tabblad en open het opnieuw; helpt dat niet, herstart Teams.',
      teamsFailed: (reason: string) => `AanZet kon niet met Teams verbinden: ${reason}`,
      signInFailed: 'Aanmelden bij AanZet lukte niet. Open het tabblad opnieuw.',
      meFailed: 'AanZet kon je gegevens niet ophalen.',
      retry: 'Opnieuw proberen',
      switchUser: 'Ander demolid kiezen',
      demoTitle: 'Kies een demolid',
      demoIntro:
        'Dit is de lokale demo van AanZet buiten Teams. Kies met wie je wilt kijken; in Teams meld je je aan met je eigen account.',
      demoMemberships: 'Lidmaatschappen',
      demoMembership: (covenant: string, partner: string) => `${partner} in ${covenant}`,
      demoPick: (name: string) => `Verder als ${name}`,
      demoNone: 'Er zijn geen demoleden. Start AanZet met de demogegevens (npm start).',
      notLocal:
        'Deze server draait niet in lokale demomodus: open AanZet als tabblad in Microsoft Teams om je aan te melden.',
      demoFailed: 'De demoleden konden niet worden opgehaald.',
    },
    tasks: {
      title: 'Mijn taken',
      caseId: 'Casus',
      openCase: (caseId: string) => `Casus ${caseId} openen`,
      filters: 'Filters',
      covenant: 'Convenant',
      allCovenants: 'Mijn organisatie (alle convenanten)',
      partner: 'Partner',
      allPartners: 'Alle partners',
      partnerNeedsCovenant: 'Kies eerst een convenant.',
      lateOnly: 'Alleen te laat',
      crisisOnly: 'Alleen crisis',
      childrenOnly: 'Alleen gezinnen met kinderen',
      search: 'Zoek op casusnummer',
      searchButton: 'Zoeken',
      clear: 'Filters wissen',
      loading: 'Taken laden…',
      empty: 'Geen open stappen.',
      emptyFiltered: 'Geen open stappen die bij deze filters passen.',
      failed: 'De taken konden niet worden geladen.',
      retry: 'Opnieuw proberen',
      range: (from: number, to: number, total: number) => `${from}–${to} van ${total}`,
      previous: 'Vorige pagina',
      next: 'Volgende pagina',
      pageOf: (page: number, pages: number) => `Pagina ${page} van ${pages}`,
      noDeadline: 'geen termijn',
      covenantsFailed: 'De convenanten voor de filters konden niet worden geladen.',
      paging: 'Bladeren',
    },
    case: {
      title: 'Casus',
      back: 'Terug naar Mijn taken',
      loading: 'Casus laden…',
      noCase: 'Kies een casus in Mijn taken.',
      reload: 'Opnieuw laden',
      actions: 'Acties',
      sending: 'Bezig met opslaan…',
      choose: 'Kies…',
      noEvents: 'Nog niets vastgelegd.',
      takeOverText: (step: string, partner: string) =>
        `Jouw organisatie neemt de stap "${step}" over van ${partner}. De termijn blijft staan.`,
    },
    monitoring: {
      title: 'Monitoring',
      covenant: 'Convenant',
      notCoordinator:
        'De monitoring is voor coördinatoren. Je bent bij geen enkel convenant coördinator; vraag het de coördinator van je convenant.',
      refusedTitle: 'Geen toegang tot deze cijfers',
      presets: 'Snel kiezen',
      thisYear: 'Dit jaar',
      last12Months: 'Laatste 12 maanden',
      lastQuarter: 'Vorig kwartaal',
      from: 'Van',
      to: 'Tot en met',
      dateMissing: 'Vul een datum in.',
      fromAfterTo: 'De begindatum ligt na de einddatum.',
      periodTooLong: (years: number) => `Kies een periode korter dan ${years} jaar.`,
      loading: 'Cijfers laden…',
      failedTitle: 'De cijfers konden niet worden geladen',
      failedText: 'Er ging iets mis onderweg naar AanZet. Probeer het opnieuw.',
      retry: 'Opnieuw proberen',
      emptyTitle: 'Geen signalen in deze periode',
      emptyText: 'In deze periode is er niets gebeurd bij dit convenant. Kies een andere periode.',
      keyFigures: 'Kerncijfers',
      signalsPerMonth: 'Signalen per maand',
      month: 'Maand',
      count: 'Aantal',
      funnel: 'Van signaal tot resultaat',
      funnelStage: 'Stap',
      ofSignals: (count: number, signals: number) => `${count} van ${signals} signalen`,
      partner: 'Partner',
      onTimeSteps: 'Op tijd / afgeronde stappen',
      finalResult: 'Eindresultaat',
      exportTitle: 'Exporteren',
      exportCsv: 'Cijfers (CSV) downloaden',
      exportCasesCsv: 'Casuslijst (CSV) downloaden',
      exportJson: 'Alles (JSON) downloaden',
      exportFailed: 'Het exporteren is mislukt',
    },
  },
  tabApi: {
    signInUnavailable: 'Aanmelden lukt nu niet: Microsoft is niet bereikbaar. Probeer het zo opnieuw.',
    notMember: 'Je bent nog geen lid van een convenant in AanZet. Meld je aan via de chat met AanZet.',
    badRequest: (fields: string) => `Dit verzoek klopt niet: ${fields}.`,
    unknownCovenant: (id: string) => `Er is geen convenant "${id}".`,
    /** /tab/ before the tab is built (bot/tab-static.ts): for whoever runs AanZet. */
    notBuilt:
      'De persoonlijke tab is nog niet gebouwd: voer `npm run build` uit (of `npm start`, dat eerst bouwt).',
  },
  search: {
    notMember:
      'Je bent nog geen lid van een convenant in AanZet. Stuur AanZet een bericht in een persoonlijk gesprek om je aan te melden.',
    pending:
      'Je aanvraag ligt nog bij de coördinator van het convenant. Zoeken kan zodra die is goedgekeurd.',
    failed: 'AanZet kon nu niet zoeken. Er is niets veranderd; probeer het opnieuw.',
  },
  import: {
    refusedRow: (row: number, column: string, reason: string) => `rij ${row}, kolom ${column}: ${reason}`,
    refusedRowWhole: (row: number, reason: string) => `rij ${row}: ${reason}`,
    notTakenUpRow: (row: number, caseId: string, reason: string) =>
      `rij ${row}: vastgelegd als Niet opgepakt: onterecht signaal (casus ${caseId}): ${reason}`,
    duplicateRow: (row: number, caseId: string) => `rij ${row}: al eerder geïmporteerd (casus ${caseId})`,
    totals: (t: {
      rows: number;
      imported: number;
      joined: number;
      notTakenUp: number;
      duplicates: number;
      refused: number;
    }) =>
      `${t.rows} rijen: ${t.imported} geïmporteerd (waarvan ${t.joined} bij een open casus van het huishouden, ${t.notTakenUp} als niet opgepakt), ` +
      `${t.duplicates} al eerder geïmporteerd, ${t.refused} geweigerd.`,
    dryRun: 'Proefrun: er is niets opgeslagen.',
    allOrNothing: 'Er is niets opgeslagen, omdat niet alle rijen goed zijn (--all-or-nothing).',
    unreadable: (file: string, reason: string) => `${file} is niet te lezen: ${reason}`,
    notJson: 'het is geen JSON-lijst van signalen (een lijst [...] of { "signalen": [...] })',
    unknownColumns: (names: string) => `onbekende kolommen: ${names} (zie docs/import-format.md)`,
    missingColumns: (names: string) => `deze kolommen ontbreken: ${names}`,
    noFile: 'het bestand bestaat niet',
    noRows: 'het bestand bevat geen signalen',
    unknownMember: (userId: string) => `${userId} is niet bekend in AanZet`,
    notMember: 'wie importeert moet actief lid zijn van het convenant',
    whichCovenant: (ids: string) => `welk convenant? Geef --covenant mee (${ids})`,
    unknownCovenant: (id: string) => `onbekend convenant: ${id}`,
  },
};

export type Texts = typeof nl;

/** A field error's sentence; `noun` is what the field is called ("de naam"), when known. */
export type FieldSentences = Record<
  string,
  (p: Record<string, string | number | undefined> & { noun?: string }) => string
>;
