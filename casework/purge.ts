import { toIsoDate } from './calendar.js';
import type { CaseworkContext } from './context.js';

/**
 * Removes the personal data of cases whose retention period has ended. The history stays,
 * without names or addresses, so the monitoring figures survive. Returns the purged case ids.
 */
export async function purgeExpired(ctx: CaseworkContext): Promise<string[]> {
  const today = toIsoDate(ctx.now());
  const due = await ctx.deps.cases.listSummaries({ status: 'closed', purgeDueOnOrBefore: today });
  const purged: string[] = [];
  for (const summary of due) {
    const loaded = await ctx.load(summary.caseId);
    if (loaded.state.status !== 'closed') continue;
    const detail = `retention of ${loaded.covenant.retention.months_after_closing} months ended`;
    const audit = { userId: 'system', partnerId: null, action: 'purge', detail } as const;
    await ctx.commit(loaded, [{ type: 'purged' }], { system: 'bewaartermijn' }, audit, null);
    purged.push(summary.caseId);
  }
  return purged;
}
