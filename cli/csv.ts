// CSV that Dutch Excel opens as it is: `;` between fields, UTF-8 with a byte order mark, CRLF line
// ends, quoting per RFC 4180, decimal commas and dd-mm-jjjj dates. readCsv reads it back.

const BOM = '\uFEFF';
const SEPARATOR = ';';
const CRLF = '\r\n';

export type Cell = string | number | null;

export function writeCsv(rows: Cell[][]): string {
  return BOM + rows.map((row) => row.map(cell).join(SEPARATOR)).join(CRLF) + CRLF;
}

function cell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? dutchNumber(value) : guardFormula(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** 81.8 → "81,8": no thousands separator, at most 4 decimals. */
export function dutchNumber(value: number): string {
  return new Intl.NumberFormat('nl-NL', { useGrouping: false, maximumFractionDigits: 4 }).format(value);
}

/** 2026-03-09 → 09-03-2026 */
export function dutchDate(iso: string | null): string | null {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}-${m[2]}-${m[1]}` : iso;
}

/** A text that Excel would run as a formula is shown as text (OWASP CSV injection). */
function guardFormula(text: string): string {
  return /^[=+@\t\r]/.test(text) ? `'${text}` : text;
}

/** Parses what writeCsv wrote (and any RFC 4180 CSV with `;`): rows of fields, without the BOM. */
export function readCsv(content: string): string[][] {
  const text = content.startsWith(BOM) ? content.slice(1) : content;
  return splitRecords(text, SEPARATOR).map((r) => r.cells);
}

// The import's reader: `;` or `,` as chosen by the header line (Dutch spreadsheets write `;`),
// UTF-8 with or without BOM, each record with its line number for the refusal report.

export interface CsvTable {
  header: string[];
  /** Each record with its line number in the file (the header is line 1). */
  records: { line: number; cells: string[] }[];
}

export function readCsvTable(text: string): CsvTable {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = count(firstLine, ';') >= count(firstLine, ',') ? ';' : ',';
  const rows = splitRecords(body, separator);
  const [header, ...records] = rows.filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === ''));
  return {
    header: (header?.cells ?? []).map((h) => h.trim()),
    records: records,
  };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function splitRecords(text: string, separator: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      recordLine = ++line;
    } else cell += char;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    records.push({ line: recordLine, cells });
  }
  return records;
}
