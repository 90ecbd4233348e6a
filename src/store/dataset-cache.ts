// The metrics' snapshot of the store (src/domain/snapshot.ts), kept in memory and patched lead by lead. Reading 100k
// leads from SQLite takes about a second; `/roi` must answer in well under that, right after a rep's change. The
// cache listens to the store's change feed (change-feed.ts): each commit marks the leads it wrote, and the next read
// patches only those: the next snapshot is made from the previous one, which hands over what the domain kept per
// unchanged chunk of leads and its funnel timeline. A read inside a transaction also patches in what that
// transaction wrote so far, but keeps it marked: it may still roll back, and the next read outside reads it again.
// What another connection committed comes from other-writers.ts: on SQLite the snapshot is then read again whole, on
// Postgres the leads another instance wrote are patched in like our own.

import { createSnapshot, patchSnapshot, type Snapshot } from '../domain/snapshot.js';
import type { Dataset, Lead, Spend, Target, Visit } from '../domain/types.js';
import { type ChangeEvent, readPendingChanges, readUncommittedChanges, subscribeChanges } from './change-feed.js';
import { readDataset } from './lead-reads.js';
import { readLeadsById, SELECT_LEADS } from './lead-rows.js';
import { buildLeadsInTurns, readLeadsInTurns } from './lead-rows-in-turns.js';
import type { Db } from './open-store.js';
import {
  MARK_OTHERS_SQL,
  markOthers,
  type OthersChanges,
  type OthersMark,
  readOthersChanges,
  readOthersChangesAsync,
} from './other-writers.js';
import {
  buildPlanRecord,
  type PlanRecord,
  type PlanRow,
  readAllSpend,
  readAllTargets,
  readAllVisits,
  selectAllPlanRecords,
} from './plan-rows.js';
import { isPostgres } from './sql/database.js';
import { readRowsAsync } from './sql/pg-bulk-read.js';
import { PostgresDatabase } from './sql/postgres.js';

/** The store's side of its snapshot: what was read, and what changed since. */
interface CachedSnapshot {
  othersMark: OthersMark;
  snapshot: Snapshot;
  dirtyLeads: Set<string>;
  plansDirty: boolean;
}

/** Past this many changed leads a whole read is cheaper than patching one by one. */
const PATCH_LIMIT = 5_000;

const cache = new WeakMap<Db, CachedSnapshot>();

function markChanged(
  cached: Pick<CachedSnapshot, 'dirtyLeads' | 'plansDirty'>,
  change: { leadIds: ReadonlySet<string>; planChanged: boolean },
): void {
  for (const id of change.leadIds) cached.dirtyLeads.add(id);
  if (change.planChanged) cached.plansDirty = true;
}

const followed = new WeakSet<Db>();

function followChanges(db: Db): void {
  if (followed.has(db)) return;
  followed.add(db);
  subscribeChanges(db, (event: ChangeEvent) => {
    const cached = cache.get(db);
    if (cached) markChanged(cached, event);
  });
}

function readWhole(db: Db, previous: CachedSnapshot | undefined): CachedSnapshot {
  // Taken before the read: a commit landing during it is patched in once more next time, never missed.
  const othersMark = markOthers(db);
  const snapshot = createSnapshot(readDataset(db), (previous?.snapshot.version ?? 0) + 1);
  return { othersMark, snapshot, dirtyLeads: new Set(), plansDirty: false };
}

/**
 * Where the changed leads sit in `leads`. One pass per patch, which copies the array of leads anyway: a map of every
 * lead's position would cost a whole read 100k entries (tens of milliseconds) for the few a change looks up.
 */
function findPositions(leads: readonly Lead[], ids: ReadonlySet<string>): Map<string, number> {
  const positions = new Map<string, number>();
  for (let i = 0; i < leads.length; i += 1) {
    const { id } = leads[i]!;
    if (ids.has(id)) positions.set(id, i);
  }
  return positions;
}

/** The patched leads, and the positions that changed (null when a removal moved every later lead). */
function patchLeads(db: Db, cached: CachedSnapshot): { leads: Lead[]; changed: number[] | null } {
  const leads = cached.snapshot.leads.slice();
  const positions = findPositions(leads, cached.dirtyLeads);
  const changed: number[] = [];
  const removed = new Set<string>();
  const read = readLeadsById(db, cached.dirtyLeads);
  for (const id of cached.dirtyLeads) {
    const lead = read.get(id);
    const position = positions.get(id);
    if (lead && position !== undefined) {
      leads[position] = lead;
      changed.push(position);
    } else if (lead) {
      changed.push(leads.push(lead) - 1);
    } else if (position !== undefined) {
      removed.add(id);
    }
  }
  if (removed.size === 0) return { leads, changed };
  return { leads: leads.filter((lead) => !removed.has(lead.id)), changed: null };
}

/** The next snapshot: changed leads patched in, plans read again if they changed. */
function patchCached(db: Db, cached: CachedSnapshot): Snapshot {
  const previous = cached.snapshot;
  const patched = cached.dirtyLeads.size > 0 ? patchLeads(db, cached) : { leads: previous.leads, changed: [] };
  const plans = cached.plansDirty
    ? readPlans(db)
    : { spend: previous.spend, targets: previous.targets, visits: previous.visits ?? [] };
  // What the domain kept per unchanged chunk of leads, and the funnel timeline, follow the patch (snapshot.ts).
  return patchSnapshot(previous, { leads: patched.leads, ...plans }, patched.changed);
}

/**
 * Reads the whole store into the cache before the first command, without blocking the event loop: on Postgres in one
 * asynchronous read (pg-bulk-read.ts), on SQLite a chunk per turn (warmInTurns). Answers the leads read and the mark
 * taken before, for the names index to start from (sharing the snapshot's ids and names rather than reading them
 * again), or null when the snapshot was patched since (then the names read their own rows).
 */
export async function warmCachedDataset(db: Db): Promise<WarmRead | null> {
  if (!isPostgres(db)) return cache.get(db) === undefined ? warmInTurns(db) : warmNow(db);
  if (!(db instanceof PostgresDatabase)) return warmNow(db);
  return warmPostgres(db);
}

/**
 * Postgres's first read: leads and plans in one read-only snapshot on a connection of its own (pg-bulk-read.ts),
 * awaited rather than waited on, then built a turn's budget at a time. What commits meanwhile is not lost: another
 * connection's writes come from the mark taken first, this connection's own are marked as they commit.
 */
async function warmPostgres(db: PostgresDatabase): Promise<WarmRead> {
  followChanges(db);
  const during = { dirtyLeads: new Set<string>(), plansDirty: false };
  const unsubscribe = subscribeChanges(db, (event) => markChanged(during, event));
  let dataset: Dataset;
  let othersMark: OthersMark;
  try {
    // The mark is read in the snapshot itself: what others committed after it is exactly what the rows lack.
    const [marks, leadRows, spend, targets, visits] = await readRowsAsync(db, [
      { sql: MARK_OTHERS_SQL, rows: 'array' },
      { sql: `${SELECT_LEADS} ORDER BY rowid`, rows: 'array' },
      ...PLAN_ENTITIES.map((entity) => ({ sql: selectAllPlanRecords(entity), rows: 'object' as const })),
    ]);
    othersMark = Number((marks as unknown[][])[0]?.[0] ?? 0);
    const leads = await buildLeadsInTurns(leadRows as unknown[][]);
    const plan = <T extends PlanRecord>(rows: unknown[] | undefined) => (rows as PlanRow[]).map(buildPlanRecord<T>);
    dataset = { leads, spend: plan<Spend>(spend), targets: plan<Target>(targets), visits: plan<Visit>(visits) };
  } finally {
    unsubscribe();
  }
  const previous = cache.get(db);
  for (const id of previous?.dirtyLeads ?? []) during.dirtyLeads.add(id);
  const snapshot = createSnapshot(dataset, (previous?.snapshot.version ?? 0) + 1);
  cache.set(db, { othersMark, snapshot, ...during });
  return { leads: dataset.leads, othersMark };
}

/** The plan kinds a snapshot holds, in the order its dataset names them. */
const PLAN_ENTITIES = ['spend', 'target', 'visit'] as const;

type WarmRead = { leads: readonly Lead[]; othersMark: OthersMark };

/** The plain read, in one go. */
function warmNow(db: Db): WarmRead | null {
  const fresh = cache.get(db) === undefined;
  const snapshot = readCachedDataset(db);
  const cached = cache.get(db);
  return fresh && cached?.dirtyLeads.size === 0 ? { leads: snapshot.leads, othersMark: cached.othersMark } : null;
}

/**
 * SQLite's first read, a chunk of leads per turn of the event loop (lead-rows-in-turns.ts), so other workspaces are
 * served meanwhile. The chunks are no one transaction: if anything was written while they were read (rare: the
 * workspace is still opening), they are dropped and the store is read in one go instead.
 */
async function warmInTurns(db: Db): Promise<WarmRead | null> {
  followChanges(db);
  const othersMark = markOthers(db);
  let written = false;
  const unsubscribe = subscribeChanges(db, () => {
    written = true;
  });
  let leads: Lead[];
  try {
    leads = await readLeadsInTurns(db);
  } finally {
    unsubscribe();
  }
  const others = readOthersChanges(db, othersMark).changes.kind !== 'none';
  if (written || others || cache.get(db) !== undefined || db.inTransaction) return warmNow(db);
  const snapshot = createSnapshot({ leads, ...readPlans(db) }, 1);
  cache.set(db, { othersMark, snapshot, dirtyLeads: new Set(), plansDirty: false });
  return { leads, othersMark };
}

function readPlans(db: Db) {
  return { spend: readAllSpend(db), targets: readAllTargets(db), visits: readAllVisits(db) };
}

/** The current snapshot; a new one (fresh arrays, its own memo) whenever anything changed, so none ever mutates. */
export function readCachedDataset(db: Db): Snapshot {
  followChanges(db);
  const cached = cache.get(db);
  return readCachedWith(db, cached, cached ? readOthersChanges(db, cached.othersMark) : null);
}

/**
 * readCachedDataset, with its look at what others committed awaited rather than waited on: the last read of an open
 * on Postgres. If another read moved the cache on meanwhile, the look is taken again in the usual way.
 */
export async function readCachedDatasetAsync(db: Db): Promise<Snapshot> {
  followChanges(db);
  const before = cache.get(db);
  if (before === undefined || !isPostgres(db) || db.inTransaction) return readCachedDataset(db);
  const mark = before.othersMark;
  const others = await readOthersChangesAsync(db, mark);
  const cached = cache.get(db);
  if (cached !== before || cached.othersMark !== mark) return readCachedDataset(db);
  return readCachedWith(db, cached, others);
}

function readCachedWith(
  db: Db,
  found: CachedSnapshot | undefined,
  others: { mark: OthersMark; changes: OthersChanges } | null,
): Snapshot {
  let cached = found;
  if (cached && others) {
    cached.othersMark = others.mark;
    if (others.changes.kind === 'some') markChanged(cached, others.changes);
  }
  if (!cached || others?.changes.kind === 'all' || cached.dirtyLeads.size > PATCH_LIMIT) {
    cached = readWhole(db, cached);
    // What the open transaction wrote may still roll back: kept marked, to be read again once it ends.
    const uncommitted = readUncommittedChanges(db);
    if (uncommitted !== null) {
      markChanged(cached, uncommitted);
      cache.set(db, cached);
    }
    return cached.snapshot;
  }
  const pending = readPendingChanges(db);
  if (pending !== null) markChanged(cached, pending);
  if (cached.dirtyLeads.size === 0 && !cached.plansDirty) return cached.snapshot;
  cached.snapshot = patchCached(db, cached);
  // What stays marked: what the open transaction wrote, which may still roll back; the rest was read committed.
  const uncommitted = readUncommittedChanges(db);
  if (uncommitted !== null) {
    cached.dirtyLeads = new Set(uncommitted.leadIds);
    cached.plansDirty = uncommitted.planChanged;
  }
  return cached.snapshot;
}
