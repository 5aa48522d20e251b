import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// The browser tests run the tab as the bot serves it (tab/dist), so it must be built from the
// sources under test.

const ROOT = resolve(import.meta.dirname, '..', '..');

/** tab/dist as built from the current sources: built again when missing or older than them. */
export function ensureTabBuilt(): void {
  const built = join(ROOT, 'tab', 'dist', 'index.html');
  const newest = (path: string): number =>
    statSync(path).isDirectory()
      ? Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
      : statSync(path).mtimeMs;
  // The tab imports the catalogue and pure wording from cards/ and a limit from casework/.
  const sources = Math.max(
    ...['tab/src', 'tab/index.html', 'cards', 'casework'].map((p) => newest(join(ROOT, p))),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  // NODE_ENV as shipped: vitest sets it to 'test', and vite would then build React's development copy.
  const run = spawnSync('npm', ['run', 'build', '--workspace', 'tab'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (run.status !== 0)
    throw new Error(`npm run build --workspace tab failed:\n${run.stdout}\n${run.stderr}`);
}
