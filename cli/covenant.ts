import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { toIsoDate } from '../casework/covenant/calendar.js';
import type { Covenant } from '../casework/covenant/covenant.js';
import { covenantStanding, exampleParts } from '../casework/covenant/provenance.js';
import { DEFAULT_COVENANT_DIR, readCovenantFile } from '../storage/covenant-files.js';
import { readCommandLine, refuse } from './command-line.js';
import { renderMermaid, renderStepPlanText } from './covenant-render.js';

// npm run covenant -- check [file...]          check covenant files (no files: all of covenants/)
// npm run covenant -- show <file> [--mermaid|--text]   print the step plan

const USAGE = `Usage:
  npm run covenant -- check [file...]                 check covenant files (default: every file in covenants/)
  npm run covenant -- show <file> [--mermaid|--text]  print the step plan as text and/or a Mermaid flowchart
  npm run covenant -- --help                          this text`;

type ExitCode = 0 | 1;

function covenantFilesInDefaultDir(): string[] {
  return readdirSync(DEFAULT_COVENANT_DIR)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => relative(process.cwd(), join(DEFAULT_COVENANT_DIR, name)));
}

function check(files: string[]): ExitCode {
  const wholeDir = files.length === 0;
  const paths = wholeDir ? covenantFilesInDefaultDir() : files;
  const loaded: { file: string; covenant: Covenant }[] = [];
  let failed = false;
  for (const file of paths) {
    try {
      const covenant = readCovenantFile(file);
      loaded.push({ file, covenant });
      process.stdout.write(
        `ok  ${file}  (${covenant.name}: ${covenant.partners.length} partners, ${covenant.steps.length} steps)\n`,
      );
      process.stdout.write(notes(covenant, toIsoDate(new Date())));
    } catch (error) {
      failed = true;
      process.stderr.write(`${(error as Error).message}\n`);
    }
  }
  if (wholeDir) failed = reportDuplicates(loaded) || failed;
  return failed ? 1 : 0;
}

/** The example parts and the covenant's standing, indented under its "ok" line. */
function notes(covenant: Covenant, today: string): string {
  const lines: string[] = [];
  const { expiredOn, evaluationsDue } = covenantStanding(covenant, today);
  if (expiredOn) lines.push(`warning: the covenant ran until ${expiredOn} and has expired`);
  for (const date of evaluationsDue) lines.push(`evaluation due on ${date}`);
  if (!covenant.valid) lines.push('no validity period given (valid: {from, until})');
  const examples = exampleParts(covenant);
  if (examples.length > 0) {
    lines.push(`example parts (${examples.length}), not from the source:`);
    for (const { owner, part, reason } of examples) {
      const where = owner.kind === 'step' ? `step ${owner.id}` : `special rule ${owner.id}`;
      const what = part === 'responsible' ? 'owner' : part;
      lines.push(`  - ${where}: ${what}${reason ? ` (${reason})` : ''}`);
    }
  }
  return lines.map((line) => `    ${line}\n`).join('');
}

/** The covenants of one folder are loaded together: their ids and case prefixes must differ. */
function reportDuplicates(loaded: { file: string; covenant: Covenant }[]): boolean {
  const seen = new Map<string, string>();
  let found = false;
  for (const { file, covenant } of loaded) {
    for (const key of [`id ${covenant.id}`, `case_prefix ${covenant.case_prefix}`]) {
      const other = seen.get(key);
      if (other) {
        process.stderr.write(`${file}: ${key} is already used by ${other}\n`);
        found = true;
      } else seen.set(key, file);
    }
  }
  return found;
}

function show(args: string[]): ExitCode {
  const { values, positionals } = readCommandLine(
    'covenant show',
    USAGE,
    args,
    { mermaid: { type: 'boolean' }, text: { type: 'boolean' } },
    { allowPositionals: true },
  );
  const [file, ...more] = positionals;
  if (file === undefined) refuse('covenant show', USAGE, 'which covenant file?');
  if (more.length > 0) refuse('covenant show', USAGE, `one file at a time, not also ${more.join(' ')}`);
  let covenant: Covenant;
  try {
    covenant = readCovenantFile(file);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 1;
  }
  const neither = !values.text && !values.mermaid;
  const text = neither || values.text === true;
  const mermaid = neither || values.mermaid === true;
  const parts: string[] = [];
  if (text) parts.push(renderStepPlanText(covenant));
  if (mermaid)
    parts.push(text ? '```mermaid\n' + renderMermaid(covenant) + '```\n' : renderMermaid(covenant));
  process.stdout.write(parts.join('\n'));
  return 0;
}

function main(argv: string[]): ExitCode {
  const [command, ...rest] = argv;
  if (command === 'check')
    return check(readCommandLine('covenant check', USAGE, rest, {}, { allowPositionals: true }).positionals);
  if (command === 'show') return show(rest);
  // --help, or a flag or command that is not one of these.
  readCommandLine('covenant', USAGE, argv, {}, { allowPositionals: true });
  refuse('covenant', USAGE, command === undefined ? 'which command?' : `unknown command "${command}"`);
}

process.exitCode = main(process.argv.slice(2));
