// One run of a job: the injected handler gets the period key, the data, and a signal that fires shortly before the
// run's expiry. The run completes its job itself, so the local worker can be woken for a request queued meanwhile
// (pg-boss completes it again afterwards, which changes nothing). A permanent failure uses up the job's retries.

import type PgBoss from 'pg-boss';
import type { Logger } from '../log.js';
import { buildStopMarginMs, type QueueTiming } from './job-settings.js';

/** What a job carries: plain JSON values, so any instance can run it. */
export type JobData = Record<string, string | number | boolean | null>;

export interface JobRun {
  queue: string;
  /** The period a "once per period" run is for; null for a writer run. */
  periodKey: string | null;
  data: JobData;
  /**
   * Fires shortly before the run's expiry, or when the instance stops without grace: stop between steps. A run that
   * returns after it fired counts as unfinished and is retried (the handlers are written to resume).
   */
  signal: AbortSignal;
  /** When the signal fires (epoch ms). */
  deadline: number;
}

export type JobHandler = (run: JobRun) => Promise<void>;

/** Thrown by a handler when trying again cannot help (bad configuration, a record that no longer exists). */
export class PermanentJobError extends Error {
  readonly code = 'JOB_PERMANENT';
  override readonly name = 'PermanentJobError';
}

export interface JobRunContext {
  boss: PgBoss;
  schema: string;
  log: Logger;
  /** Aborted runs are tracked here so a stop without grace can tell them to stop. */
  inFlight: Set<AbortController>;
  /** Wakes this instance's worker of the queue, for a request queued while this run went on. */
  wake: () => void;
}

export interface StoredJob {
  id: string;
  data: { periodKey?: unknown } & JobData;
}

async function useUpRetries(ctx: JobRunContext, queue: string, id: string): Promise<void> {
  // pg-boss retries while retry_count < retry_limit; making them equal turns the coming fail into a final one.
  const sql = `UPDATE ${ctx.schema}.job SET retry_limit = retry_count WHERE name = $1 AND id = $2`;
  await ctx.boss.getDb().executeSql(sql, [queue, id]);
}

function splitData(stored: StoredJob['data']): { periodKey: string | null; data: JobData } {
  const { periodKey, ...data } = stored;
  return { periodKey: typeof periodKey === 'string' ? periodKey : null, data };
}

export async function runJob(
  ctx: JobRunContext,
  queue: string,
  timing: QueueTiming,
  handler: JobHandler,
  job: StoredJob,
) {
  const startedAt = Date.now();
  const deadline = startedAt + timing.expireInSeconds * 1000 - buildStopMarginMs(timing.expireInSeconds);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('the run reached its deadline')), deadline - startedAt);
  const { periodKey, data } = splitData(job.data);
  const log = ctx.log.child({ queue, jobId: job.id, ...(periodKey === null ? {} : { periodKey }) });
  ctx.inFlight.add(controller);
  log.debug('Job started');
  try {
    await handler({ queue, periodKey, data, signal: controller.signal, deadline });
    if (controller.signal.aborted) throw controller.signal.reason;
    await ctx.boss.complete(queue, job.id);
    log.info('Job done', { ms: Date.now() - startedAt });
    ctx.wake();
  } catch (error) {
    const permanent = error instanceof PermanentJobError;
    if (permanent) await useUpRetries(ctx, queue, job.id);
    log.warn(permanent ? 'Job failed for good' : 'Job failed: retried with backoff while retries remain', { error });
    throw error;
  } finally {
    clearTimeout(timer);
    ctx.inFlight.delete(controller);
  }
}
