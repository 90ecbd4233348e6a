// Every change to leads goes through here: one transaction writes the new state, an event and an outbox row, so a
// crash can never leave a change without its history or without its way to Notion.

import { backgroundTurn } from '../background-turns.js';
import { applyTrackedSource, type TrackedSource } from '../domain/inquiry-sources.js';
import { applyStageChange, diffLead } from '../domain/lifecycle.js';
import type { Snapshot } from '../domain/snapshot.js';
import type { Steps } from '../domain/steps.js';
import { computeFunnelTimeline } from '../domain/timeline.js';
import {
  type Actor,
  INGEST_ACTOR,
  type Lead,
  type LeadEvent,
  type LeadEventKind,
  NOTION_ACTOR,
  STAGE_LABELS,
  type Stage,
  UNKNOWN_SOURCE,
} from '../domain/types.js';
import { runTransaction } from './change-feed.js';
import { readCachedDataset, readCachedDatasetAsync, warmCachedDataset } from './dataset-cache.js';
import { claimEntityId, wasIdEverUsed } from './entity-ids.js';
import { StoreError } from './errors.js';
import { enqueueOutbox, insertLeadEvent, nextEntityId, readLeadEvents } from './journal.js';
import { buildNewLead, buildSourceChange, buildTouchesWith, type SourceChange } from './lead-changes.js';
import {
  type ChangeContext,
  campaignSchema,
  type LeadPatch,
  type NewLead,
  parseInput,
  parseLeadPatch,
  parseNewLead,
  sourceSchema,
  valueSchema,
} from './lead-input.js';
import * as merges from './lead-merge.js';
import { buildLeadNamesInSteps, deferLeadNames, isBuildingLeadNames, primeLeadNamesInSteps } from './lead-names.js';
import * as reads from './lead-reads.js';
import { insertLeadRow, readLead, updateLeadRow } from './lead-rows.js';
import type { Clock, Db, Store } from './open-store.js';
import { enqueuePrompt } from './prompt-queue.js';
import { applyRemoteLead, readFieldTimes, removeLead } from './remote.js';
import { runUndo, type UndoResult } from './undo.js';

export interface StageOptions {
  value?: number | null;
  lostReason?: string | null;
}

/**
 * A lead a rep logs without a source is asked about by DM this long after, unless someone set its source meanwhile:
 * the rep is in Slack right then, and the reply to the command may already be asking the same thing.
 */
export const LOGGED_ASK_DELAY_MS = 45_000;

export class LeadService {
  private readonly db: Db;

  constructor(
    store: Store,
    private readonly clock: Clock = Date.now,
  ) {
    this.db = store.db;
  }

  createLead(input: NewLead, ctx: ChangeContext): Lead {
    const fields = parseNewLead(input);
    return runTransaction(this.db, () => {
      const now = this.clock();
      const at = ctx.at ?? now;
      if (fields.id !== undefined) claimEntityId(this.db, 'lead', fields.id);
      const fresh = buildNewLead({ ...fields, id: fields.id ?? nextEntityId(this.db, 'lead') }, ctx.actor, at, now);
      const staged = fields.stage && fields.stage !== 'lead' ? applyStageChange(fresh, fields.stage, at) : fresh;
      const lead = { ...staged, updatedAt: now };
      insertLeadRow(this.db, lead);
      insertLeadEvent(this.db, lead.id, {
        kind: 'create',
        actorId: ctx.actor.id,
        at,
        recordedAt: now,
        before: null,
        after: lead,
      });
      enqueueOutbox(this.db, 'lead', lead.id, 'upsert', ctx.actor.id, now);
      if (lead.source === UNKNOWN_SOURCE && ctx.actor.id !== NOTION_ACTOR.id && ctx.actor.id !== INGEST_ACTOR.id) {
        enqueuePrompt(this.db, {
          leadId: lead.id,
          kind: 'ask',
          recipient: lead.ownerId,
          dueAt: now + LOGGED_ASK_DELAY_MS,
          now,
        });
      }
      return lead;
    });
  }

  /**
   * The caller's answer to "where did they hear of us?": the lead's Source from now on (what the caller said wins
   * over tracking), the Source it had kept as a touch, and both kept apart as tracked and said.
   */
  recordSaidSource(leadId: string, source: string, ctx: ChangeContext): Lead {
    const slug = parseInput(sourceSchema, source);
    return this.change(leadId, 'source', ctx, (current, at) => {
      const promoted = buildSourceChange(current, slug, at, true)?.lead ?? current;
      return { ...promoted, reportedSource: slug };
    });
  }

  /** Another inquiry from a known lead: its tracked source (or a touch), its channel left as first recorded. */
  applyTrackedSource(leadId: string, tracked: TrackedSource, ctx: ChangeContext): Lead {
    return this.change(leadId, 'edit', ctx, (current, at) => applyTrackedSource(current, tracked, at));
  }

  setSource(leadId: string, source: string, ctx: ChangeContext, opts: { primary?: boolean } = {}): SourceChange {
    const slug = parseInput(sourceSchema, source);
    let addedAsTouch = false;
    const lead = this.change(leadId, 'source', ctx, (current, at) => {
      const change = buildSourceChange(current, slug, at, opts.primary === true);
      addedAsTouch = change?.addedAsTouch ?? false;
      return change?.lead ?? current;
    });
    return { lead, addedAsTouch };
  }

  setCampaign(leadId: string, campaign: string | null, ctx: ChangeContext): Lead {
    const slug = campaign === null ? null : parseInput(campaignSchema, campaign);
    return this.change(leadId, 'campaign', ctx, (current) => ({ ...current, campaign: slug }));
  }

  addTouch(leadId: string, touch: { source?: string | null; campaign?: string | null }, ctx: ChangeContext): Lead {
    const source = touch.source ? parseInput(sourceSchema, touch.source) : null;
    const campaign = touch.campaign ? parseInput(campaignSchema, touch.campaign) : null;
    if (source === null && campaign === null) throw new StoreError('invalid', 'a touch needs a source or a campaign');
    return this.change(leadId, 'touch', ctx, (current, at) => ({
      ...current,
      touches: buildTouchesWith(current.touches, { source, campaign, at }),
    }));
  }

  moveStage(leadId: string, stage: Stage, ctx: ChangeContext, opts: StageOptions = {}): Lead {
    if (opts.value !== undefined && opts.value !== null) parseInput(valueSchema, opts.value);
    return this.change(leadId, stage === 'lost' ? 'lost' : 'stage', ctx, (current, at) => {
      if (current.stage === stage) {
        throw new StoreError('invalid', `${current.company} is already at ${STAGE_LABELS[stage]}`);
      }
      return applyStageChange(current, stage, at, opts);
    });
  }

  setValue(leadId: string, value: number | null, ctx: ChangeContext): Lead {
    const checked = value === null ? null : parseInput(valueSchema, value);
    return this.change(leadId, 'value', ctx, (current) => ({ ...current, value: checked }));
  }

  markLost(leadId: string, reason: string | null, ctx: ChangeContext): Lead {
    return this.moveStage(leadId, 'lost', ctx, { lostReason: reason?.trim() || null });
  }

  updateLead(leadId: string, patch: LeadPatch, ctx: ChangeContext): Lead {
    const checked = parseLeadPatch(patch);
    return this.change(leadId, 'edit', ctx, (current) => ({ ...current, ...checked }));
  }

  /** `/lead merge`: `fromId` is merged into `intoId`, which survives (see lead-merge.ts). */
  mergeLeads(fromId: string, intoId: string, ctx: ChangeContext): merges.MergeResult {
    return merges.mergeLeadRecords(this.db, fromId, intoId, ctx.actor, this.clock());
  }

  /** The lead a merged-away id now lives on, or null when the id was never merged away. */
  mergedInto(id: string): string | null {
    return merges.readMergedInto(this.db, id);
  }

  /** The lead, or for a merged-away id the lead it was merged into: what an old button or link means now. */
  getCurrentLead(id: string): Lead | null {
    const survivor = readLead(this.db, id) === null ? merges.readMergedInto(this.db, id) : id;
    return survivor === null ? null : readLead(this.db, survivor);
  }

  mergedLeadRecord(id: string): merges.MergedLeadRecord | null {
    return merges.readMergedLeadRecord(this.db, id);
  }

  /** The lead's events with those of the leads merged into it, in time order. */
  leadHistory(leadId: string): LeadEvent[] {
    return merges.readLeadHistory(this.db, leadId);
  }

  applyRemoteEditToSurvivor(mergedId: string, mutate: (survivor: Lead) => Lead, editedTime: number): Lead | null {
    return merges.applyRemoteEditToSurvivor(this.db, mergedId, mutate, editedTime, this.clock());
  }

  undoLast(actorId: string, windowMs = 10 * 60_000): UndoResult {
    return runUndo(this.db, actorId, windowMs, this.clock());
  }

  applyRemoteLead(lead: Lead): Lead {
    return applyRemoteLead(this.db, lead, this.clock());
  }

  removeLead(id: string): boolean {
    return removeLead(this.db, id, this.clock());
  }

  fieldTimes(leadId: string): Record<string, number> {
    return readFieldTimes(this.db, leadId);
  }

  /** True when a lead here has, or ever had, this id (its history outlives it). */
  wasIdUsed(id: string): boolean {
    return wasIdEverUsed(this.db, 'lead', id);
  }

  getLead(id: string): Lead | null {
    return readLead(this.db, id);
  }

  findLeads(text: string, limit = 10): { lead: Lead; score: number }[] {
    return reads.findLeads(this.db, text, limit);
  }

  findLeadsInSteps(text: string, limit = 10): Steps<{ lead: Lead; score: number }[]> {
    return reads.findLeadsInSteps(this.db, text, limit);
  }

  resolveCompany(text: string): reads.CompanyResolution {
    return reads.resolveCompany(this.db, text);
  }

  listLeads(): Lead[] {
    return reads.listLeads(this.db);
  }

  leadEvents(leadId: string): LeadEvent[] {
    return readLeadEvents(this.db, leadId);
  }

  campaigns(prefix?: string): string[] {
    return reads.listCampaigns(this.db, prefix);
  }

  customSources(): string[] {
    return reads.listCustomSources(this.db);
  }

  addSource(slug: string, actor: Actor): string {
    return reads.insertCustomSource(this.db, slug, actor, this.clock());
  }

  /**
   * warm(), with the one big read made without blocking the event loop (asynchronous on Postgres, a chunk per turn on
   * SQLite: a workspace opening must not hold up the others' acks). The names start from the leads it
   * read, built in steps after it resolves (`names` resolves once they are whole); a lookup meanwhile finishes them
   * first. With `namesOnDemand` they are not built until prepareNames() or a lookup asks.
   */
  async warmAsync(options: { namesOnDemand?: boolean } = {}): Promise<{ names: Promise<void> }> {
    const read = await warmCachedDataset(this.db);
    // The snapshot's own checks, then its funnel timeline, each in a turn of its own: both walk every lead.
    await backgroundTurn();
    const snapshot = await readCachedDatasetAsync(this.db);
    await backgroundTurn();
    computeFunnelTimeline(snapshot.leads, snapshot.memo.leadsMemo);
    if (read === null) {
      reads.listCampaigns(this.db);
      return { names: Promise.resolve() };
    }
    await backgroundTurn();
    if (options.namesOnDemand === true) {
      deferLeadNames(this.db, read.leads, read.othersMark);
      return { names: Promise.resolve() };
    }
    return { names: primeLeadNamesInSteps(this.db, read.leads, read.othersMark) };
  }

  /**
   * The company names, built a step at a time if they wait to be (warmAsync's `namesOnDemand`): what a request or a
   * job that may look a company up awaits first, so the lookup never builds them in one go while others wait.
   */
  prepareNames(): Promise<void> {
    return buildLeadNamesInSteps(this.db);
  }

  /** Whether the company names are whole (prepareNames() would resolve without building anything). */
  namesReady(): boolean {
    return !isBuildingLeadNames(this.db);
  }

  /** dataset(), read without blocking the event loop when nothing is in memory yet (Postgres). */
  async datasetAsync(): Promise<Snapshot> {
    await warmCachedDataset(this.db);
    return this.dataset();
  }

  /**
   * Reads what commands keep in memory (the metrics snapshot and its funnel timeline, the names), so the first
   * command does not wait. Later snapshots patch the timeline instead of laying it out again.
   */
  warm(): void {
    this.warmSnapshot();
    reads.listCampaigns(this.db);
  }

  private warmSnapshot(): void {
    const snapshot = readCachedDataset(this.db);
    computeFunnelTimeline(snapshot.leads, snapshot.memo.leadsMemo);
  }

  /** The snapshot metrics read: cached in memory and patched with each change (see dataset-cache.ts). */
  dataset(): Snapshot {
    return readCachedDataset(this.db);
  }

  /** Reads the lead, lets `mutate` build the next version, and commits it with its event and outbox row. */
  private change(leadId: string, kind: LeadEventKind, ctx: ChangeContext, mutate: (lead: Lead, at: number) => Lead) {
    return runTransaction(this.db, (): Lead => {
      const before = readLead(this.db, leadId);
      if (!before) throw new StoreError('not_found', `no lead with id ${leadId}`);
      const now = this.clock();
      const at = ctx.at ?? now;
      const next = mutate(before, at);
      const diff = diffLead(before, { ...next, updatedAt: before.updatedAt });
      if (Object.keys(diff.after).length === 0) return before;
      const after = { ...next, updatedAt: now };
      updateLeadRow(this.db, after);
      const event = diffLead(before, after);
      insertLeadEvent(this.db, leadId, { kind, actorId: ctx.actor.id, at, recordedAt: now, ...event });
      enqueueOutbox(this.db, 'lead', leadId, 'upsert', ctx.actor.id, now);
      return after;
    });
  }
}
