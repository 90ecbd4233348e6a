// A snapshot of the store's data as the metrics read it, and the memo that goes with it. The store hands out a new
// snapshot (new arrays, a new memo) whenever anything changes, so a figure computed from one stays true for as long
// as it exists: the domain keeps such figures on the snapshot's memo and nowhere else, and they are dropped with it.
// A Snapshot is a Dataset, so every metric takes one as it is; a Dataset built by hand (tests, samples) gets a memo
// of its own for one call (readSnapshot), which reuses nothing.

import { createLeadsMemo, type LeadsMemo, patchLeadsMemo } from './snapshot-chunks.js';
import type { SharedComputation } from './snapshot-memo.js';
import type { Dataset, Lead, Spend, Target, Visit } from './types.js';

/** What has been computed from one snapshot. Callers must not mutate what they read from it. */
export interface SnapshotMemo {
  /** The arrays it was made for: a memo is used only with these very arrays. */
  readonly leads: readonly Lead[];
  readonly spend: readonly Spend[];
  readonly targets: readonly Target[];
  readonly visits: readonly Visit[] | undefined;
  /** How many leads and spend rows those held: a cheap guard against arrays grown in place. */
  readonly leadCount: number;
  readonly spendCount: number;
  /** Figures by question (snapshot-memo.ts). */
  readonly values: Map<string, SharedComputation<unknown>>;
  /** Sums per chunk of leads and the funnel timeline (snapshot-chunks.ts, timeline.ts). */
  readonly leadsMemo: LeadsMemo;
}

export interface Snapshot extends Dataset {
  /** Counts the snapshots one store handed out; 0 for one made from a Dataset built by hand. */
  readonly version: number;
  readonly memo: SnapshotMemo;
}

function buildMemo(data: Dataset, leadsMemo: LeadsMemo): SnapshotMemo {
  const { leads, spend, targets, visits } = data;
  const counts = { leadCount: leads.length, spendCount: spend.length };
  return { leads, spend, targets, visits, ...counts, values: new Map(), leadsMemo };
}

function buildSnapshot(data: Dataset, version: number, leadsMemo: LeadsMemo): Snapshot {
  const { leads, spend, targets, visits } = data;
  const memo = buildMemo(data, leadsMemo);
  return visits === undefined
    ? { leads, spend, targets, version, memo }
    : { leads, spend, targets, visits, version, memo };
}

/** A snapshot of `data` with nothing computed yet. */
export function createSnapshot(data: Dataset, version = 0): Snapshot {
  return buildSnapshot(data, version, createLeadsMemo(data.leads));
}

/**
 * The snapshot after `previous`: `next.leads` is `previous.leads` with the leads at `changed` positions replaced or
 * added at the end (null: leads were removed, nothing per lead is reused). Per-chunk sums of unchanged chunks and the
 * funnel timeline carry over (snapshot-chunks.ts); figures by question are made again.
 */
export function patchSnapshot(
  previous: Snapshot,
  next: Dataset,
  changed: readonly number[] | null,
  version = previous.version + 1,
): Snapshot {
  const leadsMemo =
    next.leads === previous.leads
      ? previous.memo.leadsMemo
      : patchLeadsMemo(previous.memo.leadsMemo, next.leads, changed);
  return buildSnapshot(next, version, leadsMemo);
}

function isSnapshotOf(data: Dataset): data is Snapshot {
  if (!('memo' in data)) return false;
  const { memo } = data as Snapshot;
  return (
    memo.leads === data.leads &&
    memo.spend === data.spend &&
    memo.targets === data.targets &&
    memo.visits === data.visits &&
    memo.leadCount === data.leads.length &&
    memo.spendCount === data.spend.length
  );
}

/**
 * `data` itself when it is a snapshot whose memo was made for exactly its arrays; otherwise (a Dataset built by
 * hand, or a snapshot spread with other arrays) a new snapshot whose memo lives for this call only.
 */
export function readSnapshot(data: Dataset): Snapshot {
  return isSnapshotOf(data) ? data : createSnapshot(data);
}

/** The memo of `data` (see readSnapshot). */
export function readSnapshotMemo(data: Dataset): SnapshotMemo {
  return readSnapshot(data).memo;
}
