// What other connections committed, for the caches that keep the store in memory (dataset-cache.ts, lead-names.ts).
// This connection's own commits reach them through the change feed; another's they find here. On SQLite that other
// connection is a second process on the file (`npm run digest`, an import): `data_version` moves, and the cache reads
// everything again. On Postgres it is another instance: every commit leaves a row in `store_changes` naming the leads
// it wrote, and a cache patches just those, as it does for its own.

import { type Db, prepareCached, readDataVersion } from './open-store.js';
import { rawAsync } from './read-async.js';
import { isPostgres, type PostgresConnection } from './sql/database.js';

/** Where a cache stands: what it has seen of other connections' commits. */
export type OthersMark = number;

export type OthersChanges =
  | { kind: 'none' }
  /** Read everything again: SQLite cannot say what changed, or Postgres pruned rows the cache had not seen. */
  | { kind: 'all' }
  | { kind: 'some'; leadIds: ReadonlySet<string>; planChanged: boolean };

/** How long a commit's row stays for other instances to read; one that slept longer reads everything again. */
export const STORE_CHANGES_KEPT_MS = 24 * 60 * 60_000;
const PRUNED_KEY = 'store-changes-pruned-through';
/** Pruning runs once in this many commits. */
const PRUNE_EVERY = 500;

/** Postgres's mark: the last commit's row (a read in one snapshot with the data may take it there instead). */
export const MARK_OTHERS_SQL = 'SELECT COALESCE(MAX(id), 0) FROM store_changes';

/** The mark to take just before a whole read: anything committed after it is reported as a change. */
export function markOthers(db: Db): OthersMark {
  if (!isPostgres(db)) return readDataVersion(db);
  return prepareCached(db, MARK_OTHERS_SQL).pluck(true).get() as number;
}

type ChangeRow = [pruned: string | null, id: number | null, origin: string, leadIds: string, planChanged: boolean];

// One round trip (this runs before every answer from memory): the pruning mark, then the rows past `mark`, if any.
const CHANGES_SINCE = `SELECT p.value, c.id, c.origin, c.lead_ids, c.plan_changed
  FROM (SELECT (SELECT value FROM sync_state WHERE key = ?) AS value) AS p
  LEFT JOIN store_changes AS c ON c.id > ? ORDER BY c.id`;

/** What others committed since `mark`, and the mark to keep from now on. */
export function readOthersChanges(db: Db, mark: OthersMark): { mark: OthersMark; changes: OthersChanges } {
  if (!isPostgres(db)) {
    const version = readDataVersion(db);
    return { mark: version, changes: version === mark ? { kind: 'none' } : { kind: 'all' } };
  }
  return summarizeChanges(db, mark, prepareCached(db, CHANGES_SINCE).raw(true).all(PRUNED_KEY, mark) as ChangeRow[]);
}

/** readOthersChanges on Postgres, the answer awaited with the event loop free (read-async.ts). */
export async function readOthersChangesAsync(
  db: PostgresConnection,
  mark: OthersMark,
): Promise<{ mark: OthersMark; changes: OthersChanges }> {
  return summarizeChanges(db, mark, await rawAsync<ChangeRow>(db, CHANGES_SINCE, PRUNED_KEY, mark));
}

function summarizeChanges(
  db: PostgresConnection,
  mark: OthersMark,
  rows: readonly ChangeRow[],
): { mark: OthersMark; changes: OthersChanges } {
  const pruned = Number(rows[0]?.[0] ?? 0);
  const next = rows.at(-1)?.[1] ?? mark;
  if (mark < pruned) return { mark: next, changes: { kind: 'all' } };
  const leadIds = new Set<string>();
  let planChanged = false;
  for (const [, id, origin, ids, plans] of rows) {
    if (id === null || origin === db.origin) continue;
    for (const id of JSON.parse(ids) as string[]) leadIds.add(id);
    planChanged ||= plans;
  }
  const changes: OthersChanges =
    leadIds.size === 0 && !planChanged ? { kind: 'none' } : { kind: 'some', leadIds, planChanged };
  return { mark: next, changes };
}

/**
 * Leaves the row other instances read for a commit of this connection, inside that commit's transaction (or just
 * after a write made outside one). Nothing on SQLite. Now and then drops rows older than a day.
 */
export function logChangeForOthers(
  db: Db,
  change: { leadIds: ReadonlySet<string>; planChanged: boolean; outboxRows: number },
): void {
  if (!isPostgres(db)) return;
  const sql = `INSERT INTO store_changes (origin, lead_ids, plan_changed, outbox_rows, at) VALUES (?, ?, ?, ?, ?)
    RETURNING id`;
  const now = Date.now();
  const id = prepareCached(db, sql)
    .pluck(true)
    .get(db.origin, JSON.stringify([...change.leadIds]), change.planChanged, change.outboxRows, now) as number;
  if (id % PRUNE_EVERY !== 0) return;
  const through = prepareCached(db, 'SELECT MAX(id) FROM store_changes WHERE at < ?')
    .pluck(true)
    .get(now - STORE_CHANGES_KEPT_MS) as number | null;
  if (through === null) return;
  prepareCached(db, 'DELETE FROM store_changes WHERE id <= ?').run(through);
  prepareCached(
    db,
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(PRUNED_KEY, String(through));
}
