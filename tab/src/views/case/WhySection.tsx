import { Caption1, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { CaseView } from '../../../../casework/reads/views.js';
import { changeLine } from '../../../../cards/case-parts.js';
import { useShell, useTexts } from '../../context.js';
import { Section } from './Section.js';

// Why this partner is at turn: the covenant's rule in its own (Dutch) words, marked as such, its
// deadline rule in the reader's language, then each referral, take-over and postponement.

const useStyles = makeStyles({
  quote: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalM,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
    display: 'flex',
    flexDirection: 'column',
  },
  changes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** Marks the covenant's quoted words, which a language check leaves out (they are Dutch only). */
export const COVENANT_WORDS = 'covenant-words';

export function WhySection({ view }: { view: CaseView }) {
  const { locale } = useShell();
  const t = useTexts();
  const styles = useStyles();
  const changes = (view.stepChanges ?? []).map((change) => changeLine(change, locale));
  const rule = view.deadlineRule;
  if (!view.because && changes.length === 0) return null;
  return (
    <Section title={t.case.why}>
      {view.because && (
        <blockquote className={styles.quote}>
          <Text data-testid={COVENANT_WORDS}>{view.because}</Text>
          <Caption1>
            ({t.case.covenantWords}
            {view.examples?.rule ? ` · ${t.case.example}` : ''})
          </Caption1>
        </blockquote>
      )}
      {rule && (
        <Text>{t.case.deadlineRule(rule.days, rule.unit === 'working_days', rule.from === 'signal')}</Text>
      )}
      {changes.length > 0 && (
        <ul className={styles.changes}>
          {changes.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </Section>
  );
}
