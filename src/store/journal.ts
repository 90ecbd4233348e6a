// The three things every change writes besides the state itself: an event (who, when, before/after), an outbox row
// (so Notion hears about it), and — for new records — an id that was never handed out before.

import type { Lead, LeadEvent, LeadEventKind } from '../domain/types.js';
import { recordOutbox } from './change-feed.js';
import { type Db, prepareCached } from './open-store.js';
import type { Entity, PlanEntity } from './record-kinds.js';

export { nextEntityId } from './entity-ids.js';

export type { Entity, PlanEntity } from './record-kinds.js';
export type OutboxOp = 'upsert' | 'delete';
/** `add`: spend or visits added to a month's figure (before/after hold totals; the difference is what was added). */
export type PlanEventKind = 'create' | 'edit' | 'add' | 'undo' | 'remote' | 'delete';

export interface EventInput<Kind, Fields> {
  kind: Kind;
  actorId: string;
  at: number;
  recordedAt: number;
  before: Partial<Fields> | null;
  after: Partial<Fields>;
  undoes?: number;
}

export interface PlanEvent<Fields = Record<string, unknown>> extends EventInput<PlanEventKind, Fields> {
  id: number;
  entity: PlanEntity;
  entityId: string;
}

function nextSeq(db: Db): number {
  return prepareCached(db, 'UPDATE event_sequence SET value = value + 1 WHERE id = 1 RETURNING value')
    .pluck(true)
    .get() as number;
}

export function insertLeadEvent(db: Db, leadId: string, event: EventInput<LeadEventKind, Lead>): number {
  const sql = `INSERT INTO lead_events (seq, lead_id, kind, actor_id, at, recorded_at, before, after, undoes)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;
  const id = prepareCached(db, sql)
    .pluck(true)
    .get(
      nextSeq(db),
      leadId,
      event.kind,
      event.actorId,
      event.at,
      event.recordedAt,
      event.before === null ? null : JSON.stringify(event.before),
      JSON.stringify(event.after),
      event.undoes ?? null,
    );
  return Number(id);
}

export function insertPlanEvent<Fields>(
  db: Db,
  entity: PlanEntity,
  entityId: string,
  event: EventInput<PlanEventKind, Fields>,
): number {
  const sql = `INSERT INTO plan_events (seq, entity, entity_id, kind, actor_id, at, recorded_at, before, after, undoes)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;
  const id = prepareCached(db, sql)
    .pluck(true)
    .get(
      nextSeq(db),
      entity,
      entityId,
      event.kind,
      event.actorId,
      event.at,
      event.recordedAt,
      event.before === null ? null : JSON.stringify(event.before),
      JSON.stringify(event.after),
      event.undoes ?? null,
    );
  return Number(id);
}

export function enqueueOutbox(db: Db, entity: Entity, entityId: string, op: OutboxOp, actorId: string, now: number) {
  const sql = `INSERT INTO outbox (entity, entity_id, op, actor_id, created_at, next_attempt_at)
    VALUES (?, ?, ?, ?, ?, ?)`;
  prepareCached(db, sql).run(entity, entityId, op, actorId, now, now);
  recordOutbox(db, entity, entityId);
}

interface EventRow {
  id: number;
  lead_id: string;
  kind: LeadEventKind;
  actor_id: string;
  at: number;
  recorded_at: number;
  before: string | null;
  after: string;
  undoes: number | null;
}

export function buildLeadEventFromRow(row: EventRow): LeadEvent {
  const event: LeadEvent = {
    id: row.id,
    leadId: row.lead_id,
    kind: row.kind,
    actorId: row.actor_id,
    at: row.at,
    recordedAt: row.recorded_at,
    before: row.before === null ? null : (JSON.parse(row.before) as Partial<Lead>),
    after: JSON.parse(row.after) as Partial<Lead>,
  };
  if (row.undoes !== null) event.undoes = row.undoes;
  return event;
}

export function readLeadEvents(db: Db, leadId: string): LeadEvent[] {
  const rows = prepareCached(db, 'SELECT * FROM lead_events WHERE lead_id = ? ORDER BY id').all(leadId) as EventRow[];
  return rows.map(buildLeadEventFromRow);
}
