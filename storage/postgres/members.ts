import type { Member, Members } from '../../casework/ports.js';
import type { SqlClient } from './sql-client.js';
import { json } from './sql-json.js';

// The members on PostgreSQL: one JSON document per user.

export function postgresMembers(db: SqlClient): Members {
  return {
    get: async (userId) => {
      const { rows } = await db.query<{ member: Member }>(
        'SELECT member FROM members WHERE user_id = $1',
        [userId],
        'members.get', // who is asking, on every turn
      );
      return rows[0]?.member;
    },
    put: async (member) => {
      await db.query(
        `INSERT INTO members (user_id, member) VALUES ($1, $2::text::jsonb)
         ON CONFLICT (user_id) DO UPDATE SET member = excluded.member`,
        [member.userId, json(member)],
      );
    },
    list: async (covenantId) => {
      const { rows } =
        covenantId === undefined
          ? await db.query<{ member: Member }>('SELECT member FROM members ORDER BY user_id')
          : await db.query<{ member: Member }>(
              `SELECT member FROM members WHERE member -> 'memberships' @> $1::text::jsonb ORDER BY user_id`,
              [json([{ covenantId }])],
            );
      return rows.map((r) => r.member);
    },
  };
}
