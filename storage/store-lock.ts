import {
  chmodSync,
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';

// One process per data file: `<file>.lock`, created exclusively, says who holds it. A lock
// whose process is gone (a crash, SIGKILL) is taken over. On this host that is seen from the
// pid; a lock written on another host (a container restarted with a new hostname, a shared
// volume) carries a heartbeat the holder refreshes, and one not refreshed for a while is dead.

interface LockInfo {
  pid: number;
  hostname: string;
  /** When the lock was taken. */
  since: string;
  /** When the holding process started: tells a restarted process with the same pid (pid 1 in a container) from itself. */
  processStartedAt: string;
  /** Refreshed by the holder every heartbeat interval while it lives. */
  heartbeat?: string;
}

export interface HeldLock {
  path: string;
  /** True when a lock left by a dead process was taken over. */
  recoveredStale: boolean;
  /** The dead holder whose lock was taken over, to say so in the log. */
  staleHolder?: { pid: number; hostname: string; heartbeat: string | null };
  /** Removes the lock if it is still ours. Synchronous, so it can run in process 'exit'. */
  release(): void;
}

/** A lock file this young without readable content may be another process that is writing it right now. */
const UNREADABLE_GRACE_MS = 5_000;
/** Start times computed twice in one process differ by milliseconds; a restart takes far longer. */
const SAME_START_MS = 1_000;
/** How often the holder refreshes its heartbeat. */
export const HEARTBEAT_MS = 10_000;
/** A lock from another host whose heartbeat is this many intervals old is dead. */
const STALE_INTERVALS = 6;

export function acquireLock(dataFile: string, options: { heartbeatMs?: number } = {}): HeldLock {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const path = `${dataFile}.lock`;
  const mine: LockInfo = {
    pid: process.pid,
    hostname: hostname(),
    since: new Date().toISOString(),
    processStartedAt: processStart().toISOString(),
  };
  mine.heartbeat = mine.since;
  let recoveredStale = false;
  let staleHolder: HeldLock['staleHolder'];
  // Twice at most: once normally, once after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path, mine)) {
      const timer = setInterval(() => beat(path, mine), heartbeatMs);
      timer.unref();
      return {
        path,
        recoveredStale,
        ...(staleHolder ? { staleHolder } : {}),
        release: () => {
          clearInterval(timer);
          release(path, mine);
        },
      };
    }
    const holder = readLock(path);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable') {
      refuseIfAlive(dataFile, path, holder, heartbeatMs * STALE_INTERVALS);
      staleHolder = { pid: holder.pid, hostname: holder.hostname, heartbeat: holder.heartbeat ?? null };
    } else if (Date.now() - mtime(path) < UNREADABLE_GRACE_MS)
      throw new Error(`${dataFile} is being opened by another AanZet process right now (${path} is new)`);
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    recoveredStale = true;
  }
  throw new Error(`${dataFile} is in use by another AanZet process: it took ${path} while this one started`);
}

function tryCreate(path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new Error(`${path}: cannot create the lock file: ${(error as Error).message}`);
  }
  try {
    writeSync(fd, JSON.stringify(info));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLock(path: string): LockInfo | 'gone' | 'unreadable' {
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo> | null;
    if (typeof info?.pid !== 'number' || typeof info.hostname !== 'string') return 'unreadable';
    return info as LockInfo;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : 'unreadable';
  }
}

function refuseIfAlive(dataFile: string, path: string, holder: LockInfo, staleAfterMs: number): void {
  const who = `pid ${holder.pid}, since ${holder.since}`;
  const advice = 'stop it or use another AANZET_DATA_DIR';
  if (holder.hostname !== hostname()) {
    // Its pid cannot be checked from here: its heartbeat tells whether it still lives.
    const beat = Date.parse(holder.heartbeat ?? holder.since);
    const age = Date.now() - beat;
    if (Number.isFinite(beat) && age <= staleAfterMs)
      throw new Error(
        `${dataFile} is in use by another AanZet process on host ${holder.hostname} (${who}, ` +
          `heartbeat ${Math.round(age / 1000)} s ago); ${advice} (if that process is gone, its lock is taken ` +
          `over once the heartbeat is ${Math.round(staleAfterMs / 1000)} s old, or delete ${path})`,
      );
    return; // not refreshed for several intervals: that process is gone
  }
  if (holder.pid === process.pid) {
    const sameStart =
      Math.abs(Date.parse(holder.processStartedAt) - processStart().getTime()) < SAME_START_MS;
    if (sameStart) throw new Error(`${dataFile} is already open in this process (since ${holder.since})`);
    return; // an earlier process that had our pid: dead
  }
  if (isAlive(holder.pid))
    throw new Error(`${dataFile} is in use by another AanZet process (${who}); ${advice}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: only checks that the process exists
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refreshes the heartbeat while the lock is still ours: a new file renamed over the lock, so a reader never sees half of it. */
function beat(path: string, mine: LockInfo): void {
  const holder = readLock(path);
  if (typeof holder !== 'object' || holder.pid !== mine.pid || holder.since !== mine.since) return;
  mine.heartbeat = new Date().toISOString();
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, JSON.stringify(mine), { mode: 0o600 });
    chmodSync(temp, 0o600); // also when a crash left this temp file with other modes
    renameSync(temp, path);
  } catch {
    // A full disk: the next beat tries again; meanwhile the lock only ages.
  }
}

function release(path: string, mine: LockInfo): void {
  const holder = readLock(path);
  if (typeof holder === 'object' && holder.pid === mine.pid && holder.since === mine.since) {
    try {
      unlinkSync(path);
    } catch {
      // Best effort: a lock left behind is recognised as stale by the next start.
    }
  }
}

function processStart(): Date {
  return new Date(Date.now() - process.uptime() * 1000);
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
