import { HorizontalBarChart } from '@fluentui/react-charts';
import { Text } from '@fluentui/react-components';
import { useShell, useTexts } from '../../context.js';
import type { CovenantFigures } from './answers.js';
import { ChartSection } from './ChartSection.js';
import { FigureTable } from './FigureTable.js';
import { culture, percent } from './words.js';

/** Per partner: steps completed by their deadline out of the steps it completed in the period. */
export function OnTime({ partners }: { partners: CovenantFigures['onTimePerPartner'] }) {
  const { locale } = useShell();
  const t = useTexts();
  if (partners.length === 0)
    return <ChartSection title={t.report.onTime} chart={null} alternative={<Text>{t.report.noData}</Text>} />;
  const label = (p: (typeof partners)[number]) =>
    t.report.onTimeText(
      p.numerator,
      p.denominator,
      p.share === null ? t.report.noData : percent(p.share, locale),
    );
  return (
    <ChartSection
      title={t.report.onTime}
      chart={
        <HorizontalBarChart
          data={partners.map((p) => ({
            chartTitle: p.partnerName,
            chartData: [
              { legend: p.partnerName, horizontalBarChartdata: { x: p.numerator, total: p.denominator } },
            ],
          }))}
          chartDataMode="fraction"
          culture={culture(locale)}
        />
      }
      alternative={
        <FigureTable
          caption={t.report.onTime}
          columns={[t.tab.monitoring.partner, t.tab.monitoring.onTimeSteps]}
          rows={partners.map((p) => [p.partnerName, label(p)])}
        />
      }
    />
  );
}
