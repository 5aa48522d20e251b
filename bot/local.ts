import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createInterface } from 'node:readline';

// `npm start`: AanZet on a developer's machine, no Teams tenant needed. Runs the bot (main.js next
// to this file, so the build output under `npm start`) on lowdb in ./data with the demo members,
// waits until it answers /healthz, then starts the Microsoft 365 Agents Playground against it and
// says where to open it. Both children's logs come through with a prefix. Ctrl-C or SIGTERM stops
// both; if either stops on its own, the other is stopped too and this exits non-zero.

const DEFAULT_BOT_PORT = 3978;
const DEFAULT_PLAYGROUND_PORT = 56150;
const BOT_READY_MS = 30_000;
const PLAYGROUND_READY_MS = 60_000;
const STOP_GRACE_MS = 10_000;

interface Child {
  name: 'bot' | 'playground';
  process: ChildProcess;
  exited: Promise<void>;
}

const here = import.meta.dirname;
const root = projectRoot(here);
const children: Child[] = [];
let stopping = false;

function say(line: string): void {
  process.stdout.write(`[aanzet]     ${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`[aanzet]     ${message}\n`);
  process.exit(1);
}

/** The folder with package.json: one level up from bot/, two from dist/bot/. */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) fail(`cannot find the project folder (package.json) above ${from}`);
    dir = parent;
  }
  return dir;
}

function portFrom(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`${name}=${raw} is not a port number (1-65535)`);
  return port;
}

/** True when nothing listens on the port (in local mode the bot binds 127.0.0.1). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, () => probe.close(() => done(true)));
  });
}

/** Pino's JSON lines as "LEVEL message (key=value ...)"; anything else as it came. */
const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO ',
  40: 'WARN ',
  50: 'ERROR',
  60: 'FATAL',
};
function readable(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const { level, msg, time: _time, pid: _pid, hostname: _hostname, name: _name, ...rest } = entry;
    const extra = Object.entries(rest)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    const label = typeof level === 'number' ? (LEVELS[level] ?? String(level)) : '?';
    return `${label} ${typeof msg === 'string' ? msg : ''}${extra ? `  (${extra})` : ''}`;
  } catch {
    return line;
  }
}

/** Starts `node <args>` in the project folder; each output line is forwarded and given to onLine. */
function start(
  name: Child['name'],
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string) => void = () => {},
): Child {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}]`.padEnd(12);
  for (const [stream, target] of [
    [child.stdout, process.stdout],
    [child.stderr, process.stderr],
  ] as const) {
    createInterface({ input: stream }).on('line', (line) => {
      target.write(`${prefix} ${readable(line)}\n`);
      onLine(line);
    });
  }
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    child.once('error', () => done());
  });
  child.once('error', (error) => void stopAll(1, `could not start the ${name}: ${error.message}`));
  child.once('exit', (code, signal) => {
    // Let a Ctrl-C that reached us and the child together be handled as a stop first.
    setTimeout(() => {
      if (stopping) return;
      const how = signal ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      const [self, other] = name === 'bot' ? ['bot', 'the Playground'] : ['Playground', 'the bot'];
      if (name === 'playground') showPlaygroundErrors();
      void stopAll(1, `the ${self} ${how}; stopping ${other}.`);
    }, 200);
  });
  const entry = { name, process: child, exited };
  children.push(entry);
  return entry;
}

/** The error lines of the Playground's log file, which says why it stopped. */
function showPlaygroundErrors(): void {
  if (!existsSync(playgroundLog)) return;
  const errors = readFileSync(playgroundLog, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('error '))
    .slice(-10);
  for (const line of errors) process.stderr.write(`[playground] ${line}\n`);
  process.stderr.write(`[aanzet]     the Playground's full log: ${playgroundLog}\n`);
}

async function stopChild(child: Child): Promise<void> {
  const p = child.process;
  if (p.exitCode !== null || p.signalCode !== null) return;
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), STOP_GRACE_MS);
  await child.exited;
  clearTimeout(timer);
}

/** Stops both children and exits; a second call waits for the first to finish. */
let stopped: Promise<never> | undefined;
function stopAll(code: number, reason?: string): Promise<never> {
  stopping = true;
  return (stopped ??= (async () => {
    if (reason) process.stderr.write(`[aanzet]     ${reason}\n`);
    await Promise.all(children.map(stopChild));
    process.exit(code);
  })());
}

async function waitForBot(bot: Child, port: number): Promise<void> {
  const url = `http://127.0.0.1:${port}/healthz`;
  const deadline = Date.now() + BOT_READY_MS;
  while (Date.now() < deadline) {
    if (stopping) await stopped;
    const { exitCode, signalCode } = bot.process;
    if (exitCode !== null || signalCode !== null)
      await stopAll(1, `the bot stopped before it was ready (${signalCode ?? `exit code ${exitCode}`}).`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  await stopAll(1, `the bot did not answer ${url} within ${BOT_READY_MS / 1000} s; stopping.`);
}

function playgroundCli(): string {
  try {
    return createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  } catch {
    return fail(
      'the Microsoft 365 Agents Playground is not installed (a devDependency): run `npm ci` first.',
    );
  }
}

process.once('SIGINT', () => void stopAll(0, 'Ctrl-C: stopping the bot and the Playground.'));
process.once('SIGTERM', () => void stopAll(0, 'SIGTERM: stopping the bot and the Playground.'));

const botPort = portFrom('PORT', DEFAULT_BOT_PORT);
const playgroundPort = portFrom('AANZET_PLAYGROUND_PORT', DEFAULT_PLAYGROUND_PORT);
const dataDir = resolve(process.env.AANZET_DATA_DIR ?? join(root, 'data'));
const demoMembers = resolve(process.env.AANZET_DEMO_MEMBERS ?? join(root, 'bot', 'demo-members.yaml'));
const extension = import.meta.filename.endsWith('.ts') ? 'ts' : 'js';
const mainFile = join(here, `main.${extension}`);
// The Playground listens on every interface unless made to bind to this machine only.
const loopbackOnly = pathToFileURL(join(here, `loopback-only.${extension}`)).href;
const cli = playgroundCli();

if (!(await portIsFree(botPort)))
  fail(
    `port ${botPort} is in use (is AanZet already running?). Stop that, or start with PORT=<another port>.`,
  );

say(`starting the bot on port ${botPort}; data in ${dataDir}; demo members from ${demoMembers}`);
const bot = start('bot', [...process.execArgv, mainFile], {
  ...process.env,
  PORT: String(botPort),
  AANZET_DATA_DIR: dataDir,
  AANZET_DEMO_MEMBERS: demoMembers,
  // A year of anonymous history for the tab's Monitoring, once, into an empty store.
  AANZET_DEMO_HISTORY: process.env.AANZET_DEMO_HISTORY ?? 'on',
});
await waitForBot(bot, botPort);

const endpoint = `http://127.0.0.1:${botPort}/api/messages`;
// Piped (not a terminal), the Playground logs only to this file; its errors are shown on exit.
const playgroundLog = resolve(
  process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? join(dataDir, 'm365agentsplayground.log'),
);
say(`the bot is up; starting the Agents Playground against ${endpoint}`);
// The Playground says "Listening on <port>"; it takes a random port when the asked one is taken.
let listening: (port: number) => void = () => {};
const ready = new Promise<number>((done) => (listening = done));
start(
  'playground',
  [
    ...process.execArgv,
    '--import',
    loopbackOnly,
    cli,
    '--app-endpoint',
    endpoint,
    '--channel-id',
    'msteams',
    '--port',
    String(playgroundPort),
    '--disable-telemetry',
    // The same personal chat after every restart, so the conversation the bot stored (for
    // reminders) stays the one on screen. Ignored when the Playground reads a configuration file.
    '--conversation-id',
    'aanzet-local-personal-chat',
  ],
  {
    ...process.env,
    // Never try to open a browser (a headless machine has none) unless the user asks for one.
    TEAMSAPPTESTER_BROWSER: process.env.TEAMSAPPTESTER_BROWSER ?? 'none',
    // Its log file, by default ./devTools/m365agentsplayground.log, goes next to the data instead.
    M365_AGENTS_PLAYGROUND_LOGFILE: playgroundLog,
  },
  (line) => {
    const match = /Listening on (\d+)/.exec(line);
    if (match) listening(Number(match[1]));
  },
);
const timer = setTimeout(
  () => void stopAll(1, `the Playground did not start within ${PLAYGROUND_READY_MS / 1000} s; stopping.`),
  PLAYGROUND_READY_MS,
);
const uiPort = await ready;
clearTimeout(timer);
if (uiPort !== playgroundPort) say(`port ${playgroundPort} was taken, so the Playground took ${uiPort}.`);

const banner = [
  `Open http://localhost:${uiPort} to talk to AanZet`,
  `Personal tab: http://localhost:${botPort}/tab/ (pick a demo member)`,
  '',
  "The Playground's user is Alex Wilber: Mitros caseworker and coordinator in Lekstroom, VechtHorst in Dalfsen.",
  'Type: nieuw signaal | mijn taken | wie is aan zet <case id> | help',
  'Stop with Ctrl-C.',
];
const rule = '='.repeat(Math.max(...banner.map((line) => line.length)) + 4);
process.stdout.write(['', rule, ...banner.map((line) => (line ? `  ${line}` : '')), rule, '', ''].join('\n'));
