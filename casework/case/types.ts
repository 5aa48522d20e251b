import type { Condition, DeadlineRule, SignalPartnerType } from '../covenant/covenant.js';
import type { FinalResult } from '../covenant/final-results.js';
import type { IsoDate } from '../covenant/calendar.js';

/** DDAS v1.2 EnumContactsoort (the model's strings exactly). */
export const CONTACT_KINDS = [
  'Mail',
  'Brief',
  'SMS/Whatsapp',
  'Telefoon',
  'Huisbezoek',
  'Afspraak op locatie',
  'Kaartje',
  'Overige',
  'Administratief',
  'Onbekend',
] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** DDAS dagdeel: Ochtend < 12:00, Middag 12–18, Avond ≥ 18:00 */
export const DAYPARTS = ['Ochtend', 'Middag', 'Avond'] as const;
export type Daypart = (typeof DAYPARTS)[number];

/** Besluit gemeentelijke schuldhulpverlening art. 2: what the creditor confirms before sharing data. */
export interface PreChecks {
  personalContactAttempted: boolean;
  pointedToDebtHelp: boolean;
  reminderSentOn: IsoDate;
  offeredToShareWithoutObjection: boolean;
}

export interface Signal {
  signallerPartnerId: string;
  type: SignalPartnerType;
  /** Arrears in euro cents. */
  amountCents: number;
  arisingDate: IsoDate;
  signalDate: IsoDate;
  crisis: boolean;
  warmHandover: boolean;
  preChecks: PreChecks;
  /** The signaller's own observations in this signal, beyond what the Besluit lets it share; absent: none (or an older history). */
  observation?: SignalObservation;
  /** The row's id in the signalling partner's own system, for a signal that came by import. */
  sourceId?: string;
}

/** Fields a creditor enters as its own observation, not as what the Besluit lets it share. */
export const OBSERVATION_FIELDS = ['adults', 'children', 'children_flag', 'welfare_concern'] as const;
export type ObservationField = (typeof OBSERVATION_FIELDS)[number];

export interface SignalObservation {
  fields: ObservationField[];
  /**
   * The tenant agreed that the creditor shares these; recorded by the signaller's organisation
   * (the user is the author of the event carrying the signal). Absent where the covenant allows
   * observations without consent.
   */
  consent?: { tenantAgreed: true; recordedAt: string; recordedByPartnerId: string };
}

/** The household: postcode + house number + addition identify it for matching. */
export interface HouseholdAddress {
  postcode: string;
  houseNumber: number;
  addition: string;
}

/** Personal data: kept apart from the history so that purging removes it whole. */
export interface PersonalData {
  name: string;
  street: string;
  city: string;
  phone?: string;
  adults?: number;
  children?: number;
  address: HouseholdAddress;
  /** Notes with special-category data: for the writer's organisation and the coordinator role. */
  notes: ConfidentialNote[];
  /**
   * Free-text reasons (postponement, referral), by the seq of the event that refers to them, so
   * that purging the personal part removes them while the event keeps the fact. Absent in
   * records stored before reasons moved here.
   */
  reasons?: StepReason[];
  /** What a partner entered when its signal joined this open case: shown to that partner only. */
  joined?: JoinedEntry[];
}

export interface ConfidentialNote {
  at: string;
  byPartnerId: string;
  text: string;
  /**
   * The writer's organisation. (Older notes also list the coordinator's organisation: reading
   * follows byPartnerId and the coordinator role, not this list.)
   */
  visibleTo: string[];
}

export interface StepReason {
  /** The seq of the `referred` or `deadline_changed` event this reason belongs to. */
  seq: number;
  byPartnerId: string;
  text: string;
}

/** The household as a joining partner entered it, kept under that partner. */
export interface JoinedEntry {
  /** The seq of the `signal_joined` event. */
  seq: number;
  partnerId: string;
  at: string;
  household: Omit<PersonalData, 'notes' | 'reasons' | 'joined'>;
}

/**
 * Why a signal fell outside the criteria for signalling (DDAS: "Niet opgepakt: onterecht
 * signaal"): a code with its figures, worded by cards. It is recorded, never refused and lost.
 */
export type OutsideCriteria =
  | { code: 'too_few_days_of_arrears'; params: { min: number; days: number } }
  | { code: 'health_insurance_window'; params: { min: number; max: number; days: number } };

export type EventAuthor = { userId: string; name: string; partnerId: string } | { system: string };

interface EventBase {
  /** 1-based; equals the case version after this event. */
  seq: number;
  /** ISO instant */
  at: string;
  by: EventAuthor;
}

export type CaseEventBody =
  | { type: 'signal_received'; signal: Signal; municipalityId: string }
  | { type: 'signal_joined'; signal: Signal; flags?: Condition[] }
  /** The coordinator took a joined signal off the case (seq of its signal_joined). */
  | { type: 'join_undone'; joinSeq: number; partnerId: string }
  | { type: 'flags_set'; flags: Condition[] }
  | {
      type: 'step_started';
      stepId: string;
      responsiblePartnerId: string;
      deadline: IsoDate;
      /** The covenant's rule; empty for a referral, which keeps the rule of the step it hands on. */
      because: string;
      /** How the deadline was set (a fact cards word); histories before 2026-12 have it inside `because`. */
      deadlineRule?: DeadlineRule;
      cause: 'first_step' | 'outcome' | 'special_rule' | 'referral';
      ruleId?: string;
    }
  /**
   * A covenant rule's new deadline (ruleId), or a postponement (no ruleId): a postponement's
   * `because` is empty, its reason is in the personal part (older histories had it in `because`).
   */
  | {
      type: 'deadline_changed';
      stepId: string;
      deadline: IsoDate;
      because: string;
      deadlineRule?: DeadlineRule;
      ruleId?: string;
      withReason?: boolean;
    }
  | { type: 'rule_applied'; ruleId: string }
  | { type: 'contact_attempt'; kind: ContactKind; reached: boolean; date: IsoDate; daypart: Daypart }
  | { type: 'outcome_logged'; stepId: string; outcomeId: string; solutions: string[] }
  /** The reason is in the personal part (withReason); older histories had it in `reason`. */
  | { type: 'referred'; stepId: string; toPartnerId: string; reason?: string; withReason?: boolean }
  | { type: 'escalated'; stepId: string; toPartnerId: string }
  | { type: 'note_added'; visibleTo: string[] }
  /** outsideCriteria: the signal was recorded and closed at once, for this reason. */
  | { type: 'closed'; finalResult: FinalResult; outsideCriteria?: OutsideCriteria }
  | { type: 'purged' };

export type CaseEvent = EventBase & CaseEventBody;
export type CaseEventType = CaseEventBody['type'];

/**
 * What the store indexes for queries (my tasks, overdue, monitoring) without replaying
 * histories. Derived from the events on every write; holds no personal data.
 */
export interface CaseSummary {
  caseId: string;
  covenantId: string;
  status: 'open' | 'closed' | 'purged';
  version: number;
  stepId: string | null;
  responsiblePartnerId: string | null;
  deadline: IsoDate | null;
  /**
   * Partners involved in the case: a step on it, or a signal of their own that joined it (the
   * overview lists the case for them). Who sees personal data is decided from the history.
   */
  participants: string[];
  flags: Condition[];
  labels: string[];
  onAgenda: boolean;
  escalations: number;
  /** Who sent the first signal and the household's municipality: they decide some owners. */
  signallerPartnerId: string;
  municipalityId: string;
  signalDate: IsoDate;
  firstContactDate: IsoDate | null;
  /** DDAS datum opgepakt (casework/case/picked-up.ts); absent in summaries written before 2026-12. */
  pickedUpOn?: IsoDate | null;
  openedAt: string;
  closedAt: string | null;
  finalResult: FinalResult | null;
  /** Steps done so far, with who held them and whether they met the deadline (monitoring). */
  completedSteps: { stepId: string; partnerId: string; deadline: IsoDate; doneOn: IsoDate }[];
  purgeAfter: IsoDate | null;
  lastChange: { at: string; by: string };
}

export interface CaseRecord {
  id: string;
  covenantId: string;
  version: number;
  /** Normalised postcode|number|addition; null once purged. */
  householdKey: string | null;
  personal: PersonalData | null;
  events: CaseEvent[];
  summary: CaseSummary;
}

export function householdKey(address: HouseholdAddress): string {
  return `${address.postcode.replace(/\s+/g, '').toUpperCase()}|${address.houseNumber}|${address.addition
    .trim()
    .toUpperCase()}`;
}
