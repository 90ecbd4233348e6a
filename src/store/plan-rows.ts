// How Spend, Target, Visit and TrackingNumber records are laid out in their tables, both ways.

import type { Spend, SpendCategory, Target, TargetStage, TrackingNumber, Visit } from '../domain/types.js';
import { recordChange } from './change-feed.js';
import { StoreError } from './errors.js';
import type { PlanEntity } from './journal.js';
import { INSERT_NUMBER, readNumber, UPDATE_NUMBER } from './number-rows.js';
import { type Db, prepareCached } from './open-store.js';
import { isUniqueViolation } from './sql/database.js';

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
  stage: TargetStage;
  count: number | null;
  rate: number | null;
  updated_at: number;
}

interface VisitRow {
  id: string;
  month: string;
  source: string | null;
  visits: number;
  updated_at: number;
}

export type PlanRecord = Spend | Target | Visit | TrackingNumber;

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
  const sql =
    'SELECT * FROM spend WHERE month = ? AND category = ? AND campaign IS NOT DISTINCT FROM ? ORDER BY id LIMIT 1';
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

export function findTargetByKey(db: Db, month: string, stage: TargetStage): Target | null {
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

function buildVisit(row: VisitRow): Visit {
  const { updated_at, ...rest } = row;
  return { ...rest, updatedAt: updated_at };
}

export function readVisit(db: Db, id: string): Visit | null {
  const row = prepareCached(db, 'SELECT * FROM visits WHERE id = ?').get(id) as VisitRow | undefined;
  return row ? buildVisit(row) : null;
}

export function readAllVisits(db: Db): Visit[] {
  return (prepareCached(db, 'SELECT * FROM visits ORDER BY month, id').all() as VisitRow[]).map(buildVisit);
}

/** The record recordVisits changes: same month and source (or none); the oldest if Notion holds several. */
export function findVisitByKey(db: Db, month: string, source: string | null): Visit | null {
  const sql = 'SELECT * FROM visits WHERE month = ? AND source IS NOT DISTINCT FROM ? ORDER BY id LIMIT 1';
  const row = prepareCached(db, sql).get(month, source) as VisitRow | undefined;
  return row ? buildVisit(row) : null;
}

const INSERT_VISIT = `INSERT INTO visits (id, month, source, visits, updated_at)
  VALUES (@id, @month, @source, @visits, @updatedAt)`;
const UPDATE_VISIT = `UPDATE visits SET month = @month, source = @source, visits = @visits, updated_at = @updatedAt
  WHERE id = @id`;

export function insertVisit(db: Db, visit: Visit): void {
  runWrite(db, 'visit', INSERT_VISIT, visit);
}

export function readPlanRecord(db: Db, entity: PlanEntity, id: string): PlanRecord | null {
  if (entity === 'spend') return readSpend(db, id);
  if (entity === 'number') return readNumber(db, id);
  return entity === 'target' ? readTarget(db, id) : readVisit(db, id);
}

const INSERT_SQL: Readonly<Record<PlanEntity, string>> = {
  spend: INSERT_SPEND,
  target: INSERT_TARGET,
  visit: INSERT_VISIT,
  number: INSERT_NUMBER,
};
const UPDATE_SQL: Readonly<Record<PlanEntity, string>> = {
  spend: UPDATE_SPEND,
  target: UPDATE_TARGET,
  visit: UPDATE_VISIT,
  number: UPDATE_NUMBER,
};
const DELETE_SQL: Readonly<Record<PlanEntity, string>> = {
  spend: 'DELETE FROM spend WHERE id = ?',
  target: 'DELETE FROM targets WHERE id = ?',
  visit: 'DELETE FROM visits WHERE id = ?',
  number: 'DELETE FROM tracking_numbers WHERE id = ?',
};

/** Adds a record; an id already in the table fails loudly (StoreError 'duplicate') instead of replacing a row. */
export function insertPlanRecord(db: Db, entity: PlanEntity, record: PlanRecord): void {
  runWrite(db, entity, INSERT_SQL[entity], record);
}

/** Writes a new version of an existing record; one that is not there fails loudly instead of being created. */
export function updatePlanRecord(db: Db, entity: PlanEntity, record: PlanRecord): void {
  if (runWrite(db, entity, UPDATE_SQL[entity], record) !== 1) {
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
  return prepareCached(db, DELETE_SQL[entity]).run(id).changes > 0;
}
