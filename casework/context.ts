import { createCalendar, type WorkingDayCalendar } from './covenant/calendar.js';
import type { CaseEvent, CaseEventBody, CaseRecord, EventAuthor, PersonalData } from './case/types.js';
import { deriveState, lastChange, type CaseState } from './case/state.js';
import type { Covenant } from './covenant/covenant.js';
import { CaseNotFound, StaleVersion } from './errors.js';
import {
  VersionConflict,
  type AuditEntry,
  type AuditLog,
  type Cases,
  type Conversations,
  type Members,
} from './ports.js';
import { specialRuleEvents } from './covenant/step-plan.js';
import { summarize } from './case/summary.js';
import { normaliseCaseId } from './case/case-id.js';

export interface CaseworkDeps {
  covenants: readonly Covenant[];
  cases: Cases;
  members: Members;
  audit: AuditLog;
  /** Where AanZet reaches people: `koppel kanaal` links a channel here. */
  conversations: Conversations;
  /** Injected so every test fixes "now". */
  clock: () => Date;
}

export interface LoadedCase {
  record: CaseRecord;
  covenant: Covenant;
  state: CaseState;
}

/** What every use case shares: covenants, calendars, loading, and the one way to write. */
export class CaseworkContext {
  private readonly calendars = new Map<string, WorkingDayCalendar>();
  private readonly byId: Map<string, Covenant>;

  constructor(readonly deps: CaseworkDeps) {
    this.byId = new Map(deps.covenants.map((c) => [c.id, c]));
  }

  now(): Date {
    return this.deps.clock();
  }

  covenant(covenantId: string): Covenant {
    const covenant = this.byId.get(covenantId);
    if (!covenant) throw new Error(`unknown covenant "${covenantId}"`);
    return covenant;
  }

  covenants(): readonly Covenant[] {
    return this.deps.covenants;
  }

  calendar(covenant: Covenant): WorkingDayCalendar {
    let calendar = this.calendars.get(covenant.calendar);
    if (!calendar) {
      calendar = createCalendar(covenant.calendar);
      this.calendars.set(covenant.calendar, calendar);
    }
    return calendar;
  }

  async load(caseId: string): Promise<LoadedCase> {
    const record = await this.deps.cases.get(normaliseCaseId(caseId));
    if (!record) throw new CaseNotFound(caseId);
    const covenant = this.covenant(record.covenantId);
    return { record, covenant, state: deriveState(covenant, record.id, record.events) };
  }

  /** Refuses a command made against an older version, naming who changed the case and when. */
  requireVersion(loaded: LoadedCase, expectedVersion: number): void {
    if (loaded.record.version === expectedVersion) return;
    const change = lastChange(loaded.state);
    throw new StaleVersion(
      loaded.record.id,
      expectedVersion,
      loaded.record.version,
      change.by,
      change.at,
      change.system,
    );
  }

  /**
   * Stamps the events, lets the special rules react, and appends them with their audit line in
   * one write; a lost race becomes StaleVersion.
   */
  async commit(
    loaded: LoadedCase,
    bodies: CaseEventBody[],
    by: EventAuthor,
    audit: AuditNote,
    personal?: PersonalData | null,
  ): Promise<LoadedCase> {
    const { record, covenant } = loaded;
    const events = this.stamp(covenant, record.id, record.events, bodies, by);
    const state = deriveState(covenant, record.id, [...record.events, ...events]);
    try {
      const saved = await this.deps.cases.append(
        record.id,
        record.version,
        events,
        summarize(covenant, state),
        personal,
        [this.auditEntry(record.id, audit)],
      );
      return { record: saved, covenant, state };
    } catch (error) {
      if (!(error instanceof VersionConflict)) throw error;
      const fresh = await this.load(record.id);
      const change = lastChange(fresh.state);
      throw new StaleVersion(
        record.id,
        record.version,
        fresh.record.version,
        change.by,
        change.at,
        change.system,
      );
    }
  }

  /** Numbers and timestamps events, then appends whatever the special rules now require. */
  stamp(
    covenant: Covenant,
    caseId: string,
    existing: CaseEvent[],
    bodies: CaseEventBody[],
    by: EventAuthor,
  ): CaseEvent[] {
    const at = this.now().toISOString();
    const events: CaseEvent[] = [];
    const push = (body: CaseEventBody, author: EventAuthor) =>
      events.push({ ...body, seq: existing.length + events.length + 1, at, by: author } as CaseEvent);
    bodies.forEach((body) => push(body, by));
    // Rules can chain (a route change, then a deadline rule on the new step); each applies once.
    for (let round = 0; round < covenant.special_rules.length; round++) {
      const state = deriveState(covenant, caseId, [...existing, ...events]);
      const reactions = specialRuleEvents(covenant, this.calendar(covenant), state, this.now());
      if (reactions.length === 0) break;
      reactions.forEach((body) => push(body, { system: 'stappenplan' }));
    }
    return events;
  }

  auditEntry(caseId: string, note: AuditNote): AuditEntry {
    return { at: this.now().toISOString(), caseId, ...note };
  }

  async audit(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    await this.deps.audit.append({ at: this.now().toISOString(), ...entry });
  }
}

/** Who did what to a case, for the audit log. */
export type AuditNote = Pick<AuditEntry, 'userId' | 'partnerId' | 'action' | 'detail'>;

export function authorOf(
  actor: { userId: string; name: string },
  partnerId: string,
): { userId: string; name: string; partnerId: string } {
  return { userId: actor.userId, name: actor.name, partnerId };
}
