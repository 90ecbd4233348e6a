// How Spend, Target and TrackingNumber records are laid out in their tables, both ways.

import type { FunnelStage, Spend, SpendCategory, Target, TrackingNumber } from '../domain/types.js';
import { markPlansChanged } from './dataset-cache.js';
import { StoreError } from './errors.js';
import type { PlanEntity } from './journal.js';
import { type Db, prepareCached } from './open-store.js';

interface SpendRow {
  id: string;
  campaign: string | null;
  source: string | null;
  month: string;
  amount: number;
  category: SpendCategory;
  updated_at: number;
}

interface TargetRow {
  id: string;
  month: string;
  stage: FunnelStage;
  count: number | null;
  rate: number | null;
  updated_at: number;
}

function buildSpend(row: SpendRow): Spend {
  const { updated_at, ...rest } = row;
  return { ...rest, updatedAt: updated_at };
}

function buildTarget(row: TargetRow): Target {
  const { updated_at, ...rest } = row;
  return { ...rest, updatedAt: updated_at };
}

export function readSpend(db: Db, id: string): Spend | null {
  const row = prepareCached(db, 'SELECT * FROM spend WHERE id = ?').get(id) as SpendRow | undefined;
  return row ? buildSpend(row) : null;
}

export function readAllSpend(db: Db): Spend[] {
  return (prepareCached(db, 'SELECT * FROM spend ORDER BY month, id').all() as SpendRow[]).map(buildSpend);
}

/** The record recordSpend replaces: same campaign (or none), month and category; the oldest if Notion holds several. */
export function findSpendByKey(db: Db, campaign: string | null, month: string, category: SpendCategory) {
  const sql = 'SELECT * FROM spend WHERE month = ? AND category = ? AND campaign IS ? ORDER BY id LIMIT 1';
  const row = prepareCached(db, sql).get(month, category, campaign) as SpendRow | undefined;
  return row ? buildSpend(row) : null;
}

const INSERT_SPEND = `INSERT INTO spend (id, campaign, source, month, amount, category, updated_at)
  VALUES (@id, @campaign, @source, @month, @amount, @category, @updatedAt)`;
const UPDATE_SPEND = `UPDATE spend SET campaign = @campaign, source = @source, month = @month, amount = @amount,
  category = @category, updated_at = @updatedAt WHERE id = @id`;

export function insertSpend(db: Db, spend: Spend): void {
  runWrite(db, 'spend', INSERT_SPEND, spend);
}

export function readTarget(db: Db, id: string): Target | null {
  const row = prepareCached(db, 'SELECT * FROM targets WHERE id = ?').get(id) as TargetRow | undefined;
  return row ? buildTarget(row) : null;
}

export function readAllTargets(db: Db): Target[] {
  return (prepareCached(db, 'SELECT * FROM targets ORDER BY month, id').all() as TargetRow[]).map(buildTarget);
}

export function findTargetByKey(db: Db, month: string, stage: FunnelStage): Target | null {
  const sql = 'SELECT * FROM targets WHERE month = ? AND stage = ? ORDER BY id LIMIT 1';
  const row = prepareCached(db, sql).get(month, stage) as TargetRow | undefined;
  return row ? buildTarget(row) : null;
}

const INSERT_TARGET = `INSERT INTO targets (id, month, stage, count, rate, updated_at)
  VALUES (@id, @month, @stage, @count, @rate, @updatedAt)`;
const UPDATE_TARGET = `UPDATE targets SET month = @month, stage = @stage, count = @count, rate = @rate,
  updated_at = @updatedAt WHERE id = @id`;

export function insertTarget(db: Db, target: Target): void {
  runWrite(db, 'target', INSERT_TARGET, target);
}

interface NumberRow {
  id: string;
  number: string;
  campaign: string | null;
  source: string | null;
  updated_at: number;
}

function buildTrackingNumber(row: NumberRow): TrackingNumber {
  const { updated_at, ...rest } = row;
  return { ...rest, updatedAt: updated_at };
}

export function readAllNumbers(db: Db): TrackingNumber[] {
  const rows = prepareCached(db, 'SELECT * FROM tracking_numbers ORDER BY number, id').all() as NumberRow[];
  return rows.map(buildTrackingNumber);
}

/** The mapping `/roi number` changes: the oldest one of that number if Notion holds several. */
export function findNumberByKey(db: Db, number: string): TrackingNumber | null {
  const sql = 'SELECT * FROM tracking_numbers WHERE number = ? ORDER BY id LIMIT 1';
  const row = prepareCached(db, sql).get(number) as NumberRow | undefined;
  return row ? buildTrackingNumber(row) : null;
}

export type PlanRecord = Spend | Target | TrackingNumber;

/** Each record kind's table and statements: the one place the generic reads and writes below look them up. */
const PLAN_TABLES: Readonly<Record<PlanEntity, { table: string; insert: string; update: string }>> = {
  spend: { table: 'spend', insert: INSERT_SPEND, update: UPDATE_SPEND },
  target: { table: 'targets', insert: INSERT_TARGET, update: UPDATE_TARGET },
  number: {
    table: 'tracking_numbers',
    insert: `INSERT INTO tracking_numbers (id, number, campaign, source, updated_at)
      VALUES (@id, @number, @campaign, @source, @updatedAt)`,
    update: `UPDATE tracking_numbers SET number = @number, campaign = @campaign, source = @source,
      updated_at = @updatedAt WHERE id = @id`,
  },
};

export function readPlanRecord(db: Db, entity: PlanEntity, id: string): PlanRecord | null {
  const row = prepareCached(db, `SELECT * FROM ${PLAN_TABLES[entity].table} WHERE id = ?`).get(id);
  if (row === undefined) return null;
  if (entity === 'number') return buildTrackingNumber(row as NumberRow);
  return entity === 'spend' ? buildSpend(row as SpendRow) : buildTarget(row as TargetRow);
}

/** Adds a record; an id already in the table fails loudly (StoreError 'duplicate') instead of replacing a row. */
export function insertPlanRecord(db: Db, entity: PlanEntity, record: PlanRecord): void {
  runWrite(db, entity, PLAN_TABLES[entity].insert, record);
}

/** Writes a new version of an existing record; one that is not there fails loudly instead of being created. */
export function updatePlanRecord(db: Db, entity: PlanEntity, record: PlanRecord): void {
  if (runWrite(db, entity, PLAN_TABLES[entity].update, record) !== 1) {
    throw new StoreError('not_found', `no ${entity} with id ${record.id}`);
  }
}

function runWrite(db: Db, entity: PlanEntity, sql: string, record: PlanRecord): number {
  try {
    const { changes } = prepareCached(db, sql).run(record);
    markPlansChanged(db);
    return changes;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      throw new StoreError('duplicate', `a ${entity} with id ${record.id} already exists`);
    }
    throw error;
  }
}

export function deletePlanRow(db: Db, entity: PlanEntity, id: string): boolean {
  const sql = `DELETE FROM ${PLAN_TABLES[entity].table} WHERE id = ?`;
  markPlansChanged(db);
  return prepareCached(db, sql).run(id).changes > 0;
}
