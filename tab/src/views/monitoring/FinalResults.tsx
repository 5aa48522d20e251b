import { HorizontalBarChart } from '@fluentui/react-charts';
import { Text } from '@fluentui/react-components';
import { FINAL_RESULT_CODES } from '../../../../casework/covenant/final-results.js';
import { useShell, useTexts } from '../../context.js';
import type { CovenantFigures } from './answers.js';
import { ChartSection } from './ChartSection.js';
import { FigureTable } from './FigureTable.js';
import { culture, number } from './words.js';

/** The closed cases by national final result, named as on the cards: each out of all closed. */
export function FinalResults({ figures }: { figures: CovenantFigures }) {
  const { locale } = useShell();
  const t = useTexts();
  const results = FINAL_RESULT_CODES.filter((code) => figures.perFinalResult[code] > 0).map((code) => ({
    name: t.finalResults[code],
    count: figures.perFinalResult[code],
  }));
  if (results.length === 0)
    return (
      <ChartSection
        title={t.report.perFinalResult}
        chart={null}
        alternative={<Text>{t.report.noneClosed}</Text>}
      />
    );
  return (
    <ChartSection
      title={t.report.perFinalResult}
      chart={
        <HorizontalBarChart
          data={results.map((r) => ({
            chartTitle: r.name,
            chartData: [{ legend: r.name, horizontalBarChartdata: { x: r.count, total: figures.closed } }],
          }))}
          chartDataMode="fraction"
          culture={culture(locale)}
        />
      }
      alternative={
        <FigureTable
          caption={t.report.perFinalResult}
          columns={[t.tab.monitoring.finalResult, t.tab.monitoring.count]}
          rows={results.map((r) => [r.name, number(r.count, locale)])}
        />
      }
    />
  );
}
