// `node cli/run.mjs <tool> [args…]`: runs one of the command-line tools (cli/<tool>.ts) the way
// this install can. Plain JavaScript without dependencies, so it runs in a production install
// (`npm ci --omit=dev`, no tsx) as well as in a development checkout:
//   - tsx installed (a development checkout): the TypeScript source, so an edit counts at once
//     and a dist/ left from an earlier build is never run stale;
//   - otherwise the compiled dist/cli/<tool>.js of `npm run build`;
//   - neither: says so and ends with 1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const [tool, ...args] = process.argv.slice(2);

if (!tool || !/^[a-z][a-z-]*$/.test(tool)) {
  process.stderr.write('usage: node cli/run.mjs <tool> [arguments…]   (a tool is a file cli/<tool>.ts)\n');
  process.exit(2);
}

const source = join(root, 'cli', `${tool}.ts`);
const compiled = join(root, 'dist', 'cli', `${tool}.js`);

function hasTsx() {
  try {
    createRequire(join(root, 'package.json')).resolve('tsx/package.json');
    return true;
  } catch {
    return false;
  }
}

if (existsSync(source) && hasTsx()) {
  const child = spawn(process.execPath, ['--import', 'tsx', source, ...args], {
    stdio: 'inherit',
    cwd: process.cwd(),
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
} else if (existsSync(compiled)) {
  // The tool reads process.argv.slice(2): make it look as if it was started itself.
  process.argv = [process.argv[0], compiled, ...args];
  await import(pathToFileURL(compiled).href);
} else {
  process.stderr.write(
    `${tool}: neither ${compiled} (run \`npm run build\`) nor tsx for ${source} (a development install) is there\n`,
  );
  process.exit(1);
}
