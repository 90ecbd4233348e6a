// How Spend, Target, Visit and TrackingNumber records are laid out in their tables, both ways. Each plan kind's
// table is its registry entry's columns plus `id` and `updated_at` (record-kinds.ts), so one set of statements,
// built from the entry, reads and writes them all.

import type { Spend, SpendCategory, Target, TargetStage, Visit } from '../domain/types.js';
import { recordChange } from './change-feed.js';
import { StoreError } from './errors.js';
import { type Db, prepareCached } from './open-store.js';
import { type PlanEntity, type PlanRecord, RECORD_KINDS } from './record-kinds.js';
import { isUniqueViolation } from './sql/database.js';

export type { PlanRecord } from './record-kinds.js';

export type PlanRow = Record<string, unknown> & { updated_at: number };

export function buildPlanRecord<T extends PlanRecord>(row: PlanRow): T {
  const { updated_at, ...rest } = row;
  return { ...rest, updatedAt: updated_at } as T;
}

function buildOne<T extends PlanRecord>(row: unknown): T | null {
  return row === undefined ? null : buildPlanRecord<T>(row as PlanRow);
}

export function readPlanRecord(db: Db, entity: PlanEntity, id: string): PlanRecord | null {
  return buildOne(prepareCached(db, `SELECT * FROM ${RECORD_KINDS[entity].table} WHERE id = ?`).get(id));
}

/** Every record of a kind, in the order the snapshot keeps them. */
export function selectAllPlanRecords(entity: PlanEntity): string {
  const { table, order } = RECORD_KINDS[entity];
  return `SELECT * FROM ${table} ORDER BY ${order}`;
}

export function readAllPlanRecords<T extends PlanRecord>(db: Db, entity: PlanEntity): T[] {
  return (prepareCached(db, selectAllPlanRecords(entity)).all() as PlanRow[]).map(buildPlanRecord<T>);
}

export const readSpend = (db: Db, id: string) => readPlanRecord(db, 'spend', id) as Spend | null;
export const readAllSpend = (db: Db) => readAllPlanRecords<Spend>(db, 'spend');
export const readTarget = (db: Db, id: string) => readPlanRecord(db, 'target', id) as Target | null;
export const readAllTargets = (db: Db) => readAllPlanRecords<Target>(db, 'target');
export const readVisit = (db: Db, id: string) => readPlanRecord(db, 'visit', id) as Visit | null;
export const readAllVisits = (db: Db) => readAllPlanRecords<Visit>(db, 'visit');

/** The record recordSpend replaces: same campaign (or none), month and category; the oldest if Notion holds several. */
export function findSpendByKey(db: Db, campaign: string | null, month: string, category: SpendCategory) {
  const sql =
    'SELECT * FROM spend WHERE month = ? AND category = ? AND campaign IS NOT DISTINCT FROM ? ORDER BY id LIMIT 1';
  return buildOne<Spend>(prepareCached(db, sql).get(month, category, campaign));
}

export function findTargetByKey(db: Db, month: string, stage: TargetStage): Target | null {
  const sql = 'SELECT * FROM targets WHERE month = ? AND stage = ? ORDER BY id LIMIT 1';
  return buildOne<Target>(prepareCached(db, sql).get(month, stage));
}

/** The record recordVisits changes: same month and source (or none); the oldest if Notion holds several. */
export function findVisitByKey(db: Db, month: string, source: string | null): Visit | null {
  const sql = 'SELECT * FROM visits WHERE month = ? AND source IS NOT DISTINCT FROM ? ORDER BY id LIMIT 1';
  return buildOne<Visit>(prepareCached(db, sql).get(month, source));
}

export const insertSpend = (db: Db, spend: Spend) => insertPlanRecord(db, 'spend', spend);
export const insertTarget = (db: Db, target: Target) => insertPlanRecord(db, 'target', target);
export const insertVisit = (db: Db, visit: Visit) => insertPlanRecord(db, 'visit', visit);

function insertSql(entity: PlanEntity): string {
  const { table, columns } = RECORD_KINDS[entity];
  const names = ['id', ...columns];
  return `INSERT INTO ${table} (${names.join(', ')}, updated_at)
    VALUES (${names.map((name) => `@${name}`).join(', ')}, @updatedAt)`;
}

function updateSql(entity: PlanEntity): string {
  const { table, columns } = RECORD_KINDS[entity];
  const sets = columns.map((name) => `${name} = @${name}`).join(', ');
  return `UPDATE ${table} SET ${sets}, updated_at = @updatedAt WHERE id = @id`;
}

/** Adds a record; an id already in the table fails loudly (StoreError 'duplicate') instead of replacing a row. */
export function insertPlanRecord(db: Db, entity: PlanEntity, record: PlanRecord): void {
  runWrite(db, entity, insertSql(entity), record);
}

/** Writes a new version of an existing record; one that is not there fails loudly instead of being created. */
export function updatePlanRecord(db: Db, entity: PlanEntity, record: PlanRecord): void {
  if (runWrite(db, entity, updateSql(entity), record) !== 1) {
    throw new StoreError('not_found', `no ${entity} with id ${record.id}`);
  }
}

function runWrite(db: Db, entity: PlanEntity, sql: string, record: PlanRecord): number {
  try {
    const { changes } = prepareCached(db, sql).run(record);
    recordChange(db, entity, record.id);
    return changes;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new StoreError('duplicate', `a ${entity} with id ${record.id} already exists`);
    }
    throw error;
  }
}

export function deletePlanRow(db: Db, entity: PlanEntity, id: string): boolean {
  recordChange(db, entity, id);
  return prepareCached(db, `DELETE FROM ${RECORD_KINDS[entity].table} WHERE id = ?`).run(id).changes > 0;
}
