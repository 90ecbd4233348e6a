// The running sync: a push worker that drains the outbox (woken by nudges after Slack changes) and a pull worker
// that polls every NOTION_POLL_SECONDS, sharing one client, one rate limiter and one view of Notion's health.

import type { Logger } from '../log.js';
import type { NotionStatus, NotionSyncHandle, SyncStatus } from '../slack/deps.js';
import type { Entity, OutboxEntry, StoreServices } from '../store/index.js';
import type { NotionApi } from './client.js';
import { listSyncedEntities, type SyncContext } from './context.js';
import { buildFirstImport } from './first-import.js';
import { type BackoffOptions, buildNotionHealth, DEFAULT_BACKOFF, type NotionHealth } from './health.js';
import type { RateLimiter } from './rate-limit.js';
import type { DataSourceIds } from './schema.js';
import { countFailedOutbox, makeDeferredDue, readOutboxState } from './sync-db.js';
import { buildWaiter } from './timing.js';
import {
  buildPullWorker,
  buildPushWorker,
  type PullResults,
  type PushSummary,
  type WorkerSettings,
} from './workers.js';

export type { PushSummary } from './workers.js';

export interface NotionSyncOptions {
  api: NotionApi;
  dataSources: DataSourceIds;
  /** Optional properties each database lacks (left out of writes). */
  absentOptional?: Partial<Record<Entity, string[]>>;
  services: StoreServices;
  log: Logger;
  clock?: () => number;
  /** Seconds between pulls (NOTION_POLL_SECONDS). */
  pollSeconds: number;
  /** Deletions are reconciled every this many pulls: 60 is hourly at the default 60 s poll. */
  reconcileEvery?: number;
  /** Records per push round. */
  pushBatch?: number;
  /** How often the push worker looks at the outbox when nobody nudged it. */
  pushIdleMs?: number;
  backoff?: BackoffOptions;
  onRefused?: SyncContext['onRefused'];
  /**
   * With several instances (Postgres), the job queue runs the push and the pull, one writer at a time across all of
   * them: no local loops then, and a nudge asks the queue for a push.
   */
  queue?: { requestPush(): void };
}

export interface NotionSync extends NotionSyncHandle {
  start(): void;
  stop(): Promise<void>;
  /** Pushes everything due now; resolves when done or stopped by a transient failure. */
  pushNow(): Promise<PushSummary>;
  /** One pull of every data source (the first one imports), reconciling every `reconcileEvery` pulls. */
  pullNow(): Promise<PullResults>;
  reconcileNow(): Promise<number>;
  /** Changes Notion refused for good, optionally only those one person made. */
  failures(actorId?: string): OutboxEntry[];
  /** Reads the first import's state again (another instance may have finished it). */
  refreshFirstImport(): void;
}

export function createNotionSync(options: NotionSyncOptions): NotionSync {
  const { services, log } = options;
  const clock = options.clock ?? Date.now;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const pushWaiter = buildWaiter();
  const pullWaiter = buildWaiter();
  const health = buildNotionHealth(log, clock, backoff, () => {
    makeDeferredDue(services.store.db, clock());
    pushWaiter.wake();
  });
  const ctx: SyncContext = {
    client: options.api.client,
    services,
    dataSources: options.dataSources,
    absentProperties: buildAbsentProperties(options.absentOptional ?? {}),
    log,
    clock,
    health,
    backoff,
    ...(options.onRefused ? { onRefused: options.onRefused } : {}),
  };
  let running = false;
  let loops: Promise<void>[] = [];
  const firstImport = buildFirstImport(services, options.dataSources, log);
  const settings: WorkerSettings = {
    pushBatch: options.pushBatch ?? 50,
    pushIdleMs: options.pushIdleMs ?? 1000,
    pollMs: options.pollSeconds * 1000,
    reconcileEvery: options.reconcileEvery ?? 60,
    isRunning: () => running,
    afterPull: firstImport.check,
  };
  const push = buildPushWorker(ctx, settings, pushWaiter);
  const pull = buildPullWorker(ctx, settings, pullWaiter);
  return {
    start() {
      if (running) return;
      running = true;
      if (options.queue === undefined) loops = [push.loop(), pull.loop()];
    },
    async stop() {
      running = false;
      pushWaiter.wake();
      pullWaiter.wake();
      await Promise.all(loops);
      loops = [];
    },
    pushNow: push.runNow,
    pullNow: pull.runNow,
    reconcileNow: pull.reconcileNow,
    failures: (actorId) => services.outbox.failures(actorId),
    nudge() {
      if (options.queue !== undefined) {
        options.queue.requestPush();
        return;
      }
      // While Notion is failing the worker keeps its backoff: a burst of Slack changes must not hammer it.
      if (health.healthy) pushWaiter.wake();
    },
    refreshFirstImport: firstImport.check,
    status: () => ({
      ...buildNotionStatus(services, health, pull.lastPullAt(), listSyncedEntities(options.dataSources)),
      ...buildPauseStatus(options.api.limiter, clock()),
    }),
    firstImport: firstImport.status,
    whenImported: firstImport.whenDone,
    syncStatus: (entity, id) =>
      options.dataSources[entity] === undefined ? 'local' : readSyncStatus(services, entity, id),
  };
}

/** `pending` counts what waits for a database this deployment has; visits kept locally are not owed to Notion. */
function buildNotionStatus(
  services: StoreServices,
  health: NotionHealth,
  lastPullAt: number | null,
  synced: readonly Entity[],
): NotionStatus {
  const status: NotionStatus = {
    configured: true,
    pending: services.outbox.size(synced),
    failed: countFailedOutbox(services.store.db),
    lastPullAt: lastPullAt === null ? null : new Date(lastPullAt).toISOString(),
    healthy: health.healthy,
  };
  if (!health.healthy && health.lastError !== undefined) status.lastError = health.lastError;
  return status;
}

/** The limiter's clock is monotonic; the pause's end is shown on the wall clock. */
function buildPauseStatus(limiter: RateLimiter, now: number): Pick<NotionStatus, 'pausedUntil' | 'pauseReason'> {
  const pause = limiter.pause();
  if (pause === null) return {};
  return { pausedUntil: new Date(now + pause.remainingMs).toISOString(), pauseReason: pause.reason };
}

function readSyncStatus(services: StoreServices, entity: Entity, id: string): SyncStatus {
  const state = readOutboxState(services.store.db, entity, id);
  if (state.failed > 0) return 'failed';
  if (state.pending > 0) return 'pending';
  return services.links.getLink(entity, id) === null ? 'local' : 'synced';
}

function buildAbsentProperties(
  absent: Partial<Record<Entity, string[]>>,
): Partial<Record<Entity, ReadonlySet<string>>> {
  return Object.fromEntries(Object.entries(absent).map(([entity, names]) => [entity, new Set(names)]));
}
