import { resolve } from 'node:path';
import { describeCounts, restoreStoreFile } from '../storage/store-backup.js';
import { readCommandLine, refuse } from './command-line.js';
import { embeddedDataFile } from './data-file.js';

// `npm run restore -- --from <backup file>`: puts a backup in place of AANZET_DATA_DIR/aanzet.json.
// Refuses while a bot runs on that folder, and a backup that is no AanZet data file; the file it
// replaces is kept next to it as aanzet.json.before-restore-<UTC timestamp>. PostgreSQL: pg_restore.

const USAGE = 'usage: npm run restore -- --from <backup file>   (replaces AANZET_DATA_DIR/aanzet.json)';

const { values } = readCommandLine('restore', USAGE, process.argv.slice(2), { from: { type: 'string' } });
const from = values.from || refuse('restore', USAGE, 'say which backup to restore with --from');
const file = embeddedDataFile('restore', USAGE, 'pg_restore');
try {
  const result = await restoreStoreFile(resolve(from), file);
  if (result.kept) console.log(`restore: kept the replaced file as ${result.kept}`);
  for (const kept of result.keptArchives) console.log(`restore: kept the replaced archive file as ${kept}`);
  console.log(`restore: restored ${result.from} to ${result.to}: ${describeCounts(result.counts)}`);
} catch (error) {
  console.error(`restore: nothing restored: ${(error as Error).message}`);
  process.exit(1);
}
