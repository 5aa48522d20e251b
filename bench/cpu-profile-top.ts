import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// `tsx bench/cpu-profile-top.ts <dir> [top]`: the V8 CPU profiles (.cpuprofile) in <dir> summed,
// by self time: the top functions, and the same time by where the code lives (a package in
// node_modules, a file of AanZet, node's own). What `AANZET_BENCH_CPU_PROF` leaves behind.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [dir, topArg] = process.argv.slice(2);
if (!dir) {
  console.error('usage: tsx bench/cpu-profile-top.ts <dir with .cpuprofile files> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
let total = 0;

for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    total += micros;
    const key = `${functionName || '(anonymous)'} ${shortUrl(url)}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const place = placeOf(url, functionName);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
  });
}

const print = (title: string, map: Map<string, number>) => {
  console.log(`\n${title} (self time, ${(total / 1000).toFixed(0)} ms in all)`);
  for (const [key, micros] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${key}`);
};
print('by function', byFunction);
print('by place', byPlace);

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
