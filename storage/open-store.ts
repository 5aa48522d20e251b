import { mkdir } from 'node:fs/promises';
import type { Store } from '../casework/ports.js';
import { openLowdbStore } from './lowdb-store.js';

/**
 * The one place that chooses the storage engine. For now always the embedded lowdb file in
 * AANZET_DATA_DIR (default ./data). Later: DATABASE_URL set → PostgreSQL, for several instances.
 */
export async function openStore(env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const dataDir = env.AANZET_DATA_DIR ?? './data';
  await mkdir(dataDir, { recursive: true });
  return openLowdbStore({ dataDir });
}
