import type { DeliveryFailure, FailedDelivery } from '../casework/reminders/delivery-failures.js';
import type { StepView } from '../casework/reads/views.js';
import type { AdaptiveCard, CardElement, Container } from './card-types.js';
import { caseLine, labelTexts } from './case-parts.js';
import { card, execute, heading, subtle, text } from './elements.js';
import { deadlineWords } from './format.js';
import { texts, type Locale } from './texts.js';
import { action } from './verbs.js';

// "Mijn taken" and other lists of open steps: one row per case with one button.

/** Teams limits the size of a message: longer lists end in "en N meer". */
export const MAX_ROWS = 25;

function taskRow(view: StepView, locale: Locale): Container {
  const t = texts(locale);
  const deadline = deadlineWords(view, locale);
  const lines: CardElement[] = [text(caseLine(view, locale), { weight: 'bolder' })];
  const labels = labelTexts(view, locale);
  if (labels.length > 0) lines.push(text(`⚠ ${labels.join(' · ')}`, { color: 'attention', spacing: 'none' }));
  if (deadline !== null)
    lines.push(
      view.late
        ? text(`⚠ ${t.case.late} · ${deadline}`, { color: 'attention', weight: 'bolder', spacing: 'none' })
        : subtle(deadline),
    );
  return {
    type: 'Container',
    separator: true,
    items: [
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: lines, verticalContentAlignment: 'center' },
          {
            type: 'Column',
            width: 'auto',
            verticalContentAlignment: 'center',
            items: [
              {
                type: 'ActionSet',
                actions: [execute(t.lists.open, action('case.show', { caseId: view.caseId }))],
              },
            ],
          },
        ],
      },
    ],
  };
}

export function tasksCard(
  locale: Locale,
  model: {
    title: string;
    items: StepView[];
    /** How many there are in all, when the items are a first page (the store counted them). */
    total?: number;
    emptyText: string;
    failedDeliveries?: FailedDelivery[];
  },
): AdaptiveCard {
  const t = texts(locale);
  const shown = model.items.slice(0, MAX_ROWS);
  const rest = Math.max(model.total ?? model.items.length, model.items.length) - shown.length;
  const body: CardElement[] = [heading(model.title)];
  // For coordinators: reminders that could not be delivered, so someone follows them up.
  const failed = model.failedDeliveries ?? [];
  if (failed.length > 0)
    body.push(
      text(`⚠ ${t.reminders.failedTitle} (${failed.length})`, { color: 'attention', weight: 'bolder' }),
      ...failed.slice(0, 10).map((f) =>
        text(
          t.reminders.failedLine(
            t.reminders.kinds[f.kind],
            f.subject,
            f.forDate,
            failureText(f.failure, locale),
          ),
          {
            color: 'attention',
            spacing: 'none',
            size: 'small',
          },
        ),
      ),
    );
  if (shown.length === 0) body.push(text(model.emptyText));
  body.push(...shown.map((view) => taskRow(view, locale)));
  if (rest > 0) body.push(text(t.common.more(rest), { isSubtle: true, separator: true }));
  return card(body, [], model.title);
}

function failureText(failure: DeliveryFailure, locale: Locale): string {
  const r = texts(locale).reminders;
  if (failure.type === 'rerouted') return r.rerouted(failure.to, failure.code);
  if (failure.type === 'undeliverable') return r.undeliverable(failure.code);
  if (failure.type === 'reached') return r.reached(failure.code);
  return r.failed(failure.detail);
}
