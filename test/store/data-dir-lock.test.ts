// One bot per DATA_DIR, within one process too; a lock released cleanly leaves nothing behind, and the note of a
// process that died holding it is reported when the lock is taken over. (runtime-process.test.ts does the same with
// real processes.)

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRuntime } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { acquireDataDirLock, DataDirLockedError, HOLDER_FILE_NAME } from '../../src/store/data-dir-lock.js';

let dir: string;
const releases: (() => void)[] = [];
afterEach(() => {
  for (const release of releases.splice(0)) release();
  rmSync(dir, { recursive: true, force: true });
});

function freshDir(): string {
  dir = mkdtempSync(join(tmpdir(), 'roi-runway-lock-'));
  return dir;
}

describe('the DATA_DIR lock', () => {
  it('refuses a second holder, naming the first and the folder, until the first releases it', () => {
    const dataDir = freshDir();
    const first = acquireDataDirLock(dataDir, Date.UTC(2026, 10, 24, 10));
    releases.push(first.release);

    const refused = (() => {
      try {
        acquireDataDirLock(dataDir);
        return null;
      } catch (error) {
        return error;
      }
    })();

    expect(refused).toBeInstanceOf(DataDirLockedError);
    expect((refused as DataDirLockedError).message).toBe(
      `Another ROI Runway (pid ${process.pid} on ${hostname()}) is already running on DATA_DIR ${resolve(dataDir)}. ` +
        'Two bots on one store would post every digest twice: stop the other one first, or give this one a ' +
        'DATA_DIR of its own.',
    );
    first.release();
    const second = acquireDataDirLock(dataDir);
    releases.push(second.release);
    expect(second.tookOverFrom).toBeNull();
  });

  it('is taken over from a process that died holding it, and says whose it was', () => {
    const dataDir = freshDir();
    const dead = { pid: 999_999, host: 'old-container', startedAt: '2026-11-20T08:00:00.000Z' };
    writeFileSync(join(dataDir, HOLDER_FILE_NAME), JSON.stringify(dead));

    const lock = acquireDataDirLock(dataDir);
    releases.push(lock.release);

    expect(lock.tookOverFrom).toEqual(dead);
    lock.release();
    expect(existsSync(join(dataDir, HOLDER_FILE_NAME))).toBe(false);
  });

  it('refuses a second app on the same DATA_DIR in one process too, and frees it when the first stops', async () => {
    const dataDir = freshDir();
    const env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: 'secret', DATA_DIR: dataDir, PORT: '0' };
    const config = parseConfig(env, 'bot');
    const log = createMemoryLogger('error').logger;
    const first = buildRuntime(config, { log });

    expect(() => buildRuntime(config, { log })).toThrow(DataDirLockedError);
    await first.stop();
    const second = buildRuntime(config, { log });
    await second.stop();
  });
});
