// Changes pulled from Notion. They are written with an event (kind 'remote', actor Notion) but no outbox row: Notion
// already has them. fieldTimes() tells the sync which local edits are newer than a remote one.

import { diffLead } from '../domain/lifecycle.js';
import { type Lead, NOTION_ACTOR } from '../domain/types.js';
import { runTransaction } from './change-feed.js';
import { claimEntityId } from './entity-ids.js';
import { insertLeadEvent, insertPlanEvent, nextEntityId, type PlanEntity } from './journal.js';
import { isSameValue, toFields } from './lead-changes.js';
import { deleteLeadRow, insertLeadRow, readLead, updateLeadRow } from './lead-rows.js';
import { type Db, prepareCached } from './open-store.js';
import { deletePlanRow, insertPlanRecord, type PlanRecord, readPlanRecord, updatePlanRecord } from './plan-rows.js';

const BY_NOTION = { actorId: NOTION_ACTOR.id } as const;

/**
 * Inserts or updates a lead as Notion has it. A row created in Notion without a Lead ID gets the next id; a new lead
 * under an id given by Notion takes that id only if it was never used here (the pull checks first; this is the guard).
 */
export function applyRemoteLead(db: Db, incoming: Lead, now: number): Lead {
  return runTransaction(db, (): Lead => {
    const lead = incoming.id === '' ? { ...incoming, id: nextEntityId(db, 'lead') } : incoming;
    const before = readLead(db, lead.id);
    const diff = before ? diffLead(before, lead) : { before: null, after: lead };
    if (before && Object.keys(diff.after).length === 0) return before;
    if (before) updateLeadRow(db, lead);
    else {
      if (incoming.id !== '') claimEntityId(db, 'lead', lead.id);
      insertLeadRow(db, lead);
    }
    insertLeadEvent(db, lead.id, { ...BY_NOTION, kind: 'remote', at: lead.updatedAt, recordedAt: now, ...diff });
    return lead;
  });
}

/** A page trashed in Notion: the lead goes, its history stays. */
export function removeLead(db: Db, id: string, now: number): boolean {
  return runTransaction(db, (): boolean => {
    const before = readLead(db, id);
    if (!before) return false;
    deleteLeadRow(db, id);
    insertLeadEvent(db, id, { ...BY_NOTION, kind: 'delete', at: now, recordedAt: now, before, after: {} });
    return true;
  });
}

/**
 * For each lead field, when it was last changed here and not by reading the lead's own Notion page: the recordedAt
 * of the newest such event whose `after` holds it. A remote value wins for a field only when the remote edit is newer
 * than this. An 'edit' by Notion counts: it came from another page (a merged-away lead's) and this page lacks it.
 */
export function readFieldTimes(db: Db, leadId: string): Record<string, number> {
  const sql = `SELECT after, recorded_at FROM lead_events
    WHERE lead_id = ? AND kind NOT IN ('remote', 'delete') ORDER BY id`;
  const rows = prepareCached(db, sql).all(leadId) as { after: string; recorded_at: number }[];
  const times: Record<string, number> = {};
  for (const row of rows) {
    for (const field of Object.keys(JSON.parse(row.after) as object)) times[field] = row.recorded_at;
  }
  return times;
}

function buildPlanDiff(before: object, after: object) {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  const beforeFields = before as Record<string, unknown>;
  for (const [key, value] of Object.entries(after)) {
    if (isSameValue(beforeFields[key], value)) continue;
    was[key] = beforeFields[key] ?? null;
    now[key] = value;
  }
  return { before: was, after: now };
}

export type RemoteRecord<T> = Omit<T, 'id'> & { id?: string };

/** Inserts or replaces a spend, target, visits or tracking number row as Notion has it; no id gets the next one. */
export function applyRemotePlanRecord<T extends PlanRecord>(
  db: Db,
  entity: PlanEntity,
  incoming: RemoteRecord<T>,
  now: number,
): T {
  return runTransaction(db, (): T => {
    const id = incoming.id || nextEntityId(db, entity);
    const record = { ...incoming, id } as T;
    const before = readPlanRecord(db, entity, id);
    const diff = before ? buildPlanDiff(before, record) : { before: null, after: toFields(record) };
    if (before && Object.keys(diff.after).length === 0) return before as T;
    if (before) updatePlanRecord(db, entity, record);
    else insertPlanRecord(db, entity, record);
    insertPlanEvent(db, entity, id, { ...BY_NOTION, kind: 'remote', at: record.updatedAt, recordedAt: now, ...diff });
    return record;
  });
}

export function removePlanRecord(db: Db, entity: PlanEntity, id: string, now: number): boolean {
  return runTransaction(db, (): boolean => {
    const before = readPlanRecord(db, entity, id);
    if (!before) return false;
    deletePlanRow(db, entity, id);
    insertPlanEvent(db, entity, id, {
      ...BY_NOTION,
      kind: 'delete',
      at: now,
      recordedAt: now,
      before: toFields(before),
      after: {},
    });
    return true;
  });
}
