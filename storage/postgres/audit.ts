import type { AuditEntry, AuditLog } from '../../casework/ports.js';
import { WhereClause } from './filters.js';
import type { SqlClient } from './sql-client.js';
import { json } from './sql-json.js';

// The audit log on PostgreSQL: one row per entry, in id order, with case and user as columns.

/** Appends entries in their order, on the client or inside a transaction of the caller. */
export async function insertAudit(db: SqlClient, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.query(
    `INSERT INTO audit (case_id, user_id, entry)
     SELECT t.entry ->> 'caseId', t.entry ->> 'userId', t.entry
     FROM jsonb_array_elements($1::text::jsonb) WITH ORDINALITY AS t(entry, ord)
     ORDER BY t.ord`,
    [json(entries)],
  );
}

export function postgresAudit(db: SqlClient): AuditLog {
  return {
    append: (entry) => insertAudit(db, [entry]),
    list: async ({ caseId, userId }) => {
      const where = new WhereClause();
      if (caseId !== undefined) where.and(`case_id = ${where.param(caseId)}`);
      if (userId !== undefined) where.and(`user_id = ${where.param(userId)}`);
      const { rows } = await db.query<{ entry: AuditEntry }>(
        `SELECT entry FROM audit ${where.sql} ORDER BY id`,
        where.params,
      );
      return rows.map((r) => r.entry);
    },
  };
}
