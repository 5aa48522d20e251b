import { DateTime } from 'luxon';
import { toIsoDate } from '../../casework/covenant/calendar.js';
import type { Casework } from '../../casework/casework.js';
import type { OutboxEntry } from '../../casework/ports.js';
import { buildAgenda } from '../../casework/reads/reports.js';
import { stepViewOfSummary, type Locale } from '../../casework/reads/views.js';
import type { AdaptiveCard } from '../../cards/card-types.js';
import { agendaCard, digestCard, reminderCard } from '../../cards/index.js';
import { isNotice } from '../../casework/reminders/plan.js';
import { noticeCard } from './notice-cards.js';

/**
 * The card of an outbox entry, built when it is sent so it shows the case as it is then.
 * undefined: the reminder no longer applies (the step was done or its deadline moved).
 * `locale`: the receiving conversation's.
 */
export async function cardForEntry(
  casework: Casework,
  entry: OutboxEntry,
  locale: Locale,
): Promise<AdaptiveCard | undefined> {
  const ctx = casework.ctx;
  const covenant = ctx.covenant(entry.covenantId);
  const { kind } = entry;
  if (isNotice(kind)) return noticeCard(casework, { ...entry, kind }, locale);
  if (kind === 'agenda')
    return agendaCard(locale, {
      agenda: await buildAgenda(ctx, covenant, locale),
      covenantName: covenant.name,
    });
  if (kind === 'digest') {
    const today = toIsoDate(ctx.now());
    const weekEnd = DateTime.fromISO(today).endOf('week').toISODate()!;
    const open = await ctx.deps.cases.listSummaries({
      covenantId: covenant.id,
      status: 'open',
      responsiblePartnerId: entry.partnerId,
      deadlineOnOrBefore: weekEnd,
    });
    const views = open.map((s) => stepViewOfSummary(ctx, s, locale));
    return digestCard(locale, {
      partnerName: covenant.partners.find((p) => p.id === entry.partnerId)?.name ?? entry.partnerId,
      late: views.filter((v) => v.deadline! < today),
      today: views.filter((v) => v.deadline === today),
      thisWeek: views.filter((v) => v.deadline! > today),
    });
  }
  const summary = entry.caseId ? await ctx.deps.cases.getSummary(entry.caseId) : undefined;
  if (!summary || summary.status !== 'open' || summary.stepId !== entry.stepId) return undefined;
  if (!entry.key.startsWith(`${summary.caseId}|${summary.stepId}|${summary.deadline}|`)) return undefined;
  return reminderCard(locale, { kind, view: stepViewOfSummary(ctx, summary, locale) });
}
