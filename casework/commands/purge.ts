import { toIsoDate } from '../covenant/calendar.js';
import type { CaseEvent } from '../case/types.js';
import { deriveState } from '../case/state.js';
import type { CaseworkContext } from '../context.js';
import { VersionConflict } from '../ports.js';
import { summarize } from '../case/summary.js';

/**
 * Removes the personal data of cases whose retention period has ended: the personal part
 * (names, address, phone, notes, reasons, joined entries) and the free text older histories
 * kept inside events. The anonymous history stays (steps, partners, dates, outcomes, the final
 * result), so the monitoring figures survive. Returns the purged case ids.
 */
export async function purgeExpired(ctx: CaseworkContext): Promise<string[]> {
  const today = toIsoDate(ctx.now());
  const due = await ctx.deps.cases.listSummaries({ status: 'closed', purgeDueOnOrBefore: today });
  const purged: string[] = [];
  for (const summary of due) {
    try {
      if (await purgeCase(ctx, summary.caseId)) purged.push(summary.caseId);
    } catch (error) {
      // Another instance purged it (or changed it) first: the next run looks again.
      if (!(error instanceof VersionConflict)) throw error;
    }
  }
  return purged;
}

async function purgeCase(ctx: CaseworkContext, caseId: string): Promise<boolean> {
  const { record, covenant, state } = await ctx.load(caseId);
  if (state.status !== 'closed') return false;
  const redacted = record.events.flatMap((e) => withoutFreeText(e) ?? []);
  const kept = record.events.map((e) => redacted.find((r) => r.seq === e.seq) ?? e);
  const events = ctx.stamp(covenant, record.id, kept, [{ type: 'purged' }], { system: 'bewaartermijn' });
  const after = deriveState(covenant, record.id, [...kept, ...events]);
  const detail = `retention of ${covenant.retention.months_after_closing} months ended; ${redacted.length} older events without their free text`;
  await ctx.deps.cases.purge(record.id, record.version, {
    redacted,
    events,
    summary: summarize(covenant, after),
    audit: [ctx.auditEntry(record.id, { userId: 'system', partnerId: null, action: 'purge', detail })],
  });
  return true;
}

/**
 * The event without the free text an older AanZet wrote into it (a referral's reason, a
 * postponement's sentence with the reason), or null when it holds none. Events written now keep
 * only the fact; their reasons live in the personal part.
 */
export function withoutFreeText(event: CaseEvent): CaseEvent | null {
  if (event.type === 'referred' && event.reason) return { ...event, reason: '' };
  if (event.type === 'step_started' && event.cause === 'referral' && event.because !== '')
    return { ...event, because: '' };
  if (event.type === 'deadline_changed' && !event.ruleId && event.because !== '')
    return { ...event, because: '' };
  return null;
}
