// What push, pull and reconciliation share: the client, the store and where each entity lives in Notion (the
// record-level reads and writes that differ by entity are in the registry, kind-mappings.ts).

import type { Client } from '@notionhq/client';
import type { Logger } from '../log.js';
import { ENTITIES, type Entity, type StoreServices } from '../store/index.js';
import type { BackoffOptions, NotionHealth } from './health.js';
import type { DataSourceIds } from './schema.js';

export interface SyncContext {
  client: Client;
  services: StoreServices;
  dataSources: DataSourceIds;
  /** Optional properties a database lacks: left out of every write. */
  absentProperties?: Partial<Record<Entity, ReadonlySet<string>>>;
  log: Logger;
  clock: () => number;
  health: NotionHealth;
  backoff: BackoffOptions;
  /** Told when Notion refuses a change for good, so the people who made it hear about it. */
  onRefused?: (refusal: NotionRefusal) => void;
}

export interface NotionRefusal {
  entity: Entity;
  entityId: string;
  /** Slack users whose changes were refused (the Notion actor itself excluded). */
  actorIds: string[];
  message: string;
}

/** The kinds this deployment syncs: every kind whose database is configured (an optional one may not be). */
export function listSyncedEntities(dataSources: DataSourceIds): Entity[] {
  return ENTITIES.filter((entity) => dataSources[entity] !== undefined);
}

/** The data source of a kind; callers only ask for synced kinds, so a missing one is a bug, said loudly. */
export function readDataSourceId(ctx: Pick<SyncContext, 'dataSources'>, entity: Entity): string {
  const id = ctx.dataSources[entity];
  if (id === undefined) throw new Error(`No Notion database is configured for ${entity} records`);
  return id;
}

export function watermarkKey(dataSourceId: string): string {
  return `notion:watermark:${dataSourceId}`;
}
