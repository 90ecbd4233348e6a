import type { ChartRenderer } from '../charts/renderer.js';
import type { Config } from '../config.js';
import type { MetricSettings } from '../domain/types.js';
import type { Logger } from '../log.js';
import type { Entity, StoreServices } from '../store/index.js';
import type { HomeTab } from './home-tab.js';
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
  /** While Notion's Retry-After holds both workers: when they go again (ISO time), and why. */
  pausedUntil?: string;
  pauseReason?: string;
}

/** Where the first import from Notion stands: digests wait for it, so they never show a half-filled store. */
export interface FirstImportStatus {
  done: boolean;
  /** Leads imported so far (while it runs). */
  leads: number;
}

/** What the Slack side needs from the Notion sync; null when Notion is not configured. */
export interface NotionSyncHandle {
  status(): NotionStatus;
  syncStatus(entity: Entity, id: string): SyncStatus;
  /** Ask the worker to push soon, without waiting; src/app.ts calls it for each commit that queued a change for Notion. */
  nudge(): void;
  firstImport(): FirstImportStatus;
  /** Resolves once the first import has finished (at once when an earlier run finished it). */
  whenImported(): Promise<void>;
}

export type DigestMode = 'scheduled' | 'now' | 'preview' | 'correction';

export interface DigestRunRequest {
  mode: DigestMode;
  /** Defaults to DIGEST_CHANNEL. */
  channel?: string;
  /** Who asked (preview goes to them). */
  userId?: string;
  /** A correction: the period it corrects and the instant its digest was computed as of. */
  correction?: { periodKey: string; asOf: number };
}

/** A digest already in the channel: where to find it, and what a correction needs. */
export interface PostedDigest {
  periodKey: string;
  channel: string;
  ts: string | null;
  permalink: string | null;
  /** The instant the digest reports as of (its week is the full week before). */
  asOf: number;
}

export interface DigestRunResult {
  posted: boolean;
  reason?: string;
  ts?: string;
  /** Set when the period was already posted. */
  already?: PostedDigest;
  /** Another run holds the period: its claim lapses at this instant, and a retry may take over then. */
  retryAt?: number;
  /** The first import from Notion is still running: nothing was built. */
  importing?: FirstImportStatus;
  /** Slack failed in a way that may pass (an error, a timeout): worth another try later. */
  retryable?: boolean;
  /** For a posted digest: the permalink of its first message, when Slack gave one. */
  permalink?: string | null;
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
  /** The worker that asks reps where a caller heard of us; nudged when an inquiry was matched to its lead. */
  prompts?: { nudge(): void };
  /** Matches accepted inquiries to their leads; kicked by the webhook after each answer. */
  ingest?: { kick(): void; track(delta: 1 | -1): void };
  /** One command in flight per person (one-per-person.ts); without it nobody is ever refused. */
  commandGate?: PersonGate;
  /** The App Home tab's publisher (home-tab.ts); registerCommands makes one when the composition root did not. */
  homeTab?: HomeTab;
  /**
   * Distribution mode only: the workspace these deps serve. `reopen` closes it once its requests finish, so the next
   * request opens it again with the settings its managers just stored.
   */
  workspace?: { key: string; reopen(): void };
}

export function buildMetricSettings(
  config: Pick<Config, 'currency' | 'grossMargin' | 'digest' | 'clv'>,
): MetricSettings {
  return {
    currency: config.currency,
    grossMargin: config.grossMargin,
    timeZone: config.digest.timeZone,
    purchasesPerYear: config.clv.purchasesPerYear,
    retentionYears: config.clv.retentionYears,
  };
}
