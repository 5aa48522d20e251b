// `npm run bench -- <name> [--quick]`: runs one benchmark; its last line is one JSON object.
const benches: Record<string, () => Promise<unknown>> = {
  storage: () => import('./storage.js'),
  turns: () => import('./turns.js'),
  reminders: () => import('./reminders.js'),
};

const name = process.argv[2];
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [--quick]`);
  process.exit(2);
}
await load();
