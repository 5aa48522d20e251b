import { writeFileDurably, type FileWriter } from '../../storage/durable-json-file.js';
import { openLowdbStore } from '../../storage/lowdb-store.js';

// A process that opens a lowdb store (which moves its closed cases to the archive files at open)
// and kills itself with SIGKILL at one point of that move:
//   `node --import tsx tests/helpers/archive-mover.ts <dir> <k>`
// Every file of the move is written to a temp file and renamed; point 2c-1 is just before the
// c-th file's temp is written, point 2c just after it was written and synced, before its rename.
// When the move has fewer points than k, it prints `moved <n>` and kills itself after the open,
// with the lock still held: the last point, after every rename.

const [dir, at] = process.argv.slice(2);
const killAt = Number(at);
if (!dir || !Number.isInteger(killAt) || killAt < 1) {
  process.stderr.write('usage: archive-mover.ts <dir> <k ≥ 1>\n');
  process.exit(2);
}

let point = 0;
const reach = () => {
  if (++point === killAt) process.kill(process.pid, 'SIGKILL');
};
const writeFile: FileWriter = async (path, text) => {
  reach();
  await writeFileDurably(path, text);
  reach();
};

const store = await openLowdbStore({ dataDir: dir, writeFile });
process.stdout.write(`moved after ${point} points\n`);
void store; // kept open: the kill below leaves its lock behind, as a crash does
process.kill(process.pid, 'SIGKILL');
