// The job queue of a Postgres deployment: pg-boss 10 in its own schema, shared by every instance. Two kinds of work:
// "once per period" queues (digest, leak check, Notion pull) run each period key once across all instances, one run
// at a time; "one writer" queues (the Notion push) run one at a time and coalesce requests made while one waits.
// Handlers are injected; each instance keeps its own timers and asks for the periods as they come due.

import PgBoss from 'pg-boss';
import type { Logger } from '../log.js';
import { passwordOf } from '../store/open-store.js';
import { buildPeriodJobId } from './job-ids.js';
import { type JobData, type JobHandler, type JobRunContext, runJob, type StoredJob } from './job-run.js';
import {
  DEFAULT_JOB_TIMING,
  DEFAULT_PERIOD_TIMING,
  DEFAULT_WRITER_TIMING,
  type JobTiming,
  type QueueTiming,
} from './job-settings.js';
import { ensureQueues, type QueueSpec } from './queues.js';

export { buildPeriodJobId, buildSlotKey } from './job-ids.js';
export { type JobData, type JobHandler, type JobRun, PermanentJobError } from './job-run.js';

export const JOBS_SCHEMA = 'pgboss';

export interface QueueOptions extends Partial<QueueTiming> {
  handler: JobHandler;
}

export interface StartJobsOptions {
  /** postgres://… (it holds a password: it is never logged). */
  url: string;
  log: Logger;
  /** Names this instance in logs and in Postgres' application_name. */
  instanceId: string;
  timing?: Partial<JobTiming>;
  /** "Once per period" queues, by name. */
  periodic?: Record<string, QueueOptions>;
  /** "One writer at a time" queues, by name. */
  writers?: Record<string, QueueOptions>;
  /**
   * Workers per queue in this instance (one when unset). With one queue for every workspace, one worker would run
   * one workspace's job at a time per instance; the queue's policy still runs one job per singleton key at a time.
   */
  workersPerQueue?: number;
}

export interface StopOptions {
  /** true (default): wait for runs in flight, up to timeoutMs. false: tell them to stop and hand them back now. */
  graceful?: boolean;
  timeoutMs?: number;
}

/** With many workspaces: the queue's one-at-a-time rule applies per key (a workspace), not to the whole queue. */
export interface RequestOptions {
  singletonKey?: string;
}

export interface Jobs {
  /** Asks for a period's run; true when this ask created it, false when any instance asked before (or stopped). */
  requestPeriod(queue: string, periodKey: string, data?: JobData, options?: RequestOptions): Promise<boolean>;
  /** Asks a writer queue for one more run; a run already waiting (not started) covers it. */
  requestRun(queue: string, data?: JobData, options?: RequestOptions): Promise<void>;
  /** Stops taking work; resolves once the runs in flight finished or were handed back. */
  stop(options?: StopOptions): Promise<void>;
}

/** Error text without the connection string or its password, whatever pg or pg-boss put in it. */
export function buildScrubber(url: string): (text: string) => string {
  // Not a URL: only the whole string is scrubbed.
  const secrets = [url, passwordOf(url) ?? ''].filter((secret) => secret.length >= 4);
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

function buildSpecs(options: StartJobsOptions): (QueueSpec & { handler: JobHandler })[] {
  const spec = (policy: QueueSpec['policy'], defaults: QueueTiming) => {
    return ([name, { handler, ...timing }]: [string, QueueOptions]) => ({
      name,
      policy,
      handler,
      timing: { ...defaults, ...timing },
    });
  };
  return [
    ...Object.entries(options.periodic ?? {}).map(spec('singleton', DEFAULT_PERIOD_TIMING)),
    ...Object.entries(options.writers ?? {}).map(spec('stately', DEFAULT_WRITER_TIMING)),
  ];
}

function reportErrors(boss: PgBoss, log: Logger, scrub: (text: string) => string) {
  boss.on('error', (error: Error & { code?: unknown; queue?: unknown }) => {
    const fields = { message: scrub(String(error.message)), code: error.code, queue: error.queue };
    log.error('The job queue reported an error', fields);
  });
}

export async function startJobs(options: StartJobsOptions): Promise<Jobs> {
  const timing = { ...DEFAULT_JOB_TIMING, ...options.timing };
  const log = options.log.child({ component: 'jobs', instance: options.instanceId });
  const specs = buildSpecs(options);
  const boss = new PgBoss({
    connectionString: options.url,
    schema: JOBS_SCHEMA,
    application_name: `roi-runway-jobs ${options.instanceId}`.slice(0, 63),
    // Each instance asks for its own periods on its own timer, so pg-boss's cron (and its queue) stays off.
    schedule: false,
    maintenanceIntervalSeconds: timing.maintenanceIntervalSeconds,
  });
  reportErrors(boss, log, buildScrubber(options.url));
  await boss.start();
  await ensureQueues(boss, options.url, specs, log);

  const workerIds = new Map<string, string[]>();
  const inFlight = new Set<AbortController>();
  // Every worker of the queue looks now; the one that takes the job runs it, the others find nothing and wait again.
  const wake = (queue: string) => {
    for (const id of workerIds.get(queue) ?? []) boss.notifyWorker(id);
  };
  for (const spec of specs) {
    const ctx: JobRunContext = { boss, schema: JOBS_SCHEMA, log, inFlight, wake: () => wake(spec.name) };
    // One job per fetch: pg-boss completes or fails a batch as a whole, and each run ends on its own.
    const workOptions = { pollingIntervalSeconds: timing.pollingIntervalSeconds, batchSize: 1 };
    const ids: string[] = [];
    for (let worker = 0; worker < (options.workersPerQueue ?? 1); worker += 1) {
      const id = await boss.work<StoredJob['data']>(spec.name, workOptions, async ([job]) => {
        if (job !== undefined) await runJob(ctx, spec.name, spec.timing, spec.handler, job);
      });
      ids.push(id);
    }
    workerIds.set(spec.name, ids);
  }
  log.info('Job queue started', { queues: specs.map((spec) => spec.name), ...timing });
  return buildJobs(boss, log, timing, { inFlight, wake });
}

function buildJobs(
  boss: PgBoss,
  log: Logger,
  timing: JobTiming,
  local: { inFlight: Set<AbortController>; wake: (queue: string) => void },
): Jobs {
  let stopping: Promise<void> | null = null;
  return {
    async requestPeriod(queue, periodKey, data = {}, options = {}) {
      if (stopping !== null) return false;
      const id = buildPeriodJobId(queue, periodKey);
      // A period done more than 12 h ago has moved to pg-boss's archive (kept 7 days): it still counts as asked.
      if ((await boss.getJobById(queue, id, { includeArchive: true })) !== null) return false;
      const created = (await boss.send(queue, { ...data, periodKey }, { ...options, id })) !== null;
      if (created) local.wake(queue);
      log.debug(created ? 'Period requested' : 'Period already requested', { queue, periodKey });
      return created;
    },
    async requestRun(queue, data = {}, options = {}) {
      if (stopping !== null) return;
      // null: a run is already waiting and has not started, so it will see whatever this request is about.
      if ((await boss.send(queue, data, options)) !== null) local.wake(queue);
    },
    stop({ graceful = true, timeoutMs = timing.stopTimeoutMs } = {}) {
      if (stopping !== null) return stopping;
      if (!graceful) for (const run of local.inFlight) run.abort(new Error('the instance is stopping'));
      log.info('Job queue stopping', { graceful, inFlight: local.inFlight.size });
      // After the wait, pg-boss fails what still runs, so another instance retries it.
      stopping = boundStop(boss.stop({ graceful, timeout: timeoutMs, wait: true, close: true }), timeoutMs, log);
      return stopping;
    },
  };
}

/** How long past its own wait pg-boss may take to close its connections before the stop goes on without it. */
export const STOP_CLOSE_GRACE_MS = 5_000;

/**
 * pg-boss's stop ends by closing its pool, which waits for every connection it lent; one left in a query the server
 * never answered (seen under load in a rolling restart) would hold the instance's stop forever, and the deploy with
 * it. Past the wait and a grace, the stop goes on: the process's exit closes those connections, and what ran under
 * them was failed or expires, so another instance retries it.
 */
export function boundStop(stop: Promise<void>, waitMs: number, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log.warn('The job queue did not close in time; its connections close with the process', {
        waitedMs: waitMs + STOP_CLOSE_GRACE_MS,
      });
      resolve();
    }, waitMs + STOP_CLOSE_GRACE_MS);
    timer.unref();
  });
  const settled = stop.catch((error: unknown) => log.error('The job queue failed to stop', { error }));
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}
