// Distribution mode on Postgres: one job queue (src/jobs/) for every workspace of every instance. Each job carries
// its workspace's key: a period's job id is made of the key and the period, and the queue's one-at-a-time rule holds
// per workspace (its singleton key), so two workspaces' digests never collide, each posts once whichever instances
// asked, and one workspace's long push never holds back another's. The instance that takes a job opens the workspace
// through its registry and runs it there.

import { hostname } from 'node:os';
import { runLeakAlertCheck, type UnsavedPosts } from '../digests/alert-runner.js';
import { buildDigestPeriodKey, waitForFirstImport } from '../digests/index.js';
import { runWeeklyDigest } from '../digests/runner.js';
import { DEFAULT_PERIOD_TIMING } from './jobs/job-settings.js';
import { type JobRun, type Jobs, PermanentJobError, startJobs } from './jobs/pg-jobs.js';
import type { Logger } from './log.js';
import type { JobGate } from './workspace-job-gate.js';
import type { WorkspaceRegistry } from './workspace-registry.js';
import type { WorkspaceQueue, WorkspaceRuntime } from './workspace-runtime.js';

export const WORKSPACE_QUEUES = {
  digest: 'ws-digest',
  leakCheck: 'ws-leak-check',
  notionPull: 'ws-notion-pull',
  notionPush: 'ws-notion-push',
  prompts: 'ws-prompts',
} as const;

export interface WorkspaceJobs {
  /** What a workspace runtime asks the queue for (its Notion push and pulls, its prompts). */
  queueFor(key: string): WorkspaceQueue;
  /** Asks for the digest of `occurrence` (a cron occurrence) of one workspace; any instance runs it, once. */
  requestDigest(key: string, occurrence: number, timeZone: string): Promise<boolean>;
  /** Asks for one workspace's leak check of the hour `occurrence` falls in (and a round of its prompts). */
  requestLeakCheck(key: string, occurrence: number): Promise<boolean>;
  stop(): Promise<void>;
}

export interface WorkspaceJobsParts {
  url: string;
  log: Logger;
  registry: WorkspaceRegistry;
  expireSeconds?: number;
  clock?: () => number;
  /** The process's bound on background jobs (workspace-job-gate.ts); unbounded beyond the workers when unset. */
  gate?: JobGate;
  /** How many jobs of each queue this instance takes at once, of different workspaces (one when unset). */
  workersPerQueue?: number;
}

const never = new Promise<never>(() => {});

/** A result that says "not now, later" becomes a thrown error, so the queue retries it with backoff. */
function retryUnlessDone(result: { posted?: boolean; retryable?: boolean; retryAt?: number; reason?: string }) {
  if (result.posted === true) return;
  if (result.retryable === true || result.retryAt !== undefined) throw new Error(result.reason ?? 'not done yet');
}

export async function startWorkspaceJobs(parts: WorkspaceJobsParts): Promise<WorkspaceJobs> {
  const { registry, log } = parts;
  const expireInSeconds = parts.expireSeconds ?? DEFAULT_PERIOD_TIMING.expireInSeconds;
  const unsaved = new Map<string, UnsavedPosts>();
  // Runs `work` in the job's workspace; a workspace no longer installed has nothing to do (the job ends).
  const inWorkspace = (work: (runtime: WorkspaceRuntime, run: JobRun) => Promise<void>) => async (run: JobRun) => {
    const key = run.data.workspace;
    if (typeof key !== 'string') throw new PermanentJobError('a job without its workspace');
    const open = () => registry.use(key, (runtime) => work(runtime, run));
    await (parts.gate === undefined ? open() : parts.gate.run(key, open));
  };
  const jobs: Jobs = await startJobs({
    url: parts.url,
    log,
    instanceId: `${hostname()}:${process.pid}`,
    workersPerQueue: parts.workersPerQueue ?? 1,
    periodic: {
      [WORKSPACE_QUEUES.digest]: { expireInSeconds, handler: inWorkspace(runDigest) },
      [WORKSPACE_QUEUES.leakCheck]: {
        expireInSeconds,
        handler: inWorkspace(async (runtime, run) => {
          const channel = runtime.deps.config.digest.channel;
          const key = String(run.data.workspace);
          // Posts Slack took but the ledger did not record yet: kept per workspace for the retry.
          const owed = unsaved.get(key) ?? new Map();
          unsaved.set(key, owed);
          const checked =
            channel === undefined ? null : await runLeakAlertCheck(runtime.jobParts().runner, channel, owed);
          // Follow-ups to reps come due with time: a closed workspace's are sent in this hourly round.
          await runtime.prompts.runNow();
          if (checked?.retryable === true) throw new Error(checked.reason ?? 'the leak check failed');
        }),
      },
      [WORKSPACE_QUEUES.notionPull]: {
        expireInSeconds: 15 * 60,
        handler: inWorkspace(async (runtime, run) => {
          // A job may open the workspace: it waits for its Notion to start, which an answer to a person never does.
          await (await runtime.notionReady())?.pullNow();
          request(WORKSPACE_QUEUES.notionPush, String(run.data.workspace));
        }),
      },
    },
    writers: {
      [WORKSPACE_QUEUES.notionPush]: {
        expireInSeconds: 5 * 60,
        handler: inWorkspace(async (runtime) => {
          const summary = await (await runtime.notionReady())?.pushNow();
          if (summary !== undefined && summary.stoppedBy !== null) throw new Error(summary.stoppedBy);
        }),
      },
      [WORKSPACE_QUEUES.prompts]: { handler: inWorkspace((runtime) => runtime.prompts.runNow().then(() => {})) },
    },
  });
  const request = (queue: string, key: string) => {
    const asking = jobs.requestRun(queue, { workspace: key }, { singletonKey: key });
    void asking.catch((error: unknown) => log.warn('Could not ask the job queue', { queue, workspace: key, error }));
  };
  const period = (queue: string, key: string, periodKey: string, occurrence: number) =>
    jobs.requestPeriod(queue, `${key}/${periodKey}`, { workspace: key, occurrence }, { singletonKey: key });
  return {
    queueFor: (key) => ({
      requestPush: () => request(WORKSPACE_QUEUES.notionPush, key),
      requestPrompts: () => request(WORKSPACE_QUEUES.prompts, key),
      requestPull(pollMs) {
        const now = (parts.clock ?? Date.now)();
        const asking = period(WORKSPACE_QUEUES.notionPull, key, `slot-${Math.floor(now / pollMs)}`, now);
        void asking.catch((error: unknown) => log.warn('Could not ask the job queue for a pull', { error }));
      },
    }),
    requestDigest: (key, occurrence, timeZone) =>
      period(WORKSPACE_QUEUES.digest, key, buildDigestPeriodKey(occurrence, timeZone), occurrence),
    requestLeakCheck: (key, occurrence) =>
      period(WORKSPACE_QUEUES.leakCheck, key, new Date(occurrence).toISOString().slice(0, 13), occurrence),
    stop: () => jobs.stop({ graceful: true }),
  };
}

/** The digest of the job's occurrence, after the first import from Notion; the ledger makes it post once. */
async function runDigest(runtime: WorkspaceRuntime, run: JobRun): Promise<void> {
  const occurrence = Number(run.data.occurrence);
  if (!Number.isFinite(occurrence)) throw new PermanentJobError('a digest job without its occurrence');
  const channel = runtime.deps.config.digest.channel;
  if (channel === undefined) return;
  const { runner } = runtime.jobParts();
  const notReady = await waitForFirstImport(runner, occurrence, never);
  retryUnlessDone(notReady ?? (await runWeeklyDigest(runner, { mode: 'scheduled', channel, now: occurrence })));
}
