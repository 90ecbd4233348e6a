// How Spend and Target records are laid out in their tables, both ways.

import type { FunnelStage, Spend, SpendCategory, Target } from '../domain/types.js';
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

export function findTargetByKey(db: Db, month: string, stage: FunnelStage): Target | null {
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

export function readPlanRecord(db: Db, entity: PlanEntity, id: string): Spend | Target | null {
  return entity === 'spend' ? readSpend(db, id) : readTarget(db, id);
}

export function writePlanRecord(db: Db, entity: PlanEntity, record: Spend | Target): void {
  if (entity === 'spend') writeSpend(db, record as Spend);
  else writeTarget(db, record as Target);
}

export function deletePlanRow(db: Db, entity: PlanEntity, id: string): boolean {
  const sql = entity === 'spend' ? 'DELETE FROM spend WHERE id = ?' : 'DELETE FROM targets WHERE id = ?';
  markPlansChanged(db);
  return prepareCached(db, sql).run(id).changes > 0;
}
