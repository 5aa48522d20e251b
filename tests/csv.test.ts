import { describe, expect, it } from 'vitest';
import { dutchDate, readCsv, writeCsv } from '../cli/csv.js';

// The CSV module of the exports: what Dutch Excel expects, and read back the same way.

describe('CSV for Dutch Excel', () => {
  it('writes a BOM, ; between fields, CRLF, decimal commas and quotes per RFC 4180', () => {
    const csv = writeCsv([
      ['Groep', 'Aandeel'],
      ['Gemeente "Houten"; west', 81.8182],
      ['regel\nnieuw', null],
    ]);
    expect(csv).toBe('\uFEFFGroep;Aandeel\r\n"Gemeente ""Houten""; west";81,8182\r\n"regel\nnieuw";\r\n');
    expect(readCsv(csv)).toEqual([
      ['Groep', 'Aandeel'],
      ['Gemeente "Houten"; west', '81,8182'],
      ['regel\nnieuw', ''],
    ]);
  });

  it('writes no thousands separator and shows a formula as text', () => {
    expect(readCsv(writeCsv([[1234567.5, '=HYPERLINK("x")', '+31 6']]))).toEqual([
      ['1234567,5', `'=HYPERLINK("x")`, `'+31 6`],
    ]);
  });

  it('writes dates as dd-mm-jjjj', () => {
    expect(dutchDate('2026-03-09')).toBe('09-03-2026');
    expect(dutchDate(null)).toBeNull();
  });
});
