import { randomUUID } from 'node:crypto';
import type { CaseEvent, CaseRecord, CaseSummary, PersonalData } from '../../casework/case/types.js';
import { CaseNotFound } from '../../casework/errors.js';
import {
  DuplicateCase,
  EtagConflict,
  VersionConflict,
  type AuditEntry,
  type AuditLog,
  type Cases,
  type ConversationTarget,
  type Conversations,
  type KeyValues,
  type Member,
  type Members,
  type Outbox,
  type Store,
  type SummaryQuery,
  type Versioned,
} from '../../casework/ports.js';
import { assertMigrated } from './migrations.js';
import type { SqlClient } from './sql-client.js';
import { postgresOutbox } from './outbox.js';

// The PostgreSQL engine (schema in migrations.ts), for several AanZet instances on one database.
// Every change is one statement or one transaction, so the database, not this process, keeps
// the rules: optimistic versions on cases, one open case per household, etags on key values,
// and a lease-based outbox claim that two instances never share.

/** Opens the store on a migrated database (see migrate()). close() closes the client. */
export async function openPostgresStore(client: SqlClient): Promise<Store> {
  await assertMigrated(client);
  return new PostgresStore(client);
}

/** JSON for a `$n::text::jsonb` parameter. */
const json = (value: unknown): string => JSON.stringify(value) ?? 'null';

/** The constraint named in a unique violation, when the error is one. */
function uniqueViolation(error: unknown): string | undefined {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  return e?.code === '23505' && typeof e.constraint === 'string' ? e.constraint : undefined;
}

const OPEN_HOUSEHOLD = 'cases_open_household';
/** How long a readiness check waits for the database. */
const CHECK_TIMEOUT_MS = 2_000;

const CASE_COLUMNS = `c.id, c.covenant_id, c.version, c.household_key, c.personal, c.summary,
  COALESCE((SELECT jsonb_agg(e.event ORDER BY e.seq) FROM case_events e WHERE e.case_id = c.id), '[]'::jsonb)
    AS events`;

interface CaseRow {
  id: string;
  covenant_id: string;
  version: number;
  household_key: string | null;
  personal: PersonalData | null;
  summary: CaseSummary;
  events: CaseEvent[];
}

const toRecord = (row: CaseRow): CaseRecord => ({
  id: row.id,
  covenantId: row.covenant_id,
  version: row.version,
  householdKey: row.household_key,
  personal: row.personal,
  events: row.events,
  summary: row.summary,
});

/** The summary's fields the queries use, as parameters: status, responsible, deadline, closed, purge, participants. */
const summaryColumns = (s: CaseSummary) => [
  s.status,
  s.responsiblePartnerId,
  s.deadline,
  s.closedAt,
  s.purgeAfter,
  s.participants,
];

/** A bound on closedAt: a bare date means midnight UTC, as comparing the ISO strings would. */
const instant = (bound: string) => (/^\d{4}-\d{2}-\d{2}$/.test(bound) ? `${bound}T00:00:00.000Z` : bound);

async function insertEvents(tx: SqlClient, caseId: string, events: CaseEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Numbered after the last stored event; the case row is locked by this transaction.
  await tx.query(
    `INSERT INTO case_events (case_id, seq, event)
     SELECT $1, last.seq + t.ord, t.event
     FROM jsonb_array_elements($2::text::jsonb) WITH ORDINALITY AS t(event, ord),
          (SELECT COALESCE(max(seq), 0) AS seq FROM case_events WHERE case_id = $1) AS last
     ORDER BY t.ord`,
    [caseId, json(events)],
  );
}

async function insertAudit(tx: SqlClient, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.query(
    `INSERT INTO audit (case_id, user_id, entry)
     SELECT t.entry ->> 'caseId', t.entry ->> 'userId', t.entry
     FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(entry, ord)
     ORDER BY t.ord`,
    [json(entries)],
  );
}

class PostgresStore implements Store {
  private closing: Promise<void> | undefined;
  readonly outbox: Outbox;

  constructor(private readonly db: SqlClient) {
    this.outbox = postgresOutbox(db);
  }

  readonly cases: Cases = {
    nextCaseNumber: async (covenantId, year) => {
      const { rows } = await this.db.query<{ n: number }>(
        `INSERT INTO case_counters (covenant_id, year, n) VALUES ($1, $2::integer, 1)
         ON CONFLICT (covenant_id, year) DO UPDATE SET n = case_counters.n + 1
         RETURNING n`,
        [covenantId, year],
      );
      return rows[0]!.n;
    },

    create: async (record, audit = []) => {
      // Twice at most: when the open case that blocked the household closes in between, the
      // second attempt goes through (or is blocked by yet another case).
      for (let attempt = 1; ; attempt++) {
        try {
          await this.db.transaction(async (tx) => {
            const { rows } = await tx.query(
              `INSERT INTO cases (id, covenant_id, version, household_key, personal, summary,
                 status, responsible_partner_id, deadline, closed_at, purge_after, participants)
               VALUES ($1, $2, $3::integer, $4, $5::text::jsonb, $6::text::jsonb,
                 $7, $8, $9::date, $10::timestamptz, $11::date, $12::text[])
               ON CONFLICT (id) DO NOTHING
               RETURNING id`,
              [
                record.id,
                record.covenantId,
                record.version,
                record.householdKey,
                record.personal === null ? null : json(record.personal),
                json(record.summary),
                ...summaryColumns(record.summary),
              ],
            );
            if (rows.length === 0) throw new DuplicateCase(record.id, 'id');
            await insertEvents(tx, record.id, record.events);
            await insertAudit(tx, audit);
          });
          return;
        } catch (error) {
          if (uniqueViolation(error) !== OPEN_HOUSEHOLD || record.householdKey === null) throw error;
          const open = await this.openCaseId(record.covenantId, record.householdKey);
          if (open !== undefined || attempt >= 2) throw new DuplicateCase(open ?? record.id, 'household');
        }
      }
    },

    get: async (caseId) => {
      const { rows } = await this.db.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $1`, [
        caseId,
      ]);
      return rows[0] && toRecord(rows[0]);
    },

    getSummary: async (caseId) => {
      const { rows } = await this.db.query<{ summary: CaseSummary }>(
        'SELECT summary FROM cases WHERE id = $1',
        [caseId],
      );
      return rows[0]?.summary;
    },

    findOpenByHousehold: async (covenantId, householdKey) => {
      const { rows } = await this.db.query<CaseRow>(
        `SELECT ${CASE_COLUMNS} FROM cases c
         WHERE c.covenant_id = $1 AND c.household_key = $2 AND c.status = 'open'`,
        [covenantId, householdKey],
      );
      return rows[0] && toRecord(rows[0]);
    },

    append: async (caseId, expectedVersion, events, summary, personal, audit = []) => {
      try {
        return await this.db.transaction(async (tx) => {
          const updated = await tx.query(
            `UPDATE cases SET
               version = version + $3::integer,
               summary = $4::text::jsonb,
               status = $5, responsible_partner_id = $6, deadline = $7::date,
               closed_at = $8::timestamptz, purge_after = $9::date, participants = $10::text[],
               personal = CASE WHEN $11::boolean THEN $12::text::jsonb ELSE personal END,
               -- purging removes the household too: nothing left to match a new signal against
               household_key = CASE WHEN $11::boolean AND $12::text IS NULL THEN NULL ELSE household_key END
             WHERE id = $1 AND version = $2::integer
             RETURNING id`,
            [
              caseId,
              expectedVersion,
              events.length,
              json(summary),
              ...summaryColumns(summary),
              personal !== undefined,
              personal === undefined || personal === null ? null : json(personal),
            ],
          );
          if (updated.rows.length === 0) {
            const { rows } = await tx.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [
              caseId,
            ]);
            if (!rows[0]) throw new CaseNotFound(caseId);
            throw new VersionConflict(caseId, expectedVersion, rows[0].version);
          }
          await insertEvents(tx, caseId, events);
          await insertAudit(tx, audit);
          const { rows } = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $1`, [
            caseId,
          ]);
          return toRecord(rows[0]!);
        });
      } catch (error) {
        // An append that reopens a case while its household has another open case.
        if (uniqueViolation(error) !== OPEN_HOUSEHOLD) throw error;
        const { rows } = await this.db.query<{ household_key: string | null; covenant_id: string }>(
          'SELECT household_key, covenant_id FROM cases WHERE id = $1',
          [caseId],
        );
        const key = rows[0]?.household_key;
        const open = key == null ? undefined : await this.openCaseId(rows[0]!.covenant_id, key);
        throw new DuplicateCase(open ?? caseId, 'household');
      }
    },

    listSummaries: async (query) => {
      const { where, params } = summaryFilter(query);
      const { rows } = await this.db.query<{ summary: CaseSummary }>(
        `SELECT summary FROM cases ${where} ORDER BY deadline ASC NULLS LAST, id`,
        params,
      );
      return rows.map((r) => r.summary);
    },

    purge: (caseId, expectedVersion, change) =>
      this.db.transaction(async (tx) => {
        const updated = await tx.query(
          `UPDATE cases SET
             version = version + $3::integer,
             summary = $4::text::jsonb,
             status = $5, responsible_partner_id = $6, deadline = $7::date,
             closed_at = $8::timestamptz, purge_after = $9::date, participants = $10::text[],
             personal = NULL, household_key = NULL
           WHERE id = $1 AND version = $2::integer
           RETURNING id`,
          [
            caseId,
            expectedVersion,
            change.events.length,
            json(change.summary),
            ...summaryColumns(change.summary),
          ],
        );
        if (updated.rows.length === 0) {
          const { rows } = await tx.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [
            caseId,
          ]);
          if (!rows[0]) throw new CaseNotFound(caseId);
          throw new VersionConflict(caseId, expectedVersion, rows[0].version);
        }
        for (const event of change.redacted) {
          // Only the same event, without its free text: seq and type must match.
          const { rows } = await tx.query(
            `UPDATE case_events SET event = $3::text::jsonb
             WHERE case_id = $1 AND seq = $2::integer AND event ->> 'type' = $4
             RETURNING seq`,
            [caseId, event.seq, json(event), event.type],
          );
          if (rows.length === 0)
            throw new Error(`case ${caseId}: a redaction must keep seq ${event.seq} and its type`);
        }
        await insertEvents(tx, caseId, change.events);
        await insertAudit(tx, change.audit ?? []);
        const { rows } = await tx.query<CaseRow>(`SELECT ${CASE_COLUMNS} FROM cases c WHERE c.id = $1`, [
          caseId,
        ]);
        return toRecord(rows[0]!);
      }),
  };

  readonly members: Members = {
    get: async (userId) => {
      const { rows } = await this.db.query<{ member: Member }>(
        'SELECT member FROM members WHERE user_id = $1',
        [userId],
      );
      return rows[0]?.member;
    },
    put: async (member) => {
      await this.db.query(
        `INSERT INTO members (user_id, member) VALUES ($1, $2::text::jsonb)
         ON CONFLICT (user_id) DO UPDATE SET member = excluded.member`,
        [member.userId, json(member)],
      );
    },
    list: async (covenantId) => {
      const { rows } =
        covenantId === undefined
          ? await this.db.query<{ member: Member }>('SELECT member FROM members ORDER BY user_id')
          : await this.db.query<{ member: Member }>(
              `SELECT member FROM members WHERE member -> 'memberships' @> $1::text::jsonb ORDER BY user_id`,
              [json([{ covenantId }])],
            );
      return rows.map((r) => r.member);
    },
  };

  readonly audit: AuditLog = {
    append: (entry) => insertAudit(this.db, [entry]),
    list: async ({ caseId, userId }) => {
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (caseId !== undefined) conditions.push(`case_id = $${params.push(caseId)}`);
      if (userId !== undefined) conditions.push(`user_id = $${params.push(userId)}`);
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const { rows } = await this.db.query<{ entry: AuditEntry }>(
        `SELECT entry FROM audit ${where} ORDER BY id`,
        params,
      );
      return rows.map((r) => r.entry);
    },
  };

  readonly keyValues: KeyValues = {
    get: async (keys, now) => {
      if (keys.length === 0) return {};
      const { rows } = await this.db.query<{ key: string; value: unknown; etag: string; expired: boolean }>(
        `SELECT key, value, etag, (expires_at IS NOT NULL AND expires_at <= $2::timestamptz) AS expired
         FROM key_values WHERE key = ANY($1::text[])`,
        [keys, now?.toISOString() ?? null],
      );
      // Swept on read too, so a left flow's personal data is gone as soon as anyone looks.
      const expired = rows.filter((r) => r.expired).map((r) => r.key);
      if (expired.length > 0)
        await this.db.query(
          `DELETE FROM key_values WHERE key = ANY($1::text[]) AND expires_at <= $2::timestamptz`,
          [expired, now!.toISOString()],
        );
      return Object.fromEntries(
        rows
          .filter((r) => !r.expired)
          .map((r): [string, Versioned] => [r.key, { value: r.value, etag: r.etag }]),
      );
    },
    set: async (entries) => {
      if (entries.length === 0) return;
      // The last entry for a key wins; each gets a new etag.
      const latest = new Map(entries.map((e) => [e.key, e]));
      const writes = [...latest.values()].map(({ key, value, expiresAt }) => ({
        key,
        value,
        expiresAt: expiresAt ?? null,
        etag: randomUUID(),
      }));
      const checked = entries.filter((e) => e.etag !== undefined && e.etag !== '*');
      await this.db.transaction(async (tx) => {
        if (checked.length > 0 || writes.length > 1) {
          // Every key written is locked first, in key order, so that two writers of overlapping
          // keys wait for each other instead of deadlocking; the etags are checked under the lock.
          const { rows } = await tx.query<{ key: string; etag: string }>(
            'SELECT key, etag FROM key_values WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE',
            [writes.map((w) => w.key)],
          );
          const stored = new Map(rows.map((r) => [r.key, r.etag]));
          for (const { key, etag } of checked) if (stored.get(key) !== etag) throw new EtagConflict(key);
        }
        await tx.query(
          `INSERT INTO key_values (key, value, etag, expires_at)
           SELECT t.e ->> 'key', t.e -> 'value', t.e ->> 'etag', (t.e ->> 'expiresAt')::timestamptz
           FROM jsonb_array_elements($1::text::jsonb) AS t(e)
           ORDER BY t.e ->> 'key'
           ON CONFLICT (key) DO UPDATE SET
             value = excluded.value, etag = excluded.etag, expires_at = excluded.expires_at`,
          [json(writes.map((w) => ({ ...w, value: w.value ?? null })))],
        );
      });
    },
    delete: async (keys) => {
      if (keys.length === 0) return;
      await this.db.query(
        `DELETE FROM key_values WHERE key IN (
           SELECT key FROM key_values WHERE key = ANY($1::text[]) ORDER BY key FOR UPDATE)`,
        [keys],
      );
    },
    sweepExpired: async (now) => {
      const { rows } = await this.db.query(
        'DELETE FROM key_values WHERE expires_at <= $1::timestamptz RETURNING key',
        [now.toISOString()],
      );
      return rows.length;
    },
  };

  readonly conversations: Conversations = {
    put: (target) =>
      this.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO conversations (id, kind, user_id, team_id, target)
           VALUES ($1, $2, $3, $4, $5::text::jsonb)
           ON CONFLICT (id) DO UPDATE SET
             kind = excluded.kind, user_id = excluded.user_id, team_id = excluded.team_id, target = excluded.target`,
          [target.id, target.kind, target.userId ?? null, target.teamId ?? null, json(target)],
        );
        await tx.query('DELETE FROM conversation_links WHERE conversation_id = $1', [target.id]);
        if (target.links?.length)
          await tx.query(
            `INSERT INTO conversation_links (covenant_id, partner_id, conversation_id)
             SELECT l ->> 'covenantId', l ->> 'partnerId', $1 FROM jsonb_array_elements($2::text::jsonb) AS l
             ON CONFLICT DO NOTHING`,
            [target.id, json(target.links)],
          );
      }),
    get: async (id) => {
      const { rows } = await this.db.query<{ target: ConversationTarget }>(
        'SELECT target FROM conversations WHERE id = $1',
        [id],
      );
      return rows[0]?.target;
    },
    list: async ({ userId, teamId, kind, linkedTo }) => {
      const conditions: string[] = [];
      const params: unknown[] = [];
      if (userId !== undefined) conditions.push(`c.user_id = $${params.push(userId)}`);
      if (teamId !== undefined) conditions.push(`c.team_id = $${params.push(teamId)}`);
      if (kind !== undefined) conditions.push(`c.kind = $${params.push(kind)}`);
      if (linkedTo !== undefined)
        conditions.push(
          `EXISTS (SELECT 1 FROM conversation_links l WHERE l.conversation_id = c.id
             AND l.covenant_id = $${params.push(linkedTo.covenantId)} AND l.partner_id = $${params.push(linkedTo.partnerId)})`,
        );
      const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      const { rows } = await this.db.query<{ target: ConversationTarget }>(
        `SELECT c.target FROM conversations c ${where} ORDER BY c.id`,
        params,
      );
      return rows.map((r) => r.target);
    },
    remove: async (filter) => {
      const { rows } =
        'id' in filter
          ? await this.db.query('DELETE FROM conversations WHERE id = $1 RETURNING id', [filter.id])
          : await this.db.query('DELETE FROM conversations WHERE team_id = $1 RETURNING id', [filter.teamId]);
      return rows.length;
    },
  };

  /** Ready when the database answers a trivial query within a short time. */
  async check(): Promise<void> {
    if (this.closing) throw new Error('the PostgreSQL store is closed');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`PostgreSQL did not answer within ${CHECK_TIMEOUT_MS} ms`)),
        CHECK_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([this.db.query('SELECT 1 AS ok'), timeout]);
    } catch (error) {
      throw new Error(`PostgreSQL is unreachable: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    this.closing ??= this.db.close();
    return this.closing;
  }

  private async openCaseId(covenantId: string, householdKey: string): Promise<string | undefined> {
    const { rows } = await this.db.query<{ id: string }>(
      `SELECT id FROM cases WHERE covenant_id = $1 AND household_key = $2 AND status = 'open'`,
      [covenantId, householdKey],
    );
    return rows[0]?.id;
  }
}

/** The WHERE clause of a summary query, with its parameters. */
function summaryFilter(q: SummaryQuery): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  if (q.covenantId !== undefined) conditions.push(`covenant_id = ${p(q.covenantId)}`);
  if (q.status !== undefined) conditions.push(`status = ${p(q.status)}`);
  if (q.responsiblePartnerId !== undefined)
    conditions.push(`responsible_partner_id = ${p(q.responsiblePartnerId)}`);
  if (q.participantPartnerId !== undefined)
    conditions.push(`${p(q.participantPartnerId)}::text = ANY (participants)`);
  if (q.deadlineOnOrBefore !== undefined) conditions.push(`deadline <= ${p(q.deadlineOnOrBefore)}::date`);
  if (q.deadlines !== undefined) conditions.push(`deadline = ANY (${p(q.deadlines)}::date[])`);
  if (q.closedFrom !== undefined) conditions.push(`closed_at >= ${p(instant(q.closedFrom))}::timestamptz`);
  if (q.closedBefore !== undefined) conditions.push(`closed_at < ${p(instant(q.closedBefore))}::timestamptz`);
  if (q.purgeDueOnOrBefore !== undefined) conditions.push(`purge_after <= ${p(q.purgeDueOnOrBefore)}::date`);
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}
