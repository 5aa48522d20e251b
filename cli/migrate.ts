import { basename, dirname, resolve } from 'node:path';
import { openPostgresFromUrl } from '../storage/open-store.js';
import { openLowdbStore } from '../storage/lowdb-store.js';
import { transferStore } from '../storage/transfer.js';
import { readCommandLine, refuse } from './command-line.js';

// `npm run migrate -- --from <lowdb file>`: copies the embedded store into the PostgreSQL
// database of DATABASE_URL and prints the counts it verified. Stop the bot first: the lowdb
// file is locked by the process that uses it.

const USAGE = 'usage: DATABASE_URL=postgres://… npm run migrate -- --from <path to aanzet.json>';

const { values } = readCommandLine('migrate', USAGE, process.argv.slice(2), { from: { type: 'string' } });
const from = values.from || refuse('migrate', USAGE, 'say which file to copy with --from');
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: it names the PostgreSQL database to copy into');
  process.exit(2);
}

const file = resolve(from);
try {
  const source = await openLowdbStore({ dataDir: dirname(file), fileName: basename(file) });
  const target = await openPostgresFromUrl(url);
  try {
    const report = await transferStore(source, target);
    console.log(`copied and verified: ${JSON.stringify(report)}`);
  } finally {
    await Promise.all([source.close(), target.close()]);
  }
} catch (error) {
  console.error(`migrate: ${(error as Error).message}`);
  process.exit(1);
}
