// The store's one change feed. Row writers record what they touched into the open transaction's buffer; when the
// outermost transaction commits, one event says what the commit changed, and whatever reacts to changes (the
// metrics snapshot, the names index, the Notion push) listens here instead of being called from each writer or
// command. A rolled-back transaction, or a rolled-back savepoint inside one, announces nothing. Transactions are
// opened through `runTransaction` so the feed knows which commit is the outermost (inside a transaction opened some
// other way, which it cannot see end, it announces when its own savepoint is released). Another process's commits
// are not announced here: the caches ask other-writers.ts for those.

import type { Db } from './open-store.js';
import { logChangeForOthers } from './other-writers.js';
import { type Entity, isPlanEntity } from './record-kinds.js';
import { isPostgres } from './sql/database.js';

export interface ChangeEvent {
  /** Every kind of record the commit wrote. */
  readonly kinds: ReadonlySet<Entity>;
  /** The records written (inserted, rewritten or deleted), by kind. */
  readonly ids: ReadonlyMap<Entity, ReadonlySet<string>>;
  readonly leadIds: ReadonlySet<string>;
  /** Spend, targets, visits or tracking numbers were written. */
  readonly planChanged: boolean;
  /** Outbox rows the commit queued for Notion: none for what was pulled from Notion, so nothing echoes back. */
  readonly outboxRows: number;
}

export type ChangeListener = (event: ChangeEvent) => void;

/** What one transaction level (the outermost, or a savepoint) has recorded so far. */
interface Buffer {
  ids: Map<Entity, Set<string>>;
  outboxRows: number;
}

interface Feed {
  listeners: Set<ChangeListener>;
  /** One buffer per open level of `runTransaction`, the outermost first. */
  open: Buffer[];
}

const NO_IDS: ReadonlySet<string> = new Set();
const feeds = new WeakMap<Db, Feed>();

function feedOf(db: Db): Feed {
  let feed = feeds.get(db);
  if (!feed) {
    feed = { listeners: new Set(), open: [] };
    feeds.set(db, feed);
  }
  return feed;
}

function emptyBuffer(): Buffer {
  return { ids: new Map(), outboxRows: 0 };
}

/** Hears every commit of this connection from now on; returns the way to stop listening. */
export function subscribeChanges(db: Db, listener: ChangeListener): () => void {
  const { listeners } = feedOf(db);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Runs `work` in a transaction (a savepoint when one is open) and, when it is the outermost one and commits,
 * announces what it recorded. `immediate` takes the write lock at BEGIN; `read` is for work that only reads (a
 * consistent view, no lock on Postgres).
 */
export function runTransaction<T>(db: Db, work: () => T, mode: 'deferred' | 'immediate' | 'read' = 'deferred'): T {
  // A read writes nothing, so it has nothing to announce; on Postgres it takes no writer lock.
  if (mode === 'read') return isPostgres(db) ? db.readSnapshot(work) : db.transaction(work)();
  const feed = feedOf(db);
  const buffer = emptyBuffer();
  // On Postgres the outermost commit also leaves its row for the other instances, inside the same transaction.
  const body = feed.open.length === 0 && isPostgres(db) ? () => logForOthersAfter(db, buffer, work) : work;
  feed.open.push(buffer);
  let result: T;
  try {
    const transaction = db.transaction(body);
    result = mode === 'immediate' ? transaction.immediate() : transaction();
  } finally {
    feed.open.pop();
  }
  const parent = feed.open.at(-1);
  if (parent) mergeInto(parent, buffer);
  else announce(feed, buffer);
  return result;
}

/** A writer wrote (or deleted) this record. */
export function recordChange(db: Db, kind: Entity, id: string): void {
  record(db, (buffer) => addId(buffer, kind, id));
}

/** A writer queued an outbox row for this record: Notion is owed it. */
export function recordOutbox(db: Db, kind: Entity, id: string): void {
  record(db, (buffer) => {
    addId(buffer, kind, id);
    buffer.outboxRows += 1;
  });
}

/**
 * A write outside `runTransaction` (a single statement, or a transaction opened some other way, whose commit the
 * feed cannot see) is announced at once: listeners mark things to read again or wake a worker, right either way.
 */
function record(db: Db, write: (buffer: Buffer) => void): void {
  const feed = feedOf(db);
  const open = feed.open.at(-1);
  if (open) {
    write(open);
    return;
  }
  const loose = emptyBuffer();
  write(loose);
  if (isPostgres(db)) logChangeForOthers(db, summarize(loose));
  announce(feed, loose);
}

function logForOthersAfter<T>(db: Db, buffer: Buffer, work: () => T): T {
  const result = work();
  if (!isEmpty(buffer)) logChangeForOthers(db, summarize(buffer));
  return result;
}

function isEmpty(buffer: Buffer): boolean {
  return buffer.ids.size === 0 && buffer.outboxRows === 0;
}

function summarize(buffer: Buffer) {
  return {
    leadIds: buffer.ids.get('lead') ?? NO_IDS,
    planChanged: [...buffer.ids.keys()].some(isPlanEntity),
    outboxRows: buffer.outboxRows,
  };
}

function addId(buffer: Buffer, kind: Entity, id: string): void {
  let ids = buffer.ids.get(kind);
  if (!ids) {
    ids = new Set();
    buffer.ids.set(kind, ids);
  }
  ids.add(id);
}

/**
 * What the open transaction has written so far (every level), for reads inside it that must see its own writes;
 * null outside one. Nothing read with it may be kept as committed: it may still roll back.
 */
export function readPendingChanges(db: Db): { leadIds: ReadonlySet<string>; planChanged: boolean } | null {
  const open = feeds.get(db)?.open;
  if (!open || open.length === 0) return null;
  const leadIds = new Set<string>();
  let planChanged = false;
  for (const buffer of open) {
    for (const id of buffer.ids.get('lead') ?? NO_IDS) leadIds.add(id);
    planChanged ||= [...buffer.ids.keys()].some(isPlanEntity);
  }
  return { leadIds, planChanged };
}

type PendingChanges = { leadIds: ReadonlySet<string>; planChanged: boolean };
const NOTHING_PENDING: PendingChanges = { leadIds: new Set(), planChanged: false };

/**
 * What a read made now may have seen that is not committed, for a cache deciding what it may keep: nothing outside a
 * transaction; inside one opened by runTransaction, what it wrote so far (the rest it read is committed); null inside
 * one opened some other way, whose writes are unknown, so nothing read there may be kept.
 */
export function readUncommittedChanges(db: Db): PendingChanges | null {
  return db.inTransaction ? readPendingChanges(db) : NOTHING_PENDING;
}

function mergeInto(parent: Buffer, child: Buffer): void {
  for (const [kind, ids] of child.ids) {
    const into = parent.ids.get(kind);
    if (into) for (const id of ids) into.add(id);
    else parent.ids.set(kind, ids);
  }
  parent.outboxRows += child.outboxRows;
}

function announce(feed: Feed, buffer: Buffer): void {
  if (isEmpty(buffer)) return;
  const event: ChangeEvent = { kinds: new Set(buffer.ids.keys()), ids: buffer.ids, ...summarize(buffer) };
  for (const listener of [...feed.listeners]) {
    // The commit stands whatever a listener does: its failure must not make the caller report a saved change as lost.
    try {
      listener(event);
    } catch (error) {
      process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'ChangeFeedListenerError');
    }
  }
}
