import { writeFileSync } from 'node:fs';
import { Casework } from '../casework/casework.js';
import { NotAllowed } from '../casework/errors.js';
import { fromTo } from '../casework/reads/period.js';
import { MAX_PERIOD_YEARS } from '../casework/reads/period-limit.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { openStore } from '../storage/open-store.js';
import { readCommandLine, refuse } from './command-line.js';
import { reportContent } from './report-content.js';

// `npm run report -- --covenant <id> --from <date> --to <date> --format csv|json [--cases]
// [--out file] --as <userId>`: the monitoring figures (CSV), the anonymous case list (CSV with
// --cases) or the cases shaped after the DDAS exchange model (JSON), for a coordinator. Opens
// the store as the bot does (DATABASE_URL, else the lowdb file in AANZET_DATA_DIR); every export
// is written to the audit log.

const USAGE = `usage: npm run report -- --covenant <id> --from <yyyy-mm-dd> --to <yyyy-mm-dd> --format csv|json --as <userId> [--cases] [--out <file>]
  --format csv   the figures, for Dutch Excel (; separated, UTF-8 with BOM, decimal comma, dd-mm-jjjj)
  --cases        with csv: the anonymous case list instead of the figures
  --format json  the cases shaped after the DDAS exchange model v1.2, without client data
  --as           the user id of a coordinator of the covenant (the export is audited under it)
  --out          write to this file instead of standard output`;

const { values } = readCommandLine('report', USAGE, process.argv.slice(2), {
  covenant: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  as: { type: 'string' },
  cases: { type: 'boolean' },
  out: { type: 'string' },
});
const covenantId = values.covenant || refuse('report', USAGE, 'say which covenant with --covenant');
const userId = values.as || refuse('report', USAGE, 'say who exports with --as <userId> (a coordinator)');
const format = values.format ?? '';
if (format !== 'csv' && format !== 'json')
  refuse('report', USAGE, `--format must be csv or json, not "${format}"`);
const period = fromTo(values.from ?? '', values.to ?? '');
if (!period.ok)
  refuse(
    'report',
    USAGE,
    `--from and --to must be dates (yyyy-mm-dd), --from not after --to, at most ${MAX_PERIOD_YEARS} years apart; got "${period.given}"`,
  );

const covenants = loadCovenants();
if (!covenants.some((c) => c.id === covenantId))
  refuse('report', USAGE, `no covenant "${covenantId}"; known: ${covenants.map((c) => c.id).join(', ')}`);

const store = await openStore(process.env);
let exitCode = 0;
try {
  const casework = new Casework({ covenants, ...store, clock: () => new Date() });
  const actor = await store.members.get(userId);
  if (!actor)
    throw new NotAllowed('export the figures', `no member with user id "${userId}"`, {
      code: 'not_member',
      covenant: covenantId,
    });
  const data = await casework.exportReport(actor, covenantId, period.period, format);
  const content = reportContent(data, format, values.cases ?? false);
  if (values.out) writeFileSync(values.out, content);
  else process.stdout.write(content);
} catch (error) {
  process.stderr.write(
    error instanceof NotAllowed
      ? `report: refused: ${error.message}\n`
      : `report: ${(error as Error).message}\n`,
  );
  exitCode = 1;
} finally {
  await store.close();
}
process.exit(exitCode);
