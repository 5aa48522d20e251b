import type { Casework } from '../casework/casework.js';
import type { Covenant } from '../casework/covenant/covenant.js';
import type { Store } from '../casework/ports.js';
import { backfillFigureFacts } from '../storage/postgres/figure-counts.js';
import type { SqlClient } from '../storage/postgres/sql-client.js';
import { benchSignal, lekstroomMember } from './seed.js';

// Seeding a PostgreSQL store with many cases through the use cases would take longer than the
// measurement itself. So two real cases are made through the use cases (one at the joint visit,
// one moved on to Houten's social team) and copied in SQL, histories included, each copy with
// its own id, household and deadline. Every copy is a case the domain itself could have made.

export async function bulkSeedLekstroom(
  casework: Casework,
  store: Store,
  client: SqlClient,
  covenant: Covenant,
  size: number,
  deadlines: string[],
): Promise<void> {
  const mitros = lekstroomMember(covenant, 'bench-mitros', 'mitros');
  const wil = lekstroomMember(covenant, 'bench-wil', 'wil', ['coordinator-vroeg-eropaf']);
  const signal = (i: number) => benchSignal(covenant, i, { city: 'Houten', name: 'Sjabloon' });
  const visit = await casework.registerSignal(mitros, signal(1));
  const moved = await casework.registerSignal(mitros, signal(2));
  await casework.logOutcome(wil, moved.caseId, moved.loaded.record.version, { outcomeId: 'wijkteam' });
  // Copies are numbered on from the templates, in AanZet's own form (LEK-2026-0003, …), so that
  // `status <id>` and the search take them as case ids.
  const [prefix, year, number] = moved.caseId.split('-');
  const copyId = (prefixAt: number) =>
    // lpad cuts a longer text to the length: 10000 stays whole.
    `$${prefixAt}::text || '-' || lpad((g + $${prefixAt + 1}::int)::text, greatest(4, length((g + $${prefixAt + 1}::int)::text)), '0')`;
  const numbering = [`${prefix}-${year}`, Number(number) - 2];
  for (const template of [visit.caseId, moved.caseId]) {
    const half = template === visit.caseId ? 0 : 1;
    const record = (await store.cases.get(template))!;
    // The event that started the current step carries its deadline: copies get their own.
    const currentStepSeq = record.events.filter((e) => e.type === 'step_started').at(-1)!.seq;
    await client.query(
      `INSERT INTO cases (id, covenant_id, version, household_key, personal, summary, status,
                          responsible_partner_id, deadline, closed_at, purge_after, participants)
       SELECT ${copyId(6)}, c.covenant_id, c.version, c.household_key || '|' || g, c.personal,
              jsonb_set(jsonb_set(c.summary, '{caseId}', to_jsonb(${copyId(6)})),
                        '{deadline}', to_jsonb(d.deadline)),
              c.status, c.responsible_partner_id, d.deadline::date, NULL, NULL, c.participants
       FROM cases c,
            generate_series($2::int, $3::int) g,
            LATERAL (SELECT ($4::text[])[1 + (g % array_length($4::text[], 1))] AS deadline) d
       WHERE c.id = $1 AND g % 2 = $5`,
      [template, 3, size, deadlines, half, ...numbering],
    );
    await client.query(
      `INSERT INTO case_events (case_id, seq, event)
       SELECT ${copyId(7)}, e.seq,
              CASE WHEN e.seq = $6 THEN jsonb_set(e.event, '{deadline}', to_jsonb(d.deadline)) ELSE e.event END
       FROM case_events e,
            generate_series($2::int, $3::int) g,
            LATERAL (SELECT ($5::text[])[1 + (g % array_length($5::text[], 1))] AS deadline) d
       WHERE e.case_id = $1 AND g % 2 = $4`,
      [template, 3, size, half, deadlines, currentStepSeq, ...numbering],
    );
  }
  // The copies were written in SQL, without their figure facts: counted as migration 8 counts them.
  await backfillFigureFacts(client);
  await client.query('ANALYZE');
}
