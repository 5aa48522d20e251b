import type { Casework } from '../../casework/casework.js';
import type { OutboxEntry } from '../../casework/ports.js';
import type { MessageContent } from '../../casework/reads/message-content.js';
import type { Locale } from '../../casework/reads/views.js';
import type { AdaptiveCard } from '../../cards/card-types.js';
import { agendaCard, digestCard, reminderCard } from '../../cards/index.js';
import { noticeCard, type NoticeContent } from './notice-cards.js';

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
  const content = await casework.messageContent(entry, locale);
  return content && cardOf(content, locale);
}

function cardOf(content: MessageContent, locale: Locale): AdaptiveCard {
  switch (content.kind) {
    case 'agenda':
      return agendaCard(locale, content);
    case 'digest':
      return digestCard(locale, content);
    case 'nudge':
    case 'due':
    case 'escalation':
      return reminderCard(locale, content);
    default:
      return noticeCard(locale, content satisfies NoticeContent);
  }
}
