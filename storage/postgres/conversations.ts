import type { ConversationTarget, Conversations } from '../../casework/ports.js';
import { WhereClause } from './filters.js';
import type { SqlClient } from './sql-client.js';
import { json } from './sql-json.js';

// The conversations AanZet can message, on PostgreSQL; their links to covenant partners in a
// table of their own, so that a partner's conversations are found by index.

export function postgresConversations(db: SqlClient): Conversations {
  return {
    put: (target) =>
      db.transaction(async (tx) => {
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
      const { rows } = await db.query<{ target: ConversationTarget }>(
        'SELECT target FROM conversations WHERE id = $1',
        [id],
      );
      return rows[0]?.target;
    },
    list: async ({ userId, userIds, teamId, kind, linkedTo }) => {
      const where = new WhereClause();
      const p = (value: unknown) => where.param(value);
      if (userId !== undefined) where.and(`c.user_id = ${p(userId)}`);
      if (userIds !== undefined) where.and(`c.user_id = ANY(${p(userIds)}::text[])`);
      if (teamId !== undefined) where.and(`c.team_id = ${p(teamId)}`);
      if (kind !== undefined) where.and(`c.kind = ${p(kind)}`);
      if (linkedTo !== undefined)
        where.and(
          `EXISTS (SELECT 1 FROM conversation_links l WHERE l.conversation_id = c.id
             AND l.covenant_id = ${p(linkedTo.covenantId)} AND l.partner_id = ${p(linkedTo.partnerId)})`,
        );
      const { rows } = await db.query<{ target: ConversationTarget }>(
        `SELECT c.target FROM conversations c ${where.sql} ORDER BY c.id`,
        where.params,
      );
      return rows.map((r) => r.target);
    },
    remove: async (filter) => {
      const { rows } =
        'id' in filter
          ? await db.query('DELETE FROM conversations WHERE id = $1 RETURNING id', [filter.id])
          : await db.query('DELETE FROM conversations WHERE team_id = $1 RETURNING id', [filter.teamId]);
      return rows.length;
    },
  };
}
