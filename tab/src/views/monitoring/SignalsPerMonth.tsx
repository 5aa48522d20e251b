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
  // The table also gives what the months add up to in the funnel: reached, arrangement, debt help.
  const rows = months.map((m): [string, ...string[]] => [
    monthName(m.month, locale),
    ...[m.signals, m.reached, m.arrangement, m.debtHelp].map((count) => number(count, locale)),
  ]);
  const columns = [
    w.month,
    t.report.signalsReceived,
    t.report.householdsReached,
    t.report.paymentArrangements,
    t.report.referredToDebtHelp,
  ];
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
          // "jan 2026" on two lines: twelve months side by side ran together.
          wrapXAxisLables
          useSingleColor
          culture={culture(locale)}
          yAxisTitle={t.report.signalsReceived}
        />
      }
      alternative={<FigureTable caption={w.signalsPerMonth} columns={columns} rows={rows} />}
    />
  );
}
