// TrackingNumber records in their table (the generic plan reads and writes in plan-rows.ts do the rest).

import type { TrackingNumber } from '../domain/types.js';
import { type Db, prepareCached } from './open-store.js';
import { buildPlanRecord, readAllPlanRecords, readPlanRecord } from './plan-rows.js';

export const readNumber = (db: Db, id: string) => readPlanRecord(db, 'number', id) as TrackingNumber | null;
export const readAllNumbers = (db: Db) => readAllPlanRecords<TrackingNumber>(db, 'number');

/** The mapping `/roi number` changes: the oldest one of that number if Notion holds several. */
export function findNumberByKey(db: Db, number: string): TrackingNumber | null {
  const sql = 'SELECT * FROM tracking_numbers WHERE number = ? ORDER BY id LIMIT 1';
  const row = prepareCached(db, sql).get(number) as Parameters<typeof buildPlanRecord>[0] | undefined;
  return row ? buildPlanRecord<TrackingNumber>(row) : null;
}
