// How Spend, Target and Visit records are laid out in their tables, both ways.

import type { Spend, SpendCategory, Target, TargetStage, Visit } from '../domain/types.js';
import { markPlansChanged } from './dataset-cache.js';
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

export type PlanRecord = Spend | Target | Visit;

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

export function writeSpend(db: Db, spend: Spend): void {
  const sql = `INSERT OR REPLACE INTO spend (id, campaign, source, month, amount, category, updated_at)
    VALUES (@id, @campaign, @source, @month, @amount, @category, @updatedAt)`;
  prepareCached(db, sql).run(spend);
  markPlansChanged(db);
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

export function writeTarget(db: Db, target: Target): void {
  const sql = `INSERT OR REPLACE INTO targets (id, month, stage, count, rate, updated_at)
    VALUES (@id, @month, @stage, @count, @rate, @updatedAt)`;
  prepareCached(db, sql).run(target);
  markPlansChanged(db);
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

/** The record recordVisits replaces: same month and source (or none); the oldest if Notion holds several. */
export function findVisitByKey(db: Db, month: string, source: string | null): Visit | null {
  const sql = 'SELECT * FROM visits WHERE month = ? AND source IS ? ORDER BY id LIMIT 1';
  const row = prepareCached(db, sql).get(month, source) as VisitRow | undefined;
  return row ? buildVisit(row) : null;
}

export function writeVisit(db: Db, visit: Visit): void {
  const sql = `INSERT OR REPLACE INTO visits (id, month, source, visits, updated_at)
    VALUES (@id, @month, @source, @visits, @updatedAt)`;
  prepareCached(db, sql).run(visit);
  markPlansChanged(db);
}

export function readPlanRecord(db: Db, entity: PlanEntity, id: string): PlanRecord | null {
  if (entity === 'spend') return readSpend(db, id);
  return entity === 'target' ? readTarget(db, id) : readVisit(db, id);
}

export function writePlanRecord(db: Db, entity: PlanEntity, record: PlanRecord): void {
  if (entity === 'spend') writeSpend(db, record as Spend);
  else if (entity === 'target') writeTarget(db, record as Target);
  else writeVisit(db, record as Visit);
}

const DELETE_SQL: Record<PlanEntity, string> = {
  spend: 'DELETE FROM spend WHERE id = ?',
  target: 'DELETE FROM targets WHERE id = ?',
  visit: 'DELETE FROM visits WHERE id = ?',
};

export function deletePlanRow(db: Db, entity: PlanEntity, id: string): boolean {
  markPlansChanged(db);
  return prepareCached(db, DELETE_SQL[entity]).run(id).changes > 0;
}
