import type { Casework } from '../../casework/casework.js';
import type { OutboxEntry } from '../../casework/ports.js';
import type { MessageContent } from '../../casework/reads/message-content.js';
import type { Locale } from '../../casework/reads/views.js';
import type { AdaptiveCard } from '../../cards/card-types.js';
import { agendaCard, digestCard, reminderCard, type TabLink } from '../../cards/index.js';
import { noticeCard, type NoticeContent } from './notice-cards.js';

/**
 * The card of an outbox entry, built when it is sent so it shows the case as it is then.
 * undefined: the reminder no longer applies (the step was done or its deadline moved).
 * `locale`: the receiving conversation's. `tabLink`: the case in the personal tab, for the button.
 */
export async function cardForEntry(
  casework: Casework,
  entry: OutboxEntry,
  locale: Locale,
  tabLink?: TabLink,
): Promise<AdaptiveCard | undefined> {
  const content = await casework.messageContent(entry, locale);
  return content && cardOf(content, locale, tabLink);
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
