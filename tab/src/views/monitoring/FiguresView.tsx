import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useTexts } from '../../context.js';
import type { CovenantFigures } from './answers.js';
import { FinalResults } from './FinalResults.js';
import { Funnel } from './Funnel.js';
import { KeyFigures } from './KeyFigures.js';
import { OnTime } from './OnTime.js';
import { SignalsPerMonth } from './SignalsPerMonth.js';
import { useMonitoringStyles } from './styles.js';

/** Nothing counted at all: say so instead of drawing empty axes. */
export function isEmpty(figures: CovenantFigures): boolean {
  return (
    figures.signalsReceived === 0 &&
    figures.contactAttempts === 0 &&
    figures.closed === 0 &&
    figures.paymentArrangements === 0 &&
    figures.onTimePerPartner.length === 0
  );
}

export function FiguresView({ figures }: { figures: CovenantFigures }) {
  const w = useTexts().tab.monitoring;
  const styles = useMonitoringStyles();
  if (isEmpty(figures))
    return (
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{w.emptyTitle}</MessageBarTitle>
          {w.emptyText}
        </MessageBarBody>
      </MessageBar>
    );
  return (
    <>
      <KeyFigures figures={figures} />
      <div className={styles.charts}>
        <SignalsPerMonth months={figures.perMonth} />
        <Funnel figures={figures} />
        <FinalResults figures={figures} />
        <OnTime partners={figures.onTimePerPartner} />
      </div>
    </>
  );
}
