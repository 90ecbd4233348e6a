// Spend, targets and website visits, the manager's side of the numbers. Same rule as leads: state, event and outbox
// row in one transaction, and a record for the same key is replaced (with its old value kept in the event), not
// duplicated.

import { z } from 'zod';
import {
  SPEND_CATEGORIES,
  type Spend,
  type SpendCategory,
  TARGET_STAGES,
  type Target,
  type Visit,
} from '../domain/types.js';
import { MAX_VISIT_COUNT } from '../domain/visits.js';
import { enqueueOutbox, insertPlanEvent, nextEntityId, type PlanEntity } from './journal.js';
import { isSameValue } from './lead-changes.js';
import { type ChangeContext, campaignSchema, parseInput, sourceSchema } from './lead-input.js';
import type { Clock, Db, Store } from './open-store.js';
import {
  findSpendByKey,
  findTargetByKey,
  findVisitByKey,
  type PlanRecord,
  readAllSpend,
  readAllTargets,
  readAllVisits,
  writePlanRecord,
} from './plan-rows.js';
import { applyRemotePlanRecord, type RemoteRecord, removePlanRecord } from './remote.js';

export interface NewSpend {
  campaign: string | null;
  source?: string | null;
  month: string;
  amount: number;
  category: SpendCategory;
}

export interface NewTarget {
  month: string;
  stage: Target['stage'];
  count?: number | null;
  rate?: number | null;
}

export interface NewVisits {
  month: string;
  /** A catalog (or team) source slug; null for the whole site's count. */
  source: string | null;
  visits: number;
}

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month looks like 2026-10');

const spendSchema = z.object({
  campaign: campaignSchema.nullable(),
  source: sourceSchema.nullish(),
  month: monthSchema,
  amount: z.number().refine(Number.isFinite, 'the amount must be a number').min(0, 'the amount cannot be negative'),
  category: z.enum(SPEND_CATEGORIES),
});

const targetSchema = z
  .object({
    month: monthSchema,
    stage: z.enum(TARGET_STAGES),
    count: z.number().int('a target count is a whole number').min(0, 'a target count cannot be negative').nullish(),
    rate: z.number().min(0, 'a target rate is between 0 and 1').max(1, 'a target rate is between 0 and 1').nullish(),
  })
  .refine((target) => target.count != null || target.rate != null, 'a target needs a count or a rate')
  .refine((target) => target.stage !== 'lead' || target.rate == null, 'nothing converts into Lead: give a count')
  .refine((target) => target.stage !== 'visits' || target.rate == null, 'visits are planned as a count');

const visitSchema = z.object({
  month: monthSchema,
  source: sourceSchema.nullable(),
  visits: z
    .number()
    .int('visits are a whole number')
    .min(0, 'visits cannot be negative')
    .max(MAX_VISIT_COUNT, 'that is more visits than a month can hold: check the number'),
});

export class PlanService {
  private readonly db: Db;

  constructor(
    store: Store,
    private readonly clock: Clock = Date.now,
  ) {
    this.db = store.db;
  }

  recordSpend(input: NewSpend, ctx: ChangeContext): Spend {
    const fields = parseInput(spendSchema, input);
    return this.db.transaction((): Spend => {
      const existing = findSpendByKey(this.db, fields.campaign, fields.month, fields.category);
      const source = fields.source === undefined ? (existing?.source ?? null) : fields.source;
      const next = { ...fields, source, id: existing?.id ?? '', updatedAt: this.clock() };
      return this.commit('spend', existing, next, ctx);
    })();
  }

  /** Count and rate given replace the month's plan for the stage; one left out keeps its planned value. */
  recordTarget(input: NewTarget, ctx: ChangeContext): Target {
    const fields = parseInput(targetSchema, input);
    return this.db.transaction((): Target => {
      const existing = findTargetByKey(this.db, fields.month, fields.stage);
      const next: Target = {
        id: existing?.id ?? '',
        month: fields.month,
        stage: fields.stage,
        count: fields.count === undefined ? (existing?.count ?? null) : fields.count,
        rate: fields.rate === undefined ? (existing?.rate ?? null) : fields.rate,
        updatedAt: this.clock(),
      };
      return this.commit('target', existing, next, ctx);
    })();
  }

  /** Sets the month's visits for the source (or the site): a second record for the same key replaces the first. */
  recordVisits(input: NewVisits, ctx: ChangeContext): Visit {
    const fields = parseInput(visitSchema, input);
    return this.db.transaction((): Visit => {
      const existing = findVisitByKey(this.db, fields.month, fields.source);
      const next: Visit = { ...fields, id: existing?.id ?? '', updatedAt: this.clock() };
      return this.commit('visit', existing, next, ctx);
    })();
  }

  /** Several months at once, all or nothing (an import, a year of targets): one transaction. */
  recordMany<T>(record: () => T): T {
    return this.db.transaction(record)();
  }

  listSpend(): Spend[] {
    return readAllSpend(this.db);
  }

  listTargets(): Target[] {
    return readAllTargets(this.db);
  }

  listVisits(): Visit[] {
    return readAllVisits(this.db);
  }

  applyRemoteSpend(spend: RemoteRecord<Spend>): Spend {
    return applyRemotePlanRecord<Spend>(this.db, 'spend', spend, this.clock());
  }

  applyRemoteTarget(target: RemoteRecord<Target>): Target {
    return applyRemotePlanRecord<Target>(this.db, 'target', target, this.clock());
  }

  applyRemoteVisit(visit: RemoteRecord<Visit>): Visit {
    return applyRemotePlanRecord<Visit>(this.db, 'visit', visit, this.clock());
  }

  removeSpend(id: string): boolean {
    return removePlanRecord(this.db, 'spend', id, this.clock());
  }

  removeTarget(id: string): boolean {
    return removePlanRecord(this.db, 'target', id, this.clock());
  }

  removeVisit(id: string): boolean {
    return removePlanRecord(this.db, 'visit', id, this.clock());
  }

  /** Writes the record (a new one gets its id here), its event and its outbox row; an unchanged record writes nothing. */
  private commit<T extends PlanRecord>(entity: PlanEntity, existing: T | null, next: T, ctx: ChangeContext): T {
    const now = next.updatedAt;
    const base = { actorId: ctx.actor.id, at: ctx.at ?? now, recordedAt: now };
    if (existing) {
      const changed = Object.keys(next).filter(
        (key) => key !== 'updatedAt' && !isSameValue(existing[key as keyof T], next[key as keyof T]),
      );
      if (changed.length === 0) return existing;
      const before = Object.fromEntries(changed.map((key) => [key, existing[key as keyof T]]));
      const after = Object.fromEntries(changed.map((key) => [key, next[key as keyof T]]));
      writePlanRecord(this.db, entity, next);
      insertPlanEvent(this.db, entity, next.id, { ...base, kind: 'edit', before, after });
    } else {
      next.id = nextEntityId(this.db, entity);
      writePlanRecord(this.db, entity, next);
      insertPlanEvent(this.db, entity, next.id, { ...base, kind: 'create', before: null, after: { ...next } });
    }
    enqueueOutbox(this.db, entity, next.id, 'upsert', ctx.actor.id, now);
    return next;
  }
}
