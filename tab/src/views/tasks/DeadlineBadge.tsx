import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { StepView } from '../../../../casework/reads/views.js';
import { standingText } from '../../../../cards/format.js';
import type { Locale } from '../../../../cards/texts.js';

// Where the deadline stands, worded as the cards word it: late is danger, due within two
// working days a warning, else information.

type Standing = NonNullable<StepView['deadlineStanding']>;

const SOON_WORKING_DAYS = 2;

export function badgeColor(standing: Standing, late: boolean): NonNullable<BadgeProps['color']> {
  if (late || standing.kind === 'late' || standing.kind === 'late_since') return 'danger';
  const soon =
    standing.kind === 'today' ||
    standing.kind === 'tomorrow' ||
    standing.kind === 'on' ||
    (standing.kind === 'in' && standing.workingDays <= SOON_WORKING_DAYS);
  return soon ? 'warning' : 'informative';
}

export function DeadlineBadge({ step, locale }: { step: StepView; locale: Locale }) {
  if (!step.deadlineStanding) return null;
  return (
    <Badge appearance="tint" color={badgeColor(step.deadlineStanding, step.late)}>
      {standingText(step.deadlineStanding, locale)}
    </Badge>
  );
}
