// The Notion side of the record-kind registry (the store's is src/store/record-kinds.ts): for each kind, the database
// it syncs to (required or optional: DatabaseSpec.optional), its rows both ways, the rules a pulled row keeps, which
// fields merge with edits made here, and how a pulled record is written back into the store. Push, pull and
// reconciliation treat a kind only through its entry here.

import type { PageObjectResponse } from '@notionhq/client';
import type { Spend, Target, TrackingNumber, Visit } from '../domain/types.js';
import type { Entity, PlanEntity, StoreServices } from '../store/index.js';
import type { NotionKind, RowReadContext } from './kind-types.js';
import { LEAD_KIND } from './lead-kind.js';
import {
  buildNumberPlain,
  buildSpendName,
  buildSpendPlain,
  buildTargetName,
  buildTargetPlain,
  buildVisitName,
  buildVisitPlain,
  parseNumberPlain,
  parseSpendPlain,
  parseTargetPlain,
  parseVisitPlain,
  type SyncedRecord,
} from './properties.js';
import { findNumberRowProblem, findPlanRowProblem } from './row-checks.js';
import { NUMBERS_DATABASE, SPEND_DATABASE, TARGETS_DATABASE, VISITS_DATABASE } from './schema.js';
import { readPlanFieldTimes } from './sync-db.js';
import { buildProperties, type PlainRecord, parsePlainRecord } from './values.js';

export type { NotionKind, RowReadContext } from './kind-types.js';

const planFieldTimes = (entity: PlanEntity) => (services: StoreServices, id: string) =>
  readPlanFieldTimes(services.store.db, entity, id);

export const NOTION_KINDS: { readonly [K in Entity]: NotionKind } = {
  lead: LEAD_KIND,
  spend: {
    database: SPEND_DATABASE,
    buildKey: (record) => buildSpendName(record as Spend),
    buildPlain: (record) => buildSpendPlain(record as Spend),
    parsePlain: (plain, { id, editedTime, customSources }) => parseSpendPlain(plain, id, editedTime, customSources),
    rowProblem: (plain) =>
      findPlanRowProblem('spend', plain, { option: ['Category', 'category'], numbers: [['Amount', 'amount']] }),
    fields: ['campaign', 'source', 'month', 'amount', 'category'] satisfies (keyof Spend)[],
    addedField: 'amount',
    fieldTimes: planFieldTimes('spend'),
    list: (services) => services.plans.listSpend(),
    applyRemote: (services, record) => services.plans.applyRemoteSpend(record as Spend),
    remove: (services, id) => services.plans.removeSpend(id),
  },
  target: {
    database: TARGETS_DATABASE,
    buildKey: (record) => buildTargetName(record as Target),
    buildPlain: (record) => buildTargetPlain(record as Target),
    parsePlain: (plain, { id, editedTime }) => parseTargetPlain(plain, id, editedTime),
    rowProblem: (plain) =>
      findPlanRowProblem('target', plain, {
        option: ['Stage', 'stage'],
        numbers: [
          ['Count', 'count'],
          ['Rate', 'rate'],
        ],
      }),
    fields: ['month', 'stage', 'count', 'rate'] satisfies (keyof Target)[],
    fieldTimes: planFieldTimes('target'),
    list: (services) => services.plans.listTargets(),
    applyRemote: (services, record) => services.plans.applyRemoteTarget(record as Target),
    remove: (services, id) => services.plans.removeTarget(id),
  },
  visit: {
    database: VISITS_DATABASE,
    buildKey: (record) => buildVisitName(record as Visit),
    buildPlain: (record) => buildVisitPlain(record as Visit),
    parsePlain: (plain, { id, editedTime, customSources }) => parseVisitPlain(plain, id, editedTime, customSources),
    rowProblem: (plain) => findPlanRowProblem('visit', plain, { option: null, numbers: [['Visits', 'visits']] }),
    fields: ['month', 'source', 'visits'] satisfies (keyof Visit)[],
    addedField: 'visits',
    fieldTimes: planFieldTimes('visit'),
    list: (services) => services.plans.listVisits(),
    applyRemote: (services, record) => services.plans.applyRemoteVisit(record as Visit),
    remove: (services, id) => services.plans.removeVisit(id),
  },
  number: {
    database: NUMBERS_DATABASE,
    buildKey: (record) => (record as TrackingNumber).number,
    buildPlain: (record) => buildNumberPlain(record as TrackingNumber),
    parsePlain: (plain, { id, editedTime, customSources }) => parseNumberPlain(plain, id, editedTime, customSources),
    rowProblem: findNumberRowProblem,
    fields: ['number', 'campaign', 'source'] satisfies (keyof TrackingNumber)[],
    fieldTimes: planFieldTimes('number'),
    list: (services) => services.plans.listNumbers(),
    applyRemote: (services, record) => services.plans.applyRemoteNumber(record as TrackingNumber),
    remove: (services, id) => services.plans.removeNumber(id),
  },
};

/** What is wrong with a pulled row, in words for the log, or null when it keeps every rule. */
export function findRowProblem(entity: Entity, plain: PlainRecord): string | null {
  return NOTION_KINDS[entity].rowProblem(plain);
}

/** The key a row is looked up by after an ambiguous failure: the Lead ID for leads, the Name (natural key) otherwise. */
export function buildRecordKey(entity: Entity, record: SyncedRecord): string {
  return NOTION_KINDS[entity].buildKey(record);
}

export function buildRecordPlain(entity: Entity, record: SyncedRecord): PlainRecord {
  return NOTION_KINDS[entity].buildPlain(record);
}

/** The row's properties; `absent` names optional properties this database lacks, which are left out of the write. */
export function buildRecordProperties(
  entity: Entity,
  record: SyncedRecord,
  absent: ReadonlySet<string> = new Set(),
): Record<string, Record<string, unknown>> {
  const specs = Object.fromEntries(
    Object.entries(NOTION_KINDS[entity].database.properties).filter(([name]) => !absent.has(name)),
  );
  return buildProperties(specs, buildRecordPlain(entity, record));
}

export function parsePagePlain(entity: Entity, page: PageObjectResponse): PlainRecord {
  return parsePlainRecord(page, NOTION_KINDS[entity].database.properties);
}

export function parseRecordPlain(entity: Entity, plain: PlainRecord, context: RowReadContext): SyncedRecord | null {
  return NOTION_KINDS[entity].parsePlain(plain, context);
}

/** The record as the store holds it now (the store's lists are cached in memory), or null. */
export function readRecord(services: StoreServices, entity: Entity, id: string): SyncedRecord | null {
  const kind = NOTION_KINDS[entity];
  if (kind.read) return kind.read(services, id);
  return kind.list?.(services).find((record) => record.id === id) ?? null;
}

/** Writes a record as Notion has it (no outbox row: Notion already has it); an empty id gets the next one. */
export function applyRemoteRecord(services: StoreServices, entity: Entity, record: SyncedRecord): SyncedRecord {
  return NOTION_KINDS[entity].applyRemote(services, record);
}

export function removeRecord(services: StoreServices, entity: Entity, id: string): boolean {
  return NOTION_KINDS[entity].remove(services, id);
}
