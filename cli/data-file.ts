import { resolve } from 'node:path';
import { refuse } from './command-line.js';

/**
 * The embedded store's file, as the bot finds it: aanzet.json in AANZET_DATA_DIR (./data).
 * With DATABASE_URL set the data is in PostgreSQL, which has its own tool for this.
 */
export function embeddedDataFile(tool: string, usage: string, postgresTool: string): string {
  if (process.env.DATABASE_URL)
    refuse(tool, usage, `DATABASE_URL is set: the data is in PostgreSQL; use ${postgresTool} for it`);
  return resolve(process.env.AANZET_DATA_DIR ?? './data', 'aanzet.json');
}
