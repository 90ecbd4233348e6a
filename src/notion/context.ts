// What push, pull and reconciliation share: the client, the store, where each entity lives in Notion, and the
// record-level reads and writes that differ by entity.

import type { Client } from '@notionhq/client';
import type { Lead, Spend, Target, TrackingNumber, Visit } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { Entity, StoreServices } from '../store/index.js';
import type { BackoffOptions, NotionHealth } from './health.js';
import type { SyncedRecord } from './properties.js';
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

/** Every plan record of a kind, as the store lists them. */
function listPlanRecords(
  services: StoreServices,
  entity: Exclude<Entity, 'lead'>,
): readonly (Spend | Target | Visit | TrackingNumber)[] {
  if (entity === 'spend') return services.plans.listSpend();
  if (entity === 'number') return services.plans.listNumbers();
  return entity === 'target' ? services.plans.listTargets() : services.plans.listVisits();
}

export function readRecord(services: StoreServices, entity: Entity, id: string): SyncedRecord | null {
  if (entity === 'lead') return services.leads.getLead(id);
  return listPlanRecords(services, entity).find((record) => record.id === id) ?? null;
}

/** Writes a record as Notion has it (no outbox row: Notion already has it); an empty id gets the next one. */
export function applyRemoteRecord(services: StoreServices, entity: Entity, record: SyncedRecord): SyncedRecord {
  if (entity === 'lead') return services.leads.applyRemoteLead(record as Lead);
  if (entity === 'visit') return services.plans.applyRemoteVisit(record as Visit);
  if (entity === 'number') return services.plans.applyRemoteNumber(record as TrackingNumber);
  return entity === 'spend'
    ? services.plans.applyRemoteSpend(record as Spend)
    : services.plans.applyRemoteTarget(record as Target);
}

export function removeRecord(services: StoreServices, entity: Entity, id: string): boolean {
  if (entity === 'lead') return services.leads.removeLead(id);
  if (entity === 'visit') return services.plans.removeVisit(id);
  if (entity === 'number') return services.plans.removeNumber(id);
  return entity === 'spend' ? services.plans.removeSpend(id) : services.plans.removeTarget(id);
}

export const ENTITIES: readonly Entity[] = ['lead', 'spend', 'target', 'visit', 'number'];

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
