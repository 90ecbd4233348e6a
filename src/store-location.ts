// Where the configured store is: the SQLite file in DATA_DIR, or the Postgres database of DATABASE_URL.

import { join } from 'node:path';
import type { Config } from './config.js';
import type { OpenStoreOptions } from './store/open-store.js';

export const STORE_FILE_NAME = 'roi-runway.sqlite';

export function buildStorePath(dataDir: string): string {
  return join(dataDir, STORE_FILE_NAME);
}

/** Where the configured store is: the SQLite file in DATA_DIR, or the Postgres database of DATABASE_URL. */
export function buildStoreLocation(config: Pick<Config, 'dataDir' | 'databaseUrl'>): OpenStoreOptions {
  const file = buildStorePath(config.dataDir);
  return config.databaseUrl === undefined ? { file } : { file, url: config.databaseUrl };
}
