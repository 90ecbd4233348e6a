// Our record ids: 'L-000042', 'S-000003', 'T-000001', 'V-000007', 'N-000002' — a letter, a dash and a number from 1 to
// 999,999,999 padded to at least six digits. The counter lives in SQLite (table id_counters) and is added to there,
// as an INTEGER: a Lead ID typed into Notion ('L-99999999999999999999') once went through JS numbers, stopped
// counting at 2^53, and handed every later lead the same id. Numbers of nine digits at most are exact in a double,
// so reading one back is safe.

import { StoreError } from './errors.js';
import { type Db, prepareCached } from './open-store.js';
import { type Entity, RECORD_KINDS, recordEventsWhere } from './record-kinds.js';

export const MAX_ID_NUMBER = 999_999_999;
const ID_SHAPE = /^([A-Z])-(\d{6,9})$/;

/** Ids of our shape in a column: the letter, a dash and 1–9 digits (written so SQLite and Postgres read it alike). */
function ourIds(prefix: string): string {
  return `length(id) BETWEEN 3 AND 11 AND substr(id, 1, 2) = '${prefix}-' AND ltrim(substr(id, 3), '0123456789') = ''`;
}

/** The largest number among the rows' ids that have our shape (for advanceIdCounter). */
function maxInTableSql(entity: Entity): string {
  const { prefix, table, idNumberColumn: column } = RECORD_KINDS[entity];
  // A number kept in a column of its own is indexed: one index lookup.
  if (column) return `SELECT MAX(${column}) FROM ${table} WHERE ${column} BETWEEN 1 AND ${MAX_ID_NUMBER}`;
  return `SELECT MAX(CAST(substr(id, 3) AS INTEGER)) FROM ${table} WHERE ${ourIds(prefix)}`;
}

/** Whether a record of the kind has the id, or any event of its kind ever carried it. */
function everUsedSql(entity: Entity): string {
  const { table, events } = RECORD_KINDS[entity];
  return `SELECT EXISTS (SELECT 1 FROM ${table} WHERE id = @id)
    OR EXISTS (SELECT 1 FROM ${events} WHERE ${recordEventsWhere(entity)})`;
}

export function formatEntityId(entity: Entity, number: number | bigint): string {
  return `${RECORD_KINDS[entity].prefix}-${String(number).padStart(6, '0')}`;
}

/** The number of an id of ours, or null for any other text: a wrong letter, no number, too long, extra zeros. */
export function parseEntityIdNumber(entity: Entity, id: string): number | null {
  const match = ID_SHAPE.exec(id);
  if (!match || match[1] !== RECORD_KINDS[entity].prefix) return null;
  const number = Number(match[2]);
  return number >= 1 && formatEntityId(entity, number) === id ? number : null;
}

export function isWellFormedId(entity: Entity, id: string): boolean {
  return parseEntityIdNumber(entity, id) !== null;
}

/** True when a lead, spend, target or visits row or any event ever carried this id, here. */
export function wasIdEverUsed(db: Db, entity: Entity, id: string): boolean {
  // SQLite answers 1 or 0, Postgres true or false.
  return Boolean(prepareCached(db, everUsedSql(entity)).pluck(true).get({ id }));
}

/**
 * The next id of an entity: the counter plus one, skipping any id a record here has or ever had — an id is never
 * handed out twice, not even after an undo deleted its record (the Notion sync would mistake the new record for the
 * deleted one). Runs inside the caller's transaction.
 */
export function nextEntityId(db: Db, entity: Entity): string {
  const sql = 'UPDATE id_counters SET last_number = last_number + 1 WHERE entity = ? RETURNING last_number';
  for (;;) {
    const read = prepareCached(db, sql).safeIntegers(true).pluck(true).get(entity) as bigint | number | undefined;
    if (read === undefined) throw new Error(`no id counter for ${entity}: the store was not migrated`);
    const next = BigInt(read);
    if (next > BigInt(MAX_ID_NUMBER)) {
      throw new StoreError('invalid', `every ${entity} id up to ${formatEntityId(entity, MAX_ID_NUMBER)} is taken`);
    }
    const id = formatEntityId(entity, next);
    if (!wasIdEverUsed(db, entity, id)) return id;
  }
}

/** How far past the counter an id from outside may be and still move it along. */
export const CLAIM_WINDOW = 100_000;

/**
 * Takes an id given from outside (an import, a Lead ID typed into Notion) for a new record. An id a record here has,
 * or ever had, is refused loudly: a new record under it would overwrite or revive another. Rows imported in order
 * move the counter along with them, so the next id follows theirs; an id far beyond the counter (a typo such as
 * L-999999999) is kept as that record's id but leaves the counter alone, so it cannot use up the ids ahead.
 */
export function claimEntityId(db: Db, entity: Entity, id: string): void {
  if (wasIdEverUsed(db, entity, id)) throw new StoreError('duplicate', `the id ${id} is already taken`);
  const number = parseEntityIdNumber(entity, id);
  if (number === null) return;
  const sql = `UPDATE id_counters SET last_number = @number
    WHERE entity = @entity AND @number > last_number AND @number <= last_number + @window`;
  prepareCached(db, sql).run({ number, entity, window: CLAIM_WINDOW });
}

/** After rows with ids of our own were loaded in bulk (the sample data): the counter moves past the largest. */
export function advanceIdCounter(db: Db, entity: Entity): void {
  const largest = (prepareCached(db, maxInTableSql(entity)).pluck(true).get() as number | null) ?? 0;
  prepareCached(db, 'UPDATE id_counters SET last_number = ? WHERE entity = ? AND last_number < ?').run(
    largest,
    entity,
    largest,
  );
}
