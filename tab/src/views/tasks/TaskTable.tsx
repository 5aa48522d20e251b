import {
  Badge,
  Caption1,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { StepView } from '../../../../casework/reads/views.js';
import { formatDate } from '../../../../casework/covenant/calendar.js';
import { useShell, useTexts } from '../../context.js';
import { DeadlineBadge } from './DeadlineBadge.js';
import type { SortKey, TasksQuery } from './tasks-query.js';

// The open steps as a table: the case id opens the case; the headers sort (on the server, so
// sorting holds across pages).

const useStyles = makeStyles({
  deadline: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  labels: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  secondary: { display: 'block', color: tokens.colorNeutralForeground3 },
});

export function TaskTable(props: { steps: StepView[]; query: TasksQuery; onSort: (key: SortKey) => void }) {
  const { locale, navigation } = useShell();
  const t = useTexts();
  const styles = useStyles();
  const header = (key: SortKey, label: string) => (
    <TableHeaderCell
      sortDirection={
        props.query.sort === key ? (props.query.order === 'asc' ? 'ascending' : 'descending') : undefined
      }
      onClick={() => props.onSort(key)}
    >
      {label}
    </TableHeaderCell>
  );
  return (
    <Table sortable aria-label={t.tab.tasks.title}>
      <TableHeader>
        <TableRow>
          {header('caseId', t.tab.tasks.caseId)}
          {header('step', t.case.step)}
          {header('partner', t.case.responsible)}
          {header('deadline', t.case.deadline)}
          <TableHeaderCell>{t.case.labels}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {props.steps.map((step) => (
          <TableRow key={step.caseId}>
            <TableCell>
              <Link
                aria-label={t.tab.tasks.openCase(step.caseId)}
                onClick={() => navigation.go({ view: 'case', caseId: step.caseId })}
              >
                {step.caseId}
              </Link>
              <Caption1 className={styles.secondary}>{step.covenantName}</Caption1>
            </TableCell>
            <TableCell>{step.stepName ?? t.case.noStep}</TableCell>
            <TableCell>{step.responsible?.name ?? ''}</TableCell>
            <TableCell>
              <span className={styles.deadline}>
                {step.deadline ? formatDate(step.deadline, locale) : t.tab.tasks.noDeadline}
                <DeadlineBadge step={step} locale={locale} />
              </span>
            </TableCell>
            <TableCell>
              <span className={styles.labels}>
                {(step.flags ?? []).map((flag) => (
                  <Badge key={flag} appearance="outline" color={flag === 'crisis' ? 'danger' : 'brand'}>
                    {t.flags[flag]}
                  </Badge>
                ))}
              </span>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
