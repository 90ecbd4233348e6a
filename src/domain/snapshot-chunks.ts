// A snapshot's leads seen as chunks of LEADS_PER_CHUNK positions, each with a version: an object that stays the same
// from one snapshot to the next while none of the chunk's leads changed. Sums over leads are kept per chunk version,
// so after a rep's change only the chunk holding that lead is walked again, not all 100k leads. Sums are always made
// chunk by chunk in position order, so a result is the same whether its chunks were kept or walked afresh.

import { computeRangeTimeline, type FunnelTimeline, registerTimelinePatch } from './timeline.js';
import type { Lead } from './types.js';

export const LEADS_PER_CHUNK = 2_000;

/** Identity only: a new object whenever a chunk's leads change. */
export type ChunkVersion = Readonly<Record<string, never>>;

const versionsOf = new WeakMap<readonly Lead[], ChunkVersion[]>();

/** Versions kept per chunk, by question; a few questions are asked of one snapshot. */
const MAX_SUMS_PER_CHUNK = 32;
const sums = new WeakMap<ChunkVersion, Map<string, unknown>>();

function buildVersions(count: number): ChunkVersion[] {
  return Array.from({ length: count }, () => ({}));
}

/** The version of each chunk of a snapshot (fresh ones for a snapshot nobody registered). */
export function readChunkVersions(leads: readonly Lead[]): readonly ChunkVersion[] {
  const chunks = Math.ceil(leads.length / LEADS_PER_CHUNK);
  let versions = versionsOf.get(leads);
  if (!versions || versions.length !== chunks) {
    versions = buildVersions(chunks);
    versionsOf.set(leads, versions);
  }
  return versions;
}

/**
 * Records that `next` is `previous` with the leads at `changed` positions replaced or added at the end (none
 * removed, every other position the very same Lead): chunks without a changed position keep their version, and the
 * funnel timeline follows the patch too (timeline.ts).
 */
export function registerSnapshotPatch(
  previous: readonly Lead[],
  next: readonly Lead[],
  changed: readonly number[],
): void {
  registerTimelinePatch(previous, next, changed);
  if (next.length < previous.length) return;
  const versions = [...readChunkVersions(previous)];
  // Added leads are among the changed positions, so a partial last chunk that grows gets a new version too.
  const touched = new Set(changed.map((position) => Math.floor(position / LEADS_PER_CHUNK)));
  const chunks = Math.ceil(next.length / LEADS_PER_CHUNK);
  for (let chunk = 0; chunk < chunks; chunk++) if (touched.has(chunk) || !versions[chunk]) versions[chunk] = {};
  versions.length = chunks;
  versionsOf.set(next, versions);
}

/** A sum over one chunk, kept with its version; `key` names the question and must include the chunk's length. */
export function computeChunkSum<T>(version: ChunkVersion, key: string, compute: () => T): T {
  let kept = sums.get(version);
  if (!kept) {
    kept = new Map();
    sums.set(version, kept);
  }
  if (kept.has(key)) return kept.get(key) as T;
  const value = compute();
  if (kept.size >= MAX_SUMS_PER_CHUNK) kept.clear();
  kept.set(key, value);
  return value;
}

/** The leads [from, to) of a chunk and their funnel timeline (indexed from 0), kept with the chunk's version. */
export function readChunkTimeline(leads: readonly Lead[], chunk: number): { from: number; timeline: FunnelTimeline } {
  const from = chunk * LEADS_PER_CHUNK;
  const to = Math.min(leads.length, from + LEADS_PER_CHUNK);
  const version = readChunkVersions(leads)[chunk]!;
  return {
    from,
    timeline: computeChunkSum(version, `timeline|${to - from}`, () => computeRangeTimeline(leads, from, to)),
  };
}
