import { HorizontalBarChart } from '@fluentui/react-charts';
import { useShell, useTexts } from '../../context.js';
import type { CovenantFigures } from './answers.js';
import { ChartSection } from './ChartSection.js';
import { FigureTable } from './FigureTable.js';
import { culture } from './words.js';

/** The Lekstroom way of telling it: signals → households reached → arrangement / debt help. */
export function Funnel({ figures }: { figures: CovenantFigures }) {
  const { locale } = useShell();
  const t = useTexts();
  const w = t.tab.monitoring;
  const signals = figures.signalsReceived;
  const stages: [string, number][] = [
    [t.report.signalsReceived, signals],
    [t.report.householdsReached, figures.householdsReached],
    [t.report.paymentArrangements, figures.paymentArrangements],
    [t.report.referredToDebtHelp, figures.referredToDebtHelp],
  ];
  return (
    <ChartSection
      title={w.funnel}
      chart={
        <HorizontalBarChart
          data={stages.map(([name, count]) => ({
            chartTitle: name,
            chartData: [
              { legend: name, horizontalBarChartdata: { x: count, total: Math.max(signals, count) } },
            ],
          }))}
          chartDataMode="fraction"
          culture={culture(locale)}
        />
      }
      alternative={
        <FigureTable
          caption={w.funnel}
          columns={[w.funnelStage, w.count]}
          rows={stages.map(([name, count]) => [name, w.ofSignals(count, signals)])}
        />
      }
    />
  );
}
