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
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === SEPARATOR) {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
