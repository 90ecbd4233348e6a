// The directory store of distribution mode: what belongs to no one workspace — the Slack installations, the OAuth
// states already used, each workspace's digest schedule. DATA_DIR's own file on SQLite, its own schema on Postgres.

import { join } from 'node:path';
import type { Config } from './config.js';
import { openStore, type Store } from './store/open-store.js';
import { STORE_FILE_NAME } from './store-location.js';

/** The Postgres schema of the directory (installations, used states); each workspace has its own schema beside it. */
export const DIRECTORY_SCHEMA = 'roi_directory';

/** The directory's own place: not the single-workspace store, so switching modes leaves that store as it was. */
export function openDirectoryStore(config: Config): Store {
  if (config.databaseUrl === undefined) return openStore({ file: join(config.dataDir, 'directory', STORE_FILE_NAME) });
  return openStore({ file: '', url: config.databaseUrl, schema: DIRECTORY_SCHEMA });
}
