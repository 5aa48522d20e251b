import { Badge, Caption1, Title2, makeStyles, tokens } from '@fluentui/react-components';
import type { CaseView } from '../../../../casework/reads/views.js';
import { labelTexts, observedWords } from '../../../../cards/case-parts.js';
import { useShell, useTexts } from '../../context.js';

// The case's title, its covenant, the labels of the special rules that hold (as the card's
// attention band) and which of them the signaller observed itself.

const useStyles = makeStyles({
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  labels: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export function CaseHeader({ view }: { view: CaseView }) {
  const { locale } = useShell();
  const t = useTexts();
  const styles = useStyles();
  const labels = labelTexts(view, locale);
  const observed = observedWords(view, locale);
  return (
    <header className={styles.header}>
      <Title2 as="h2">{t.case.title(view.caseId)}</Title2>
      <Caption1>{view.covenantName}</Caption1>
      {labels.length > 0 && (
        <div className={styles.labels} role="group" aria-label={t.case.labels}>
          {labels.map((label) => (
            <Badge key={label} appearance="tint" color="danger">
              {label}
            </Badge>
          ))}
        </div>
      )}
      {observed !== null && <Caption1>{observed}</Caption1>}
    </header>
  );
}
