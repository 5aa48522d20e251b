import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';

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
  return (
    <Table size="extra-small" aria-label={caption}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column}>{column}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map(([label, ...values]) => (
          <TableRow key={label}>
            <TableCell>{label}</TableCell>
            {values.map((value, index) => (
              <TableCell key={columns[index + 1] ?? index}>{value}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
