// A CSV reader for the import: RFC 4180 quoting ("a ""b""", line breaks inside quotes), `;` or
// `,` as chosen by the header line (Dutch spreadsheets write `;`), UTF-8 with or without BOM.

export interface CsvTable {
  header: string[];
  /** Each record with its line number in the file (the header is line 1). */
  records: { line: number; cells: string[] }[];
}

export function readCsv(text: string): CsvTable {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
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
