// What a Postgres deployment runs through the job queue instead of each instance's own timers and loops: the digest
// and the leak check once per period, the Notion pull once per poll slot, and the Notion push and the prompts to reps
// one run at a time across every instance. Each instance keeps the timers that ask for them; whichever instance takes
// a job runs it with its own Slack client and store connection.

import type { Logger } from '../log.js';
import type { DigestRunResult } from '../slack/deps.js';
import { DEFAULT_PERIOD_TIMING } from './job-settings.js';
import { type PeriodSchedule, requestOccurrence, schedulePeriodRequests } from './period-schedule.js';
import { type Jobs, PermanentJobError, startJobs } from './pg-jobs.js';

export const QUEUES = {
  digest: 'digest',
  leakCheck: 'leak-check',
  notionPull: 'notion-pull',
  notionPush: 'notion-push',
  prompts: 'prompts',
} as const;

/** A first import of 100k leads from Notion takes minutes at Notion's three requests a second. */
const PULL_EXPIRE_SECONDS = 15 * 60;
/** A push drains the whole outbox; a long backlog after an outage takes a while. */
const PUSH_EXPIRE_SECONDS = 5 * 60;

/**
 * The digest claim lapses with the digest job's expiry (plus a margin): the queue lets one digest run at a time, so
 * an older claim can only be a dead instance's.
 */
export function buildPostgresStaleClaimMs(expireInSeconds = DEFAULT_PERIOD_TIMING.expireInSeconds): number {
  return (expireInSeconds + 15) * 1000;
}

export interface AppJobsDeps {
  url: string;
  log: Logger;
  instanceId: string;
  clock: () => number;
  /** The longest a digest or leak check run may take (JOB_EXPIRE_SECONDS); the default when unset. */
  periodExpireSeconds?: number;
  /** Set when DIGEST_CHANNEL is: the scheduled digest and the hourly leak check. */
  digest: {
    cron: string;
    timeZone: string;
    periodKeyOf(occurrence: number): string;
    /** The occurrence a catch-up at start owes, or null. */
    findMissed(): number | null;
    run(occurrence: number): Promise<DigestRunResult>;
    checkLeaks(): Promise<{ retryable?: boolean; reason?: string }>;
  } | null;
  /** Set when Notion is configured. */
  notion: {
    pollMs: number;
    pushNow(): Promise<{ stoppedBy: string | null }>;
    pullNow(): Promise<unknown>;
    refreshFirstImport(): void;
  } | null;
  prompts: { pollMs: number; runNow(): Promise<unknown> };
}

export interface AppJobs {
  requestPush(): void;
  requestPrompts(): void;
  /** Stops the timers, then the queue: runs in flight finish (bounded) or go back to the queue for another. */
  stop(): Promise<void>;
}

/** A result that says "not now, later" becomes a thrown error, so the queue retries it with backoff. */
function retryUnlessDone(result: { posted?: boolean; retryable?: boolean; retryAt?: number; reason?: string }) {
  if (result.posted === true) return;
  if (result.retryable === true || result.retryAt !== undefined) throw new Error(result.reason ?? 'not done yet');
}

export async function startAppJobs(deps: AppJobsDeps): Promise<AppJobs> {
  const { digest, notion, prompts, log } = deps;
  const expireInSeconds = deps.periodExpireSeconds ?? DEFAULT_PERIOD_TIMING.expireInSeconds;
  let jobs: Jobs | null = null;
  const requestRun = (queue: string) => {
    void jobs?.requestRun(queue).catch((error: unknown) => log.warn('Could not ask the job queue', { queue, error }));
  };
  jobs = await startJobs({
    url: deps.url,
    log,
    instanceId: deps.instanceId,
    periodic: {
      ...(digest === null
        ? {}
        : {
            [QUEUES.digest]: {
              expireInSeconds,
              handler: async ({ data }) => {
                const occurrence = Number(data.occurrence);
                if (!Number.isFinite(occurrence)) throw new PermanentJobError('a digest job without its occurrence');
                retryUnlessDone(await digest.run(occurrence));
              },
            },
            [QUEUES.leakCheck]: { expireInSeconds, handler: async () => retryUnlessDone(await digest.checkLeaks()) },
          }),
      ...(notion === null
        ? {}
        : {
            [QUEUES.notionPull]: {
              expireInSeconds: PULL_EXPIRE_SECONDS,
              handler: async () => {
                await notion.pullNow();
                // Anything a failed push left behind goes out at least once per poll.
                requestRun(QUEUES.notionPush);
              },
            },
          }),
    },
    writers: {
      ...(notion === null
        ? {}
        : {
            [QUEUES.notionPush]: {
              expireInSeconds: PUSH_EXPIRE_SECONDS,
              handler: async () => {
                const summary = await notion.pushNow();
                if (summary.stoppedBy !== null) throw new Error(summary.stoppedBy);
              },
            },
          }),
      [QUEUES.prompts]: {
        handler: async () => {
          await prompts.runNow();
        },
      },
    },
  });
  const timers = startTimers(jobs, deps, requestRun);
  return {
    requestPush: () => requestRun(QUEUES.notionPush),
    requestPrompts: () => requestRun(QUEUES.prompts),
    async stop() {
      for (const stop of timers) stop();
      await jobs?.stop({ graceful: true });
    },
  };
}

/** This instance's timers: each asks the queue for what comes due, whichever instance then runs it. */
function startTimers(jobs: Jobs, deps: AppJobsDeps, requestRun: (queue: string) => void): (() => void)[] {
  const { digest, notion, prompts, log, clock } = deps;
  const stops: (() => void)[] = [];
  const every = (ms: number, tick: () => void) => {
    tick();
    const timer = setInterval(tick, ms);
    timer.unref();
    stops.push(() => clearInterval(timer));
  };
  if (digest !== null) {
    const options = { queue: QUEUES.digest, cron: digest.cron, timeZone: digest.timeZone, log };
    const digests: PeriodSchedule = schedulePeriodRequests(jobs, { ...options, periodKeyOf: digest.periodKeyOf });
    stops.push(() => digests.stop());
    const missed = digest.findMissed();
    if (missed !== null) void requestOccurrence(jobs, { ...options, periodKeyOf: digest.periodKeyOf }, missed);
    const hourOf = (at: number) => new Date(at).toISOString().slice(0, 13);
    const leakOptions = { queue: QUEUES.leakCheck, cron: '0 * * * *', timeZone: digest.timeZone, log };
    const leaks = schedulePeriodRequests(jobs, { ...leakOptions, periodKeyOf: hourOf });
    stops.push(() => leaks.stop());
    // A check at start catches a change made while no instance ran; one per minute at most, whoever starts.
    void requestOccurrence(
      jobs,
      { ...leakOptions, periodKeyOf: (at) => `start-${new Date(at).toISOString().slice(0, 16)}` },
      clock(),
    );
  }
  if (notion !== null) {
    every(notion.pollMs, () => {
      notion.refreshFirstImport();
      void jobs
        .requestPeriod(QUEUES.notionPull, `slot-${Math.floor(clock() / notion.pollMs)}`)
        .catch((error: unknown) => {
          log.warn('Could not ask the job queue for a pull', { error });
        });
    });
    requestRun(QUEUES.notionPush);
  }
  every(prompts.pollMs, () => requestRun(QUEUES.prompts));
  return stops;
}
