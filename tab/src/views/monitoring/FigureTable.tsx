import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';

/** The numbers behind a chart as a small table: the chart's text alternative. */
export function FigureTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: [string, string];
  rows: [label: string, value: string][];
}) {
  return (
    <Table size="extra-small" aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{columns[0]}</TableHeaderCell>
          <TableHeaderCell>{columns[1]}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(([label, value]) => (
          <TableRow key={label}>
            <TableCell>{label}</TableCell>
            <TableCell>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
