// `/lead undo` of a merge: both leads come back exactly as they were before it (their `updatedAt` aside: an undo is
// itself a change), the alias ends, and Notion hears about both — the merged-away lead's page comes back from the
// trash. Refused when the survivor has changed since the merge: undoing would throw that change away.

import { diffLead } from '../domain/lifecycle.js';
import type { Lead } from '../domain/types.js';
import { StoreError } from './errors.js';
import { enqueueOutbox, insertLeadEvent } from './journal.js';
import { isSameValue } from './lead-changes.js';
import { insertLeadRow, readLead, updateLeadRow } from './lead-rows.js';
import { type Db, prepareCached } from './open-store.js';
import type { UndoResult } from './undo.js';

interface MergeRow {
  merged_id: string;
  survivor_id: string;
  merged_before: string;
  survivor_before: string;
  undone_at: number | null;
  after: string;
}

const MERGE_SQL = `SELECT m.*, e.after FROM lead_merges AS m JOIN lead_events AS e ON e.id = m.event_id
  WHERE m.event_id = ?`;

/** True when `current` still holds exactly what the merge wrote (`updatedAt` aside). */
function isAsMerged(current: Lead, written: Record<string, unknown>): boolean {
  const { updatedAt: _now, ...fields } = current;
  return Object.entries(fields).every(([key, value]) => isSameValue(value, written[key] ?? null));
}

export function undoMerge(db: Db, eventId: number, actorId: string, now: number): UndoResult {
  const row = prepareCached(db, MERGE_SQL).get(eventId) as MergeRow | undefined;
  if (!row || row.undone_at !== null) throw new StoreError('nothing_to_undo', 'that merge was already undone');
  const survivorBefore = JSON.parse(row.survivor_before) as Lead;
  const mergedBefore = JSON.parse(row.merged_before) as Lead;
  const current = readLead(db, row.survivor_id);
  if (!current) throw new StoreError('nothing_to_undo', `lead ${row.survivor_id} no longer exists`);
  const written = { ...survivorBefore, ...(JSON.parse(row.after) as Partial<Lead>) };
  if (!isAsMerged(current, written) || readLead(db, row.merged_id) !== null) {
    throw new StoreError('nothing_to_undo', `${current.company} has been changed again since; undo would overwrite it`);
  }
  const survivor = { ...survivorBefore, updatedAt: now };
  const merged = { ...mergedBefore, updatedAt: now };
  updateLeadRow(db, survivor);
  insertLeadRow(db, merged);
  prepareCached(db, 'UPDATE lead_merges SET undone_at = ? WHERE event_id = ?').run(now, eventId);
  const event = { kind: 'undo' as const, actorId, at: now, recordedAt: now };
  insertLeadEvent(db, survivor.id, { ...event, undoes: eventId, ...diffLead(current, survivor) });
  // Not an 'undoes' of its own (one undo per event): the lead is simply back, as the survivor's undo says.
  insertLeadEvent(db, merged.id, { ...event, before: null, after: merged });
  enqueueOutbox(db, 'lead', survivor.id, 'upsert', actorId, now);
  enqueueOutbox(db, 'lead', merged.id, 'upsert', actorId, now);
  return {
    description: `Undid the merge of ${merged.company} (${merged.id}) into ${survivor.company} (${survivor.id}): both leads are back.`,
    lead: survivor,
  };
}
