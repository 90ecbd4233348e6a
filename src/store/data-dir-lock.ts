// One bot per DATA_DIR. Two bots on one store would both post every digest and both push every change to Notion, so
// the bot takes an exclusive lock at start and holds it for its whole life. The lock is SQLite's own (an exclusive
// lock on a small file of its own, not on the store, so `npm run digest` can still open the store): the operating
// system drops it the moment the process dies, however it dies, so a lock left by a crash is simply taken over,
// with no pid to trust (pids repeat across container restarts). A note beside it names the holder for the message.

import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';

export const LOCK_FILE_NAME = 'roi-runway.lock';
export const HOLDER_FILE_NAME = 'roi-runway.lock.json';

const holderSchema = z.object({ pid: z.number().int(), host: z.string(), startedAt: z.string() });
export type LockHolder = z.infer<typeof holderSchema>;

/** Another live process holds DATA_DIR; `message` says which and what to do. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  readonly code = 'data_dir_locked';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder === null ? 'Another ROI Runway' : `Another ROI Runway (pid ${holder.pid} on ${holder.host})`;
    super(
      `${who} is already running on DATA_DIR ${dataDir}. Two bots on one store would post every digest twice: ` +
        'stop the other one first, or give this one a DATA_DIR of its own.',
    );
  }
}

export interface DataDirLock {
  readonly dataDir: string;
  /** The holder noted by a process that died holding the lock, if one did. */
  readonly tookOverFrom: LockHolder | null;
  release(): void;
}

function readHolder(file: string): LockHolder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED');
}

/** Takes DATA_DIR (creating the folder) for this process, or throws DataDirLockedError. */
export function acquireDataDirLock(dataDir: string, now: number = Date.now()): DataDirLock {
  const folder = resolve(dataDir);
  mkdirSync(folder, { recursive: true });
  const holderFile = join(folder, HOLDER_FILE_NAME);
  // No busy wait: a held lock is an answer, not a delay.
  const db = new Database(join(folder, LOCK_FILE_NAME), { timeout: 0 });
  try {
    // In exclusive locking mode SQLite keeps the lock a transaction took until the connection closes.
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    db.close();
    if (isBusy(error)) throw new DataDirLockedError(folder, readHolder(holderFile));
    throw error;
  }
  const previous = readHolder(holderFile);
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date(now).toISOString() };
  writeFileSync(`${holderFile}.tmp`, `${JSON.stringify(holder)}\n`);
  renameSync(`${holderFile}.tmp`, holderFile);
  let released = false;
  return {
    dataDir: folder,
    tookOverFrom: previous,
    release() {
      if (released) return;
      released = true;
      // The note goes while the lock is still ours, so it can never remove the next holder's note.
      rmSync(holderFile, { force: true });
      db.close();
    },
  };
}
