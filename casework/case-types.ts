import type { Condition, SignalPartnerType } from './covenant.js';
import type { FinalResult } from './final-results.js';
import type { IsoDate } from './calendar.js';

/** DDAS EnumContactsoort */
export const CONTACT_KINDS = [
  'Mail',
  'Brief',
  'SMS/Whatsapp',
  'Telefoon',
  'Huisbezoek',
  'Kaartje',
  'Overige',
  'Administratief',
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
  /** Notes with special-category data, visible only to the partners listed. */
  notes: ConfidentialNote[];
}

export interface ConfidentialNote {
  at: string;
  byPartnerId: string;
  text: string;
  visibleTo: string[];
}

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
  | { type: 'signal_joined'; signal: Signal }
  | { type: 'flags_set'; flags: Condition[] }
  | {
      type: 'step_started';
      stepId: string;
      responsiblePartnerId: string;
      deadline: IsoDate;
      because: string;
      cause: 'first_step' | 'outcome' | 'special_rule' | 'referral';
      ruleId?: string;
    }
  | { type: 'deadline_changed'; stepId: string; deadline: IsoDate; because: string; ruleId?: string }
  | { type: 'rule_applied'; ruleId: string }
  | { type: 'contact_attempt'; kind: ContactKind; reached: boolean; date: IsoDate; daypart: Daypart }
  | { type: 'outcome_logged'; stepId: string; outcomeId: string; solutions: string[] }
  | { type: 'referred'; stepId: string; toPartnerId: string; reason: string }
  | { type: 'escalated'; stepId: string; toPartnerId: string }
  | { type: 'note_added'; visibleTo: string[] }
  | { type: 'closed'; finalResult: FinalResult }
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
  /** Partners with a step on the case: only they see personal data. */
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
