import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { TimelineEntry } from '../../../../casework/reads/views.js';
import { shortMoment } from '../../../../cards/format.js';
import { timelineLine } from '../../../../cards/timeline.js';
import { useShell, useTexts } from '../../context.js';
import { Section } from './Section.js';

// The case's whole history, oldest first, each line worded as the case card words it (the card
// shows the last eight; the tab has room for all). Contact attempts, outcomes and step changes are
// among its facts.

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  entry: { display: 'grid', gridTemplateColumns: '8em 1fr', columnGap: tokens.spacingHorizontalM },
  moment: { color: tokens.colorNeutralForeground3 },
});

export function Timeline({ entries }: { entries: readonly TimelineEntry[] }) {
  const { locale } = useShell();
  const t = useTexts();
  const styles = useStyles();
  return (
    <Section title={t.case.timeline}>
      {entries.length === 0 ? (
        <Caption1>{t.tab.case.noEvents}</Caption1>
      ) : (
        <ol className={styles.list}>
          {entries.map((entry, i) => (
            <li key={i} className={styles.entry}>
              <time className={styles.moment} dateTime={entry.at}>
                {shortMoment(entry.at, locale)}
              </time>
              <Text>{timelineLine(entry, locale)}</Text>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
