import { closeSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

// One process per data file: `<file>.lock`, created exclusively, says who holds it. A lock
// whose process is gone (a crash, SIGKILL) is taken over.

interface LockInfo {
  pid: number;
  hostname: string;
  /** When the lock was taken. */
  since: string;
  /** When the holding process started: tells a restarted process with the same pid (pid 1 in a container) from itself. */
  processStartedAt: string;
}

export interface HeldLock {
  path: string;
  /** True when a lock left by a dead process was taken over. */
  recoveredStale: boolean;
  /** Removes the lock if it is still ours. Synchronous, so it can run in process 'exit'. */
  release(): void;
}

/** A lock file this young without readable content may be another process that is writing it right now. */
const UNREADABLE_GRACE_MS = 5_000;
/** Start times computed twice in one process differ by milliseconds; a restart takes far longer. */
const SAME_START_MS = 1_000;

export function acquireLock(dataFile: string): HeldLock {
  const path = `${dataFile}.lock`;
  const mine: LockInfo = {
    pid: process.pid,
    hostname: hostname(),
    since: new Date().toISOString(),
    processStartedAt: processStart().toISOString(),
  };
  let recoveredStale = false;
  // Twice at most: once normally, once after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    if (tryCreate(path, mine)) return { path, recoveredStale, release: () => release(path, mine) };
    const holder = readLock(path);
    if (holder === 'gone') continue;
    if (holder !== 'unreadable') refuseIfAlive(dataFile, path, holder);
    else if (Date.now() - mtime(path) < UNREADABLE_GRACE_MS)
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
    fd = openSync(path, 'wx');
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

function refuseIfAlive(dataFile: string, path: string, holder: LockInfo): void {
  const who = `pid ${holder.pid}, since ${holder.since}`;
  const advice = 'stop it or use another AANZET_DATA_DIR';
  if (holder.hostname !== hostname())
    // Its pid cannot be checked from here: refuse, and say how to clear a lock left behind.
    throw new Error(
      `${dataFile} is in use by another AanZet process on host ${holder.hostname} (${who}); ${advice} ` +
        `(if that process is gone, delete ${path})`,
    );
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
