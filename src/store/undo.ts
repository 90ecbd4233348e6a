// `/lead undo`: takes back the actor's latest change (a lead, a spend, a target or a month's visits) made within the
// last minutes. It is refused when anyone else (a colleague, or a person in Notion) changed the record since, and
// only fields that still hold what that change wrote are restored, so nobody's later work is ever thrown away.

import type { Lead, LeadEventKind } from '../domain/types.js';
import { runTransaction } from './change-feed.js';
import { ChangedSinceError, StoreError } from './errors.js';
import { enqueueOutbox, insertLeadEvent, insertPlanEvent } from './journal.js';
import { isSameValue, toFields } from './lead-changes.js';
import { undoMerge } from './lead-merge-undo.js';
import { deleteLeadRow, readLead, updateLeadRow } from './lead-rows.js';
import { type Db, prepareCached } from './open-store.js';
import { deletePlanRow, readPlanRecord, updatePlanRecord } from './plan-rows.js';
import { type Entity, isPlanEntity, type PlanEntity, RECORD_KINDS, recordEventsWhere } from './record-kinds.js';

export interface UndoResult {
  /** What was undone, in words for the reply. */
  description: string;
  /** The lead after the undo; null when a created lead was removed or the change was not to a lead. */
  lead: Lead | null;
}

interface UndoCandidate {
  entity: Entity;
  id: number;
  entity_id: string;
  kind: string;
  before: string | null;
  after: string;
}

const NOT_UNDOABLE = "('undo', 'remote', 'delete')";
const CANDIDATE_SQL = `
  SELECT 'lead' AS entity, id, seq, lead_id AS entity_id, kind, before, after FROM lead_events AS e
    WHERE actor_id = @actorId AND recorded_at > @since AND kind NOT IN ${NOT_UNDOABLE}
      AND NOT EXISTS (SELECT 1 FROM lead_events AS u WHERE u.undoes = e.id)
  UNION ALL
  SELECT entity, id, seq, entity_id, kind, before, after FROM plan_events AS e
    WHERE actor_id = @actorId AND recorded_at > @since AND kind NOT IN ${NOT_UNDOABLE}
      AND NOT EXISTS (SELECT 1 FROM plan_events AS u WHERE u.undoes = e.id)
  ORDER BY seq DESC LIMIT 1`;

/**
 * Refuses the undo when anyone else — a colleague, or a person editing the row in Notion — changed the record after
 * the change being undone: deleting a lead they worked on, or setting back a value they built on, would lose their
 * work. They are named, oldest first, so the two people can talk.
 */
function refuseIfChangedByOthers(db: Db, candidate: UndoCandidate, actorId: string, subject: string): void {
  const sql = `SELECT actor_id FROM ${RECORD_KINDS[candidate.entity].events}
    WHERE ${recordEventsWhere(candidate.entity, '@entityId')} AND id > @id AND actor_id <> @actorId
    GROUP BY actor_id ORDER BY MIN(id)`;
  const params = { entityId: candidate.entity_id, id: candidate.id, actorId };
  const others = prepareCached(db, sql).pluck(true).all(params) as string[];
  if (others.length > 0) throw new ChangedSinceError(subject, others);
}

const KIND_WORDS: Partial<Record<LeadEventKind, string>> = {
  source: 'source change',
  campaign: 'campaign change',
  touch: 'new touch',
  stage: 'stage change',
  value: 'value change',
  lost: 'lost mark',
  edit: 'edit',
};

export function runUndo(db: Db, actorId: string, windowMs: number, now: number): UndoResult {
  return runTransaction(db, (): UndoResult => {
    const candidate = prepareCached(db, CANDIDATE_SQL).get({ actorId, since: now - windowMs }) as
      | UndoCandidate
      | undefined;
    if (!candidate) {
      throw new StoreError(
        'nothing_to_undo',
        `you have no change from the last ${Math.round(windowMs / 60_000)} minutes to undo`,
      );
    }
    const { entity } = candidate;
    // Leads undo on their own path: a merge changed two of them, and replies name a lead by its company.
    return isPlanEntity(entity)
      ? undoPlanChange(db, candidate, entity, actorId, now)
      : undoLeadChange(db, candidate, actorId, now);
  });
}

/**
 * The fields to write back: those whose current value is still what the change wrote. `updatedAt` is not restored:
 * an undo is itself a change.
 */
function buildRestored(current: object, before: Record<string, unknown>, after: Record<string, unknown>) {
  const restored = toFields(current);
  const changedNow: Record<string, unknown> = {};
  const changedBack: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (key === 'updatedAt' || !isSameValue(restored[key], after[key])) continue;
    changedNow[key] = after[key];
    changedBack[key] = before[key] ?? null;
    restored[key] = before[key] ?? null;
  }
  return { restored, changedNow, changedBack, count: Object.keys(changedBack).length };
}

function undoLeadChange(db: Db, candidate: UndoCandidate, actorId: string, now: number): UndoResult {
  // A merge changed two leads at once: lead-merge-undo.ts puts both back.
  if (candidate.kind === 'merge') return undoMerge(db, candidate.id, actorId, now);
  const current = readLead(db, candidate.entity_id);
  if (!current) throw new StoreError('nothing_to_undo', `lead ${candidate.entity_id} no longer exists`);
  refuseIfChangedByOthers(db, candidate, actorId, `${current.company} (${current.id})`);
  const event = { kind: 'undo' as const, actorId, at: now, recordedAt: now, undoes: candidate.id };
  if (candidate.kind === 'create') {
    deleteLeadRow(db, current.id);
    insertLeadEvent(db, current.id, { ...event, before: current, after: {} });
    enqueueOutbox(db, 'lead', current.id, 'delete', actorId, now);
    return { description: `Removed ${current.company} (${current.id}), which you had just created.`, lead: null };
  }
  const { restored, changedNow, changedBack, count } = buildRestored(
    current,
    JSON.parse(candidate.before ?? '{}'),
    JSON.parse(candidate.after),
  );
  if (count === 0) {
    throw new StoreError('nothing_to_undo', `${current.company} has been changed again since; undo would overwrite it`);
  }
  // Spread into a Lead: `restored` holds the current lead's fields with some set back to earlier values.
  const lead = { ...(restored as unknown as Lead), updatedAt: now };
  updateLeadRow(db, lead);
  insertLeadEvent(db, lead.id, { ...event, before: changedNow, after: changedBack });
  enqueueOutbox(db, 'lead', lead.id, 'upsert', actorId, now);
  const words = KIND_WORDS[candidate.kind as LeadEventKind] ?? 'change';
  return { description: `Undid your ${words} on ${lead.company} (${lead.id}).`, lead };
}

function undoPlanChange(db: Db, candidate: UndoCandidate, entity: PlanEntity, actorId: string, now: number) {
  const current = readPlanRecord(db, entity, candidate.entity_id);
  const { noun: what, describe } = RECORD_KINDS[entity];
  if (!current) throw new StoreError('nothing_to_undo', `that ${what} no longer exists`);
  const event = { kind: 'undo' as const, actorId, at: now, recordedAt: now, undoes: candidate.id };
  const label = describe(current);
  refuseIfChangedByOthers(db, candidate, actorId, `the ${what} (${label})`);
  if (candidate.kind === 'create') {
    deletePlanRow(db, entity, current.id);
    insertPlanEvent(db, entity, current.id, { ...event, before: { ...current }, after: {} });
    enqueueOutbox(db, entity, current.id, 'delete', actorId, now);
    return { description: `Removed the ${what} you had just recorded (${label}).`, lead: null };
  }
  const { restored, changedNow, changedBack, count } = buildRestored(
    current,
    JSON.parse(candidate.before ?? '{}'),
    JSON.parse(candidate.after),
  );
  if (count === 0) throw new StoreError('nothing_to_undo', `that ${what} has been changed again since`);
  updatePlanRecord(db, entity, { ...(restored as unknown as typeof current), updatedAt: now });
  insertPlanEvent(db, entity, current.id, { ...event, before: changedNow, after: changedBack });
  enqueueOutbox(db, entity, current.id, 'upsert', actorId, now);
  const change = candidate.kind === 'add' ? 'addition to' : 'change to';
  return { description: `Undid your ${change} the ${what} (${label}).`, lead: null };
}
