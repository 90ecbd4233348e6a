// One workspace's world: its store and services, the Notion sync, the digest and leak-check schedules, the prompts to
// reps, the inquiry matching and the Home tab. The process around it (the Bolt app, the receiver, /healthz, the
// shutdown signals) is src/app.ts; in single-workspace mode it builds one of these, in distribution mode the
// registry (workspace-registry.ts) builds one per workspace as requests arrive.

import type { WebClient } from '@slack/web-api';
import { buildMergeOffers } from '../commands/lead-merge.js';
import { runInTurns } from '../commands/respond.js';
import { type LeakAlertSchedule, scheduleLeakAlerts } from '../digests/alert-schedule.js';
import { type DigestSchedule, scheduleDigests } from '../digests/index.js';
import { type DigestRunnerDeps, runWeeklyDigest } from '../digests/runner.js';
import type { ChartRenderer } from './charts/renderer.js';
import type { Config, NotionConfig } from './config.js';
import { createInquiryProcessor, type InquiryProcessor } from './ingest/inquiry-processor.js';
import type { AppJobs } from './jobs/app-jobs.js';
import type { Logger } from './log.js';
import type { NotionAuth } from './notion/client.js';
import { type NotionSync, type StartNotionSyncDeps, startNotionSync } from './notion/index.js';
import { startSharedJobs } from './shared-runtime.js';
import { type AppDeps, buildMetricSettings, type DigestRunResult } from './slack/deps.js';
import { createHomeTab } from './slack/home-tab.js';
import { createPersonGate } from './slack/one-per-person.js';
import { createPromptWorker, type PromptWorker } from './slack/prompt-worker.js';
import { notifyRefusal } from './slack/refusal-notice.js';
import type { Stoppable } from './slack/shutdown.js';
import { subscribeChanges } from './store/index.js';
import { type NotionStart, startNotionAside } from './workspace-notion-start.js';
import {
  buildNotionStartStop,
  buildNotionStop,
  buildSchedulesStop,
  NOTION_START_GRACE_MS,
  NOTION_START_STOP_DEADLINE_MS,
  startPullRequests,
} from './workspace-stops.js';
import type { WorkspaceStore } from './workspace-store.js';

/** What the workspace runtime takes from the process: the Slack side is read lazily, it is built after the store. */
export interface WorkspaceParts {
  config: Config;
  store: WorkspaceStore;
  clock: () => number;
  log: Logger;
  charts: ChartRenderer;
  /** This workspace's Web API client (the env's token in single mode, the installation's bot token otherwise). */
  client: () => WebClient;
  /** Counts background work (a digest, a republish) as in flight, so a stop waits for it. */
  track: <T>(work: Promise<T>) => Promise<T>;
  /** Postgres with DATABASE_URL in single mode: jobs go through the shared queue (src/jobs/). */
  sharedJobs: boolean;
  /**
   * Distribution mode on Postgres: the process's job queue runs this workspace's digest, checks, pushes and prompts
   * (workspace-jobs.ts); the runtime only asks it for a push or a prompt run, and starts no timers of its own.
   */
  queue?: WorkspaceQueue;
  /** Distribution mode: which workspace this is, and how new settings take effect (AppDeps['workspace']). */
  workspace?: AppDeps['workspace'];
  /** Distribution mode, a "Sign in with Notion" connection: its token, renewed on a 401 (notion-token-renewal.ts). */
  notionAuth?: NotionAuth;
  options: WorkspaceOptions;
}

/** What a workspace asks the process's job queue for, in distribution mode on Postgres. */
export interface WorkspaceQueue {
  requestPush(): void;
  requestPrompts(): void;
  /** The Notion pull of the current poll slot (one run per slot across instances). */
  requestPull(pollMs: number): void;
}

export interface WorkspaceOptions {
  scheduleDigests?: boolean;
  scheduleAlerts?: boolean;
  startPrompts?: boolean;
  notionPushIdleMs?: number;
  /** In distribution mode a workspace's start does not wait for its digest catch-up (the registry's timer does). */
  awaitCatchUp?: boolean;
  /**
   * Distribution mode: the open does not wait for Notion (workspace-notion-start.ts), and a Notion that fails to start
   * is logged and left off, instead of failing the workspace's open.
   */
  notionOptional?: boolean;
  /**
   * Distribution mode: the company names are indexed only when a request that may look a company up comes (the
   * routing middleware awaits LeadService.prepareNames, built in steps; so does the inquiry matcher): a workspace
   * opened for `/roi` or its digest never needs them, and they are a third of an open's work.
   */
  namesOnDemand?: boolean;
}

export interface WorkspaceRuntime {
  deps: AppDeps;
  prompts: PromptWorker;
  ingest: InquiryProcessor;
  /** Before Slack traffic: the store read into memory, and the Notion sync (its schema checked; beside, in distribution). */
  prepare(): Promise<void>;
  /** Once requests can be served: prompts, inquiry matching, digest and leak schedules (or the shared job queue). */
  begin(): Promise<void>;
  /** Runs a missed digest now (the registry's wake timer); resolves with its result, or null when none was owed. */
  catchUpDigest(): Promise<DigestRunResult | null>;
  /** What the job queue's runs use (workspace-jobs.ts): the digest runner's deps and the Notion sync. */
  jobParts(): { runner: DigestRunnerDeps; notion: NotionSync | null };
  /** The Notion sync once a start under way has ended (a job waits for it; an answer never does); null: none. */
  notionReady(): Promise<NotionSync | null>;
  /** Runs the leak check now (or joins the one running); nothing when no digest channel is set. */
  checkLeaksNow(): Promise<unknown>;
  /** Stops the inquiry matching and the prompts: the first step of every stop. */
  quiesce(): Promise<void>;
  /** The rest of the stop, in runShutdown's order: schedules, then Notion, then the store, then its lock. */
  shutdownParts(): {
    schedule: Stoppable | null;
    notion: Stoppable | null;
    store: WorkspaceStore['services']['store'];
    lock?: { release(): void };
    /** Longer than runShutdown's default when the workspace closes while its Notion still starts. */
    notionDeadlineMs?: number;
  };
}

export function buildWorkspaceRuntime(parts: WorkspaceParts): WorkspaceRuntime {
  const { config, clock, log, charts, options } = parts;
  const { services } = parts.store;
  const shared = parts.sharedJobs;
  let notion: NotionSync | null = null;
  // Distribution mode: the Notion start under way beside the open; digests wait for the first import through it.
  let notionStart: NotionStart | null = null;
  // Set by quiesce: that start's end, given a little time (workspace-notion-start.ts, close).
  let notionClosing: Promise<NotionSync | null> | null = null;
  const settings = buildMetricSettings(config);
  const commandGate = createPersonGate();
  const deps: AppDeps = { config, services, settings, clock, log, charts, notion, commandGate };
  if (parts.workspace !== undefined) deps.workspace = parts.workspace;
  // Whatever queued a change for Notion — a command, a modal, the webhook, an undo, a merge — wakes the push once per
  // commit. What was pulled from Notion queues nothing, so it never wakes a push that would echo it back.
  subscribeChanges(services.store.db, (change) => {
    if (change.outboxRows > 0) deps.notion?.nudge();
  });
  // Built per run, so each run sees the Notion sync that prepare() sets up; the digest's figures are computed a few
  // milliseconds per turn, like a command's, so acks go out meanwhile.
  const homeTab = createHomeTab({ ...deps, runSteps: runInTurns });
  deps.homeTab = homeTab;
  // After each digest the tabs opened lately are republished, counted as in flight so a stop waits for them.
  const afterPost = () => void parts.track(homeTab.republishRecent(parts.client()));
  const runner = () => ({
    ...deps,
    notion: notionStart?.handle ?? notion,
    client: parts.client(),
    runSteps: runInTurns,
    afterPost,
  });
  deps.runDigest = (request) => parts.track(runWeeklyDigest(runner(), { ...request, now: clock() }));
  const prompts = createPromptWorker({
    get client() {
      return parts.client();
    },
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
  let begun = false;
  const ingest = createInquiryProcessor({
    inquiries: services.inquiries,
    log: log.child({ component: 'ingest' }),
    // With several instances the prompts go out through the job queue, one sender at a time.
    onProcessed: () => (shared ? jobs?.requestPrompts() : (parts.queue?.requestPrompts() ?? prompts.nudge())),
  });
  deps.ingest = ingest;
  let schedule: DigestSchedule | null = null;
  let pulls: { stop(): Promise<void> } | null = null;
  let alerts: LeakAlertSchedule | null = null;
  // Edits made in Notion are pulled while the workspace is open (once both it and its Notion are up); a closed one
  // pulls them when it opens again.
  const startPulls = () => {
    if (parts.queue === undefined || notion === null || !begun || stopping || pulls !== null) return;
    pulls = startPullRequests(parts.queue, pollMsOf(config));
  };
  const startNotion = (notionConfig: NotionConfig, extra: Pick<StartNotionSyncDeps, 'signal' | 'start'> = {}) => {
    const onRefused = notifyRefusal(parts.client(), services, log);
    const idle = options.notionPushIdleMs === undefined ? {} : { pushIdleMs: options.notionPushIdleMs };
    const requestPush = shared ? () => jobs?.requestPush() : parts.queue?.requestPush;
    const queue = requestPush === undefined ? {} : { queue: { requestPush } };
    const sync = { onRefused, ...idle, ...queue };
    const api = parts.notionAuth === undefined ? {} : { api: { auth: parts.notionAuth } };
    return startNotionSync(notionConfig, { services, log, clock, sync, ...api, ...extra });
  };
  const useNotion = (sync: NotionSync) => {
    notion = deps.notion = sync;
    // What was logged while Notion started waits in the outbox: one push sends it (on Postgres, a job asked for).
    sync.nudge();
    startPulls();
  };
  return {
    deps,
    prompts,
    ingest,
    async prepare() {
      const notionConfig = config.notion;
      if (notionConfig !== null && options.notionOptional === true) {
        // Distribution mode: the open waits for the store alone; Notion is used once ready (workspace-notion-start.ts).
        const start = (extra: Pick<StartNotionSyncDeps, 'signal' | 'start'>) => startNotion(notionConfig, extra);
        notionStart = startNotionAside({ start, services, log, onReady: useNotion });
      } else if (notionConfig !== null) {
        // The schema is checked before Slack traffic is accepted: a wrong Notion setup stops the start with every problem.
        notion = deps.notion = await startNotion(notionConfig);
      }
      // Read what commands keep in memory before the first command arrives, not while it waits (about a second at
      // 100k leads).
      const warming = performance.now();
      const { names } = await services.leads.warmAsync({ namesOnDemand: options.namesOnDemand === true });
      log.info('Store read into memory', { ms: Math.round(performance.now() - warming) });
      if (options.namesOnDemand === true) return;
      // The company names are indexed in steps from here on; a lookup before the end finishes them first.
      void names.then(() => log.info('Company names indexed', { ms: Math.round(performance.now() - warming) }));
    },
    async begin() {
      if (shared) {
        if (stopping) return;
        const starting = startSharedJobs(config, { deps, runner, prompts, notion, clock, log });
        jobsStarting = starting.catch(() => null);
        jobs = await starting;
        ingest.kick();
        return;
      }
      if (parts.queue !== undefined) {
        begun = true;
        startPulls();
        return ingest.kick();
      }
      if (options.startPrompts !== false) prompts.start();
      // Inquiries a restart left pending are matched now.
      ingest.kick();
      const { channel, cron, timeZone } = config.digest;
      if (channel !== undefined && (options.scheduleAlerts ?? options.scheduleDigests) !== false) {
        alerts = scheduleLeakAlerts(runner(), { channel, timeZone });
        // A first check at start catches a change made while the bot was down; it runs beside the commands.
        void alerts.checkNow();
      }
      if (options.scheduleDigests === false) return;
      if (channel === undefined) {
        log.info('DIGEST_CHANNEL is not set: no Monday digest is scheduled');
        return;
      }
      schedule = scheduleDigests(runner(), { channel, cron, timeZone });
      if (options.awaitCatchUp === false) return;
      const catchingUp = schedule.catchUp();
      // During a first import the catch-up waits for it in the background while commands are answered.
      if (notion === null || notion.firstImport().done) await catchingUp;
    },
    catchUpDigest: () => schedule?.catchUp() ?? Promise.resolve(null),
    checkLeaksNow: () => alerts?.checkNow() ?? Promise.resolve(null),
    jobParts: () => ({ runner: runner(), notion }),
    notionReady: () => notionStart?.ready ?? Promise.resolve(notion),
    async quiesce() {
      stopping = true;
      notionClosing = notionStart?.close(NOTION_START_GRACE_MS) ?? null;
      await ingest.stop();
      await prompts.stop();
    },
    shutdownParts() {
      const sharedJobs = { stop: async () => (await jobsStarting)?.stop() };
      return {
        schedule: shared ? sharedJobs : (pulls ?? buildSchedulesStop(schedule, alerts)),
        notion:
          notion === null
            ? buildNotionStartStop(notionClosing, !shared && parts.queue === undefined)
            : buildNotionStop(notion, !shared && parts.queue === undefined),
        ...(notion === null && notionClosing !== null ? { notionDeadlineMs: NOTION_START_STOP_DEADLINE_MS } : {}),
        store: services.store,
        ...(parts.store.lock === undefined ? {} : { lock: parts.store.lock }),
      };
    },
  };
}

const pollMsOf = (config: Config) => (config.notion?.pollSeconds ?? 60) * 1000;
