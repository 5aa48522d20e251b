import { readCommandLine, refuse } from '../cli/command-line.js';
import { loadCovenants } from '../storage/covenant-files.js';
import { round } from './measure.js';
import { ENGINES, measureApi, startFakeConnector, type ApiResult } from './tab/api.js';
import { ensureTabBuilt } from '../tests/helpers/tab-build.js';
import { measureBundle } from './tab/bundle.js';

// `npm run bench -- tab [--quick] [--sizes 1000,10000]`: (a) the tab's JavaScript as shipped,
// gzipped: the first view (goal ≤ 250 KB) and all chunks; (b) the tab API's caseload and
// dashboard answers over HTTP at growing case counts on lowdb and PostgreSQL (PGlite unless
// DATABASE_URL is set), each as a ratio to the status-lookup turn measured on the same server.

const FIRST_VIEW_GOAL_KB = 250;
const USAGE = 'usage: npm run bench -- tab [--quick] [--sizes 1000,10000,100000]';
const { values } = readCommandLine(
  'bench',
  USAGE,
  process.argv.slice(2),
  {
    quick: { type: 'boolean' },
    sizes: { type: 'string' },
  },
  { allowPositionals: true },
);
const sizes = (values.sizes ?? (values.quick ? '1000' : '1000,10000,100000')).split(',').map((s) => {
  const size = Number(s.trim().replace(/_/g, ''));
  if (!Number.isInteger(size) || size < 10)
    refuse('bench', USAGE, `--sizes: "${s}" is not a case count (10 or more)`);
  return size;
});
const runs = values.quick ? 9 : 21;

ensureTabBuilt();
const bundle = measureBundle();
console.log(
  `tab bundle: first view ${bundle.first_view_gzip_kb} KB gzip (${bundle.first_view_files.length} files, goal ≤ ${FIRST_VIEW_GOAL_KB}), all ${bundle.all_js_files} chunks ${bundle.all_js_gzip_kb} KB gzip`,
);

const covenant = loadCovenants().find((c) => c.id === 'lekstroom')!;
const connector = await startFakeConnector();
const results: ApiResult[] = [];
const growth: Record<
  string,
  { tasks: number; figures: number | null; tasks_vs_status: number; figures_vs_status: number | null }
> = {};
try {
  // AANZET_BENCH_ENGINES=pglite: only these engines (lowdb at 100,000 cases seeds for many minutes).
  const chosen = process.env.AANZET_BENCH_ENGINES?.split(',').map((e) => e.trim());
  for (const engine of Object.keys(ENGINES).filter((e) => !chosen || chosen.includes(e))) {
    const runsOfEngine: ApiResult[] = [];
    for (const size of sizes) runsOfEngine.push(await measureApi(engine, size, covenant, connector, runs));
    results.push(...runsOfEngine);
    const [first, last] = [runsOfEngine[0]!, runsOfEngine.at(-1)!];
    growth[engine] = {
      tasks: round(last.tasks_ms / first.tasks_ms, 2),
      figures: last.figures_ms === null ? null : round(last.figures_ms / first.figures_ms!, 2),
      tasks_vs_status: round(last.tasks_vs_status / first.tasks_vs_status, 2),
      figures_vs_status:
        last.figures_vs_status === null ? null : round(last.figures_vs_status / first.figures_vs_status!, 2),
    };
  }
} finally {
  await connector.close();
}
console.log(
  JSON.stringify({
    bench: 'tab',
    quick: values.quick ?? false,
    sizes,
    bundle: {
      ...bundle,
      first_view_goal_kb: FIRST_VIEW_GOAL_KB,
      first_view_goal_met: bundle.first_view_gzip_kb <= FIRST_VIEW_GOAL_KB,
    },
    growth_smallest_to_largest: growth,
    results,
  }),
);
