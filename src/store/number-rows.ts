// How TrackingNumber records are laid out in their table (the generic plan writes in plan-rows.ts use the statements).

import type { TrackingNumber } from '../domain/types.js';
import { type Db, prepareCached } from './open-store.js';

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

export function readNumber(db: Db, id: string): TrackingNumber | null {
  const row = prepareCached(db, 'SELECT * FROM tracking_numbers WHERE id = ?').get(id) as NumberRow | undefined;
  return row ? buildTrackingNumber(row) : null;
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

export const INSERT_NUMBER = `INSERT INTO tracking_numbers (id, number, campaign, source, updated_at)
  VALUES (@id, @number, @campaign, @source, @updatedAt)`;
export const UPDATE_NUMBER = `UPDATE tracking_numbers SET number = @number, campaign = @campaign, source = @source,
  updated_at = @updatedAt WHERE id = @id`;
