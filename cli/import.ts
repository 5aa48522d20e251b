import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { Casework, type ImportReport, type ImportRow } from '../casework/casework.js';
import { NotAllowed, InvalidInput } from '../casework/errors.js';
import type { Store } from '../casework/ports.js';
import { fieldErrorText } from '../cards/field-errors.js';
import { texts, type Locale } from '../cards/texts.js';
import { DEFAULT_COVENANT_DIR, loadCovenants } from '../storage/covenant-files.js';
import { openStore } from '../storage/open-store.js';
import { readCommandLine, refuse } from './command-line.js';
import { readCsvTable } from './csv.js';
import { columnOf, headerProblems, toImportRow } from './import-rows.js';

const USAGE = `Usage:
  npm run import -- <file.csv|file.json> --as <userId> [--covenant <id>] [--all-or-nothing] [--dry-run] [--lang nl|en]

Imports signals from a file in the AanZet import format (docs/import-format.md) into the store
AanZet uses (DATABASE_URL, else AANZET_DATA_DIR). Every row is checked as the register card
checks it; a row imported before (same bron_id for the same signalling partner) is skipped.
  --as              the user id of the member importing (active in a signalling partner, or the coordinator)
  --covenant        the covenant (needed when the member is in more than one)
  --all-or-nothing  store nothing when any row is refused
  --dry-run         check every row, store nothing
  --lang            language of the report (default nl)
Exit code: 0 all rows imported or imported before, 1 some refused (or the file unreadable), 2 usage.`;

const FLAGS = {
  as: { type: 'string' },
  covenant: { type: 'string' },
  'all-or-nothing': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  lang: { type: 'string' },
} as const;

type Texts = ReturnType<typeof texts>['import'];

/** Refused before any row is looked at: the message, exit code 1. */
class FileRefused extends Error {}
/** A command-line problem found once the store is open: the usage, exit code 2 (after closing it). */
class UsageRefused extends Error {}

type Args = ReturnType<typeof readCommandLine<typeof FLAGS>>;

/** The file's rows: CSV (a header, then a row per signal) or JSON (a list of objects). */
function readRows(file: string, t: Texts): ImportRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileRefused(t.unreadable(file, code === 'ENOENT' ? t.noFile : (error as Error).message));
  }
  let records: { row: number; values: Record<string, unknown>; cellCount?: number | undefined }[];
  let names: string[];
  if (extname(file).toLowerCase() === '.json') {
    const list = parseJsonList(text.replace(/^\uFEFF/, ''));
    if (!list) throw new FileRefused(t.unreadable(file, t.notJson));
    records = list.map((values, i) => ({ row: i + 1, values }));
    names = [...new Set(list.flatMap((values) => Object.keys(values)))];
  } else {
    const table = readCsvTable(text);
    names = table.header;
    records = table.records.map(({ line, cells }) => ({
      row: line,
      values: Object.fromEntries(table.header.map((name, i) => [name, cells[i] ?? ''])),
      // Cells that do not line up with the header would land in the wrong fields.
      cellCount: cells.length === table.header.length ? undefined : cells.length,
    }));
  }
  if (records.length === 0) throw new FileRefused(t.unreadable(file, t.noRows));
  // A misspelt column would lose what is in it: the file is refused instead.
  const { unknown, missing } = headerProblems(names);
  if (unknown.length > 0) throw new FileRefused(t.unreadable(file, t.unknownColumns(unknown.join(', '))));
  if (missing.length > 0) throw new FileRefused(t.unreadable(file, t.missingColumns(missing.join(', '))));
  return records.map(({ row, values, cellCount }) =>
    cellCount === undefined
      ? toImportRow(row, values)
      : {
          ...toImportRow(row, values),
          errors: {
            input: { code: 'import_cell_count', params: { cells: cellCount, columns: names.length } },
          },
        },
  );
}

function parseJsonList(text: string): Record<string, unknown>[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { signalen?: unknown } | null)?.signalen;
  if (!Array.isArray(list)) return undefined;
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  return list.every(isObject) ? (list as Record<string, unknown>[]) : undefined;
}

/** The report: a line per refused row (per column) and per row imported before, then the totals. */
export function reportLines(locale: Locale, report: ImportReport): string[] {
  const t = texts(locale).import;
  const m = texts(locale).messages;
  const lines: string[] = [];
  for (const outcome of report.rows) {
    if (outcome.outcome === 'duplicate') lines.push(t.duplicateRow(outcome.row, outcome.caseId));
    if (outcome.outcome === 'imported' && outcome.outsideCriteria)
      lines.push(
        t.notTakenUpRow(outcome.row, outcome.caseId, fieldErrorText(locale, outcome.outsideCriteria)),
      );
    if (outcome.outcome !== 'refused') continue;
    const { error } = outcome;
    if (error instanceof NotAllowed) lines.push(t.refusedRowWhole(outcome.row, m.refusal(error.refusal)));
    else
      for (const [path, fieldError] of Object.entries(error.fieldErrors))
        lines.push(
          path === 'input'
            ? t.refusedRowWhole(outcome.row, fieldErrorText(locale, fieldError))
            : t.refusedRow(outcome.row, columnOf(path), fieldErrorText(locale, fieldError)),
        );
  }
  lines.push(t.totals({ ...report, rows: report.rows.length }));
  if (!report.written) lines.push(report.refused > 0 ? t.allOrNothing : t.dryRun);
  return lines;
}

async function importFile(
  store: Store,
  { values }: Args,
  file: string,
  as: string,
  lang: Locale,
): Promise<0 | 1> {
  const t = texts(lang).import;
  const covenants = loadCovenants(process.env.AANZET_COVENANT_DIR ?? DEFAULT_COVENANT_DIR);
  const casework = new Casework({ covenants, ...store, clock: () => new Date() });
  const member = await store.members.get(as);
  if (!member) throw new FileRefused(t.unknownMember(as));
  const active = member.memberships.filter((m) => m.status === 'active').map((m) => m.covenantId);
  const covenantId = values.covenant ?? (active.length === 1 ? active[0] : undefined);
  if (covenantId === undefined)
    throw new UsageRefused(t.whichCovenant(covenants.map((c) => c.id).join(', ')));
  if (!covenants.some((c) => c.id === covenantId)) throw new UsageRefused(t.unknownCovenant(covenantId));
  const rows = readRows(file, t);
  let report: ImportReport;
  try {
    report = await casework.importSignals(member, rows, {
      covenantId,
      fileName: basename(file),
      allOrNothing: values['all-or-nothing'] === true,
      dryRun: values['dry-run'] === true,
    });
  } catch (error) {
    if (error instanceof NotAllowed) throw new FileRefused(`${texts(lang).messages.refusal(error.refusal)}`);
    if (error instanceof InvalidInput) throw new FileRefused(t.notMember);
    throw error;
  }
  process.stdout.write(reportLines(lang, report).join('\n') + '\n');
  return report.refused > 0 ? 1 : 0;
}

async function main(argv: string[]): Promise<0 | 1> {
  // Usage problems first, before a store is opened (and locked).
  const args = readCommandLine('import', USAGE, argv, FLAGS, { allowPositionals: true });
  const lang = args.values.lang ?? 'nl';
  if (lang !== 'nl' && lang !== 'en') refuse('import', USAGE, `--lang is nl or en, not "${lang}"`);
  const [file, ...more] = args.positionals;
  if (file === undefined) refuse('import', USAGE, 'which file?');
  if (more.length > 0) refuse('import', USAGE, `one file at a time, not also ${more.join(' ')}`);
  const as = args.values.as;
  if (as === undefined) refuse('import', USAGE, '--as <userId>: who imports?');
  const store = await openStore(process.env);
  let usageProblem: string | undefined;
  try {
    return await importFile(store, args, file, as, lang);
  } catch (error) {
    if (error instanceof UsageRefused) usageProblem = error.message;
    else if (error instanceof FileRefused) {
      process.stderr.write(`import: ${error.message}\n`);
      return 1;
    } else throw error;
  } finally {
    await store.close();
  }
  refuse('import', USAGE, usageProblem);
}

process.exitCode = await main(process.argv.slice(2));
