// What the metrics keep per lead position of one snapshot: its leads seen as chunks of LEADS_PER_CHUNK positions,
// and the funnel timeline of them all (timeline.ts). A chunk is an object that the next snapshot takes over as it is
// while none of the chunk's leads changed, and sums over leads are kept on it, so after a rep's change only the chunk
// holding that lead is walked again, not all 100k leads. Sums are always made chunk by chunk in position order, so a
// result is the same whether its chunks were kept or walked afresh. Nothing here is kept anywhere but on the memo.

import type { FunnelTimeline, TimelinePatch } from './timeline.js';
import type { Lead } from './types.js';

export const LEADS_PER_CHUNK = 2_000;

/** Versions kept per chunk, by question; a few questions are asked of one snapshot. */
const MAX_SUMS_PER_CHUNK = 32;

/** One chunk's kept sums, by question. A new object whenever one of the chunk's leads changes. */
export interface LeadChunk {
  readonly sums: Map<string, unknown>;
}

/** What is kept for one array of leads: its chunks and, once asked for, its funnel timeline. */
export interface LeadsMemo {
  readonly leads: readonly Lead[];
  readonly chunks: readonly LeadChunk[];
  /** The funnel timeline of `leads`, once laid out. */
  timeline: FunnelTimeline | null;
  /** The timeline of an earlier snapshot and the positions that changed since: copied, not laid out again. */
  timelinePatch: TimelinePatch | null;
}

function countChunks(leadCount: number): number {
  return Math.ceil(leadCount / LEADS_PER_CHUNK);
}

function buildChunks(count: number): LeadChunk[] {
  return Array.from({ length: count }, () => ({ sums: new Map() }));
}

/** A memo with nothing kept yet. */
export function createLeadsMemo(leads: readonly Lead[]): LeadsMemo {
  return { leads, chunks: buildChunks(countChunks(leads.length)), timeline: null, timelinePatch: null };
}

/** `memo` when it was made for these very leads; otherwise a fresh one, which reuses nothing. */
export function readLeadsMemo(leads: readonly Lead[], memo?: LeadsMemo): LeadsMemo {
  const fits = memo !== undefined && memo.leads === leads && memo.chunks.length === countChunks(leads.length);
  return fits ? memo : createLeadsMemo(leads);
}

/**
 * The memo of `next`, which is `previous.leads` with the leads at `changed` positions replaced or added at the end
 * (none removed, every other position the very same Lead): chunks without a changed position are taken over, and the
 * funnel timeline is patched from the earlier one when first asked (timeline.ts). `changed` null: nothing is reused.
 */
export function patchLeadsMemo(
  previous: LeadsMemo,
  next: readonly Lead[],
  changed: readonly number[] | null,
): LeadsMemo {
  if (changed === null || next.length < previous.leads.length) return createLeadsMemo(next);
  // Added leads are among the changed positions, so a partial last chunk that grows gets a new chunk too.
  const touched = new Set(changed.map((position) => Math.floor(position / LEADS_PER_CHUNK)));
  const chunks = buildChunks(countChunks(next.length)).map((fresh, chunk) => {
    const kept = previous.chunks[chunk];
    return kept && !touched.has(chunk) ? kept : fresh;
  });
  return { leads: next, chunks, timeline: null, timelinePatch: planTimelinePatch(previous, next, changed) };
}

/** Past a quarter of the leads changed, laying the timeline out again beats copying and patching it. */
function planTimelinePatch(
  previous: LeadsMemo,
  next: readonly Lead[],
  changed: readonly number[],
): TimelinePatch | null {
  if (previous.timeline) return { base: previous.timeline, changed: new Set(changed) };
  const earlier = previous.timelinePatch;
  if (earlier && earlier.changed.size + changed.length < next.length / 4) {
    return { base: earlier.base, changed: new Set([...earlier.changed, ...changed]) };
  }
  return null;
}

/**
 * Positions [from, to) of a chunk's leads in the snapshot, and so in its funnel timeline: a walk over one chunk reads
 * the snapshot's one timeline there rather than laying out (and keeping) one of its own for each chunk.
 */
export function readChunkRange(memo: LeadsMemo, chunk: number): { from: number; to: number } {
  const from = chunk * LEADS_PER_CHUNK;
  return { from, to: Math.min(memo.leads.length, from + LEADS_PER_CHUNK) };
}

/** A sum over one chunk, kept on the chunk; `key` names the question and must include the chunk's length. */
export function computeChunkSum<T>(chunk: LeadChunk, key: string, compute: () => T): T {
  const { sums } = chunk;
  if (sums.has(key)) return sums.get(key) as T;
  const value = compute();
  if (sums.size >= MAX_SUMS_PER_CHUNK) sums.clear();
  sums.set(key, value);
  return value;
}
