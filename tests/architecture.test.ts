import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers of DESIGN.md, checked on the source: no import circles (type imports included),
// and a domain that stays pure.

const ROOT = resolve(import.meta.dirname, '..');
const FOLDERS = ['casework', 'bot', 'dialogs', 'cards', 'storage', 'cli', 'tab'];

function sourceFiles(folder: string): string[] {
  const dir = join(ROOT, folder);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sourceFiles(relative(ROOT, path));
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const SPECIFIER =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module a file names: relative ones resolved to files, packages by their name. */
function importsOf(file: string): { files: string[]; packages: string[] } {
  const text = readFileSync(file, 'utf8');
  const files: string[] = [];
  const packages: string[] = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2]!;
    if (specifier.startsWith('.')) files.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    else packages.push(specifier);
  }
  return { files, packages };
}

const files = FOLDERS.flatMap(sourceFiles);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

/** Strongly connected components of more than one file, or a file importing itself (Tarjan). */
function importCircles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let counter = 0;
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file)?.files ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(relative(ROOT, member));
    } while (member !== file);
    const selfImport = graph.get(file)!.files.includes(file);
    if (component.length > 1 || selfImport) circles.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return circles;
}

describe('the layers of the source', () => {
  it('reads enough of the project to mean something', () => {
    expect(files.filter((f) => relative(ROOT, f).startsWith('casework/')).length).toBeGreaterThan(20);
    const edges = [...graph.values()].reduce((n, g) => n + g.files.length, 0);
    expect(edges).toBeGreaterThan(300);
  });

  it('has no import circle, type imports included', () => {
    expect(importCircles()).toEqual([]);
  });

  it('finds a circle when there is one (the check itself)', () => {
    const a = join(ROOT, 'casework', '__a.ts');
    const b = join(ROOT, 'casework', '__b.ts');
    graph.set(a, { files: [b], packages: [] });
    graph.set(b, { files: [a], packages: [] });
    files.push(a, b);
    try {
      expect(importCircles()).toEqual([['casework/__a.ts', 'casework/__b.ts']]);
    } finally {
      graph.delete(a);
      graph.delete(b);
      files.splice(files.indexOf(a), 2);
    }
  });

  it('keeps casework/ free of I/O: no botbuilder, restify, storage, database or file system', () => {
    const allowed = new Set(['luxon', 'zod', 'yaml']);
    const offending: string[] = [];
    for (const [file, { files: targets, packages }] of graph) {
      const name = relative(ROOT, file);
      if (!name.startsWith('casework/')) continue;
      for (const p of packages) if (!allowed.has(p)) offending.push(`${name} imports ${p}`);
      for (const t of targets)
        if (!relative(ROOT, t).startsWith('casework/'))
          offending.push(`${name} imports ${relative(ROOT, t)}`);
    }
    expect(offending).toEqual([]);
  });

  it('lets the other layers in through the Casework facade only: no casework context outside casework/', () => {
    const offending = [...graph]
      .filter(([file]) => !relative(ROOT, file).startsWith('casework/'))
      .flatMap(([file, { files: targets }]) => {
        const name = relative(ROOT, file);
        const text = readFileSync(file, 'utf8');
        return [
          ...targets
            .filter((t) => relative(ROOT, t) === 'casework/context.ts')
            .map(() => `${name} imports the context`),
          ...(/\bcasework\.ctx\b|\.ctx\.(deps|load|commit|covenant|now)\b/.test(text)
            ? [`${name} reads ctx`]
            : []),
        ];
      });
    expect(offending).toEqual([]);
  });

  it('keeps botbuilder and restify inside bot/', () => {
    const offending = [...graph]
      .filter(([file]) => !relative(ROOT, file).startsWith('bot/'))
      .flatMap(([file, { packages }]) =>
        packages
          .filter((p) => /^(botbuilder|botframework|restify)/.test(p))
          .map((p) => `${relative(ROOT, file)} imports ${p}`),
      );
    expect(offending).toEqual([]);
  });
});
