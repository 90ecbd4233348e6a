// What push, pull and reconciliation share: the client, the store, where each entity lives in Notion, and the
// record-level reads and writes that differ by entity.

import type { Client } from '@notionhq/client';
import type { Lead, Spend, Target, TrackingNumber } from '../domain/types.js';
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

export function readRecord(services: StoreServices, entity: Entity, id: string): SyncedRecord | null {
  if (entity === 'lead') return services.leads.getLead(id);
  const records: readonly (Spend | Target | TrackingNumber)[] =
    entity === 'spend'
      ? services.plans.listSpend()
      : entity === 'number'
        ? services.plans.listNumbers()
        : services.plans.listTargets();
  return records.find((record) => record.id === id) ?? null;
}

/** Writes a record as Notion has it (no outbox row: Notion already has it); an empty id gets the next one. */
export function applyRemoteRecord(services: StoreServices, entity: Entity, record: SyncedRecord): SyncedRecord {
  if (entity === 'lead') return services.leads.applyRemoteLead(record as Lead);
  if (entity === 'number') return services.plans.applyRemoteNumber(record as TrackingNumber);
  return entity === 'spend'
    ? services.plans.applyRemoteSpend(record as Spend)
    : services.plans.applyRemoteTarget(record as Target);
}

export function removeRecord(services: StoreServices, entity: Entity, id: string): boolean {
  if (entity === 'lead') return services.leads.removeLead(id);
  if (entity === 'number') return services.plans.removeNumber(id);
  return entity === 'spend' ? services.plans.removeSpend(id) : services.plans.removeTarget(id);
}

export function watermarkKey(dataSourceId: string): string {
  return `notion:watermark:${dataSourceId}`;
}
