// Where a workspace's data lives. Single-workspace mode: the SQLite file in DATA_DIR (under its lock) or the Postgres
// database of DATABASE_URL, as before. Distribution mode: one store per workspace — a SQLite file under
// DATA_DIR/workspaces/<key>/, or a Postgres schema ws_<key> — so the database itself keeps workspaces apart and no
// statement, cache, outbox row or ledger key can mix them.

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.js';
import { buildPostgresStaleClaimMs } from './jobs/app-jobs.js';
import type { Logger } from './log.js';
import { openSharedStore } from './shared-runtime.js';
import { acquireDataDirLock } from './store/data-dir-lock.js';
import { buildStoreServices, type StoreServices } from './store/index.js';
import { RECORDED_VERSIONS_SQL, type Store } from './store/open-store.js';
import { preconnectPostgres } from './store/sql/postgres.js';
import { buildStorePath } from './store-location.js';

export interface WorkspaceStore {
  services: StoreServices;
  /** The DATA_DIR lock of single mode, released once the store is closed. */
  lock?: { release(): void };
}

/**
 * A workspace key is Bolt's install key: the enterprise id for an org-wide install, the team id otherwise. Slack ids
 * are upper-case letters and digits; anything else is refused before it can name a folder or a schema.
 */
export const WORKSPACE_KEY_PATTERN = /^[A-Z0-9]{2,32}$/;

export function isWorkspaceKey(key: string): boolean {
  return WORKSPACE_KEY_PATTERN.test(key);
}

/** The Postgres schema of a workspace's tables. */
export function buildWorkspaceSchema(key: string): string {
  return `ws_${key.toLowerCase()}`;
}

/** The folder of a workspace's SQLite file. */
export function buildWorkspaceDataDir(dataDir: string, key: string): string {
  return join(dataDir, 'workspaces', key);
}

/** Single mode: this bot's own SQLite file (under the DATA_DIR lock) or the Postgres database every instance shares. */
export function openEnvStore(config: Config, clock: () => number, log: Logger): WorkspaceStore {
  if (config.databaseUrl !== undefined) return openSharedStore(config, clock, log);
  return openOwnStore(config.dataDir, clock, log);
}

/** Distribution mode: the workspace's own store, migrated as it opens. */
export function openWorkspaceStore(config: Config, key: string, clock: () => number): WorkspaceStore {
  if (!isWorkspaceKey(key)) throw new Error(`Not a workspace key: ${JSON.stringify(key)}`);
  const file = buildStorePath(buildWorkspaceDataDir(config.dataDir, key));
  if (config.databaseUrl === undefined) return { services: buildStoreServices(file, clock) };
  const location = { file, url: config.databaseUrl, schema: buildWorkspaceSchema(key) };
  const staleClaimMs = buildPostgresStaleClaimMs(config.jobExpireSeconds);
  return { services: buildStoreServices(location, clock, { staleClaimMs }) };
}

/**
 * The same, for a workspace opened while the process serves others (the registry): on Postgres its connection is opened
 * first without holding the event loop, the longest of an open's round trips.
 */
export async function openWorkspaceStoreAsync(
  config: Config,
  key: string,
  clock: () => number,
): Promise<WorkspaceStore> {
  if (config.databaseUrl !== undefined && isWorkspaceKey(key)) {
    // Which migrations the store has is read as it connects: a migrated store then opens without a wait.
    await preconnectPostgres({ url: config.databaseUrl, schema: buildWorkspaceSchema(key) }, RECORDED_VERSIONS_SQL);
  }
  return openWorkspaceStore(config, key, clock);
}

/** Takes DATA_DIR, then opens the store in it: a second bot on the folder must not touch the store, not even to migrate it. */
function openOwnStore(dataDir: string, clock: () => number, log: Logger): WorkspaceStore {
  const lock = acquireDataDirLock(dataDir, clock());
  if (lock.tookOverFrom !== null) {
    const { pid, host, startedAt } = lock.tookOverFrom;
    log.warn('Took over DATA_DIR from a bot that stopped without releasing it', {
      pid,
      host,
      startedAt,
      dataDir: lock.dataDir,
    });
  }
  try {
    return { lock, services: buildStoreServices(buildStorePath(dataDir), clock) };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** Deletes a workspace's store: its SQLite folder, or its Postgres schema. */
export function deleteWorkspaceData(config: Config, directory: Store, key: string): void {
  if (!isWorkspaceKey(key)) return;
  if (config.databaseUrl === undefined)
    rmSync(buildWorkspaceDataDir(config.dataDir, key), { recursive: true, force: true });
  else directory.db.exec(`DROP SCHEMA IF EXISTS "${buildWorkspaceSchema(key)}" CASCADE`);
}
