// The composition root: the only place that builds I/O objects. `npm start` runs main(); tests build the same
// runtime with buildRuntime() so what they exercise is the wiring that ships.

import { pathToFileURL } from 'node:url';
import { registerCommands } from '../commands/index.js';
import { createChartRenderer } from './charts/renderer.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { buildOAuthDistribution } from './distribution-oauth.js';
import type { InquiryProcessor } from './ingest/inquiry-processor.js';
import { createLogger, type Logger } from './log.js';
import { createSlackApp, type SlackApp, type SlackAppOptions } from './slack/create-app.js';
import type { AppDeps } from './slack/deps.js';
import type { PromptWorker } from './slack/prompt-worker.js';
import { registerShutdownSignals, runShutdown } from './slack/shutdown.js';
import { DataDirLockedError } from './store/data-dir-lock.js';
import { passwordOf } from './store/open-store.js';
import { endKeptPostgres } from './store/sql/postgres.js';
import { noteStoreOwner } from './store-owner.js';
import { buildWorkspaceRuntime, type WorkspaceOptions } from './workspace-runtime.js';
import { openEnvStore } from './workspace-store.js';

export interface RuntimeOverrides extends SlackAppOptions {
  clock?: () => number;
  log?: Logger;
  /** false: do not schedule the Monday digest (tests drive it themselves). */
  scheduleDigests?: boolean;
  /** false: no hourly leak check; follows scheduleDigests when unset. */
  scheduleAlerts?: boolean;
  /** How long stop() waits for a digest run in flight (see runShutdown). */
  digestStopDeadlineMs?: number;
  /** false: do not start the prompt worker (tests drive runNow with a fake clock). */
  startPrompts?: boolean;
  /** How long the Notion push worker sleeps when nobody nudged it (tests make it long to see the nudges). */
  notionPushIdleMs?: number;
}

export interface Runtime {
  deps: AppDeps;
  slack: SlackApp;
  prompts: PromptWorker;
  ingest: InquiryProcessor;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export { buildStoreLocation, buildStorePath, STORE_FILE_NAME } from './store-location.js';

export function buildRuntime(config: Config, overrides: RuntimeOverrides = {}): Runtime {
  const clock = overrides.clock ?? Date.now;
  const log = overrides.log ?? createLogger({ level: config.logLevel, secrets: buildSecrets(config) });
  // DATABASE_URL: a Postgres store several instances share, with jobs in it; otherwise this bot's own SQLite file.
  const shared = config.databaseUrl !== undefined;
  if (config.notionOAuth !== null) {
    log.info('NOTION_CLIENT_ID is ignored: "Sign in with Notion" serves many workspaces (SLACK_CLIENT_ID set) only');
  }
  const store = openEnvStore(config, clock, log);
  const charts = createChartRenderer();
  let slack: SlackApp | null = null;
  const workspace = buildWorkspaceRuntime({
    ...{ config, store, clock, log, charts, sharedJobs: shared, options: pickWorkspaceOptions(overrides) },
    client: () => slack!.app.client,
    track: <T>(work: Promise<T>) => slack!.track(work),
  });
  const { deps, prompts, ingest } = workspace;
  slack = createSlackApp(config, deps, overrides);
  const app = slack;
  registerCommands(app.app, deps);
  return {
    deps,
    slack: app,
    prompts,
    ingest,
    async start() {
      await workspace.prepare();
      // Behind a load balancer (Postgres), the instance says it is ready once its job queue has started too: the
      // first commands sent meanwhile competed with that start and missed Slack's 3 s under load.
      await app.start({ holdHealth: shared });
      // Whose data this is, for the day the deployment serves many workspaces (npm run workspaces -- adopt).
      noteStoreOwner(store.services.store, app.identity(), clock(), log);
      await workspace.begin();
      app.markReady();
    },
    stop: async () => {
      // The load balancer hears 503 at once; commands keep being served until the receiver closes.
      app.beginDraining();
      await workspace.quiesce();
      // Behind a load balancer the port stays open until it has seen the 503, or a command sent meanwhile is lost.
      // No timer at all otherwise: tests that fake the clock stop the app too.
      const drained = shared && config.drainSeconds > 0 ? sleep(config.drainSeconds * 1000) : Promise.resolve();
      const receiver = { stop: () => drained.then(() => app.stop()) };
      await runShutdown({
        ...workspace.shutdownParts(),
        ...{ slack: receiver, log },
        digestDeadlineMs: overrides.digestStopDeadlineMs,
      });
      await endKeptPostgres();
    },
  };
}

/** Every secret the logger masks, wherever it shows up. */
export function buildSecrets(config: Config): (string | undefined)[] {
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.slack.oauth?.clientSecret,
    config.slack.oauth?.stateSecret,
    config.notion?.token,
    config.notionOAuth?.clientSecret,
    config.ingest.secret,
    config.databaseUrl,
    passwordOf(config.databaseUrl),
  ];
}

export function pickWorkspaceOptions(overrides: RuntimeOverrides): WorkspaceOptions {
  const { scheduleDigests, scheduleAlerts, startPrompts, notionPushIdleMs } = overrides;
  return { scheduleDigests, scheduleAlerts, startPrompts, notionPushIdleMs };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig('bot');
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  let runtime: { start(): Promise<void>; stop(): Promise<void>; log: Logger };
  try {
    // SLACK_CLIENT_ID: installed from a link by many workspaces, each with its own store; otherwise the one workspace
    // whose token is in the environment.
    if (config.slack.oauth === null) {
      const single = buildRuntime(config);
      runtime = { start: single.start, stop: single.stop, log: single.deps.log };
    } else {
      runtime = buildOAuthDistribution(config);
    }
  } catch (error) {
    // Another bot on DATA_DIR, or a store that cannot be opened (Postgres unreachable, a refused password): one line
    // an operator can act on. The driver's messages name the host and the user, never the password.
    const reason = error instanceof Error ? error.message : String(error);
    const line = error instanceof DataDirLockedError ? reason : `ROI Runway could not open its store: ${reason}`;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
  registerShutdownSignals(runtime.stop, runtime.log, (code) => process.exit(code));
  try {
    await runtime.start();
  } catch (error) {
    runtime.log.error('ROI Runway could not start', { error });
    await runtime.stop();
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
