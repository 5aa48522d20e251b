import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openLowdbStore } from '../storage/lowdb-store.js';
import type { StoreDocument } from '../storage/store-document.js';
import { makeCaseRecord } from './fixtures/case-records.js';
import { tempDirs } from './helpers/temp-dirs.js';

// npm run backup and npm run restore as child processes on real data folders: a backup taken
// while another process writes cases holds every case written before it, and restores into a
// fresh folder; restore refuses a live bot and a bad backup and then changes nothing. And the
// launcher of the npm scripts (cli/run.mjs): compiled dist/ without tsx, the source with it.

const ROOT = resolve(import.meta.dirname, '..');
const WRITER = join(ROOT, 'tests', 'helpers', 'lowdb-writer.ts');
const run = promisify(execFile);

// Registered before the afterEach below, so it runs after it (hooks run as a stack): children are killed first.
const tempDir = tempDirs('aanzet-backup-');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** A tool through the launcher, as `npm run <tool>` starts it, on the data folder `dataDir`. */
async function tool(name: 'backup' | 'restore', dataDir: string, args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['cli/run.mjs', name, ...args], {
      cwd: ROOT,
      env: { ...process.env, AANZET_DATA_DIR: dataDir, DATABASE_URL: '' },
    });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { status: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A second AanZet process (tests/helpers/lowdb-writer.ts) on `dir`; resolves once it holds the store. */
async function startWriter(dir: string, mode: 'hold' | 'write') {
  const proc = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, mode], { cwd: ROOT, stdio: 'pipe' });
  children.push(proc);
  const lines: string[] = [];
  let partial = '';
  let waiting: (() => void) | undefined;
  proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
    waiting?.();
  });
  const waitFor = (done: () => boolean) =>
    new Promise<void>((resolveWait, fail) => {
      const timer = setTimeout(() => fail(new Error(`writer: ${lines.slice(-2).join(' | ')}`)), 15_000);
      waiting = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiting = undefined;
        resolveWait();
      };
      waiting();
    });
  await waitFor(() => lines.some((line) => line.startsWith('ready ')));
  const closed = new Promise<void>((done) => proc.on('close', () => done()));
  return { proc, lines, waitFor, closed };
}

/** Every file in the folder (recursively) with its content: to show that nothing changed. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) {
      const path = join(entry.parentPath, entry.name);
      files[path] = readFileSync(path, 'utf8');
    }
  return files;
}

async function storeWithCases(dataDir: string, ids: string[]): Promise<void> {
  const store = await openLowdbStore({ dataDir });
  for (const id of ids) await store.cases.create(makeCaseRecord({ id, householdKey: id }));
  await store.close();
}

describe('npm run backup and npm run restore', () => {
  it('backs up while another process writes cases, and the restored store has every case', async () => {
    const live = join(tempDir(), 'data');
    const writer = await startWriter(live, 'write');
    await writer.waitFor(() => writer.lines.filter((l) => l.startsWith('ack case W-')).length >= 5);
    // Every write acknowledged before the backup starts is in the file it reads.
    const before = writer.lines.filter((l) => l.startsWith('ack case ')).map((l) => l.split(' ')[2]!);
    const busyBefore = Math.max(
      ...writer.lines.filter((l) => l.startsWith('ack busy ')).map((l) => Number(l.split(' ')[3])),
    );
    const copy = join(tempDir(), 'copy.json');
    const backup = await tool('backup', live, ['--to', copy]);
    const writtenDuring = writer.lines.filter((l) => l.startsWith('ack case ')).length - before.length;
    writer.proc.stdin.end();
    writer.proc.kill('SIGKILL');
    await writer.closed;

    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(writtenDuring).toBeGreaterThan(0); // the writer did not pause for the backup
    const doc = JSON.parse(readFileSync(copy, 'utf8')) as StoreDocument;
    const cases = Object.values(doc.cases);
    expect(backup.stdout).toMatch(
      new RegExp(
        `^backup: copied ${live}/aanzet.json to ${copy} \\(checked\\): ${cases.length} cases, 0 members, 0 audit entries`,
      ),
    );
    expect(Object.keys(doc.cases)).toEqual(expect.arrayContaining(before));
    const busy = cases.find((c) => c.id.startsWith('BUSY-'))!;
    expect(busy.version).toBeGreaterThanOrEqual(busyBefore);

    const fresh = join(tempDir(), 'data');
    const restore = await tool('restore', fresh, ['--from', copy]);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toBe(
      `restore: restored ${copy} to ${fresh}/aanzet.json: ${cases.length} cases, 0 members, 0 audit entries, ` +
        '0 conversations, 0 outbox messages\n',
    );
    const store = await openLowdbStore({ dataDir: fresh });
    try {
      for (const record of cases) expect((await store.cases.get(record.id))?.version).toBe(record.version);
      const all = await store.cases.listSummaries({});
      expect(all.map((s) => s.caseId).sort()).toEqual(cases.map((c) => c.id).sort());
    } finally {
      await store.close();
    }
  });

  it('backs up to <data dir>/backups by default, owner only', async () => {
    const dataDir = join(tempDir(), 'data');
    await storeWithCases(dataDir, ['A-1', 'A-2']);
    const backup = await tool('backup', dataDir, []);
    expect(backup.status).toBe(0);
    const [name, ...more] = readdirSync(join(dataDir, 'backups'));
    expect(more).toEqual([]);
    expect(name).toMatch(/^aanzet-\d{8}T\d{6}Z\.json$/);
    expect(statSync(join(dataDir, 'backups')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'backups', name!)).mode & 0o777).toBe(0o600);
    expect(backup.stdout).toContain(`to ${join(dataDir, 'backups', name!)} (checked): 2 cases`);
    expect(readFileSync(join(dataDir, 'backups', name!), 'utf8')).toBe(
      readFileSync(join(dataDir, 'aanzet.json'), 'utf8'),
    );
  });

  it('restore keeps the file it replaces, and refuses while a live process holds the store', async () => {
    const source = join(tempDir(), 'data');
    await storeWithCases(source, ['B-1']);
    const copy = join(tempDir(), 'b.json');
    expect((await tool('backup', source, ['--to', copy])).status).toBe(0);

    const target = join(tempDir(), 'data');
    await storeWithCases(target, ['OLD-1', 'OLD-2']);
    const old = readFileSync(join(target, 'aanzet.json'), 'utf8');
    const writer = await startWriter(target, 'hold');
    const unchanged = snapshot(target);
    const refused = await tool('restore', target, ['--from', copy]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /^restore: nothing restored: .*aanzet\.json is in use by another AanZet process \(pid \d+/,
    );
    expect(snapshot(target)).toEqual(unchanged);
    writer.proc.stdin.end();
    await writer.closed;

    const restored = await tool('restore', target, ['--from', copy]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    const kept = readdirSync(target).filter((name) => name.startsWith('aanzet.json.before-restore-'));
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^aanzet\.json\.before-restore-\d{8}T\d{6}Z$/);
    expect(readFileSync(join(target, kept[0]!), 'utf8')).toBe(old);
    expect(restored.stdout).toContain(`restore: kept the replaced file as ${join(target, kept[0]!)}\n`);
    expect(readFileSync(join(target, 'aanzet.json'), 'utf8')).toBe(readFileSync(copy, 'utf8'));
    expect(existsSync(join(target, 'aanzet.json.lock'))).toBe(false);
  });

  it('restore takes over a lock left by a dead process', async () => {
    const source = join(tempDir(), 'data');
    await storeWithCases(source, ['C-1']);
    const target = join(tempDir(), 'data');
    mkdirSync(target);
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const since = new Date().toISOString();
    writeFileSync(
      join(target, 'aanzet.json.lock'),
      JSON.stringify({ pid: Number(dead.stdout), hostname: hostname(), since, processStartedAt: since }),
    );
    const restored = await tool('restore', target, ['--from', join(source, 'aanzet.json')]);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain(': 1 cases,');
  });

  it('restore refuses a missing, corrupt or foreign backup and changes nothing', async () => {
    const target = join(tempDir(), 'data');
    await storeWithCases(target, ['D-1']);
    const unchanged = snapshot(target);
    const dir = tempDir();
    const good = readFileSync(join(target, 'aanzet.json'), 'utf8');
    writeFileSync(join(dir, 'cut.json'), good.slice(0, good.length / 2));
    writeFileSync(join(dir, 'foreign.json'), JSON.stringify({ name: 'aanzet', version: '0.1.0' }));
    const badCase = JSON.parse(good) as StoreDocument;
    badCase.cases['D-1']!.version = -1;
    writeFileSync(join(dir, 'bad-case.json'), JSON.stringify(badCase));
    const expected: Record<string, RegExp> = {
      'missing.json': /missing\.json does not exist/,
      'cut.json': /cut\.json: not valid JSON/,
      'foreign.json': /foreign\.json: not an AanZet data file: formatVersion/,
      'bad-case.json': /bad-case\.json: not an AanZet data file: cases\.D-1\.version/,
    };
    for (const [name, message] of Object.entries(expected)) {
      const refused = await tool('restore', target, ['--from', join(dir, name)]);
      expect(refused.status, name).toBe(1);
      expect(refused.stderr, name).toMatch(/^restore: nothing restored: /);
      expect(refused.stderr, name).toMatch(message);
      expect(refused.stdout, name).toBe('');
    }
    expect(snapshot(target)).toEqual(unchanged);
  });

  it('refuses a wrong command line with exit 2, and a missing store with exit 1', async () => {
    const dataDir = join(tempDir(), 'data');
    for (const [name, args] of [
      ['backup', ['--bogus']],
      ['backup', ['--to']],
      ['backup', ['extra']],
      ['restore', []],
      ['restore', ['--from']],
    ] as const) {
      const refused = await tool(name, dataDir, [...args]);
      expect(refused.status, `${name} ${args.join(' ')}`).toBe(2);
      expect(refused.stderr).toContain(`usage: npm run ${name} -- `);
    }
    const itself = await tool('backup', dataDir, ['--to', join(dataDir, 'aanzet.json')]);
    expect(itself.status).toBe(2);
    expect(itself.stderr).toContain('is the data file itself');
    const missing = await tool('backup', dataDir, []);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toBe(`backup: ${join(dataDir, 'aanzet.json')} does not exist\n`);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('cli/run.mjs, the launcher of the npm scripts', () => {
  it('starts every command-line tool of package.json, each compiled by npm run build', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const launched = Object.entries(pkg.scripts).filter(([, script]) =>
      script.startsWith('node cli/run.mjs '),
    );
    expect(launched.map(([name]) => name).sort()).toEqual([
      'backup',
      'covenant',
      'import',
      'members',
      'migrate',
      'report',
      'restore',
    ]);
    for (const [name, script] of launched) {
      expect(script).toBe(`node cli/run.mjs ${name}`);
      expect(existsSync(join(ROOT, 'cli', `${name}.ts`)), name).toBe(true);
    }
    // What npm run build compiles into dist/: the tools and everything they import.
    const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as {
      include: string[];
    };
    expect(build.include).toEqual(
      expect.arrayContaining(['cli', 'storage', 'casework', 'cards', 'dialogs', 'bot']),
    );
  });

  /** A copy of the launcher in an install of its own, with a tool `hello` as source and/or compiled. */
  function install({ source, compiled, tsx }: { source: boolean; compiled: boolean; tsx: boolean }) {
    const root = tempDir();
    mkdirSync(join(root, 'cli'));
    copyFileSync(join(ROOT, 'cli', 'run.mjs'), join(root, 'cli', 'run.mjs'));
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
    const body = (kind: string) =>
      `process.stdout.write(${JSON.stringify(kind)} + ' ' + JSON.stringify(process.argv.slice(2)));\n` +
      'process.exitCode = 7;\n';
    if (source)
      writeFileSync(
        join(root, 'cli', 'hello.ts'),
        `const kind: string = 'source';\n${body('source').replace('"source"', 'kind')}`,
      );
    if (compiled) {
      mkdirSync(join(root, 'dist', 'cli'), { recursive: true });
      writeFileSync(join(root, 'dist', 'cli', 'hello.js'), body('compiled'));
    }
    if (tsx) symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    return (...args: string[]) =>
      spawnSync(process.execPath, [join(root, 'cli', 'run.mjs'), 'hello', ...args], {
        cwd: root,
        encoding: 'utf8',
      });
  }

  it('runs the compiled tool in a production install (no tsx), with its arguments and exit code', () => {
    const hello = install({ source: true, compiled: true, tsx: false })('--to', 'x y');
    expect(hello.stdout).toBe('compiled ["--to","x y"]');
    expect(hello.status).toBe(7);
  });

  it('runs the source with tsx in a development checkout, also when a dist/ was left from a build', () => {
    const hello = install({ source: true, compiled: true, tsx: true })('--from', 'f');
    expect(hello.stderr).toBe('');
    expect(hello.stdout).toBe('source ["--from","f"]');
    expect(hello.status).toBe(7);
  });

  it('says what is missing when neither is there', () => {
    const hello = install({ source: true, compiled: false, tsx: false })();
    expect(hello.status).toBe(1);
    expect(hello.stderr).toMatch(/^hello: neither .*dist\/cli\/hello\.js \(run `npm run build`\) nor tsx/);
  });
});
