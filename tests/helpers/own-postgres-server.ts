import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

// A PostgreSQL server of a test's own, started with .ci/postgres.sh, that the test may stop
// and start again (halt/resume keep its data and port) — never the shared one of DATABASE_URL.

const SCRIPT = resolve(import.meta.dirname, '../../.ci/postgres.sh');
const run = promisify(execFile);

export interface OwnPostgresServer {
  url: string;
  /** Stops the server (fast shutdown: sessions are ended), keeping its data. */
  halt(): Promise<void>;
  /** Starts it again on the same port; resolves once it accepts connections. */
  resume(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

/** Why this machine cannot run a server of its own, or undefined when it can. */
export function whyNoOwnServer(): string | undefined {
  const found = (name: string) =>
    (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, name))) ||
    (existsSync('/usr/lib/postgresql') &&
      readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/${name}`)));
  if (!found('initdb') || !found('pg_ctl'))
    return 'the PostgreSQL server binaries (initdb, pg_ctl) are not installed';
  if (process.getuid?.() !== 0)
    return '.ci/postgres.sh runs the server as the postgres user, which needs root';
  return undefined;
}

export function startOwnPostgresServer(): OwnPostgresServer {
  const printed = execFileSync('bash', [SCRIPT, 'start'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const value = (name: string) => new RegExp(`^export ${name}=(.+)$`, 'm').exec(printed)?.[1];
  const url = value('DATABASE_URL');
  const dir = value('PGDATA_DIR');
  if (!url || !dir) throw new Error(`.ci/postgres.sh start printed no server: ${printed}`);
  const script = async (command: string) => {
    await run('bash', [SCRIPT, command, dir]);
  };
  return { url, halt: () => script('halt'), resume: () => script('resume'), remove: () => script('stop') };
}
