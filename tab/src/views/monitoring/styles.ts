import { makeStyles, tokens } from '@fluentui/react-components';

// Layout only; colours come from the Fluent theme (Teams light, dark, high contrast).
export const useMonitoringStyles = makeStyles({
  view: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
  },
  controls: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  presets: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  keyFigures: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  tiles: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  tileValue: {
    fontSize: tokens.fontSizeHero800,
    lineHeight: tokens.lineHeightHero800,
    fontWeight: tokens.fontWeightSemibold,
  },
  charts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))',
    gap: tokens.spacingHorizontalXL,
  },
  chart: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
  // Columns as wide as their words (Fluent's fixed layout let long Dutch headings overlap).
  figureTable: { tableLayout: 'auto' },
  // A month ('sep 2026') on one line.
  figureLabel: { minWidth: '9ch' },
  figureHeader: { overflowWrap: 'anywhere', verticalAlign: 'bottom' },
  exports: { display: 'flex', gap: tokens.spacingHorizontalS },
});
