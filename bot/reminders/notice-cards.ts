import type { MessageContent } from '../../casework/reads/message-content.js';
import type { NoticeKind } from '../../casework/ports.js';
import type { Locale } from '../../casework/reads/views.js';
import type { AdaptiveCard } from '../../cards/card-types.js';
import { joinNoticeCard } from '../../cards/case-privacy.js';
import {
  approvalCard,
  approvalResultCard,
  signalRegisteredCard,
  statusCard,
  type TabLink,
} from '../../cards/index.js';

export type NoticeContent = Extract<MessageContent, { kind: NoticeKind }>;

/** The card of a notice (casework's messageContent): status cards without personal data, wherever they land. */
export function noticeCard(locale: Locale, content: NoticeContent, tabLink?: TabLink): AdaptiveCard {
  switch (content.kind) {
    case 'approval':
      return approvalCard(locale, content);
    case 'membership':
      return approvalResultCard(locale, content);
    case 'joined':
      return joinNoticeCard(locale, content);
    case 'closed':
    case 'handover':
      return statusCard(locale, { view: content.view, tabLink });
    case 'registered':
      return signalRegisteredCard(locale, { view: content.view, joined: content.joined, tabLink });
  }
}
