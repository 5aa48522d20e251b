import type { StepView } from '../casework/reads/views.js';
import type { AdaptiveCard } from './card-types.js';
import { responsibleText, statusText } from './case-parts.js';
import { statusCard } from './case.js';
import { deadlineWords } from './format.js';
import { withRefresh } from './refresh.js';
import type { TabLink } from './tab-link.js';
import { texts, type Locale } from './texts.js';

// What the compose box's search and a pasted link to a case offer: the compact status card (no
// personal data: whoever reads the conversation later sees it), and the line Teams lists it by.

/** One case to pick: the card that goes into the conversation, and its preview in the list. */
export interface CaseResult {
  card: AdaptiveCard;
  /** The list's line: case id; step (or status); who is responsible and the deadline, or late. */
  preview: { title: string; subtitle: string; text: string };
}

export function caseResult(locale: Locale, view: StepView, tabLink?: TabLink): CaseResult {
  const t = texts(locale).case;
  const open = view.status === 'open';
  const responsible = open ? responsibleText(view, locale) : undefined;
  const deadline = open ? deadlineWords(view, locale) : null;
  const parts = [
    ...(open && view.late ? [`⚠ ${t.late}`] : []),
    ...(responsible ? [`${t.responsible}: ${responsible}`] : []),
    ...(deadline ? [`${t.deadline}: ${deadline}`] : []),
  ];
  return {
    // Stays current wherever it is inserted (cards/refresh.ts). No userIds: listing the involved
    // members costs lookups per result while the searcher waits; without a list Teams refreshes
    // for everyone in a conversation of up to 60 people.
    card: withRefresh(locale, statusCard(locale, { view, tabLink }), view.caseId),
    preview: {
      title: view.caseId,
      subtitle: open ? (view.stepName ?? t.noStep) : statusText(view, locale),
      text: parts.join(' · '),
    },
  };
}
