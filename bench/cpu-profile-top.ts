import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// `tsx bench/cpu-profile-top.ts <dir> [top] [--turns N]`: the V8 CPU profiles (.cpuprofile) in
// <dir> summed, by self time: the top functions, and the same time by where the code lives (a
// package in node_modules, a file of AanZet, node's own). What `AANZET_BENCH_CPU_PROF` leaves
// behind. With `--turns N` (the measured turns of each profile: the bench's requests × rounds) also the
// AanZet bot's profiles against the echo's, in ms a turn by place: where the difference lies.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const turnsAt = args.indexOf('--turns');
const turns = turnsAt >= 0 ? Number(args.splice(turnsAt, 2)[1]) : undefined;
const [dir, topArg] = args;
if (!dir || (turns !== undefined && !(turns > 0))) {
  console.error('usage: tsx bench/cpu-profile-top.ts <dir with .cpuprofile files> [top] [--turns N]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
/** Self time by place, per kind of bot (from the file name: <engine>-<echo|aanzet>.cpuprofile). */
const byBot = { echo: new Map<string, number>(), aanzet: new Map<string, number>() };
const filesOf = { echo: 0, aanzet: 0 };
let total = 0;

for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
  const bot = /-echo[-.]/.test(file) ? 'echo' : /-aanzet[-.]/.test(file) ? 'aanzet' : undefined;
  if (bot) filesOf[bot]++;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    total += micros;
    const key = `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const place = placeOf(url, functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
    if (bot) byBot[bot].set(place, (byBot[bot].get(place) ?? 0) + micros);
  });
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (self time, ${(total / 1000).toFixed(0)} ms in all)`);
  for (const [key, micros] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
};
print('by function', byFunction);
print('by place', byPlace);
if (turns !== undefined) compareBots(turns);

/** ms a turn by place, AanZet's bot against the echo's (each the mean over its profiles), largest difference first. */
function compareBots(turnsPerProfile: number): void {
  if (filesOf.echo === 0 || filesOf.aanzet === 0) {
    console.log('\n(no echo and AanZet profiles to compare)');
    return;
  }
  const perTurn = (bot: 'echo' | 'aanzet', place: string) =>
    (byBot[bot].get(place) ?? 0) / 1000 / turnsPerProfile / filesOf[bot];
  // Without (idle): both bots run through the whole bench, each idle while the other is measured.
  const sum = (bot: 'echo' | 'aanzet') =>
    [...byBot[bot]].reduce((all, [place, micros]) => (place === '(idle)' ? all : all + micros), 0) /
    1000 /
    turnsPerProfile /
    filesOf[bot];
  console.log(
    `\nAanZet against echo, ms a turn by place (in all but idle: echo ${sum('echo').toFixed(3)}, AanZet ${sum('aanzet').toFixed(3)})`,
  );
  const places = [...new Set([...byBot.echo.keys(), ...byBot.aanzet.keys()])]
    .map((place) => ({ place, echo: perTurn('echo', place), aanzet: perTurn('aanzet', place) }))
    .sort((a, b) => b.aanzet - b.echo - (a.aanzet - a.echo));
  for (const { place, echo, aanzet } of places.slice(0, top))
    console.log(
      `${(aanzet - echo).toFixed(3).padStart(7)}  (echo ${echo.toFixed(3)}, AanZet ${aanzet.toFixed(3)})  ${place}`,
    );
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  return modules >= 0
    ? path.slice(modules + 'node_modules/'.length)
    : path
      ? relative(process.cwd(), path)
      : '';
}

function placeOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return url;
  const path = shortUrl(url);
  if (url.includes('node_modules/')) {
    const parts = path.split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return path;
}
