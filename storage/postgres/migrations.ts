import { backfillFigureFacts } from './figure-counts.js';
import { MEMBER_CHANGES_CHANNEL } from './member-changes.js';
import type { SqlClient } from './sql-client.js';

// The schema, as numbered migrations. Applied at start-up, in order, each once; the versions
// applied are recorded in schema_migrations. Never edit a released migration: add the next one.
//
// Conventions. The domain's records are kept whole in jsonb (summary, personal, event, entry…)
// so that every string the domain wrote, ISO instants included, reads back exactly as written.
// Next to them, typed columns extracted from those records serve the WHERE and ORDER BY clauses
// only; they are written in the same statement as the jsonb they come from. Keys that results
// are sorted by have COLLATE "C", byte order, as the embedded store sorts strings.

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** What SQL cannot do (domain code over the stored rows), run after `sql` in the same transaction. */
  after?: (tx: SqlClient) => Promise<unknown>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, members, audit, key values, conversations, outbox',
    sql: `
CREATE TABLE cases (
  id text COLLATE "C" PRIMARY KEY,
  covenant_id text NOT NULL,
  version integer NOT NULL,
  -- normalised postcode|number|addition; null once the personal data is removed
  household_key text,
  personal jsonb,
  summary jsonb NOT NULL,
  -- extracted from summary, for the queries
  status text NOT NULL CHECK (status IN ('open', 'closed', 'purged')),
  responsible_partner_id text,
  deadline date,
  closed_at timestamptz,
  purge_after date,
  participants text[] NOT NULL
);
-- One open case per household and covenant (DuplicateCase 'household'); also finds it.
CREATE UNIQUE INDEX cases_open_household ON cases (covenant_id, household_key) WHERE status = 'open';
-- My tasks: a covenant's open steps of one partner.
CREATE INDEX cases_tasks ON cases (covenant_id, status, responsible_partner_id);
-- The reminder sweep (a set of deadlines) and the overdue list (deadline on or before).
CREATE INDEX cases_deadlines ON cases (status, covenant_id, deadline);
-- The purge: closed cases whose retention ran out.
CREATE INDEX cases_purge_due ON cases (purge_after) WHERE status = 'closed';
-- Monitoring: cases closed in a period.
CREATE INDEX cases_closed_at ON cases (closed_at) WHERE closed_at IS NOT NULL;

-- The history; seq is the position in it, 1-based.
CREATE TABLE case_events (
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  event jsonb NOT NULL,
  PRIMARY KEY (case_id, seq)
);

CREATE TABLE case_counters (
  covenant_id text NOT NULL,
  year integer NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (covenant_id, year)
);

CREATE TABLE members (
  user_id text COLLATE "C" PRIMARY KEY,
  member jsonb NOT NULL
);
-- members.list(covenantId): memberships @> [{"covenantId": …}]
CREATE INDEX members_memberships ON members USING gin ((member -> 'memberships') jsonb_path_ops);

-- Append-only; id gives the order entries were written in.
CREATE TABLE audit (
  id bigserial PRIMARY KEY,
  case_id text,
  user_id text NOT NULL,
  entry jsonb NOT NULL
);
CREATE INDEX audit_by_case ON audit (case_id, id) WHERE case_id IS NOT NULL;
CREATE INDEX audit_by_user ON audit (user_id, id);

CREATE TABLE key_values (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  etag text NOT NULL
);

CREATE TABLE conversations (
  id text COLLATE "C" PRIMARY KEY,
  kind text NOT NULL,
  user_id text,
  team_id text,
  target jsonb NOT NULL
);
CREATE INDEX conversations_by_user ON conversations (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX conversations_by_team ON conversations (team_id) WHERE team_id IS NOT NULL;

-- A channel's links to partners, from target.links: where a partner's reminders go.
CREATE TABLE conversation_links (
  covenant_id text NOT NULL,
  partner_id text NOT NULL,
  conversation_id text COLLATE "C" NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  PRIMARY KEY (covenant_id, partner_id, conversation_id)
);
CREATE INDEX conversation_links_by_conversation ON conversation_links (conversation_id);

CREATE TABLE outbox (
  key text COLLATE "C" PRIMARY KEY,
  -- extracted from entry, for claiming and listing; entry holds the strings as written
  state text NOT NULL CHECK (state IN ('planned', 'sending', 'sent', 'failed')),
  not_before timestamptz NOT NULL,
  lease_until timestamptz,
  covenant_id text NOT NULL,
  attempts integer NOT NULL,
  reclaimed integer NOT NULL,
  entry jsonb NOT NULL
);
-- Due entries, soonest first.
CREATE INDEX outbox_due ON outbox (state, not_before, key);
-- Entries whose sender died: the lease ran out.
CREATE INDEX outbox_leases ON outbox (lease_until) WHERE state = 'sending';
CREATE INDEX outbox_by_covenant ON outbox (covenant_id, state);
`,
  },
  {
    version: 2,
    name: 'key values expire',
    sql: `
-- Dialog state a user left half way holds personal data: it is deleted once this has passed.
ALTER TABLE key_values ADD COLUMN expires_at timestamptz;
CREATE INDEX key_values_expiry ON key_values (expires_at) WHERE expires_at IS NOT NULL;
-- Every key value written before this version is bot dialog state: it gets the same 24 hours.
UPDATE key_values SET expires_at = now() + interval '24 hours';
`,
  },
  {
    version: 3,
    name: 'outbox: one message once, whatever its conversations',
    sql: `
-- Every message planned so far (entry.messageKey): planning claims the key here first, so a
-- message is planned once even when two instances plan it at the same moment.
CREATE TABLE outbox_messages (
  message_key text COLLATE "C" PRIMARY KEY
);
-- Entries written before: their key was messageKey|conversation, or
-- messageKey|gone conversation|reroute|conversation (as storage/outbox-message-key.ts reads it).
UPDATE outbox SET entry = entry || jsonb_build_object('messageKey',
  regexp_replace(split_part(key, '|reroute|', 1), '[|][^|]*$', ''))
WHERE NOT entry ? 'messageKey';
INSERT INTO outbox_messages (message_key)
SELECT DISTINCT entry ->> 'messageKey' FROM outbox
ON CONFLICT DO NOTHING;
-- The conversations of one message (a reroute looks whether another one reached the recipient).
CREATE INDEX outbox_by_message ON outbox ((entry ->> 'messageKey'));
`,
  },
  {
    version: 4,
    name: "signal sources: imported signals by their id in the sender's system",
    sql: `
-- Signal.sourceId of signal_received and signal_joined events, so a re-import finds the case.
-- Kept when a case is purged or a joined signal undone: that row was imported once.
CREATE TABLE signal_sources (
  covenant_id text NOT NULL,
  partner_id text NOT NULL,
  source_id text NOT NULL,
  case_id text COLLATE "C" NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  PRIMARY KEY (covenant_id, partner_id, source_id)
);
INSERT INTO signal_sources (covenant_id, partner_id, source_id, case_id)
SELECT c.covenant_id, e.event -> 'signal' ->> 'signallerPartnerId', e.event -> 'signal' ->> 'sourceId', c.id
FROM case_events e JOIN cases c ON c.id = e.case_id
WHERE e.event ->> 'type' IN ('signal_received', 'signal_joined') AND e.event -> 'signal' ? 'sourceId'
ORDER BY e.case_id, e.seq
ON CONFLICT DO NOTHING;
`,
  },
  {
    version: 5,
    name: 'open steps in pages: case ids in order, indexes for my tasks and the overview',
    sql: `
-- A case id as a sort key with its numbers as numbers, as casework/reads/step-order.ts sorts
-- (LEK-2026-9999 before LEK-2026-10000): every run of digits padded to 12. Kept in a column,
-- written with the row: computed while sorting, it cost more than the sort.
CREATE FUNCTION case_id_order(id text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT regexp_replace(regexp_replace(id, '(\\d+)', '000000000000\\1', 'g'), '\\d*(\\d{12})', '\\1', 'g') $$;
ALTER TABLE cases ADD COLUMN id_order text COLLATE "C" GENERATED ALWAYS AS (case_id_order(id)) STORED;
-- Mijn taken in pages (Cases.openStepsPage), the first page by deadline read in order: a
-- partner's open steps, and a covenant's (the coordinator's overview).
CREATE INDEX cases_open_steps ON cases (covenant_id, responsible_partner_id, deadline, id_order, id)
  WHERE status = 'open';
CREATE INDEX cases_open_overview ON cases (covenant_id, deadline, id_order, id) WHERE status = 'open';
`,
  },
  {
    version: 6,
    name: "a covenant's cases in id order (the monitoring figures read their histories page by page)",
    sql: `
-- Cases.listHistories: WHERE covenant_id = … AND id > … ORDER BY id LIMIT …, a range per page.
CREATE INDEX cases_covenant_id ON cases (covenant_id, id);
`,
  },
  {
    version: 7,
    name: 'search from the compose box: case ids newest first, household postcodes',
    sql: `
-- A covenant's case ids newest first: the search walks it in order and stops at the page's end.
CREATE INDEX cases_search_ids ON cases (covenant_id, id DESC);
-- A household's postcode (the part of household_key before the first |), without reading personal data.
CREATE INDEX cases_search_postcode ON cases (covenant_id, split_part(household_key, '|', 1));
-- The search without text (a partner's open steps, soonest first) and by the responsible
-- partner use migration 5's cases_open_steps.
-- A part of a case id ("0042") that few cases contain: trigrams find them without walking every
-- id. pg_trgm is in PostgreSQL's contrib and a trusted extension; where it cannot be had (PGlite
-- without it, a server without contrib) the search still works, walking cases_search_ids.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
  CREATE INDEX cases_search_id_trigrams ON cases USING gin (id gin_trgm_ops);
EXCEPTION WHEN OTHERS THEN
  RAISE NOTICE 'no trigram index on case ids (%): the search walks the ids instead', SQLERRM;
END $$;
`,
  },
  {
    version: 8,
    name: 'figure counters: what each case contributes to the monitoring figures, summed per day',
    sql: `
-- The dashboard's figures (Cases.figureCounts) read counters kept per covenant, day and key as
-- cases change, instead of every history of the period: casework/reads/figure-facts.ts says
-- what a case contributes. day and extra are ISO dates (or codes) compared as text, in byte
-- order, as the domain compares them.
CREATE TABLE figure_counts (
  covenant_id text NOT NULL,
  day text COLLATE "C" NOT NULL,
  measure text NOT NULL,
  extra text COLLATE "C" NOT NULL,
  municipality_id text NOT NULL,
  signaller_partner_id text NOT NULL,
  signal_type text NOT NULL,
  n integer NOT NULL,
  -- A covenant's days first: a period's counters are one range of this key.
  PRIMARY KEY (covenant_id, day, measure, extra, municipality_id, signaller_partner_id, signal_type)
);
-- One measure over every day before a period (which cases touch it: opened, ended), without
-- reading every other counter of those days.
CREATE INDEX figure_counts_by_measure ON figure_counts (covenant_id, measure, day);
-- Each case's own facts as counted (to take away on its next write), and the version of
-- figureFactsOf that counted them: cases without, or with an older one, are recounted.
ALTER TABLE cases ADD COLUMN figure_facts jsonb, ADD COLUMN figure_facts_version integer;
CREATE INDEX cases_figure_facts_stale ON cases ((COALESCE(figure_facts_version, 0)));
`,
    // The cases stored before: counted now, in the migration's transaction.
    after: (tx) => backfillFigureFacts(tx),
  },
  {
    version: 9,
    name: "the sender's turn: one instance at a time sends the outbox, so Teams' pace holds for all",
    sql: `
-- One row per turn (today one: 'outbox'). holder has it until lease_until, by the database's
-- clock; pace is the JSON of the recent sends (Outbox.leaseSender) that the next holder counts.
CREATE TABLE outbox_sender (
  name text PRIMARY KEY,
  holder text NOT NULL,
  lease_until timestamptz NOT NULL,
  pace jsonb
);
`,
  },
  {
    version: 10,
    name: 'word of member changes: every instance forgets a member it keeps as soon as it changes',
    sql: `
-- Sent when the change commits, to every AanZet process listening (Store.memberChanges): the
-- user id, or '' when the table was emptied. A process may then keep the members it read.
CREATE FUNCTION aanzet_member_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM pg_notify('${MEMBER_CHANGES_CHANNEL}', '');
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('${MEMBER_CHANGES_CHANNEL}', OLD.user_id);
  ELSE
    PERFORM pg_notify('${MEMBER_CHANGES_CHANNEL}', NEW.user_id);
    IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
      PERFORM pg_notify('${MEMBER_CHANGES_CHANNEL}', OLD.user_id);
    END IF;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER members_changed AFTER INSERT OR UPDATE OR DELETE ON members
  FOR EACH ROW EXECUTE FUNCTION aanzet_member_changed();
CREATE TRIGGER members_emptied AFTER TRUNCATE ON members
  FOR EACH STATEMENT EXECUTE FUNCTION aanzet_member_changed();
`,
  },
];

/**
 * Any fixed number: the advisory lock all AanZet instances take while migrating, so that two
 * instances starting at once apply a migration once, one after the other.
 */
const MIGRATION_LOCK = 7_302_614_159;

/**
 * Applies the migrations not applied yet, in one transaction that holds the migration lock.
 * Returns the versions applied now (none when the schema was up to date).
 */
export async function migrate(
  client: SqlClient,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  return client.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})::text`);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: number[] = [];
    for (const migration of ordered) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await migration.after?.(tx);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/** The newest schema version this code needs. */
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));

/** Refuses a database without the schema this code needs, naming what to do. */
export async function assertMigrated(client: SqlClient): Promise<void> {
  const { rows } = await client.query<{ present: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`,
  );
  let version = 0;
  if (rows[0]?.present) {
    const found = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    version = found.rows[0]?.version ?? 0;
  }
  if (version < SCHEMA_VERSION)
    throw new Error(
      `the database has schema version ${version}, AanZet needs ${SCHEMA_VERSION}: run migrate() first`,
    );
}
