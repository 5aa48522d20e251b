import { VerticalBarChart } from '@fluentui/react-charts';
import { useShell, useTexts } from '../../context.js';
import type { MonthFigures } from './answers.js';
import { ChartSection } from './ChartSection.js';
import { FigureTable } from './FigureTable.js';
import { culture, monthName, number } from './words.js';

export function SignalsPerMonth({ months }: { months: MonthFigures[] }) {
  const { locale } = useShell();
  const t = useTexts();
  const w = t.tab.monitoring;
  const rows = months.map((m): [string, string] => [monthName(m.month, locale), number(m.signals, locale)]);
  return (
    <ChartSection
      title={w.signalsPerMonth}
      chart={
        <VerticalBarChart
          data={months.map((m) => ({
            x: monthName(m.month, locale),
            y: m.signals,
            legend: t.report.signalsReceived,
          }))}
          height={260}
          hideLegend
          useSingleColor
          culture={culture(locale)}
          yAxisTitle={t.report.signalsReceived}
        />
      }
      alternative={<FigureTable caption={w.signalsPerMonth} columns={[w.month, w.count]} rows={rows} />}
    />
  );
}
