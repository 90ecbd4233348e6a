// The two workers of the sync. Each has a `runNow` (one serialized run, also called by tests and the app) and a
// `loop` that repeats it until stopped, sleeping between runs on a waiter that nudges and stop() can cut short.

import type { Entity } from '../store/index.js';
import { listSyncedEntities, type SyncContext } from './context.js';
import { classifyNotionError } from './errors.js';
import { type PullResult, runPull } from './pull.js';
import { runPushRound } from './push.js';
import { runReconcile } from './reconcile.js';
import type { RequiredEntity } from './schema.js';
import { serialize, type Waiter } from './timing.js';

export interface PushSummary {
  pushed: number;
  failed: number;
  /** Notion's transient failure that stopped the push, if one did. */
  stoppedBy: string | null;
  retryInMs: number;
}

/** One pull's results per kind; optional kinds appear when their database is configured. */
export type PullResults = Record<RequiredEntity, PullResult> &
  Partial<Record<Exclude<Entity, RequiredEntity>, PullResult>>;

export interface WorkerSettings {
  pushBatch: number;
  pushIdleMs: number;
  pollMs: number;
  reconcileEvery: number;
  isRunning: () => boolean;
  /** Told after every pull that went through (the first one ends the first import). */
  afterPull?: () => void;
}

export function buildPushWorker(ctx: SyncContext, settings: WorkerSettings, waiter: Waiter) {
  const lock = serialize();
  const runNow = () =>
    lock(async (): Promise<PushSummary> => {
      const summary: PushSummary = { pushed: 0, failed: 0, stoppedBy: null, retryInMs: 0 };
      for (;;) {
        const round = await runPushRound(ctx, settings.pushBatch);
        summary.pushed += round.pushed;
        summary.failed += round.failed;
        if (round.stopped) return { ...summary, stoppedBy: round.stopped.message, retryInMs: round.retryInMs };
        if (round.pushed + round.failed === 0) return summary;
      }
    });
  const loop = async () => {
    while (settings.isRunning()) {
      let waitMs = settings.pushIdleMs;
      try {
        const summary = await runNow();
        if (summary.stoppedBy !== null) waitMs = summary.retryInMs;
      } catch (error) {
        // A bug or a broken store, not Notion: say so loudly and try again much later.
        ctx.log.error('The Notion push worker failed', { error });
        waitMs = ctx.backoff.maxMs;
      }
      if (settings.isRunning()) await waiter.wait(waitMs);
    }
  };
  return { runNow, loop };
}

export function buildPullWorker(ctx: SyncContext, settings: WorkerSettings, waiter: Waiter) {
  const lock = serialize();
  let pulls = 0;
  let lastPullAt: number | null = null;
  let retryInMs = 0;
  const reconcileAll = async () => {
    let removed = 0;
    for (const entity of listSyncedEntities(ctx.dataSources)) removed += await runReconcile(ctx, entity);
    return removed;
  };
  const pullAll = async (): Promise<PullResults> => {
    // One kind after another, in the registry's order; a kind whose optional database is unset is not pulled.
    const results: Partial<Record<Entity, PullResult>> = {};
    for (const entity of listSyncedEntities(ctx.dataSources)) results[entity] = await runPull(ctx, entity);
    pulls += 1;
    // An import already reconciled what it listed.
    const imported = Object.values(results).some((result) => result.imported);
    if (!imported && pulls % settings.reconcileEvery === 0) await reconcileAll();
    // The required kinds are always synced (listSyncedEntities keeps every configured one).
    return results as PullResults;
  };
  const runNow = () =>
    lock(async () => {
      try {
        const results = await pullAll();
        lastPullAt = ctx.clock();
        ctx.health.succeeded();
        settings.afterPull?.();
        return results;
      } catch (error) {
        retryInMs = ctx.health.failing(classifyNotionError(error).message);
        throw error;
      }
    });
  const loop = async () => {
    while (settings.isRunning()) {
      let waitMs = settings.pollMs;
      try {
        await runNow();
      } catch {
        waitMs = retryInMs;
      }
      if (settings.isRunning()) await waiter.wait(waitMs);
    }
  };
  return { runNow, loop, reconcileNow: () => lock(reconcileAll), lastPullAt: () => lastPullAt };
}
