// The composition root: the only place that builds I/O objects. `npm start` runs main(); tests build the same
// runtime with buildRuntime() so what they exercise is the wiring that ships.

import { pathToFileURL } from 'node:url';
import { registerCommands } from '../commands/index.js';
import { buildMergeOffers } from '../commands/lead-merge.js';
import { runInTurns } from '../commands/respond.js';
import { type LeakAlertSchedule, scheduleLeakAlerts } from '../digests/alert-schedule.js';
import { type DigestSchedule, scheduleDigests } from '../digests/index.js';
import { runWeeklyDigest } from '../digests/runner.js';
import { createChartRenderer } from './charts/renderer.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createInquiryProcessor, type InquiryProcessor } from './ingest/inquiry-processor.js';
import type { AppJobs } from './jobs/app-jobs.js';
import { createLogger, type Logger } from './log.js';
import { type NotionSync, startNotionSync } from './notion/index.js';
import { openSharedStore, startSharedJobs } from './shared-runtime.js';
import { createSlackApp, type SlackApp, type SlackAppOptions } from './slack/create-app.js';
import { type AppDeps, buildMetricSettings } from './slack/deps.js';
import { createHomeTab } from './slack/home-tab.js';
import { createPersonGate } from './slack/one-per-person.js';
import { createPromptWorker, type PromptWorker } from './slack/prompt-worker.js';
import { notifyRefusal } from './slack/refusal-notice.js';
import { registerShutdownSignals, runShutdown } from './slack/shutdown.js';
import { acquireDataDirLock, DataDirLockedError } from './store/data-dir-lock.js';
import { buildStoreServices, subscribeChanges } from './store/index.js';
import { passwordOf } from './store/open-store.js';
import { buildStorePath } from './store-location.js';

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
  const secrets = [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.notion?.token,
    config.ingest.secret,
    config.databaseUrl,
    passwordOf(config.databaseUrl),
  ];
  const log = overrides.log ?? createLogger({ level: config.logLevel, secrets });
  // DATABASE_URL: a Postgres store several instances share, with jobs in it; otherwise this bot's own SQLite file.
  const shared = config.databaseUrl !== undefined;
  const { lock, services } = shared ? openSharedStore(config, clock, log) : openOwnStore(config.dataDir, clock, log);
  let notion: NotionSync | null = null;
  const charts = createChartRenderer();
  const settings = buildMetricSettings(config);
  const commandGate = createPersonGate();
  const deps: AppDeps = { config, services, settings, clock, log, charts, notion, commandGate };
  // Whatever queued a change for Notion — a command, a modal, the webhook, an undo, a merge — wakes the push once per
  // commit. What was pulled from Notion queues nothing, so it never wakes a push that would echo it back.
  subscribeChanges(services.store.db, (change) => {
    if (change.outboxRows > 0) deps.notion?.nudge();
  });
  const slack = createSlackApp(config, deps, overrides);
  // Built per run, so each run sees the Notion sync that start() sets up; the digest's figures are computed a few
  // milliseconds per turn, like a command's, so acks go out meanwhile.
  const homeTab = createHomeTab({ ...deps, runSteps: runInTurns });
  deps.homeTab = homeTab;
  // After each digest the tabs opened lately are republished, counted as in flight so a stop waits for them.
  const afterPost = () => void slack.track(homeTab.republishRecent(slack.app.client));
  const runner = () => ({ ...deps, client: slack.app.client, runSteps: runInTurns, afterPost });
  deps.runDigest = (request) => slack.track(runWeeklyDigest(runner(), { ...request, now: clock() }));
  registerCommands(slack.app, deps);
  const prompts = createPromptWorker({
    client: slack.app.client,
    services,
    clock,
    log: log.child({ component: 'prompts' }),
    inquiryChannel: config.ingest.inquiryChannel,
    followUpHours: config.ingest.followUpHours,
    timeZone: config.digest.timeZone,
    buildMergeOffers,
  });
  deps.prompts = prompts;
  let jobs: AppJobs | null = null;
  // A SIGTERM can come while the queue is still starting (a deploy stopping an instance it has just started): the
  // stop waits for it, or the queue would start after the stop and keep the process alive.
  let jobsStarting: Promise<AppJobs | null> = Promise.resolve(null);
  let stopping = false;
  const ingest = createInquiryProcessor({
    inquiries: services.inquiries,
    log: log.child({ component: 'ingest' }),
    // With several instances the prompts go out through the job queue, one sender at a time.
    onProcessed: () => (shared ? jobs?.requestPrompts() : prompts.nudge()),
  });
  deps.ingest = ingest;
  let schedule: DigestSchedule | null = null;
  let alerts: LeakAlertSchedule | null = null;
  return {
    deps,
    slack,
    prompts,
    ingest,
    async start() {
      // The schema is checked before Slack traffic is accepted: a wrong Notion setup stops the start with every problem.
      if (config.notion !== null) {
        const onRefused = notifyRefusal(slack.app.client, services, log);
        const idle = overrides.notionPushIdleMs === undefined ? {} : { pushIdleMs: overrides.notionPushIdleMs };
        const queue = shared ? { queue: { requestPush: () => jobs?.requestPush() } } : {};
        const sync = { onRefused, ...idle, ...queue };
        notion = deps.notion = await startNotionSync(config.notion, { services, log, clock, sync });
      }
      // Read what commands keep in memory before the first command arrives, not while it waits (about a second at
      // 100k leads).
      const warming = performance.now();
      const { names } = await services.leads.warmAsync();
      log.info('Store read into memory', { ms: Math.round(performance.now() - warming) });
      // The company names are indexed in steps from here on; a lookup before the end finishes them first.
      void names.then(() => log.info('Company names indexed', { ms: Math.round(performance.now() - warming) }));
      await slack.start();
      if (shared) {
        if (stopping) return;
        const starting = startSharedJobs(config, { deps, runner, prompts, notion, clock, log });
        jobsStarting = starting.catch(() => null);
        jobs = await starting;
        ingest.kick();
        return;
      }
      if (overrides.startPrompts !== false) prompts.start();
      // Inquiries a restart left pending are matched now.
      ingest.kick();
      const { channel, cron, timeZone } = config.digest;
      if (channel !== undefined && (overrides.scheduleAlerts ?? overrides.scheduleDigests) !== false) {
        alerts = scheduleLeakAlerts(runner(), { channel, timeZone });
        // A first check at start catches a change made while the bot was down; it runs beside the commands.
        void alerts.checkNow();
      }
      if (overrides.scheduleDigests === false) return;
      if (channel === undefined) {
        log.info('DIGEST_CHANNEL is not set: no Monday digest is scheduled');
        return;
      }
      schedule = scheduleDigests(runner(), { channel, cron, timeZone });
      const catchingUp = schedule.catchUp();
      // During a first import the catch-up waits for it in the background while commands are answered.
      if (notion === null || notion.firstImport().done) await catchingUp;
    },
    stop: async () => {
      // The load balancer hears 503 at once; commands keep being served until the receiver closes.
      stopping = true;
      slack.beginDraining();
      await ingest.stop();
      await prompts.stop();
      const sharedJobs = { stop: async () => (await jobsStarting)?.stop() };
      const schedules = shared ? sharedJobs : buildSchedulesStop(schedule, alerts);
      // Behind a load balancer the port stays open until it has seen the 503, or a command sent meanwhile is lost.
      // No timer at all otherwise: tests that fake the clock stop the app too.
      const drained = shared && config.drainSeconds > 0 ? sleep(config.drainSeconds * 1000) : Promise.resolve();
      const receiver = { stop: () => drained.then(() => slack.stop()) };
      return runShutdown({
        ...{ schedule: schedules, slack: receiver, notion: buildNotionStop(notion, !shared) },
        ...{ store: services.store, lock, log },
        digestDeadlineMs: overrides.digestStopDeadlineMs,
      });
    },
  };
}

/** Takes DATA_DIR, then opens the store in it: a second bot on the folder must not touch the store, not even to migrate it. */
function openOwnStore(dataDir: string, clock: () => number, log: Logger) {
  const lock = acquireDataDirLock(dataDir, clock());
  if (lock.tookOverFrom !== null) {
    const { pid, host, startedAt } = lock.tookOverFrom;
    log.warn('Took over DATA_DIR from a bot that stopped without releasing it', {
      pid,
      host,
      startedAt,
      dataDir: lock.dataDir,
    });
  }
  try {
    return { lock, services: buildStoreServices(buildStorePath(dataDir), clock) };
  } catch (error) {
    lock.release();
    throw error;
  }
}

/** The Monday digest and the hourly leak check stop together, within the digest's stop deadline. */
function buildSchedulesStop(digests: DigestSchedule | null, alerts: LeakAlertSchedule | null) {
  if (digests === null && alerts === null) return null;
  return {
    async stop() {
      await Promise.all([digests?.stop(), alerts?.stop()]);
    },
  };
}

/**
 * Stops the workers, then pushes what is still owed to Notion once more (runShutdown bounds it with a deadline). With
 * several instances the push is the job queue's, one writer at a time: what is owed goes out from another instance.
 */
function buildNotionStop(notion: NotionSync | null, finalPush: boolean) {
  if (notion === null) return null;
  return {
    async stop() {
      await notion.stop();
      if (finalPush) await notion.pushNow();
    },
  };
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
  let runtime: Runtime;
  try {
    runtime = buildRuntime(config);
  } catch (error) {
    // Another bot on DATA_DIR, or a store that cannot be opened (Postgres unreachable, a refused password): one line
    // an operator can act on. The driver's messages name the host and the user, never the password.
    const reason = error instanceof Error ? error.message : String(error);
    const line = error instanceof DataDirLockedError ? reason : `ROI Runway could not open its store: ${reason}`;
    process.stderr.write(`${line}\n`);
    process.exit(1);
  }
  registerShutdownSignals(runtime.stop, runtime.deps.log, (code) => process.exit(code));
  try {
    await runtime.start();
  } catch (error) {
    runtime.deps.log.error('ROI Runway could not start', { error });
    await runtime.stop();
    process.exit(1);
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
