import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { CaseView } from '../../../../casework/reads/views.js';
import { formatDate, type DeadlineStanding } from '../../../../casework/covenant/calendar.js';
import { exampleMark, responsibleText, signalFacts, statusText } from '../../../../cards/case-parts.js';

import { standingText } from '../../../../cards/format.js';
import { useShell, useTexts } from '../../context.js';
import { Facts } from './Facts.js';

// Status, step, who is at turn (and with whom), the deadline with where it stands, and the
// DDAS signal status: the case card's facts.

export function StepFacts({ view }: { view: CaseView }) {
  const { locale } = useShell();
  const t = useTexts();
  const open = view.status === 'open';
  return (
    <Facts
      facts={[
        [t.case.status, statusText(view, locale)],
        [t.case.step, open ? (view.stepName ?? t.case.noStep) : null],
        [t.case.responsible, open ? responsibleText(view, locale) : null],
        [t.case.people, open ? view.people.join(', ') : null],
        [t.case.with, open ? view.jointPartners.map((p) => p.name).join(', ') : null],
        [
          t.case.deadline + exampleMark(view.examples?.deadline, locale),
          open && view.deadline !== null ? <Deadline view={view} /> : null,
        ],
        ...signalFacts(view, locale),
      ]}
    />
  );
}

function Deadline({ view }: { view: CaseView }) {
  const { locale } = useShell();
  return (
    <>
      {formatDate(view.deadline!, locale)}{' '}
      {view.deadlineStanding && (
        <Badge appearance="tint" color={standingColour(view.deadlineStanding)}>
          {standingText(view.deadlineStanding, locale)}
        </Badge>
      )}
    </>
  );
}

function standingColour(standing: DeadlineStanding): BadgeProps['color'] {
  switch (standing.kind) {
    case 'late':
    case 'late_since':
      return 'danger';
    case 'today':
    case 'tomorrow':
      return 'warning';
    default:
      return 'informative';
  }
}
