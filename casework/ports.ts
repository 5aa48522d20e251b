import type { CaseEvent, CaseRecord, CaseSummary, PersonalData } from './case-types.js';
import type { IsoDate } from './calendar.js';

// Storage ports, shaped by the domain. The adapters in storage/ implement them; every adapter
// passes the contract suite in tests/storage-contract.ts.

export interface SummaryQuery {
  covenantId?: string;
  status?: CaseSummary['status'];
  responsiblePartnerId?: string;
  /** Cases where this partner holds or held a step. */
  participantPartnerId?: string;
  deadlineOnOrBefore?: IsoDate;
  closedFrom?: string;
  closedBefore?: string;
  purgeDueOnOrBefore?: IsoDate;
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

export interface AuditEntry {
  at: string;
  userId: string;
  partnerId: string | null;
  action: 'read_personal' | 'change' | 'refused' | 'purge';
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

export interface Store {
  cases: Cases;
  members: Members;
  audit: AuditLog;
  close(): Promise<void>;
}
