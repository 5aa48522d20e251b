import type { AdaptiveCard } from './card-types.js';
import { card, execute, heading, text } from './elements.js';
import { amsterdamMoment } from './format.js';
import { texts, type Locale } from './texts.js';
import { action } from './verbs.js';

// Short answers: a stale click, an error, "not found", "not allowed".

/** A click on a card that is out of date: someone else already did it. */
export function staleCard(locale: Locale, model: { caseId: string; by: string; at: string }): AdaptiveCard {
  const t = texts(locale);
  const { time, date } = amsterdamMoment(model.at, locale);
  return card(
    [
      heading(t.stale.title),
      text(t.stale.text(model.by, time, date)),
      text(t.stale.hint, { isSubtle: true }),
    ],
    [execute(t.common.showCase, action('case.show', { caseId: model.caseId }))],
    t.stale.text(model.by, time, date),
  );
}

export function messageCard(
  _locale: Locale,
  model: { title: string; text: string; tone?: 'default' | 'attention' | 'good' },
): AdaptiveCard {
  const tone = model.tone ?? 'default';
  return card(
    [{ ...heading(model.title), ...(tone !== 'default' ? { color: tone } : {}) }, text(model.text)],
    [],
    `${model.title}: ${model.text}`,
  );
}
