import type { Casework } from '../../casework/casework.js';
import type { OutboxEntry } from '../../casework/ports.js';
import type { MessageContent } from '../../casework/reads/message-content.js';
import type { Locale } from '../../casework/reads/views.js';
import type { AdaptiveCard } from '../../cards/card-types.js';
import { agendaCard, digestCard, reminderCard, type TabLink } from '../../cards/index.js';
import { withDigestRefresh, withRefresh } from '../../cards/refresh.js';
import type { RefreshAudience } from '../../dialogs/scope.js';
import { noticeCard, type NoticeContent } from './notice-cards.js';

/**
 * The card of an outbox entry, built when it is sent so it shows the case as it is then.
 * undefined: the reminder no longer applies (the step was done or its deadline moved).
 * `locale`: the receiving conversation's. `tabLink`: the case in the personal tab, for the button.
 * `refreshAudience`: given where others read along (a channel, a group chat): a card about one
 * case's step, and the digest, then stay current (cards/refresh.ts), listing whose card
 * refreshes by itself.
 */
export async function cardForEntry(
  casework: Casework,
  entry: OutboxEntry,
  locale: Locale,
  tabLink?: TabLink,
  refreshAudience?: RefreshAudience,
): Promise<AdaptiveCard | undefined> {
  const content = await casework.messageContent(entry, locale);
  if (!content) return undefined;
  const card = cardOf(content, locale, tabLink);
  if (!refreshAudience) return card;
  if (content.kind === 'digest') {
    const digest = { covenantId: entry.covenantId, partnerId: entry.partnerId };
    return withDigestRefresh(locale, card, digest, await refreshAudience(digest));
  }
  const caseId = statusOf(content);
  return caseId ? withRefresh(locale, card, caseId, await refreshAudience({ caseId })) : card;
}

/** The case whose step the card shows: reminders, and the notices drawn as a status card. */
function statusOf(content: MessageContent): string | undefined {
  switch (content.kind) {
    case 'nudge':
    case 'due':
    case 'escalation':
    case 'closed':
    case 'handover':
      return content.view.caseId;
    default:
      return undefined;
  }
}

function cardOf(content: MessageContent, locale: Locale, tabLink: TabLink | undefined): AdaptiveCard {
  switch (content.kind) {
    case 'agenda':
      return agendaCard(locale, content);
    case 'digest':
      return digestCard(locale, content);
    case 'nudge':
    case 'due':
    case 'escalation':
      return reminderCard(locale, { ...content, tabLink });
    default:
      return noticeCard(locale, content satisfies NoticeContent, tabLink);
  }
}
