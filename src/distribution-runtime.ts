// The composition root's distribution mode (the app installed in many workspaces): one Bolt app and receiver for the
// process, and a workspace runtime per workspace, each over its own store, opened by the registry when a request or a
// due digest needs it. src/app.ts builds the single-workspace mode; this file the other.

import type { WebClientOptions } from '@slack/web-api';
import { registerCommands } from '../commands/index.js';
import { warnIfInstalledWithoutData, warnOfUnadoptedStore } from './adoption/leftover.js';
import { buildSecrets, pickWorkspaceOptions, type RuntimeOverrides } from './app.js';
import { backgroundTurn } from './background-turns.js';
import { type ChartRenderer, createChartRenderer } from './charts/renderer.js';
import type { Config } from './config.js';
import { openDirectoryStore } from './directory-store.js';
import { createLogger, type Logger } from './log.js';
import type { NotionAuth } from './notion/client.js';
import { buildNotionRedirectRoutes } from './notion-oauth-route.js';
import { buildNotionAuth } from './notion-token-renewal.js';
import { buildBoltLogger } from './slack/bolt-logger.js';
import { createSlackApp, PRODUCTION_RETRY, type SlackApp } from './slack/create-app.js';
import { RevokedTokenError } from './slack/revoked-token.js';
import { runShutdown } from './slack/shutdown.js';
import { WorkspaceClient } from './slack/workspace-client.js';
import { buildWorkspaceAuthorize, buildWorkspaceRouting, readWorkspaceDeps } from './slack/workspace-routing.js';
import { acquireDataDirLock } from './store/data-dir-lock.js';
import type { Store } from './store/open-store.js';
import { endKeptPostgres } from './store/sql/postgres.js';
import { createJobGate } from './workspace-job-gate.js';
import { startWorkspaceJobs, type WorkspaceJobs } from './workspace-jobs.js';
import { buildWorkspaceNotion, listConnectionSecrets } from './workspace-notion.js';
import {
  createWorkspaceRegistry,
  type Installations,
  type OpenWorkspace,
  type WorkspaceConfigSource,
  type WorkspaceRegistry,
} from './workspace-registry.js';
import { buildWorkspaceRuntime, type WorkspaceParts, type WorkspaceRuntime } from './workspace-runtime.js';
import { createWorkspaceSchedules, type WorkspaceSchedules } from './workspace-schedules.js';
import {
  applyWorkspaceSettings,
  readWorkspaceSettings,
  readWorkspaceSettingsAsync,
  type WorkspaceSettings,
} from './workspace-settings.js';
import { openWorkspaceStore, openWorkspaceStoreAsync } from './workspace-store.js';
import {
  buildLocalDispatch,
  buildQueueDispatch,
  scheduleWorkspaceWakeUps,
  type WorkspaceWakeUps,
} from './workspace-wake-ups.js';

export interface DistributionOverrides extends RuntimeOverrides {
  /** The workspace's settings; buildWorkspaceConfig (env defaults, the workspace's own Notion) when unset. */
  workspaceConfig?: WorkspaceConfigSource;
  /** false: no wake-up timers for closed workspaces (tests call wakeUps themselves); follows scheduleDigests when unset. */
  startWakeUps?: boolean;
  /** DATA_DIR's lock when the caller took it already (it opened the directory store under it, and passes it). */
  dataDirLock?: { release(): void };
  /** How long a command acked while its workspace opens waits before "one moment" is posted (OPENING_ACK_MS). */
  openingAckMs?: number;
}

export interface DistributionRuntime {
  slack: SlackApp;
  registry: WorkspaceRegistry;
  /** Opens each installed workspace whose digest or leak check is due (what the timers call). */
  wakeUps: WorkspaceWakeUps;
  /** Each workspace's digest schedule, in the directory (what the wake-ups read). */
  schedules: WorkspaceSchedules;
  log: Logger;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The settings of a workspace: the environment's, overridden by those its managers stored (when read from its store),
 * without the environment's bot token (each workspace has its own). Notion is the workspace's own connection, stored
 * from /roi settings, never the environment's NOTION_TOKEN: one Notion connection shared by every workspace would pull
 * one's rows into the other's store.
 */
export function buildWorkspaceConfig(_key: string, env: Config, stored?: WorkspaceSettings): Config {
  const config = stored === undefined ? env : applyWorkspaceSettings(env, stored);
  const notion = buildWorkspaceNotion(env, stored?.notion ?? null);
  return { ...config, slack: { ...config.slack, botToken: undefined }, notion };
}

export function buildDistributionRuntime(
  config: Config,
  installations: Installations,
  overrides: DistributionOverrides = {},
): DistributionRuntime {
  const clock = overrides.clock ?? Date.now;
  const log = overrides.log ?? createLogger({ level: config.logLevel, secrets: buildSecrets(config) });
  // On SQLite the workspaces' files are this bot's alone: a second bot on DATA_DIR must not open any of them.
  const lock =
    overrides.dataDirLock ??
    (config.databaseUrl === undefined ? acquireDataDirLock(config.dataDir, clock()) : undefined);
  const charts = createChartRenderer();
  let slack: SlackApp | null = null;
  // On Postgres the process's job queue runs every workspace's jobs (workspace-jobs.ts); started by start().
  let jobs: WorkspaceJobs | null = null;
  const queueFor = config.databaseUrl === undefined ? undefined : (key: string) => jobs?.queueFor(key);
  const track = <T>(work: Promise<T>) => slack!.track(work);
  // The directory holds each workspace's schedule; the OAuth distribution passes its own, else it is opened here.
  let directory: Store;
  try {
    directory = overrides.directory ?? openDirectoryStore(config);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const schedules = createWorkspaceSchedules(directory, clock, log.child({ component: 'schedules' }));
  // New settings take effect by closing the workspace: its next request opens it again and reads them. Its schedule
  // is written now, so a closed workspace's digest moves to its new time without waiting for that request.
  const reopen = (key: string) => {
    recordSchedule(key, () => storedConfigFor(key, config));
    registry.close(key).catch((error: unknown) => log.error('Closing a workspace failed', { error, workspace: key }));
  };
  const notSaved = (key: string, error: unknown) =>
    log.error("A workspace's schedule could not be saved", { error, workspace: key });
  const recordSchedule = (key: string, read: () => Config) => {
    try {
      schedules.record(key, read());
    } catch (error) {
      notSaved(key, error);
    }
  };
  const opened = (key: string, workspaceConfig: Config) =>
    schedules.recordAsync(key, workspaceConfig).catch((error: unknown) => notSaved(key, error));
  const openerParts = { config, overrides, charts, log, track, queueFor, installations, reopen, opened, directory };
  const open = buildWorkspaceOpener(openerParts);
  const registry = createWorkspaceRegistry({ installations, open, capacity: config.workspaceCacheSize, log });
  // Each background job keeps its workspace open: more at once than the registry's bound would overrun it.
  const jobLimit = Math.min(config.workspaceJobConcurrency, config.workspaceCacheSize);
  const gate = createJobGate({ total: jobLimit });
  const route = buildWorkspaceRouting(registry, log.child({ component: 'routing' }), overrides.openingAckMs);
  const authorize = buildWorkspaceAuthorize(installations);
  const app = createSlackApp(
    config,
    { log, clock, notion: null, services: null },
    {
      ...overrides,
      workspaces: { authorize, route },
      // A team whose data is still in the single-workspace store hears nothing of it; the operator is told.
      onInstalled: (installed) => {
        overrides.onInstalled?.(installed);
        setImmediate(() => warnIfInstalledWithoutData(config, installed, log));
      },
      routes: buildNotionRedirectRoutes({ config, directory, registry, clock, log }),
    },
  );
  slack = app;
  registerCommands(app.app, readWorkspaceDeps);
  const configFor = overrides.workspaceConfig ?? buildWorkspaceConfig;
  // The wake-ups see what each workspace's managers stored (a digest channel set in /roi settings while the
  // environment names none, a time zone of its own), read from its store without reading the workspace into memory.
  const storedConfigFor: WorkspaceConfigSource = (key, env) => {
    const store = openWorkspaceStore(env, key, clock);
    try {
      return configFor(key, env, readWorkspaceSettings(store.services.store, null, log.child({ workspace: key })));
    } finally {
      store.services.store.close();
    }
  };
  const dispatch =
    config.databaseUrl === undefined ? buildLocalDispatch(registry, gate) : buildQueueDispatch(() => jobs, clock);
  const wakeParts = { installations, env: config, configFor: storedConfigFor, schedules, dispatch, clock, log };
  const wakeUps = scheduleWorkspaceWakeUps(wakeParts);
  return {
    slack: app,
    registry,
    wakeUps,
    schedules,
    log,
    async start() {
      warnOfUnadoptedStore(config, log);
      if (config.databaseUrl !== undefined) {
        const expireSeconds = config.jobExpireSeconds;
        const bound = { gate, workersPerQueue: jobLimit };
        jobs = await startWorkspaceJobs({ url: config.databaseUrl, log, registry, expireSeconds, clock, ...bound });
      }
      await app.start();
      if ((overrides.startWakeUps ?? overrides.scheduleDigests) !== false) wakeUps.start();
    },
    async stop() {
      app.beginDraining();
      wakeUps.stop();
      // The receiver first (no new requests, running ones finish), then every open workspace, then the lock.
      try {
        await app.stop();
      } catch (error) {
        log.error('Stopping the Slack receiver failed', { error });
      }
      await jobs?.stop();
      await registry.stopAll();
      if (overrides.directory === undefined) directory.close();
      await endKeptPostgres();
      lock?.release();
    },
  };
}

interface OpenerParts {
  config: Config;
  overrides: DistributionOverrides;
  charts: ChartRenderer;
  log: Logger;
  track: <T>(work: Promise<T>) => Promise<T>;
  /** On Postgres: the job queue's handle for one workspace. */
  queueFor: ((key: string) => WorkspaceParts['queue']) | undefined;
  installations: Installations;
  reopen: (key: string) => void;
  /** Told each workspace's settings as it opens (its schedule is kept from them). */
  opened: (key: string, config: Config) => Promise<void>;
  /** Where a "Sign in with Notion" token's renewal takes its one-winner lease. */
  directory: Store;
}

/** The Web API options of distribution mode's own clients (token refreshes, each workspace's background work). */
export function buildClientOptions(config: Config, overrides: DistributionOverrides, log: Logger): WebClientOptions {
  const logger = overrides.slackLogger ?? buildBoltLogger(log.child({ component: 'slack' }));
  return { slackApiUrl: config.slack.apiUrl, retryConfig: overrides.retryConfig ?? PRODUCTION_RETRY, logger };
}

/** Opens one workspace: its settings, its own store (migrated as it opens), a client on its bot token, its workers. */
function buildWorkspaceOpener(parts: OpenerParts): OpenWorkspace {
  const { config, overrides, charts, log, track, queueFor, installations, reopen, opened } = parts;
  const clock = overrides.clock ?? Date.now;
  const configFor = overrides.workspaceConfig ?? buildWorkspaceConfig;
  const clientOptions = buildClientOptions(config, overrides, log);
  // A workspace's Notion that fails to start (a revoked token, a database unshared since) must not lock its people out
  // of Slack, /roi settings included: it opens without Notion, its changes wait in its outbox.
  const options = {
    ...pickWorkspaceOptions(overrides),
    awaitCatchUp: false,
    notionOptional: true,
    namesOnDemand: true,
  };
  return async (key, _token, trackInWorkspace): Promise<WorkspaceRuntime> => {
    // The token at each call: a rotated token lasts hours, an open workspace may stay open for days.
    const tokenSource = async () => {
      const token = await installations.botTokenFor(key);
      if (token === null) throw new RevokedTokenError(key, 'uninstalled');
      return token;
    };
    const client = new WorkspaceClient(tokenSource, clientOptions);
    // The store's place depends on the environment alone; the settings it holds decide the rest.
    const store = await openWorkspaceStoreAsync(config, key, clock);
    // Each of an open's pieces that waits on its store in a turn of its own, between other workspaces' requests.
    await backgroundTurn();
    let workspaceLog = log.child({ workspace: key });
    let workspaceConfig: Config;
    let secrets: string[] = [];
    let notionAuth: NotionAuth | undefined;
    try {
      const installer = (await installations.installerOf?.(key)) ?? null;
      const stored = await readWorkspaceSettingsAsync(store.services.store, installer, workspaceLog);
      secrets = listConnectionSecrets(stored.notion ?? null);
      workspaceConfig = configFor(key, config, stored);
      const renewal = { config, directory: parts.directory, clock, key, store: store.services.store };
      notionAuth = buildNotionAuth(renewal, stored.notion ?? null, workspaceLog.child({}, secrets));
      await opened(key, workspaceConfig);
    } catch (error) {
      store.services.store.close();
      throw error;
    }
    // The workspace's own Notion token (and a sign-in's refresh token) is redacted from its lines like the process's.
    if (workspaceConfig.notion !== null)
      workspaceLog = workspaceLog.child({}, [workspaceConfig.notion.token, ...secrets]);
    const runtime = buildWorkspaceRuntime({
      ...{ config: workspaceConfig, store, clock, log: workspaceLog, charts, options },
      client: () => client,
      track: (work) => track(trackInWorkspace(work)),
      sharedJobs: false,
      // What /roi settings and the Home tab need beyond the deps: which workspace, how new settings count.
      workspace: { key, reopen: () => reopen(key) },
      ...(notionAuth === undefined ? {} : { notionAuth }),
      ...(queueFor === undefined ? {} : { queue: buildLazyQueue(() => queueFor(key)) }),
    });
    try {
      await runtime.prepare();
      await runtime.begin();
    } catch (error) {
      await runtime.quiesce();
      await runShutdown({ ...runtime.shutdownParts(), slack: { stop: async () => {} }, log });
      throw error;
    }
    log.info('Workspace opened', { workspace: key });
    return runtime;
  };
}

/** Reads the queue at each ask: a workspace opened while the queue is still starting asks it once it is up. */
function buildLazyQueue(queue: () => WorkspaceParts['queue']): NonNullable<WorkspaceParts['queue']> {
  return {
    requestPush: () => queue()?.requestPush(),
    requestPrompts: () => queue()?.requestPrompts(),
    requestPull: (pollMs) => queue()?.requestPull(pollMs),
  };
}
