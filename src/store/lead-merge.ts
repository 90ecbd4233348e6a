// `/lead merge A into B`: one transaction writes the surviving lead, removes the other, records a 'merge' event on
// the survivor (who merged, what changed) and a lead_merges row with both leads as they were, and queues both for
// Notion (the survivor's page updated, the other's moved to the trash). The merged-away id stays known as an alias.

import { computeMergedLead } from '../domain/lead-merge.js';
import { diffLead } from '../domain/lifecycle.js';
import { type Actor, type Lead, type LeadEvent, NOTION_ACTOR } from '../domain/types.js';
import { runTransaction } from './change-feed.js';
import { StoreError } from './errors.js';
import { buildLeadEventFromRow, enqueueOutbox, insertLeadEvent } from './journal.js';
import { deleteLeadRow, readLead, updateLeadRow } from './lead-rows.js';
import { type Db, prepareCached } from './open-store.js';
import { readFieldTimes } from './remote.js';
import { inJsonList } from './sql/dialect.js';

export interface MergeResult {
  /** The lead that remains, as it is after the merge. */
  survivor: Lead;
  /** The lead merged away, as it was. */
  merged: Lead;
}

/** An alias can point at a lead that was itself merged later: the chain is followed this far at most. */
const MAX_ALIAS_HOPS = 32;

/** The lead a merged-away id lives on now (following later merges), or null when the id was never merged away. */
export function readMergedInto(db: Db, id: string): string | null {
  const sql = `SELECT survivor_id FROM lead_merges WHERE merged_id = ? AND undone_at IS NULL
    ORDER BY event_id DESC LIMIT 1`;
  let current = id;
  for (let hop = 0; hop < MAX_ALIAS_HOPS; hop++) {
    const next = prepareCached(db, sql).pluck(true).get(current) as string | undefined;
    if (next === undefined) break;
    current = next;
  }
  return current === id ? null : current;
}

export interface MergedLeadRecord {
  /** The lead as it was when it was merged. */
  lead: Lead;
  /** Its fields changed here that Notion had not received yet: its page shows older values for these. */
  unsyncedFields: string[];
}

/** A merged-away lead as it was when it was merged (while the merge stands), or null. */
export function readMergedLeadRecord(db: Db, id: string): MergedLeadRecord | null {
  const sql = `SELECT merged_before, unsynced_fields FROM lead_merges WHERE merged_id = ? AND undone_at IS NULL
    ORDER BY event_id DESC LIMIT 1`;
  const row = prepareCached(db, sql).get(id) as { merged_before: string; unsynced_fields: string } | undefined;
  if (row === undefined) return null;
  return { lead: JSON.parse(row.merged_before) as Lead, unsyncedFields: JSON.parse(row.unsynced_fields) as string[] };
}

/** The lead's fields changed here since the oldest change Notion has not received (none when it has them all). */
function readUnsyncedFields(db: Db, id: string): string[] {
  const sql = "SELECT MIN(created_at) FROM outbox WHERE entity = 'lead' AND entity_id = ?";
  const oldest = prepareCached(db, sql).pluck(true).get(id) as number | null;
  if (oldest === null) return [];
  return Object.entries(readFieldTimes(db, id)).flatMap(([field, at]) => (at >= oldest ? [field] : []));
}

/** The lead's own events and those of every lead merged into it (also through later merges), in time order. */
export function readLeadHistory(db: Db, id: string): LeadEvent[] {
  const ids = new Set([id]);
  const mergedInto = prepareCached(db, 'SELECT merged_id FROM lead_merges WHERE survivor_id = ? AND undone_at IS NULL');
  for (const known of ids) for (const merged of mergedInto.pluck(true).all(known) as string[]) ids.add(merged);
  const sql = `SELECT * FROM lead_events WHERE ${inJsonList(db, 'lead_id')} ORDER BY at, id`;
  const rows = prepareCached(db, sql).all(JSON.stringify([...ids])) as Parameters<typeof buildLeadEventFromRow>[0][];
  return rows.map(buildLeadEventFromRow);
}

function readLiveLead(db: Db, id: string): Lead {
  const lead = readLead(db, id);
  if (lead) return lead;
  const survivor = readMergedInto(db, id);
  if (survivor !== null) throw new StoreError('not_found', `lead ${id} was already merged into ${survivor}`);
  throw new StoreError('not_found', `no lead with id ${id}`);
}

export function mergeLeadRecords(db: Db, fromId: string, intoId: string, actor: Actor, now: number): MergeResult {
  return runTransaction(db, (): MergeResult => {
    if (fromId === intoId) throw new StoreError('invalid', `both name the same lead (${fromId}): nothing to merge`);
    const merged = readLiveLead(db, fromId);
    const before = readLiveLead(db, intoId);
    const survivor = computeMergedLead(before, merged, now);
    updateLeadRow(db, survivor);
    deleteLeadRow(db, merged.id);
    const diff = diffLead(before, survivor);
    const eventId = insertLeadEvent(db, survivor.id, {
      kind: 'merge',
      actorId: actor.id,
      at: now,
      recordedAt: now,
      ...diff,
    });
    const sql = `INSERT INTO lead_merges (event_id, merged_id, survivor_id, merged_before, survivor_before,
      unsynced_fields) VALUES (?, ?, ?, ?, ?, ?)`;
    const unsynced = JSON.stringify(readUnsyncedFields(db, merged.id));
    prepareCached(db, sql).run(
      eventId,
      merged.id,
      survivor.id,
      JSON.stringify(merged),
      JSON.stringify(before),
      unsynced,
    );
    enqueueOutbox(db, 'lead', survivor.id, 'upsert', actor.id, now);
    // The push sees the record gone and the id merged: it trashes the page and keeps the link (for an undo).
    enqueueOutbox(db, 'lead', merged.id, 'delete', actor.id, now);
    return { survivor, merged };
  });
}

/**
 * An edit made in Notion on the page of a merged-away lead lands on the lead it was merged into: `mutate` applies
 * the edited fields. Both pages hear about it: the survivor's gets the change, the old one goes (back) to the trash —
 * a person may have taken it out to edit it. Returns the changed survivor, or null when it did not change.
 */
export function applyRemoteEditToSurvivor(
  db: Db,
  mergedId: string,
  mutate: (survivor: Lead) => Lead,
  editedTime: number,
  now: number,
): Lead | null {
  return runTransaction(db, (): Lead | null => {
    const survivorId = readMergedInto(db, mergedId);
    const survivor = survivorId === null ? null : readLead(db, survivorId);
    if (survivor === null) return null;
    enqueueOutbox(db, 'lead', mergedId, 'delete', NOTION_ACTOR.id, now);
    const next = mutate(survivor);
    if (Object.keys(diffLead(survivor, { ...next, updatedAt: survivor.updatedAt }).after).length === 0) return null;
    const lead = { ...next, updatedAt: Math.max(survivor.updatedAt, editedTime) };
    updateLeadRow(db, lead);
    // An 'edit', not a 'remote': the survivor's own page does not have it yet (see readFieldTimes).
    const event = { kind: 'edit' as const, actorId: NOTION_ACTOR.id, at: editedTime, recordedAt: now };
    insertLeadEvent(db, lead.id, { ...event, ...diffLead(survivor, lead) });
    enqueueOutbox(db, 'lead', lead.id, 'upsert', NOTION_ACTOR.id, now);
    return lead;
  });
}
