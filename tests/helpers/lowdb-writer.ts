import { openLowdbStore, type LowdbStore } from '../../storage/lowdb-store.js';
import {
  closedEvent,
  closedSummary,
  makeCaseRecord,
  makeEvent,
  makePersonal,
} from '../fixtures/case-records.js';

// A second AanZet process for the lowdb tests: `node --import tsx tests/helpers/lowdb-writer.ts <dir> <mode>`.
//   hold:  opens the store, prints `ready <pid>`, keeps it open until stdin closes.
//   write: opens the store and writes without pause, printing `ack <what>` after each write
//          has resolved: a new case (`ack case <id>`) and an event on one busy case
//          (`ack busy <version>`). The test kills it with SIGKILL somewhere in between.
//   archive: opens the store moving closed cases to the archive files every 5, and creates
//          cases closed in turn in three months without pause (`ack closed <id>`).
// A refused open prints `refused <message>` and exits with code 3.
// It also stops when stdin closes, so a test that dies leaves no writer behind.

const [dir, mode] = process.argv.slice(2);
if (!dir || (mode !== 'hold' && mode !== 'write' && mode !== 'archive')) {
  process.stderr.write('usage: lowdb-writer.ts <dir> hold|write|archive\n');
  process.exit(2);
}

const say = (line: string) => process.stdout.write(`${line}\n`); // synchronous on pipes (Linux)

let store: LowdbStore;
try {
  store = await openLowdbStore({ dataDir: dir, ...(mode === 'archive' ? { archiveAfter: 5 } : {}) });
} catch (error) {
  say(`refused ${(error as Error).message}`);
  process.exit(3);
}
const opened = store;
process.stdin.on('end', () => {
  if (mode === 'hold') void opened.close().then(() => process.exit(0));
  else process.exit(0);
});
process.stdin.resume();
say(`ready ${process.pid} recovered=${opened.recoveredStaleLock}`);

if (mode === 'write') {
  // Bulky notes make the file big, so each write takes long enough for a kill to land inside it.
  const padded = makePersonal({
    notes: [
      { at: '2026-03-09T09:00:00.000Z', byPartnerId: 'ggd', text: 'x'.repeat(8_000), visibleTo: ['ggd'] },
    ],
  });
  const busyId = `BUSY-${process.pid}`;
  let busy = makeCaseRecord({ id: busyId, householdKey: busyId });
  await opened.cases.create(busy);
  say(`ack case ${busyId}`);
  for (let i = 0; i < 100_000; i++) {
    const id = `W-${process.pid}-${i}`;
    await opened.cases.create(makeCaseRecord({ id, householdKey: id, personal: padded }));
    say(`ack case ${id}`);
    const version = busy.version + 1;
    const event = makeEvent(version, { type: 'note_added', visibleTo: ['gemeente'] });
    busy = await opened.cases.append(busyId, busy.version, [event], { ...busy.summary, version });
    say(`ack busy ${busyId} ${busy.version}`);
  }
  await opened.close();
  process.exit(0);
}

if (mode === 'archive') {
  for (let i = 0; i < 100_000; i++) {
    const id = `X-${process.pid}-${i}`;
    const record = makeCaseRecord({ id, householdKey: id });
    const audit = {
      at: new Date().toISOString(),
      userId: 'w',
      partnerId: null,
      caseId: id,
      detail: 'created',
    };
    await opened.cases.create(record, [{ ...audit, action: 'change' }]);
    const closedAt = `2026-0${1 + (i % 3)}-15T10:00:00.000Z`;
    await opened.cases.append(
      id,
      record.version,
      [closedEvent(record, closedAt)],
      closedSummary(record, closedAt),
    );
    say(`ack closed ${id}`);
  }
  await opened.close();
  process.exit(0);
}
