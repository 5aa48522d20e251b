import type { SignalPartnerType } from '../../casework/covenant/covenant.js';
import type { Refusal } from '../../casework/errors.js';
import type { ObservationField } from '../../casework/case/types.js';
import type { FieldSentences, Texts } from './nl.js';

// Every word an English reader sees: the same keys as nl.ts, checked by the compiler.

const signalTypes: Texts['signalTypes'] = {
  Huur: 'Rent',
  Energie: 'Energy',
  Water: 'Water',
  Zorg: 'Health insurance',
  'CAK Zorgverzekeringen': 'CAK health insurance',
  'CAK Eigen bijdrage': 'CAK personal contribution',
  Hypotheek: 'Mortgage',
  DUO: 'DUO (student finance)',
  Belastingdienst: 'Tax authority',
  'Dienst Toeslagen': 'Benefits agency',
  Overige: 'Other',
};

export const en: Texts = {
  /** Field errors (casework/errors.ts FieldError codes), see cards/field-errors.ts. */
  fieldErrors: {
    /** What a field is called in a sentence. */
    nouns: {
      name: 'the name',
      street: 'the street',
      city: 'the town',
      reason: 'the reason',
      text: 'the note',
      addition: 'the addition',
      date: 'the date',
      until: 'the date',
      houseNumber: 'a house number',
      amountCents: 'the amount',
    } as Record<string, string>,
    /** Sentences for one field and code that do not follow the general pattern. */
    byField: {
      outcomeId: { required: () => 'choose an outcome' },
      toPartnerId: { required: () => 'choose the partner' },
      kind: { not_one_of: () => 'choose the kind of contact' },
      daypart: { not_one_of: () => 'choose morning, afternoon or evening' },
      finalResult: { not_one_of: () => 'choose a final result' },
      type: { not_one_of: () => 'choose the kind of arrears' },
      addition: { too_long: () => 'the addition is too long' },
      houseNumber: {
        not_whole_number: () => 'a house number is a whole number',
        too_small: () => 'a house number is 1 or higher',
        too_large: () => 'this house number is too high',
      },
      amountCents: {
        not_whole_number: () => 'the amount in cents is a whole number',
        too_small: () => 'the amount must be more than 0',
        too_large: () => 'this amount is improbably high',
      },
      adults: { too_small: (p) => `at least ${p.min} adult` },
      children: { too_large: (p) => `at most ${p.max} children` },
      personalContactAttempted: {
        must_confirm: () => 'the housing corporation must first have sought personal contact',
      },
      pointedToDebtHelp: { must_confirm: () => 'the tenant must first have been pointed to debt help' },
      offeredToShareWithoutObjection: {
        must_confirm: () =>
          'the reminder must have offered to share the details, without objection from the tenant',
      },
    } as Record<string, FieldSentences>,
    sentences: {
      required: (p) => `fill in ${p.noun ?? 'this field'}`,
      too_long: (p) => `${p.noun ?? 'this field'} is too long (at most ${p.max} characters)`,
      too_short: (p) => `${p.noun ?? 'this field'} is too short (at least ${p.min} characters)`,
      too_small: (p) => `this number is too small (at least ${p.min})`,
      too_large: (p) => `this number is too large (at most ${p.max})`,
      not_whole_number: () => 'fill in a whole number',
      not_one_of: (p) => `choose from: ${p.options}`,
      not_a_date: () => 'fill in a valid date (dd-mm-yyyy)',
      not_a_postcode: () => 'fill in a postcode like 1234 AB',
      not_a_phone: () => 'fill in a Dutch phone number, for example 06-12345678',
      must_confirm: () => 'this must have been done first',
      unknown_field: (p) => `unknown field: ${p.keys}`,
      invalid: () => 'this value is not valid',
      date_in_future: () => 'the date lies in the future',
      date_before_signal: () => 'the date lies before the signal',
      outcome_not_of_step: (p) =>
        `this outcome does not belong to the step "${p.step}"; choose from: ${p.options}`,
      unknown_solution: (p) => `unknown solution: ${p.solutions}`,
      partner_not_in_covenant: () => 'choose a partner of the covenant',
      partner_has_step: (p) => `${p.partner} already has this step`,
      deadline_not_later: () => 'choose a date after the current deadline',
      postponement_too_far: (p) =>
        `a step can be postponed at most ${p.maxMonths} months ahead (at the latest ${p.latest})`,
      join_not_on_case: () => 'this signal is not (or no longer) part of the case',
      municipality_not_in_covenant: () => 'choose a municipality of the covenant',
      municipality_required: () => 'choose the municipality where the household lives',
      observation_needs_consent: () =>
        "this is your own observation: only with the tenant's consent (switch it on under Household), or leave it empty for the partner who makes contact",
      observation_not_shared: () =>
        'this covenant leaves this to the partner who makes contact: leave it empty',
      organisation_not_in_list: () => 'choose your organisation from the list',
      signal_date_in_future: () => 'the signal date lies in the future',
      arising_after_signal: () => 'the arrears cannot have arisen after the signal date',
      too_few_days_of_arrears: (p) =>
        `a signal is allowed only after ${p.min} days of arrears (now ${p.days})`,
      health_insurance_window: (p) =>
        `health insurance premiums are signalled between ${p.min} and ${p.max} days (now ${p.days})`,
      reminder_after_signal: () => 'the reminder must have been sent before the signal',
      need_case_id: (p) => `Add a case number, for example "${p.command} LEK-2026-0031".`,
      not_an_amount: () => 'enter an amount in euros, for example 712.50',
      import_unknown_partner: (p) => `${p.partner} is not a partner in this covenant`,
      import_not_your_partner: (p) =>
        `you may only import signals of your own organisation, not of ${p.partner}`,
      import_cell_count: (p) =>
        `this row has ${p.cells} cells and the header ${p.columns} columns; is there a separator in a cell without quotes?`,
      import_source_twice: (p) => `bron_id ${p.source} appears earlier in this file`,
    } as FieldSentences,
  },
  common: {
    cancel: 'Cancel',
    back: 'Back',
    next: 'Next',
    yes: 'yes',
    no: 'no',
    none: 'None',
    more: (n: number) => `and ${n} more`,
    stepOf: (n: number) => `Step ${n} of 3`,
    openInAanZet: 'Open in AanZet',
    showCase: 'Show case',
  },
  help: {
    title: 'What can I do for you?',
    intro: 'AanZet shows which partner is responsible for a rent-arrears case, until when and why.',
    unknown: (text: string, suggestion: string | undefined) =>
      suggestion ? `I don't know '${text}'. Did you mean '${suggestion}'?` : `I don't know '${text}'.`,
    commandsTitle: 'Commands',
    commands: [
      { command: 'help', explanation: 'This overview' },
      { command: 'new signal', explanation: 'Register a rent-arrears signal' },
      { command: 'my tasks', explanation: 'The steps your organisation is responsible for' },
      { command: 'status <id>', explanation: 'A short status of a case, without personal data' },
      { command: 'who is responsible <id>', explanation: 'Who is responsible now, until when and why' },
      { command: 'contact <id>', explanation: 'Log a contact attempt' },
      { command: 'outcome <id>', explanation: 'Record the outcome of the current step' },
      { command: 'overview', explanation: 'What is due soon and what is overdue' },
      { command: 'report', explanation: 'Monitoring figures and the case review meeting agenda' },
      {
        command: 'link channel',
        explanation: "In a team channel: your organisation's reminders and daily overview here",
      },
    ],
    aliases: 'The Dutch commands work too, for example nieuw signaal or mijn taken.',
    commandNames: {
      help: 'help',
      'nieuw signaal': 'new signal',
      'mijn taken': 'my tasks',
      status: 'status',
      'wie is aan zet': 'who is responsible',
      contact: 'contact',
      uitkomst: 'outcome',
      overzicht: 'overview',
      rapportage: 'report',
      agenda: 'agenda',
      'koppel kanaal': 'link channel',
    },
    newSignal: 'New signal',
    myTasks: 'My tasks',
  },
  welcome: {
    title: (name: string) => `Welcome, ${name}`,
    text: 'I am AanZet. I help the partners of the covenant act together and on time on rent arrears: who is responsible, until when and why.',
    onboarding:
      'You are not linked to an organisation yet. Choose where you work in the next message; the covenant coordinator approves your request.',
    ready: 'Type help for all commands, or start below.',
  },
  register: {
    title: 'New signal',
    covenantIntro: 'First choose the covenant you are registering the signal for.',
    covenant: 'Covenant',
    next: 'Next',
    householdTitle: 'Household',
    municipality: 'Municipality',
    name: 'Tenant name',
    street: 'Street',
    houseNumber: 'House number',
    addition: 'Addition',
    postcode: 'Postcode',
    postcodePlaceholder: '1234 AB',
    city: 'Town',
    phone: 'Phone number',
    phonePlaceholder: '06-12345678',
    adults: 'Number of adults',
    children: 'Number of children under 18',
    arrearsTitle: 'Arrears',
    type: 'Kind of arrears',
    amount: 'Amount in arrears in euro',
    amountPlaceholder: '712,50',
    arisingDate: 'Arrears arose on',
    signalDate: 'Date of the signal',
    reminderSentOn: 'Reminder sent on',
    preChecks: 'Debt help decree art. 2: you share data only after you have done the following.',
    personalContactAttempted: 'Tried personal contact (phone or home visit)',
    pointedToDebtHelp: "Pointed the tenant to the municipality's debt help",
    offeredToShareWithoutObjection: 'Offered to share the data; the tenant did not object',
    crisis: 'Crisis: eviction or summons imminent',
    warmHandover: 'Warm handover: the tenant wants to talk to a counsellor right away',
    confirmTitle: 'Check and register',
    flags: 'These characteristics can change the step plan.',
    childrenFlag: 'Family with children',
    welfareConcern: 'Concerns about wellbeing: mental health problems, loneliness, nuisance',
    summary: 'What you entered',
    submit: 'Register signal',
    registered: (caseId: string) => `Case ${caseId} opened`,
    recordedNotTakenUp: (caseId: string) => `Signal recorded in case ${caseId}, not taken up`,
    outsideCriteriaAhead: (reason: string) =>
      `Note: ${reason}. This signal falls outside the criteria: it will be recorded and closed at once as "Not taken up: unjustified signal".`,
    outsideCriteria:
      'This signal falls outside the criteria for a signal. It has been recorded and closed at once as "Not taken up: unjustified signal"; no step follows.',
    reason: 'Reason',
    joined: 'This household already had an open case: the signal has been added to it.',
    nextStep: 'Next step',
    whoIsResponsible: 'Who is responsible',
    sharedByBesluit:
      'Name, address, phone and the arrears are what a creditor may share (Besluit schuldhulpverlening art. 2).',
    observationsTitle: 'Own observation',
    observationsNeedConsent:
      'What follows is your own observation, not something the Besluit lets you share: fill it in only if the tenant agrees, otherwise leave it to the partner who makes contact.',
    observationsAllowed: 'What follows is your own observation; this covenant lets you share it.',
    observationConsent: 'The tenant agrees that I share these own observations',
    consentGiven: "The tenant's consent to own observations: yes",
    consentNotGiven:
      "The tenant's consent to own observations: no (leave the conditions below off, or go back to Household)",
    observedBy: (partner: string, withConsent: boolean, what: string) =>
      `Own observation of ${partner}${withConsent ? ", with the tenant's consent" : ''}: ${what}`,
  },
  signalTypes,
  /** The national final results (DDAS EnumEindresultaat) in English; "niet-opgepakt": see nl.ts. */
  finalResults: {
    'niet-opgepakt-herhaalde-melding': 'Not taken up: repeated signal',
    'niet-opgepakt-onterecht-signaal': 'Not taken up: unjustified signal',
    'niet-opgepakt-andere-reden': 'Not taken up: other reason',
    'inwoner-overleden': 'Resident has died',
    'geen-inwoner': 'Person is no (longer) a resident',
    'al-bekend-bij-schuldhulpverlening': 'Resident already known to debt help',
    'ander-lopend-traject': 'Resident already has another programme',
    'geen-contact': 'No contact could be made',
    'geen-reactie-na-contact': 'No response after earlier contact',
    'regelt-het-zelf': 'Resident sorts it out alone/needs no help from early signalling',
    'zelf-betaald-of-regeling': 'Resident has paid or made a payment arrangement',
    'budgetadvies-quick-fix': 'Budget advice and/or quick fix',
    'vervolghulp-of-verwijzing': 'Follow-up help or referral',
    'vervolghulp-financieel': 'Follow-up help or referral, financial',
    'vervolghulp-niet-financieel': 'Follow-up help or referral, non-financial',
    'verwijzing-zonder-tussenkomst': 'Referral without the resident taking part',
    'niet-opgepakt': 'Not taken up',
  },
  flags: {
    crisis: 'crisis',
    children: 'family with children',
    multiple_arrears: 'multiple arrears',
    welfare_concern: 'concerns about wellbeing',
  },
  timeline: {
    signalReceived: (type: string) => `${type} signal received`,
    signalJoined: (type: string, partner: string) => `Another ${type} signal joined, from ${partner}`,
    joinUndone: (partner: string) => `Joined signal of ${partner} undone`,
    stepStarted: (step: string, partner: string) => `Step "${step}" → ${partner}`,
    deadlineSet: (date: string) => `New deadline ${date}`,
    postponed: (date: string) => `Deadline postponed to ${date}`,
    contact: (kind: string, reached: boolean, daypart: string) =>
      `Contact attempt: ${kind}, ${reached ? 'reached' : 'not reached'} (${daypart})`,
    dayparts: { Ochtend: 'morning', Middag: 'afternoon', Avond: 'evening' },
    outcome: (label: string, solutions: string) => `Outcome: ${label}${solutions ? ` (${solutions})` : ''}`,
    referred: (partner: string) => `Referred to ${partner}`,
    escalated: (partner: string) => `Escalated to ${partner}`,
    noteAdded: 'Confidential note added',
    closed: (result: string) => `Closed: ${result}`,
    purged: 'Personal data purged (retention)',
    withReason: (line: string, reason: string) => `${line}: ${reason}`,
    /** Why AanZet itself wrote an event (EventAuthor.system). */
    system: { stappenplan: 'step plan', bewaartermijn: 'retention period' },
  },
  case: {
    title: (caseId: string) => `Case ${caseId}`,
    statusTitle: (caseId: string) => `Status ${caseId}`,
    covenant: 'Covenant',
    status: 'Status',
    statuses: { open: 'Open', closed: 'Closed', purged: 'Closed, personal data removed' },
    finalResult: 'Final result',
    signalStatus: 'Signal status',
    pickedUpOn: 'Taken up on',
    signalStates: { 'nog-niet-opgepakt': 'Not yet taken up', opgepakt: 'Taken up' },
    step: 'Step',
    noStep: 'No open step',
    responsible: 'Responsible',
    people: 'Contacts',
    with: 'Together with',
    deadline: 'Deadline',
    standing: {
      today: 'today',
      tomorrow: 'tomorrow',
      in: (n: number) => `in ${n} ${n === 1 ? 'working day' : 'working days'}`,
      late: (n: number) => `${n} ${n === 1 ? 'working day' : 'working days'} late`,
      on: (day: string) => `on ${day}`,
      lateSince: (day: string) => `late since ${day}`,
    },
    late: 'Late',
    onTime: 'On time',
    why: 'Why',
    covenantWords: 'text of the covenant',
    example: 'example',
    deadlineRule: (days: number, workingDays: boolean, fromSignal: boolean) =>
      `Deadline by the covenant: ${days} ${workingDays ? 'working' : 'calendar'} ${days === 1 ? 'day' : 'days'} ${fromSignal ? 'after the signal' : 'after the step starts'}`,
    labels: 'Note',
    personal: 'Personal data',
    name: 'Name',
    address: 'Address',
    phone: 'Phone',
    household: 'Household',
    householdText: (adults: number | undefined, children: number | undefined) =>
      [
        adults === undefined ? null : `${adults} ${adults === 1 ? 'adult' : 'adults'}`,
        children === undefined ? null : `${children} ${children === 1 ? 'child' : 'children'}`,
      ]
        .filter((part) => part !== null)
        .join(', '),
    notes: 'Confidential notes',
    timeline: 'History',
    earlier: (n: number) => `and ${n} earlier ${n === 1 ? 'event' : 'events'}`,
    contact: 'Contact attempt',
    outcome: 'Outcome',
    ownObservation: (partner: string, withConsent: boolean) =>
      `own observation of ${partner}${withConsent ? ', with consent' : ''}`,
    observationFields: {
      adults: 'number of adults',
      children: 'number of children',
      children_flag: 'family with children',
      welfare_concern: 'concerns about welfare',
    } satisfies Record<ObservationField, string> as Record<ObservationField, string>,
  },
  contactForm: {
    title: 'Log a contact attempt',
    kind: 'Kind of contact',
    reached: 'Tenant reached',
    date: 'Date',
    daypart: 'Part of the day',
    submit: 'Save contact attempt',
    kinds: {
      Mail: 'Email',
      Brief: 'Letter',
      'SMS/Whatsapp': 'Text/WhatsApp',
      Telefoon: 'Phone',
      Huisbezoek: 'Home visit',
      'Afspraak op locatie': 'Appointment at a location',
      Kaartje: 'Card left at the door',
      Overige: 'Other',
      Administratief: 'Administrative',
      Onbekend: 'Unknown',
    },
    dayparts: {
      Ochtend: 'Morning (before 12:00)',
      Middag: 'Afternoon (12:00–18:00)',
      Avond: 'Evening (after 18:00)',
    },
  },
  outcomeForm: {
    title: 'Record the outcome',
    outcome: 'Outcome',
    solutions: 'Which solutions were agreed?',
    submit: 'Save outcome',
  },
  stale: {
    title: 'Already done',
    text: (by: string, time: string, date: string) => `Already done by ${by} at ${time} (${date}).`,
    hint: 'Open the case to see where it stands now.',
  },
  refresh: {
    unavailableTitle: 'Status not available',
    action: 'Refresh',
    notAvailable: 'Where things stand now is shown only to members of the covenant.',
  },
  lists: {
    open: 'Open',
  },
  report: {
    title: (covenant: string) => `Monitoring ${covenant}`,
    period: 'Period',
    periodText: (from: string, to: string) => `${from} to ${to}`,
    badPeriodTitle: 'Unknown period',
    badPeriod: (given: string) =>
      `"${given}" is not a period. Write for example report 2026-03 (month), report 2026-Q1 (quarter), report 2026 (year) or report 2026-01-01 2026-03-31 (from/to).`,
    periodTooLong: (given: string, years: number) =>
      `"${given}" is longer than ${years} years. Choose a shorter period, for example report 2026 (year).`,
    signalsReceived: 'Signals received',
    crisisSignals: 'Crisis signals (eviction threatened)',
    contactAttempts: 'Contact attempts',
    householdsReached: 'Households reached',
    homeVisits: 'Home visits',
    homeVisitsText: (visits: number, households: number) => `${visits} at ${households} households`,
    closed: 'Closed',
    paymentArrangements: 'Payment arrangements',
    paid: 'Rent paid',
    paidOrArrangementUnsplit: 'Paid or arrangement (not split)',
    referredToDebtHelp: 'Referred to debt help',
    helpAccepted: 'Help accepted',
    positiveShare: 'Positive result',
    positiveText: (share: string, positive: number, takenUp: number) =>
      `${share}: ${positive} of ${takenUp} closed cases taken up (as Vroeg Eropaf! counted)`,
    evictions: 'Evictions',
    notRecorded: 'not recorded by this covenant',
    medianDays: 'Median working days from signal to first contact',
    medianText: (days: string, cases: number) => `${days} (over ${cases} cases)`,
    perFinalResult: 'Final results',
    noneClosed: 'No cases closed in this period.',
    onTime: 'On time per partner',
    onTimeText: (onTime: number, steps: number, share: string) =>
      `${onTime} of ${steps} completed steps on time (${share})`,
    perMunicipality: 'Per municipality',
    perSignaller: 'Per signalling partner',
    perSignalType: 'Per signal type',
    groupText: (signals: number, reached: number, visits: number, closed: number) =>
      `${signals} signals · ${reached} reached · ${visits} home visits · ${closed} closed`,
    noData: 'No data yet',
  },
  agenda: {
    title: (covenant: string) => `Case review agenda ${covenant}`,
    meeting: 'Meeting on',
    noMeeting: 'No fixed meeting date',
    covenantExpired: (until: string) =>
      `This covenant ran until ${until} and has expired: agree a renewal or a new covenant with the partners.`,
    evaluationDue: (date: string) => `Evaluation of the covenant on ${date}`,
    late: 'Late steps',
    escalated: 'Escalated',
    childrenFacingEviction: 'Families with children facing eviction',
    waitingForNetwork: 'Waiting for a network partner',
    flaggedByRules: 'On the agenda by covenant rules',
  },
  notes: {
    add: 'Note',
    title: 'Confidential note',
    explain: "Only your organisation and the covenant's coordinator see this note.",
    text: 'Note',
    required: 'Write the note',
    save: 'Save note',
  },
  reminders: {
    nudge: (id: string) => `Reminder: case ${id} is due soon`,
    due: (id: string) => `Today: the deadline of case ${id} ends`,
    escalation: (id: string) => `Late: case ${id}`,
    escalationText: (partner: string) =>
      `${partner} is past the deadline. As coordinator you can take the step over or extend the deadline with a reason.`,
    takeOver: 'Take over',
    postpone: 'Postpone',
    postponeTitle: 'Postpone the deadline',
    until: 'New deadline',
    reason: "Reason (goes into the case's history)",
    untilRequired: 'Choose the new deadline',
    reasonRequired: 'Give the reason',
    submitPostpone: 'Postpone',
    currentDeadline: 'Current deadline',
    digestTitle: (partner: string) => `Daily overview ${partner}`,
    late: 'Late',
    today: 'Today',
    thisWeek: 'This week',
    nothing: 'Nothing open. Well done!',
    linked: (partner: string, covenant: string) =>
      `This channel now gets the reminders and the daily overview of ${partner} (${covenant}).`,
    linkedTitle: 'Channel linked',
    failedTitle: 'Messages not delivered',
    failedLine: (kind: string, subject: string, date: string, why: string) =>
      `${kind} ${subject} (${date}): ${why}`,
    rerouted: (count: number, code: string) =>
      `chat unreachable (${code}), sent on to ${count === 1 ? '1 other conversation' : `${count} other conversations`}`,
    undeliverable: (code: string) =>
      `undeliverable: no chat, no linked channel and no coordinator to reach (${code})`,
    failed: (detail: string) => `failed (${detail})`,
    reached: (code: string) => `chat unreachable (${code}), delivered through another conversation`,
    kinds: {
      nudge: 'Reminder',
      due: 'Due today',
      escalation: 'Escalation',
      digest: 'Daily overview',
      agenda: 'Agenda',
      handover: 'Handover',
      closed: 'Case closed',
      registered: 'New case',
      joined: 'Signal joined',
      approval: 'Membership request',
      membership: 'Membership decision',
    },
  },
  privacy: {
    referred: (partner: string, who: string) => `Referred to ${partner} by ${who}`,
    takenOver: (partner: string, who: string) => `Step taken over by ${partner} (${who})`,
    postponed: (date: string, who: string) => `Postponed to ${date} by ${who}`,
    withReason: (line: string, reason: string) => `${line}: ${reason}`,
    ownEntry: 'What your organisation entered',
    ownEntryExplain:
      'Your signal was added to a case that was already open. You see what you entered yourself, the step and the deadline; what others entered you see only when a step of this case is your organisation’s.',
    joinsTitle: 'Joined signals',
    joinLine: (partner: string, type: string, when: string) => `${partner}: ${type} signal (${when})`,
    enteredBy: (partner: string) => `Entered by ${partner}`,
    undoJoin: (partner: string) => `Undo the signal of ${partner}`,
    joinNoticeTitle: (caseId: string) => `Signal added to case ${caseId}`,
    joinNoticeText: (partner: string, type: string) =>
      `${partner} registered a signal (${type}) for the household of this open case. If it does not belong here, undo it on the case.`,
  },
  onboarding: {
    title: 'Join your organisation',
    text: 'Choose the organisation you work for. The covenant coordinator approves your request; after that you will see your tasks.',
    organisation: 'Organisation',
    submit: 'Send request',
    approvalTitle: 'Request for approval',
    approvalText: (name: string, partner: string, covenant: string) =>
      `${name} asks to join as a caseworker of ${partner} in ${covenant}.`,
    approve: 'Approve',
    reject: 'Reject',
    approvedTitle: 'Request approved',
    rejectedTitle: 'Request rejected',
    resultText: (approved: boolean, requester: string, partner: string, by: string) =>
      `${by} ${approved ? 'approved' : 'rejected'} the request of ${requester} to join ${partner}.`,
  },
  messages: {
    expiredTitle: 'This form has expired',
    expiredText:
      'It belongs to a signal that was already registered or cancelled, or it was left for more than 24 hours ' +
      'and what was filled in has been deleted. Type "new signal" to start again.',
    cancelledTitle: 'Signal cancelled',
    cancelledText: 'Nothing was registered.',
    chooseCovenant: 'Choose a covenant',
    tooLong: (max: number) => `This is too long: ${max} characters at most. It was not kept.`,
    summaryHousehold: 'Household',
    summaryArrears: 'Arrears',
    summarySignalDate: 'Signal date',
    notFoundTitle: 'Case not found',
    notFound: (id: string) => `There is no case ${id}. Check the number, for example LEK-2026-0031.`,
    notAllowedTitle: 'Not allowed',
    staleTitle: 'Already done',
    errorTitle: 'Something went wrong',
    errorText: 'AanZet could not finish this. Nothing was half saved; please try again.',
    storeDownTitle: 'AanZet cannot reach its data right now',
    storeDownClick:
      'Nothing was saved. What you filled in is still on the card: please try again in a few minutes.',
    storeDownMessage: 'Your message was not processed. Please try again in a few minutes.',
    storeDownForm:
      'Nothing was saved. What you filled in is still in the form: please try again in a few minutes.',
    inputTitle: 'Please check your input',
    pendingTitle: 'Waiting for approval',
    pendingText: "Your request is with the covenant's coordinator.",
    requestedTitle: 'Request sent',
    requestedText: (partner: string) => `The coordinator gets your request to work on behalf of ${partner}.`,
    noCoordinator: 'This covenant has no coordinator in AanZet yet; please contact its policy officer.',
    tasksTitle: 'My tasks',
    tasksEmpty: 'Your organisation has no open steps.',
    overviewTitle: (covenant: string) => `Overview ${covenant}`,
    overviewEmpty: 'No open steps.',
    closedTitle: 'Case is closed',
    closed: (id: string) => `Case ${id} is already closed.`,
    nextStepTitle: (id: string) => `Case ${id}: your turn`,
    refusal: (r: Refusal): string => {
      switch (r.code) {
        case 'not_member':
          return `You are not a member of the covenant "${r.covenant}".`;
        case 'awaiting_approval':
          return 'Your membership is still waiting for approval by the coordinator.';
        case 'coordinator_only':
          return r.role ? `Only the ${r.role} may do this.` : "Only the covenant's coordinator may do this.";
        case 'not_your_step':
          return `This step is for ${r.owner}.`;
        case 'no_open_step':
          return `Case ${r.caseId} has no open step.`;
        case 'sends_no_signals':
          return r.type
            ? `${r.partner} does not register ${signalTypes[r.type as SignalPartnerType] ?? r.type} signals.`
            : 'Your organisation registers no signals.';
        case 'no_step_on_case':
          return 'Your organisation has no step on this case.';
        case 'already_member':
          return `You are already a member of "${r.covenant}".`;
        case 'no_such_request':
          return 'That request does not exist (any more).';
        case 'personal_chat_only':
          return 'This is only possible in a personal chat with AanZet, because it holds personal data.';
        case 'channel_only':
          return 'Type this in the team channel that should get the reminders.';
        case 'no_covenant':
          return 'You are not a member of a covenant yet.';
      }
    },
  },
  // The personal tab (tab/): one subsection per view, so each view's words stay together.
  tab: {
    shell: {
      appName: 'AanZet',
      documentTitle: (view: string) => `${view} · AanZet`,
      views: 'Views',
      signedInAs: (name: string) => `Signed in as ${name}`,
      connecting: 'Connecting AanZet to Teams…',
      loading: 'Loading…',
      teamsTimeout:
        'Teams does not answer: AanZet could not start. Close the tab and open it again; if that does not help, restart Teams.',
      teamsFailed: (reason: string) => `AanZet could not connect to Teams: ${reason}`,
      signInFailed: 'Signing in to AanZet failed. Open the tab again.',
      meFailed: 'AanZet could not fetch your details.',
      retry: 'Try again',
      switchUser: 'Choose another demo member',
      demoTitle: 'Choose a demo member',
      demoIntro:
        'This is the local demo of AanZet outside Teams. Choose whose view you want to see; in Teams you sign in with your own account.',
      demoMemberships: 'Memberships',
      demoMembership: (covenant: string, partner: string) => `${partner} in ${covenant}`,
      demoPick: (name: string) => `Continue as ${name}`,
      demoNone: 'There are no demo members. Start AanZet with the demo data (npm start).',
      notLocal:
        'This server is not running in local demo mode: open AanZet as a tab in Microsoft Teams to sign in.',
      demoFailed: 'The demo members could not be fetched.',
    },
    tasks: {
      title: 'My tasks',
      caseId: 'Case',
      openCase: (caseId: string) => `Open case ${caseId}`,
      filters: 'Filters',
      covenant: 'Covenant',
      allCovenants: 'My organisation (all covenants)',
      partner: 'Partner',
      allPartners: 'All partners',
      partnerNeedsCovenant: 'Choose a covenant first.',
      lateOnly: 'Late only',
      crisisOnly: 'Crisis only',
      childrenOnly: 'Families with children only',
      search: 'Search by case number',
      searchButton: 'Search',
      clear: 'Clear filters',
      loading: 'Loading tasks…',
      empty: 'No open steps.',
      emptyFiltered: 'No open steps match these filters.',
      failed: 'The tasks could not be loaded.',
      retry: 'Try again',
      range: (from: number, to: number, total: number) => `${from}–${to} of ${total}`,
      previous: 'Previous page',
      next: 'Next page',
      pageOf: (page: number, pages: number) => `Page ${page} of ${pages}`,
      noDeadline: 'no deadline',
      covenantsFailed: 'The covenants for the filters could not be loaded.',
      paging: 'Paging',
    },
    case: {
      title: 'Case',
      back: 'Back to My tasks',
      loading: 'Loading the case…',
      noCase: 'Choose a case in My tasks.',
      reload: 'Reload',
      actions: 'Actions',
      sending: 'Saving…',
      choose: 'Choose…',
      noEvents: 'Nothing recorded yet.',
      takeOverText: (step: string, partner: string) =>
        `Your organisation takes the step "${step}" over from ${partner}. The deadline stays.`,
    },
    monitoring: {
      title: 'Monitoring',
      covenant: 'Covenant',
      notCoordinator:
        "Monitoring is for coordinators. You are not a coordinator of any covenant; ask your covenant's coordinator.",
      refusedTitle: 'No access to these figures',
      presets: 'Quick choice',
      thisYear: 'This year',
      last12Months: 'Last 12 months',
      lastQuarter: 'Last quarter',
      from: 'From',
      to: 'To (inclusive)',
      dateMissing: 'Enter a date.',
      fromAfterTo: 'The start date is after the end date.',
      periodTooLong: (years: number) => `Choose a period shorter than ${years} years.`,
      loading: 'Loading figures…',
      failedTitle: 'The figures could not be loaded',
      failedText: 'Something went wrong on the way to AanZet. Try again.',
      retry: 'Try again',
      emptyTitle: 'No signals in this period',
      emptyText: 'Nothing happened in this covenant in this period. Choose another period.',
      keyFigures: 'Key figures',
      signalsPerMonth: 'Signals per month',
      month: 'Month',
      count: 'Number',
      funnel: 'From signal to result',
      funnelStage: 'Stage',
      ofSignals: (count: number, signals: number) => `${count} of ${signals} signals`,
      partner: 'Partner',
      onTimeSteps: 'On time / completed steps',
      finalResult: 'Final result',
      exportTitle: 'Export',
      exportCsv: 'Download figures (CSV)',
      exportCasesCsv: 'Download case list (CSV)',
      exportJson: 'Download all (JSON)',
      exportFailed: 'The export failed',
    },
  },
  tabApi: {
    signInUnavailable: 'Signing in is not possible now: Microsoft cannot be reached. Try again shortly.',
    notMember: 'You are not a member of a covenant in AanZet yet. Sign up in the chat with AanZet.',
    badRequest: (fields: string) => `This request is not right: ${fields}.`,
    unknownCovenant: (id: string) => `There is no covenant "${id}".`,
    notBuilt: 'The personal tab is not built yet: run `npm run build` (or `npm start`, which builds first).',
  },
  search: {
    notMember:
      'You are not a member of a covenant in AanZet yet. Send AanZet a message in a personal chat to sign up.',
    pending: "Your request is still with the covenant's coordinator. You can search once it is approved.",
    failed: 'AanZet could not search just now. Nothing was changed; please try again.',
  },
  import: {
    refusedRow: (row: number, column: string, reason: string) => `row ${row}, column ${column}: ${reason}`,
    refusedRowWhole: (row: number, reason: string) => `row ${row}: ${reason}`,
    notTakenUpRow: (row: number, caseId: string, reason: string) =>
      `row ${row}: recorded as Not taken up: unjustified signal (case ${caseId}): ${reason}`,
    duplicateRow: (row: number, caseId: string) => `row ${row}: imported before (case ${caseId})`,
    totals: (t: {
      rows: number;
      imported: number;
      joined: number;
      notTakenUp: number;
      duplicates: number;
      refused: number;
    }) =>
      `${t.rows} rows: ${t.imported} imported (${t.joined} of them joined an open case of the household, ${t.notTakenUp} recorded as not taken up), ` +
      `${t.duplicates} imported before, ${t.refused} refused.`,
    dryRun: 'Dry run: nothing was stored.',
    allOrNothing: 'Nothing was stored, because not every row is right (--all-or-nothing).',
    unreadable: (file: string, reason: string) => `${file} cannot be read: ${reason}`,
    notJson: 'it is not a JSON list of signals (a list [...] or { "signalen": [...] })',
    unknownColumns: (names: string) => `unknown columns: ${names} (see docs/import-format.md)`,
    missingColumns: (names: string) => `these columns are missing: ${names}`,
    noFile: 'the file does not exist',
    noRows: 'the file holds no signals',
    unknownMember: (userId: string) => `${userId} is not known in AanZet`,
    notMember: 'whoever imports must be an active member of the covenant',
    whichCovenant: (ids: string) => `which covenant? Add --covenant (${ids})`,
    unknownCovenant: (id: string) => `unknown covenant: ${id}`,
  },
};
