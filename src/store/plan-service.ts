// Spend, targets and website visits, the manager's side of the numbers. Same rule as leads: state, event and outbox
// row in one transaction, and a record for the same key is changed (with its old value kept in the event), not
// duplicated. Spend and visits are added to by default — a second invoice for a campaign and month adds up, as do
// the visits of a second report — and replaced only when asked.

import { MAX_AMOUNT } from '../domain/money.js';
import type { Spend, SpendCategory, Target, TrackingNumber, Visit } from '../domain/types.js';
import { MAX_VISIT_COUNT } from '../domain/visits.js';
import { runTransaction } from './change-feed.js';
import { StoreError } from './errors.js';
import { enqueueOutbox, insertPlanEvent, nextEntityId, type PlanEntity, type PlanEventKind } from './journal.js';
import { isSameValue } from './lead-changes.js';
import { type ChangeContext, parseInput } from './lead-input.js';
import { findNumberByKey, readAllNumbers } from './number-rows.js';
import type { Clock, Db, Store } from './open-store.js';
import { numberSchema, spendSchema, targetSchema, visitSchema } from './plan-input.js';
import {
  findSpendByKey,
  findTargetByKey,
  findVisitByKey,
  insertPlanRecord,
  type PlanRecord,
  readAllSpend,
  readAllTargets,
  readAllVisits,
  updatePlanRecord,
} from './plan-rows.js';
import { applyRemotePlanRecord, type RemoteRecord, removePlanRecord } from './remote.js';

export interface NewSpend {
  campaign: string | null;
  source?: string | null;
  month: string;
  amount: number;
  category: SpendCategory;
}

/** `add` puts the figure on top of what the month already has; `set` makes it the month's figure. */
export type SpendMode = 'add' | 'set';

export interface SpendChange {
  spend: Spend;
  /** The month's amount for the campaign and category before the change (0 when there was none). */
  amountBefore: number;
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

export interface VisitsChange {
  visit: Visit;
  /** The month's visits for the source before the change (0 when there were none). */
  visitsBefore: number;
}

export interface NewTrackingNumber {
  /** E.164 (parsed at the boundary). */
  number: string;
  /** Left out: the mapping keeps what it had; null clears it. */
  campaign?: string | null;
  source?: string | null;
}

export class PlanService {
  private readonly db: Db;

  constructor(
    store: Store,
    private readonly clock: Clock = Date.now,
  ) {
    this.db = store.db;
  }

  /** The month's spend for a campaign and category replaced by `input.amount` (imports, `/roi cost … set:`). */
  recordSpend(input: NewSpend, ctx: ChangeContext): Spend {
    return this.changeSpend(input, 'set', ctx).spend;
  }

  /** `/roi cost`: adds to (or with `set`, replaces) the month's spend, and says what the month had before. */
  changeSpend(input: NewSpend, mode: SpendMode, ctx: ChangeContext): SpendChange {
    const fields = parseInput(spendSchema, input);
    return runTransaction(this.db, (): SpendChange => {
      const existing = findSpendByKey(this.db, fields.campaign, fields.month, fields.category);
      const amountBefore = existing?.amount ?? 0;
      // Amounts are in cents; the sum is rounded back to cents so 0.1 + 0.2 stays 0.3.
      const amount = mode === 'add' ? Math.round((amountBefore + fields.amount) * 100) / 100 : fields.amount;
      if (amount > MAX_AMOUNT) {
        throw new StoreError('invalid', "the month's total would be larger than 1,000,000,000,000");
      }
      const source = fields.source === undefined ? (existing?.source ?? null) : fields.source;
      const next = { ...fields, amount, source, id: existing?.id ?? '', updatedAt: this.clock() };
      const spend = this.commit('spend', existing, next, ctx, mode === 'add' ? 'add' : 'edit');
      return { spend, amountBefore };
    });
  }

  /** Count and rate given replace the month's plan for the stage; one left out keeps its planned value. */
  recordTarget(input: NewTarget, ctx: ChangeContext): Target {
    const fields = parseInput(targetSchema, input);
    return runTransaction(this.db, (): Target => {
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
    });
  }

  /** The month's visits for the source (or the site) replaced by `input.visits` (imports, `/roi visits … set:`). */
  recordVisits(input: NewVisits, ctx: ChangeContext): Visit {
    return this.changeVisits(input, 'set', ctx).visit;
  }

  /** `/roi visits`: adds to (or with `set`, replaces) the month's visits, and says what the month had before. */
  changeVisits(input: NewVisits, mode: SpendMode, ctx: ChangeContext): VisitsChange {
    const fields = parseInput(visitSchema, input);
    return runTransaction(this.db, (): VisitsChange => {
      const existing = findVisitByKey(this.db, fields.month, fields.source);
      const visitsBefore = existing?.visits ?? 0;
      const visits = mode === 'add' ? visitsBefore + fields.visits : fields.visits;
      if (visits > MAX_VISIT_COUNT) {
        throw new StoreError('invalid', "the month's visits would be more than a month can hold: check the number");
      }
      const next: Visit = { ...fields, visits, id: existing?.id ?? '', updatedAt: this.clock() };
      const visit = this.commit('visit', existing, next, ctx, mode === 'add' ? 'add' : 'edit');
      return { visit, visitsBefore };
    });
  }

  /** Several months at once, all or nothing (an import, a year of targets): one transaction. */
  recordMany<T>(record: () => T): T {
    return runTransaction(this.db, record);
  }

  /** `/roi number`: maps a tracking number (one mapping per number: a second call changes it, undoably). */
  recordNumber(
    input: NewTrackingNumber,
    ctx: ChangeContext,
  ): { number: TrackingNumber; before: TrackingNumber | null } {
    const fields = parseInput(numberSchema, input);
    return runTransaction(this.db, () => {
      const existing = findNumberByKey(this.db, fields.number);
      const next: TrackingNumber = {
        id: existing?.id ?? '',
        number: fields.number,
        campaign: fields.campaign === undefined ? (existing?.campaign ?? null) : fields.campaign,
        source: fields.source === undefined ? (existing?.source ?? null) : fields.source,
        updatedAt: this.clock(),
      };
      if (next.campaign === null && next.source === null) {
        throw new StoreError('invalid', 'a tracking number maps to a campaign, a source or both');
      }
      return { number: this.commit('number', existing, next, ctx), before: existing };
    });
  }

  listNumbers(): TrackingNumber[] {
    return readAllNumbers(this.db);
  }

  applyRemoteNumber(number: RemoteRecord<TrackingNumber>): TrackingNumber {
    return applyRemotePlanRecord<TrackingNumber>(this.db, 'number', number, this.clock());
  }

  removeNumber(id: string): boolean {
    return removePlanRecord(this.db, 'number', id, this.clock());
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

  /** Writes the record (a new one gets its id here), its event and its outbox row; an unchanged one writes nothing. */
  private commit<T extends PlanRecord>(
    entity: PlanEntity,
    existing: T | null,
    next: T,
    ctx: ChangeContext,
    editKind: Extract<PlanEventKind, 'edit' | 'add'> = 'edit',
  ): T {
    const now = next.updatedAt;
    const base = { actorId: ctx.actor.id, at: ctx.at ?? now, recordedAt: now };
    if (existing) {
      const changed = Object.keys(next).filter(
        (key) => key !== 'updatedAt' && !isSameValue(existing[key as keyof T], next[key as keyof T]),
      );
      if (changed.length === 0) return existing;
      const before = Object.fromEntries(changed.map((key) => [key, existing[key as keyof T]]));
      const after = Object.fromEntries(changed.map((key) => [key, next[key as keyof T]]));
      updatePlanRecord(this.db, entity, next);
      insertPlanEvent(this.db, entity, next.id, { ...base, kind: editKind, before, after });
    } else {
      next.id = nextEntityId(this.db, entity);
      insertPlanRecord(this.db, entity, next);
      insertPlanEvent(this.db, entity, next.id, { ...base, kind: 'create', before: null, after: { ...next } });
    }
    enqueueOutbox(this.db, entity, next.id, 'upsert', ctx.actor.id, now);
    return next;
  }
}
