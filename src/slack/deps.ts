import type { ChartRenderer } from '../charts/renderer.js';
import type { Config } from '../config.js';
import type { MetricSettings } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { Entity, StoreServices } from '../store/index.js';
import type { PersonGate } from './one-per-person.js';

/** Where a change stands with Notion, as a reply tells the rep. 'local' = no Notion configured. */
export type SyncStatus = 'local' | 'synced' | 'pending' | 'failed';

export interface NotionStatus {
  configured: boolean;
  pending: number;
  failed: number;
  lastPullAt: string | null;
  healthy: boolean;
  lastError?: string;
}

/** What the Slack side needs from the Notion sync; null when Notion is not configured. */
export interface NotionSyncHandle {
  status(): NotionStatus;
  syncStatus(entity: Entity, id: string): SyncStatus;
  /** Ask the worker to push soon (after a change made in Slack), without waiting for it. */
  nudge(): void;
}

export type DigestMode = 'scheduled' | 'now' | 'preview';

export interface DigestRunRequest {
  mode: DigestMode;
  /** Defaults to DIGEST_CHANNEL. */
  channel?: string;
  /** Who asked (preview goes to them). */
  userId?: string;
}

export interface DigestRunResult {
  posted: boolean;
  reason?: string;
  ts?: string;
}

/** Everything a command, action or job handler receives. Built once in src/app.ts. */
export interface AppDeps {
  config: Config;
  services: StoreServices;
  settings: MetricSettings;
  clock: () => number;
  log: Logger;
  charts: ChartRenderer;
  notion: NotionSyncHandle | null;
  /** Set by the composition root once the Slack client exists. */
  runDigest?: (request: DigestRunRequest) => Promise<DigestRunResult>;
  /** One command in flight per person (one-per-person.ts); without it nobody is ever refused. */
  commandGate?: PersonGate;
}

export function buildMetricSettings(config: Pick<Config, 'currency' | 'grossMargin' | 'digest'>): MetricSettings {
  return {
    currency: config.currency,
    grossMargin: config.grossMargin,
    timeZone: config.digest.timeZone,
    purchasesPerYear: 1,
    retentionYears: 3,
  };
}
