import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';

// Label and value pairs, as a card's FactSet: a description list; empty values are left out.

const useStyles = makeStyles({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
  },
  label: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
  row: { display: 'contents' },
});

export type Fact = [label: string, value: ReactNode | null | undefined];

export function Facts({ facts }: { facts: Fact[] }) {
  const styles = useStyles();
  const shown = facts.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (shown.length === 0) return null;
  return (
    <dl className={styles.list}>
      {shown.map(([label, value]) => (
        <div key={label} className={styles.row}>
          <dt className={styles.label}>{label}</dt>
          <dd className={styles.value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
