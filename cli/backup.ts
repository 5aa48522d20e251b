import { resolve } from 'node:path';
import { backupStoreFile, describeCounts } from '../storage/store-backup.js';
import { readCommandLine, refuse } from './command-line.js';
import { embeddedDataFile } from './data-file.js';

// `npm run backup -- [--to <file>]`: a checked copy of the embedded store's file
// (AANZET_DATA_DIR/aanzet.json) and its archive files of closed cases, as one file, also while
// the bot runs. Without --to the copy goes to
// <data dir>/backups/aanzet-<UTC timestamp>.json. PostgreSQL: use pg_dump instead.

const USAGE = 'usage: npm run backup -- [--to <backup file>]   (reads AANZET_DATA_DIR/aanzet.json)';

const { values } = readCommandLine('backup', USAGE, process.argv.slice(2), { to: { type: 'string' } });
if (values.to === '') refuse('backup', USAGE, '--to needs a file name');
const file = embeddedDataFile('backup', USAGE, 'pg_dump');
const to = values.to === undefined ? undefined : resolve(values.to);
if (to === file || to === `${file}.lock`) refuse('backup', USAGE, `--to ${to} is the data file itself`);
try {
  const result = await backupStoreFile(file, to);
  const archives = result.archives > 0 ? ` and its ${result.archives} archive files` : '';
  console.log(
    `backup: copied ${result.from}${archives} to ${result.to} (checked): ${describeCounts(result.counts)}`,
  );
} catch (error) {
  console.error(`backup: ${(error as Error).message}`);
  process.exit(1);
}
