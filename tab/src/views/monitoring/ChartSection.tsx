import { useId, type ReactNode } from 'react';
import { useMonitoringStyles } from './styles.js';

/** A chart with its heading, and what it shows as text for whoever cannot see it. */
export function ChartSection({
  title,
  chart,
  alternative,
}: {
  title: string;
  chart: ReactNode;
  alternative: ReactNode;
}) {
  const styles = useMonitoringStyles();
  const headingId = useId();
  return (
    <section className={styles.chart} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.heading}>
        {title}
      </h3>
      {chart}
      {alternative}
    </section>
  );
}
