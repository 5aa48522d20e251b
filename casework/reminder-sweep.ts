import { toIsoDate } from './calendar.js';
import type { CaseworkContext } from './context.js';
import { caseRemindersDue, covenantMessagesDue, sweepHorizon, type PlannedMessage } from './reminder-plan.js';

/**
 * Everything due today across all covenants. Reads only open steps whose deadline is within
 * the nudge lead (late ones included): the store's deadline index keeps this from being a
 * scan of every case.
 */
export async function planDueMessages(ctx: CaseworkContext): Promise<PlannedMessage[]> {
  const today = toIsoDate(ctx.now());
  const planned: PlannedMessage[] = [];
  for (const covenant of ctx.covenants()) {
    const calendar = ctx.calendar(covenant);
    const summaries = await ctx.deps.cases.listSummaries({
      covenantId: covenant.id,
      status: 'open',
      deadlineOnOrBefore: sweepHorizon(covenant, calendar, today),
    });
    for (const summary of summaries) planned.push(...caseRemindersDue(covenant, calendar, summary, today));
    planned.push(...covenantMessagesDue(covenant, calendar, today));
  }
  return planned;
}
