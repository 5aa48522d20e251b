import { toIsoDate } from '../covenant/calendar.js';
import type { CaseworkContext } from '../context.js';
import type { PlannedMessage } from '../ports.js';
import { caseRemindersDue, covenantMessagesDue, reminderDeadlines } from './plan.js';

/**
 * Everything due today across all covenants. Reads only the open steps whose deadline makes a
 * reminder fall today (the store indexes open steps by deadline), not every open case.
 */
export async function planDueMessages(ctx: CaseworkContext): Promise<PlannedMessage[]> {
  const today = toIsoDate(ctx.now());
  const planned: PlannedMessage[] = [];
  for (const covenant of ctx.covenants()) {
    const calendar = ctx.calendar(covenant);
    const summaries = await ctx.deps.cases.listSummaries({
      covenantId: covenant.id,
      status: 'open',
      deadlines: reminderDeadlines(covenant, calendar, today),
    });
    for (const summary of summaries) planned.push(...caseRemindersDue(covenant, calendar, summary, today));
    planned.push(...covenantMessagesDue(covenant, calendar, today));
  }
  return planned;
}
