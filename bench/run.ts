import { readCommandLine, refuse } from '../cli/command-line.js';

// `npm run bench -- <name> [--quick]`: runs one benchmark; its last line is one JSON object.
const benches: Record<string, () => Promise<unknown>> = {
  storage: () => import('./storage.js'),
  archive: () => import('./archive.js'),
  turns: () => import('./turns.js'),
  reminders: () => import('./reminders.js'),
  import: () => import('./import.js'),
  tab: () => import('./tab.js'),
  search: () => import('./search.js'),
};

const USAGE = `usage: npm run bench -- <${Object.keys(benches).join('|')}> [--quick] [--sizes 1000,10000 (tab)]`;

// Only checked here: each benchmark reads --quick from process.argv itself.
const FLAGS = { quick: { type: 'boolean' }, sizes: { type: 'string' } } as const;
const argv = process.argv.slice(2);
const { positionals } = readCommandLine('bench', USAGE, argv, FLAGS, { allowPositionals: true });
const [name, ...more] = positionals;
if (more.length > 0) refuse('bench', USAGE, `one benchmark at a time, not also ${more.join(' ')}`);
const load = name !== undefined && Object.hasOwn(benches, name) ? benches[name] : undefined;
if (!load) refuse('bench', USAGE, name === undefined ? 'which benchmark?' : `unknown benchmark "${name}"`);
await load();
