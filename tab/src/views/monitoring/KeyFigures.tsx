import { Card, Text } from '@fluentui/react-components';
import { useId } from 'react';
import { useShell, useTexts } from '../../context.js';
import type { CovenantFigures } from './answers.js';
import { useMonitoringStyles } from './styles.js';
import { number, percent } from './words.js';

/** Signals, households reached, median days to first contact, positive share: each as a tile. */
export function KeyFigures({ figures }: { figures: CovenantFigures }) {
  const { locale } = useShell();
  const t = useTexts().report;
  const styles = useMonitoringStyles();
  const headingId = useId();
  const median = figures.medianWorkingDaysToFirstContact;
  const positive = figures.positive;
  const tiles: { label: string; value: string; detail?: string }[] = [
    { label: t.signalsReceived, value: number(figures.signalsReceived, locale) },
    { label: t.householdsReached, value: number(figures.householdsReached, locale) },
    {
      label: t.medianDays,
      value: median === null ? t.noData : number(median, locale),
      ...(median === null ? {} : { detail: t.medianText(number(median, locale), figures.firstContacts) }),
    },
    {
      label: t.positiveShare,
      value: positive.share === null ? t.noData : percent(positive.share, locale),
      ...(positive.share === null
        ? {}
        : {
            detail: t.positiveText(percent(positive.share, locale), positive.numerator, positive.denominator),
          }),
    },
  ];
  return (
    <section className={styles.keyFigures} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {useTexts().tab.monitoring.keyFigures}
      </h3>
      <div className={styles.tiles}>
        {tiles.map((tile) => (
          <Card key={tile.label} role="group" aria-label={tile.label}>
            <Text weight="semibold">{tile.label}</Text>
            <Text className={styles.tileValue}>{tile.value}</Text>
            {tile.detail ? <Text size={200}>{tile.detail}</Text> : null}
          </Card>
        ))}
      </div>
    </section>
  );
}
