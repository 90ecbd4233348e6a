// The registry of record kinds: what the store says about each kind, in one place — its id letter, its table and
// columns, where its history is kept, the rules its fields keep and the words replies use for it. The store's
// generic code (ids, plan rows, undo, remote applies) reads these entries instead of switching on the kind; the
// Notion side has its own registry (src/notion/kind-mappings.ts), so the store never imports Notion code. The
// README's "Adding a record kind" lists what else a new kind needs.

import type { z } from 'zod';
import type { Spend, Target, TrackingNumber, Visit } from '../domain/types.js';
import { findFieldsProblem, LEAD_FIELD_RULES } from './lead-input.js';
import { NUMBER_FIELD_RULES, SPEND_FIELD_RULES, TARGET_FIELD_RULES, VISIT_FIELD_RULES } from './plan-input.js';

/** Every kind, in the order the sync and the reports go through them. */
export const ENTITIES = ['lead', 'spend', 'target', 'visit', 'number'] as const;
export type Entity = (typeof ENTITIES)[number];
/** The kinds kept in plain rows (a table of columns and `updated_at`) with their history in `plan_events`. */
export type PlanEntity = Exclude<Entity, 'lead'>;
export type PlanRecord = Spend | Target | Visit | TrackingNumber;

export interface RecordKind {
  /** The letter of its ids: L-000042. */
  prefix: string;
  table: string;
  /** A column holding its id's number, indexed (the largest id is then one index lookup). */
  idNumberColumn?: string;
  /** Its history: the lead journal, or the journal the plan kinds share (told apart by its `entity` column). */
  events: 'lead_events' | 'plan_events';
  /** The name logs give its id. */
  logKey: 'leadId' | 'recordId';
  /** What a reply calls one record: "Removed the visits record you had just recorded". */
  noun: string;
  /** The rules of its fields, whoever typed them (Slack input, a Notion row). */
  fieldRules: Readonly<Record<string, z.ZodType>>;
}

export interface PlanKind extends RecordKind {
  events: 'plan_events';
  /** The table's columns besides `id` and `updated_at`, named as the record's fields. */
  columns: readonly string[];
  /** How the whole table is listed. */
  order: string;
  /** The record in a few words for a reply: "spring-expo, media, 2026-10". */
  describe(record: PlanRecord): string;
}

const join = (parts: readonly (string | null)[]) => parts.filter((part) => part !== null).join(', ');

export const RECORD_KINDS: { readonly lead: RecordKind } & { readonly [K in PlanEntity]: PlanKind } = {
  // Leads have rows of their own (lead-rows.ts: stage dates, touches, an indexed id number) and their own undo.
  lead: {
    prefix: 'L',
    table: 'leads',
    idNumberColumn: 'id_number',
    events: 'lead_events',
    noun: 'lead',
    logKey: 'leadId',
    fieldRules: LEAD_FIELD_RULES,
  },
  spend: {
    prefix: 'S',
    table: 'spend',
    events: 'plan_events',
    noun: 'spend',
    logKey: 'recordId',
    fieldRules: SPEND_FIELD_RULES,
    columns: ['campaign', 'source', 'month', 'amount', 'category'],
    order: 'month, id',
    describe: (record) => join([(record as Spend).campaign, (record as Spend).category, (record as Spend).month]),
  },
  target: {
    prefix: 'T',
    table: 'targets',
    events: 'plan_events',
    noun: 'target',
    logKey: 'recordId',
    fieldRules: TARGET_FIELD_RULES,
    columns: ['month', 'stage', 'count', 'rate'],
    order: 'month, id',
    describe: (record) => join([(record as Target).stage, (record as Target).month]),
  },
  visit: {
    prefix: 'V',
    table: 'visits',
    events: 'plan_events',
    noun: 'visits record',
    logKey: 'recordId',
    fieldRules: VISIT_FIELD_RULES,
    columns: ['month', 'source', 'visits'],
    order: 'month, id',
    describe: (record) => join([(record as Visit).source ?? 'all sources', (record as Visit).month]),
  },
  number: {
    prefix: 'N',
    table: 'tracking_numbers',
    events: 'plan_events',
    noun: 'tracking number',
    logKey: 'recordId',
    fieldRules: NUMBER_FIELD_RULES,
    columns: ['number', 'campaign', 'source'],
    order: 'number, id',
    describe: (record) => {
      const number = record as TrackingNumber;
      return join([number.number, number.campaign, number.source]);
    },
  },
};

export function isPlanEntity(entity: Entity): entity is PlanEntity {
  return RECORD_KINDS[entity].events === 'plan_events';
}

/** The condition on a kind's journal that picks one record's events (the parameter `id` names the record). */
export function recordEventsWhere(entity: Entity, id = '@id'): string {
  return RECORD_KINDS[entity].events === 'lead_events'
    ? `lead_id = ${id}`
    : `entity = '${entity}' AND entity_id = ${id}`;
}

/** The first rule the given fields of a kind break (only those given are checked), or null. */
export function findRecordProblem(entity: Entity, fields: Record<string, unknown>): string | null {
  return findFieldsProblem(RECORD_KINDS[entity].fieldRules, fields);
}
