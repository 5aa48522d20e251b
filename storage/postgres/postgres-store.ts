import {
  StoreUnavailable,
  type AuditLog,
  type Cases,
  type Conversations,
  type KeyValues,
  type Members,
  type Outbox,
  type Store,
} from '../../casework/ports.js';
import { postgresAudit } from './audit.js';
import { postgresCases } from './cases.js';
import { backfillFigureFacts } from './figure-counts.js';
import { postgresConversations } from './conversations.js';
import { postgresKeyValues } from './key-values.js';
import { postgresMemberChanges, type ClosableMemberChanges } from './member-changes.js';
import { postgresMembers } from './members.js';
import { assertMigrated } from './migrations.js';
import { postgresOutbox } from './outbox.js';
import type { SqlClient } from './sql-client.js';

// The PostgreSQL engine (schema in migrations.ts), for several AanZet instances on one database.
// Every change is one statement or one transaction, so the database, not this process, keeps
// the rules: optimistic versions on cases, one open case per household, etags on key values,
// and a lease-based outbox claim that two instances never share.

/** Opens the store on a migrated database (see migrate()). close() closes the client. */
export async function openPostgresStore(client: SqlClient): Promise<Store> {
  await assertMigrated(client);
  // Cases whose figure facts an older figureFactsOf counted (FIGURE_FACTS_VERSION): recounted.
  await backfillFigureFacts(client);
  return new PostgresStore(client);
}

/** How long a readiness check waits for the database. */
const CHECK_TIMEOUT_MS = 2_000;

class PostgresStore implements Store {
  private closing: Promise<void> | undefined;
  readonly cases: Cases;
  readonly members: Members;
  readonly audit: AuditLog;
  readonly keyValues: KeyValues;
  readonly outbox: Outbox;
  readonly conversations: Conversations;
  readonly memberChanges: ClosableMemberChanges | undefined;

  constructor(private readonly db: SqlClient) {
    this.cases = postgresCases(db);
    this.members = postgresMembers(db);
    this.audit = postgresAudit(db);
    this.keyValues = postgresKeyValues(db);
    this.outbox = postgresOutbox(db);
    this.conversations = postgresConversations(db);
    this.memberChanges = db.listen ? postgresMemberChanges(db.listen.bind(db)) : undefined;
  }

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
      // The driver's own words (connect ECONNREFUSED …), not the StoreUnavailable around them.
      const cause = error instanceof StoreUnavailable && error.cause instanceof Error ? error.cause : error;
      throw new Error(`PostgreSQL is unreachable: ${(cause as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.memberChanges?.close();
      await this.db.close();
    })();
    return this.closing;
  }
}
