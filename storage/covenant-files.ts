import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCovenant } from '../casework/covenant/check.js';
import type { Covenant } from '../casework/covenant/covenant.js';

/** The project's covenants/: one level up from storage/ in the source, two from dist/storage/. */
export const DEFAULT_COVENANT_DIR =
  [
    resolve(import.meta.dirname, '..', 'covenants'),
    resolve(import.meta.dirname, '..', '..', 'covenants'),
  ].find((dir) => existsSync(dir)) ?? resolve(import.meta.dirname, '..', 'covenants');

/** Reads and checks one covenant file; an unreadable file is a CovenantError naming it too. */
export function readCovenantFile(path: string): Covenant {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read the covenant file: ${(error as Error).message}`);
  }
  return parseCovenant(text, path);
}

/** Every *.yaml in the folder, checked; case prefixes and ids must be unique across them. */
export function loadCovenants(dir: string = DEFAULT_COVENANT_DIR): Covenant[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort();
  const covenants = files.map((name) => readCovenantFile(join(dir, name)));
  const seen = new Map<string, string>();
  for (const [i, covenant] of covenants.entries()) {
    for (const key of [`id ${covenant.id}`, `case_prefix ${covenant.case_prefix}`]) {
      const other = seen.get(key);
      if (other) throw new Error(`${join(dir, files[i]!)}: ${key} is already used by ${other}`);
      seen.set(key, join(dir, files[i]!));
    }
  }
  return covenants;
}
