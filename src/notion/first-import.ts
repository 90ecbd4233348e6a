// Whether the first import from Notion has finished. Until it has, the store holds only part of the team's data, so
// a digest built from it would report a quiet week that was not quiet: digests wait for this signal.
// An import is finished for a data source once its watermark is saved (runImport saves it last), so a store an
// earlier run imported into counts as done from the start.

import type { Logger } from '../log.js';
import type { FirstImportStatus } from '../slack/deps.js';
import type { Store, StoreServices } from '../store/index.js';
import { listSyncedEntities, watermarkKey } from './context.js';
import type { DataSourceIds } from './schema.js';

/**
 * 'running' while the bot imports, 'done' after: other processes on the same store (`npm run digest`) read it, as
 * they cannot see the bot's memory.
 */
export const FIRST_IMPORT_KEY = 'notion:first-import';

export interface FirstImport {
  status(): FirstImportStatus;
  whenDone(): Promise<void>;
  /** Looks again after a pull; resolves the waiters once every data source has been imported. */
  check(): void;
}

function countImportedLeads(db: Store['db']): number {
  return db.prepare("SELECT COUNT(*) FROM notion_links WHERE entity = 'lead'").pluck(true).get() as number;
}

export function buildFirstImport(services: StoreServices, dataSources: DataSourceIds, log: Logger): FirstImport {
  // Only the kinds this deployment syncs: one without the optional Visits database waits for no visits import.
  const isImported = () =>
    listSyncedEntities(dataSources).every((entity) => {
      const watermark = services.links.getSyncState(watermarkKey(dataSources[entity]!));
      return watermark !== null && Number.isFinite(Number(watermark));
    });
  let done = isImported();
  let resolveDone = () => {};
  const finished = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });
  services.links.setSyncState(FIRST_IMPORT_KEY, done ? 'done' : 'running');
  if (done) resolveDone();
  else log.info('First import from Notion started; digests wait until it has finished');
  return {
    status: () => ({ done, leads: done ? 0 : countImportedLeads(services.store.db) }),
    whenDone: () => finished,
    check() {
      if (done || !isImported()) return;
      done = true;
      services.links.setSyncState(FIRST_IMPORT_KEY, 'done');
      log.info('First import from Notion finished; digests may run', { leads: countImportedLeads(services.store.db) });
      resolveDone();
    },
  };
}

/** True when the bot is importing into this store right now (or died doing so, and has not finished it since). */
export function isFirstImportRunning(services: Pick<StoreServices, 'links'>): boolean {
  return services.links.getSyncState(FIRST_IMPORT_KEY) === 'running';
}

/**
 * The first import as the store recorded it, for the moments before a sync has started and read it again itself: done
 * only once a sync recorded it so; never recorded (Notion never ran on this store) means it is still owed.
 */
export function readRecordedFirstImport(services: StoreServices): FirstImportStatus {
  const done = services.links.getSyncState(FIRST_IMPORT_KEY) === 'done';
  return { done, leads: done ? 0 : countImportedLeads(services.store.db) };
}
