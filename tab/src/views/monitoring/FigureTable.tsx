import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useMonitoringStyles } from './styles.js';

/** The numbers behind a chart as a small table: the chart's text alternative. Rows start with their label. */
export function FigureTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: string[];
  rows: [label: string, ...values: string[]][];
}) {
  const styles = useMonitoringStyles();
  return (
    <Table size="extra-small" aria-label={caption} className={styles.figureTable}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column} className={styles.figureHeader}>
              {column}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(([label, ...values]) => (
          <TableRow key={label}>
            <TableCell className={styles.figureLabel}>{label}</TableCell>
            {values.map((value, index) => (
              <TableCell key={columns[index + 1] ?? index}>{value}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
