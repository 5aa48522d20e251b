import type { CaseEvent, CaseRecord, CaseSummary, PersonalData } from './case/types.js';
import type { IsoDate } from './covenant/calendar.js';
import type { Condition } from './covenant/covenant.js';

// What the outbox holds: reminders (casework/reminders/plan.ts) and notices (./reminders/notices.ts).

export type ReminderKind = 'nudge' | 'due' | 'escalation' | 'digest' | 'agenda';
/** Telling people of a colleague's action (casework/reminders/notices.ts): sent at once, not in working hours only. */
export type NoticeKind = 'handover' | 'closed' | 'registered' | 'joined' | 'approval' | 'membership';
export type MessageKind = ReminderKind | NoticeKind;

/** What a notice is about beyond its case, read again when its card is built. */
export interface NoticeFacts {
  /** The case version the notice follows. */
  version?: number;
  /** The user asking to join (approval), or the one asked about (membership). */
  userId?: string;
  /** Who decided a membership request. */
  byUserId?: string;
  approved?: boolean;
  /** The signal joined a case that was already open. */
  joined?: boolean;
  /** The seq of the joining signal's event (the coordinator's join notice). */
  joinSeq?: number;
}

export interface PlannedMessage {
  /**
   * Idempotency: planning twice yields the same key. It names the message and its recipient
   * (a partner, or one user), not a conversation: the outbox plans one message once.
   */
  key: string;
  kind: MessageKind;
  covenantId: string;
  caseId: string | null;
  stepId: string | null;
  /** The partner whose people (or channel) receive it. */
  partnerId: string;
  /** A notice for one person: that user's personal chats instead of the partner's. */
  userId?: string;
  about?: NoticeFacts;
  /** The date it belongs to (the nudge day, the deadline, the escalation day, the digest day). */
  forDate: IsoDate;
  /** The first moment it may go out: the working morning of forDate. */
  notBefore: string;
}

// Storage ports, shaped by the domain. The adapters in storage/ implement them; every adapter
// passes the contract suite in tests/storage-contract.ts.

export interface SummaryQuery {
  covenantId?: string;
  status?: CaseSummary['status'];
  responsiblePartnerId?: string;
  /** Cases where this partner holds or held a step. */
  participantPartnerId?: string;
  deadlineOnOrBefore?: IsoDate;
  /** Only steps with one of these deadlines (the reminder sweep's dates). */
  deadlines?: IsoDate[];
  closedFrom?: string;
  closedBefore?: string;
  purgeDueOnOrBefore?: IsoDate;
}

/**
 * One page of open steps (the tab's Mijn taken), filtered, sorted and counted by the store.
 * Every condition given must hold.
 */
export interface OpenStepsQuery {
  /**
   * Whose open steps: those one of these partners holds in its covenant (my tasks, over every
   * membership; no pair: none), or a covenant's, all of them or those a partner takes part in
   * (SummaryQuery.participantPartnerId).
   */
  scope:
    | { responsible: { covenantId: string; partnerId: string }[] }
    | { covenantId: string; participantPartnerId?: string };
  /** Only steps with a deadline before this day (late). */
  deadlineBefore?: IsoDate;
  /** Only cases where each of these conditions holds (CaseSummary.flags). */
  flags?: Condition[];
  /** Only steps this partner holds. */
  responsiblePartnerId?: string;
  /** Only case ids containing this text, whatever the case of its letters. */
  caseIdContains?: string;
  sort: OpenStepsSort;
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

/**
 * The order of a page (casework/reads/step-order.ts). By deadline, or case id (numbers in it as
 * numbers); or by the rank the caller gives each responsible partner or step, per covenant:
 * names are the covenant's, the store does not know them (equal names, equal rank). A missing
 * value (no deadline, no partner or step, or one without a rank) goes last in either order; ties
 * go by case id, ascending.
 */
export type OpenStepsSort =
  { by: 'deadline' | 'caseId' } | { by: 'partner' | 'step'; ranks: Record<string, Record<string, number>> };

export interface SummariesPage {
  /** Every open step that matches, on this page or not. */
  total: number;
  summaries: CaseSummary[];
}

/**
 * The compose box's search (casework/reads/search.ts) in one covenant: cases matching any of the
 * criteria given, newest case id first (or soonest deadline first). A case that matches none is
 * left out, as is every case when no criterion is given.
 */
export interface CaseSearch {
  covenantId: string;
  /** Only cases this partner takes part in (as the overview); absent: the whole covenant (its coordinator). */
  participantPartnerId?: string;
  /** Case ids containing this text, in any case. */
  caseIdContains?: string;
  /** Cases whose current step one of these partners holds. */
  responsiblePartnerIds?: string[];
  /**
   * The household's postcode, normalised ("1234AB"): personal data, so with `heldBy` only the
   * open cases whose current step that partner holds; without, any case in the search.
   */
  postcode?: { value: string; heldBy?: string };
  /** The open steps this partner holds (the search without text). */
  openStepsOf?: string;
  /** 'newest' (the default): case id descending; 'soonest': deadline ascending, none last, then case id. */
  order?: 'newest' | 'soonest';
  /** At most this many. */
  limit: number;
}

/** A case's history with its summary: what the monitoring figures and the exports read. */
export interface CaseHistory {
  summary: CaseSummary;
  events: CaseEvent[];
}

/** A page of the histories that may have an event in a period (Cases.listHistories). */
export interface HistoryQuery {
  covenantId: string;
  /** Cases signalled on or before `to` and open, or closed on or after `from` (the Amsterdam day). */
  from: IsoDate;
  to: IsoDate;
  /** Only cases whose id sorts after this one (byte order): the last id of the page before. */
  after?: string;
  /** At most this many cases. */
  limit: number;
}

/**
 * What a case contributes to the monitoring figures, as counters kept per day (issue 11). The
 * measures and what `day` and `extra` mean: casework/reads/figure-facts.ts, which computes them.
 */
export type FigureMeasure =
  | 'signal'
  | 'crisis'
  | 'contact'
  | 'homeVisit'
  | 'reached'
  | 'visited'
  | 'arrangement'
  | 'paid'
  | 'eviction'
  | 'closed'
  | 'unsplit'
  | 'firstContact'
  | 'stepDone'
  | 'opened'
  | 'ended';

/** A counter's key within a covenant: a measure on a day, with the case's groups. */
export interface FigureKey {
  measure: FigureMeasure;
  day: IsoDate;
  extra: string;
  municipalityId: string;
  signallerPartnerId: string;
  /** The type of the case's first received signal ('' without one). */
  signalType: string;
}

/** A counter: how often its key occurs (in one case's facts, or summed over a covenant's cases). */
export interface FigureCount extends FigureKey {
  n: number;
}

export interface FigureCountQuery {
  covenantId: string;
  /** Counters with a day from `from` to `to`, both included. */
  from: IsoDate;
  to: IsoDate;
  /** Only these measures; absent: all. */
  measures?: FigureMeasure[];
}

export interface Cases {
  /** The next number for a human case id of this covenant and year; never hands out a number twice. */
  nextCaseNumber(covenantId: string, year: number): Promise<number>;
  /**
   * Stores a new case; refuses an existing id or a second open case for the same household.
   * Audit entries given are stored with it in one write, or not at all.
   */
  create(record: CaseRecord, audit?: AuditEntry[]): Promise<void>;
  get(caseId: string): Promise<CaseRecord | undefined>;
  /** Just the summary: what a status lookup needs, without the history. */
  getSummary(caseId: string): Promise<CaseSummary | undefined>;
  findOpenByHousehold(covenantId: string, householdKey: string): Promise<CaseRecord | undefined>;
  /**
   * Appends events when the stored version still equals expectedVersion, and replaces the
   * summary (and personal data when given; null removes it). Otherwise throws VersionConflict.
   * Audit entries given are stored in the same write, so a change is never without its log line.
   */
  append(
    caseId: string,
    expectedVersion: number,
    events: CaseEvent[],
    summary: CaseSummary,
    personal?: PersonalData | null,
    audit?: AuditEntry[],
  ): Promise<CaseRecord>;
  listSummaries(query: SummaryQuery): Promise<CaseSummary[]>;
  /** One page of open steps and how many match in all (OpenStepsQuery). */
  openStepsPage(query: OpenStepsQuery): Promise<SummariesPage>;
  /** Summaries only (no histories, no personal data): the search of the compose box. */
  searchSummaries(search: CaseSearch): Promise<CaseSummary[]>;
  /**
   * The histories (summary and events) of the covenant's cases that may have an event in the
   * period, in case-id order (byte order), one page per call: one read, not one per case. The
   * next page starts after the last id of this one; a page shorter than `limit` is the last.
   */
  listHistories(query: HistoryQuery): Promise<CaseHistory[]>;
  /**
   * The covenant's figure counters in the period: the facts of every stored case
   * (casework/reads/figure-facts.ts figureFactsOf of its history as stored now) summed per key,
   * only keys with n > 0. Kept up to date by every create, append and purge, in the same write.
   */
  figureCounts(query: FigureCountQuery): Promise<FigureCount[]>;
  /**
   * The case holding the signal this partner sent with this source id (Signal.sourceId, set by
   * an import), opened or joined; the index is kept from the stored events, so it lasts.
   */
  findBySource(covenantId: string, partnerId: string, sourceId: string): Promise<string | undefined>;
  /**
   * The purge, the one change to a stored history. When the stored version still equals
   * expectedVersion, in one write: replaces the `redacted` events (same seq and type, their
   * free text blanked), appends `events` (the `purged` event), replaces the summary, removes the
   * personal data and the household key, and stores the audit entries. Otherwise
   * VersionConflict. A redaction of an unknown seq or with another type is refused (Error) and
   * changes nothing.
   */
  purge(caseId: string, expectedVersion: number, change: PurgeChange): Promise<CaseRecord>;
}

export interface PurgeChange {
  redacted: CaseEvent[];
  events: CaseEvent[];
  summary: CaseSummary;
  audit?: AuditEntry[];
}

export interface Membership {
  covenantId: string;
  partnerId: string;
  roles: string[];
  status: 'pending' | 'active';
  approvedBy?: string;
}

export interface Member {
  userId: string;
  name: string;
  memberships: Membership[];
}

export interface Members {
  get(userId: string): Promise<Member | undefined>;
  put(member: Member): Promise<void>;
  list(covenantId?: string): Promise<Member[]>;
}

/**
 * Word that members changed, from whichever process changed them, as the change is committed:
 * lets a process keep the members it read without seeing an approval or a removal late.
 */
export interface MemberChanges {
  /** True while word comes in; while false, anything kept may be out of date and must be read again. */
  readonly live: boolean;
  /** Why word stopped coming (the connection's error), while it has; null while it comes or before it first came. */
  readonly lostBecause: string | null;
  /**
   * `changed(userId)` after a write of that member anywhere; `changed(undefined)` when any member
   * may have changed (word was missed, or has just started to come). Returns the unsubscribe.
   */
  subscribe(changed: (userId: string | undefined) => void): () => void;
}

export interface AuditEntry {
  at: string;
  userId: string;
  partnerId: string | null;
  action: 'read_personal' | 'change' | 'refused' | 'purge' | 'export';
  caseId: string | null;
  detail: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  list(query: { caseId?: string; userId?: string }): Promise<AuditEntry[]>;
}

/** Raised by Cases.append when another change landed first. */
export class VersionConflict extends Error {
  constructor(
    readonly caseId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`case ${caseId} is at version ${actualVersion}, not ${expectedVersion}`);
    this.name = 'VersionConflict';
  }
}

/** Raised by Cases.create for an existing id or an already open household. */
export class DuplicateCase extends Error {
  constructor(
    readonly caseId: string,
    readonly reason: 'id' | 'household',
  ) {
    super(
      reason === 'id' ? `case ${caseId} already exists` : `the household already has open case ${caseId}`,
    );
    this.name = 'DuplicateCase';
  }
}

/** A stored value with the tag that changes on every write (optimistic concurrency). */
export interface Versioned<T = unknown> {
  value: T;
  etag: string;
}

/** Small documents by key: the bot's dialog and conversation state. */
export interface KeyValues {
  /**
   * The entries found. With `now`, an entry whose expiresAt has passed is not returned and is
   * deleted from the store (as by sweepExpired).
   */
  get(keys: string[], now?: Date): Promise<Record<string, Versioned>>;
  /**
   * Writes all entries or none. An entry with an etag other than '*' is written only while the
   * stored etag still matches (a missing key matches no etag); otherwise EtagConflict.
   * An entry with expiresAt (ISO instant) is gone once that moment has passed; without, it stays.
   */
  set(entries: { key: string; value: unknown; etag?: string; expiresAt?: string }[]): Promise<void>;
  delete(keys: string[]): Promise<void>;
  /** Deletes every entry whose expiresAt is at or before `now`; returns how many. */
  sweepExpired(now: Date): Promise<number>;
}

/** Where AanZet can reach people: a personal chat, a group chat or a team channel. */
export interface ConversationTarget {
  /** The conversation id (for a channel: the channel's conversation). */
  id: string;
  kind: 'personal' | 'groupChat' | 'channel';
  tenantId: string;
  /** The user of a personal chat. */
  userId?: string;
  teamId?: string;
  /** The opaque reference the transport needs to send here later. */
  reference: unknown;
  /** A channel linked to partners (`koppel kanaal`): their reminders and digests go here. */
  links?: { covenantId: string; partnerId: string }[];
  updatedAt: string;
}

export interface Conversations {
  /** Adds or replaces the target with this id. */
  put(target: ConversationTarget): Promise<void>;
  get(id: string): Promise<ConversationTarget | undefined>;
  list(filter: {
    userId?: string;
    /** Any of these users (one read for many, e.g. the readers of a refreshing card). */
    userIds?: readonly string[];
    teamId?: string;
    kind?: ConversationTarget['kind'];
    linkedTo?: { covenantId: string; partnerId: string };
  }): Promise<ConversationTarget[]>;
  /** Removes one target, or every target of a team (uninstall, team deleted). */
  remove(filter: { id: string } | { teamId: string }): Promise<number>;
}

/**
 * A planned message on its way out: planned → sending → sent, or back to planned for a retry,
 * or failed. A 'sending' entry whose lease ran out was taken by a process that died: it is
 * claimed again (the one place a duplicate can come from, and it is counted).
 */
/**
 * A planned message addressed to one conversation: `key` is `messageKey|conversationId`.
 * conversationId '' is nobody: the message had no one to go to when it was planned, and is
 * rerouted when it is due (and kept visible as undeliverable when no one can be reached).
 */
export interface AddressedMessage extends PlannedMessage {
  /** The message and its recipient without the conversation (PlannedMessage.key). */
  messageKey: string;
  conversationId: string;
}

export interface OutboxEntry extends AddressedMessage {
  state: 'planned' | 'sending' | 'sent' | 'failed';
  attempts: number;
  /** Claimed again after a lease ran out: the previous attempt may or may not have been sent. */
  reclaimed: number;
  leaseUntil: string | null;
  sentAt: string | null;
  lastError: string | null;
}

export interface Outbox {
  /**
   * Stores new messages, each message once: a messageKey already in the outbox (planned, sent
   * or failed, to whatever conversations) is left out whole, so a channel linked later or a new
   * member's chat does not get the message again. Returns how many entries were new.
   */
  plan(messages: AddressedMessage[]): Promise<number>;
  /**
   * Stores entries whose key (message and conversation) is new, also for a message already
   * planned: a reroute adds a fallback conversation, and reaches each conversation once.
   */
  planTargets(messages: AddressedMessage[]): Promise<number>;
  /**
   * Takes up to `limit` entries that are due (planned, notBefore ≤ now) or abandoned (sending,
   * lease over), soonest first, and marks them sending until now + leaseMs. Two callers never
   * get the same entry while its lease runs.
   */
  claim(now: string, limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  finish(
    key: string,
    result:
      | { state: 'sent'; at: string }
      | { state: 'failed'; error: string }
      | { state: 'planned'; notBefore: string; error: string },
  ): Promise<void>;
  /** How many entries wait to be sent and are being sent: the depth operators watch, counted by the store. */
  depth(): Promise<{ planned: number; sending: number }>;
  /** `messageKey`: every conversation one message was addressed to. */
  list(filter: {
    state?: OutboxEntry['state'];
    covenantId?: string;
    messageKey?: string;
  }): Promise<OutboxEntry[]>;
  /**
   * The turn to send: one holder at a time (an instance's scheduler), so that Teams' limits per
   * conversation and per tenant hold for all instances together. Takes it for `holder` for
   * `ttlMs` by the store's clock, or renews it when `holder` has it; undefined while another
   * holder's turn runs. Returns the pace left by the last holder that stored one (at a renewal
   * or at its release), or null. `pace`, when given, is stored with the renewal.
   */
  leaseSender(holder: string, ttlMs: number, pace?: SendPace): Promise<{ pace: SendPace | null } | undefined>;
  /** Ends `holder`'s turn (when it still has it) and leaves its pace for the next holder. */
  releaseSender(holder: string, pace: SendPace): Promise<void>;
}

/**
 * The recent sends a sender knows of (its own and those handed to it), in ms since the epoch,
 * ascending per conversation and per tenant: what the next sender must still count.
 */
export interface SendPace {
  /** The holder that left it. */
  by: string;
  conversations: Record<string, number[]>;
  tenants: Record<string, number[]>;
}

export class EtagConflict extends Error {
  constructor(readonly key: string) {
    super(`"${key}" was changed by someone else in the meantime`);
    this.name = 'EtagConflict';
  }
}

/**
 * The store cannot be reached now (the database is down or restarting, the connection broke):
 * nothing was changed, or — when the connection broke during the commit — possibly it was.
 * Passes by itself; the user is asked to try again in a while.
 */
export class StoreUnavailable extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`the store is unavailable: ${reason}`, options);
    this.name = 'StoreUnavailable';
  }
}

export interface Store {
  cases: Cases;
  members: Members;
  audit: AuditLog;
  keyValues: KeyValues;
  conversations: Conversations;
  outbox: Outbox;
  /**
   * Where several processes share the store (PostgreSQL): word of their member changes. The
   * embedded store has none: one process owns it, and its reads are from memory anyway.
   */
  memberChanges?: MemberChanges;
  /**
   * Resolves when the store can serve now (the disk takes writes, the database answers);
   * rejects with the reason otherwise. For readiness probes: cheap, and it recovers by itself.
   */
  check(): Promise<void>;
  close(): Promise<void>;
}
