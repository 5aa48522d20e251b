import type { FinalResult } from '../casework/covenant/final-results.js';
import { ddasFinalResult, type CovenantExport, type ExportFormat } from '../casework/reads/exports.js';
import { writeCsv } from './csv.js';
import { caseRows, figureRows } from './report-tables.js';

// What `npm run report` writes, also downloaded from the personal tab (bot/tab-api): the figures
// or the anonymous case list as CSV, or the DDAS-shaped cases as JSON.

export function reportContent(data: CovenantExport, format: ExportFormat, cases: boolean): string {
  if (format === 'json') return `${JSON.stringify(data.ddas, null, 2)}\n`;
  const label = (code: string) => ddasFinalResult(code as FinalResult);
  return writeCsv(cases ? caseRows(data) : figureRows(data, label));
}
