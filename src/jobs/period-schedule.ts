// Each instance keeps its own timer (node-schedule, the configured cron read in its time zone) and, when it fires,
// asks the queue for that occurrence's period; the queue runs each period once whichever instances ask. Local timers
// rather than pg-boss's schedule(): the run gets the occurrence itself (the digest reports the week before it), the
// cron may have seconds, and a cron changed by a rolling deploy does not flip a schedule shared by all instances.

import schedule from 'node-schedule';
import type { Logger } from '../log.js';
import type { Jobs } from './pg-jobs.js';

export interface PeriodScheduleOptions {
  queue: string;
  cron: string;
  timeZone: string;
  /** The period an occurrence stands for: the digest's ISO week, the leak check's hour. */
  periodKeyOf: (occurrence: number) => string;
  log: Logger;
}

export interface PeriodSchedule {
  nextRunAt(): number | null;
  stop(): void;
}

/** Asks for `occurrence`'s period; a failed ask is logged (the catch-up at the next start asks again). */
export async function requestOccurrence(
  jobs: Pick<Jobs, 'requestPeriod'>,
  options: PeriodScheduleOptions,
  occurrence: number,
): Promise<boolean> {
  const periodKey = options.periodKeyOf(occurrence);
  try {
    return await jobs.requestPeriod(options.queue, periodKey, { occurrence });
  } catch (error) {
    options.log.error('Could not ask the job queue for a period', { queue: options.queue, periodKey, error });
    return false;
  }
}

export function schedulePeriodRequests(jobs: Pick<Jobs, 'requestPeriod'>, options: PeriodScheduleOptions) {
  const { queue, cron, timeZone } = options;
  // The fire date is the occurrence itself, so a timer woken late still asks for the same period.
  const job = schedule.scheduleJob({ rule: cron, tz: timeZone }, (fireDate) => {
    void requestOccurrence(jobs, options, fireDate.getTime());
  });
  if (job === null) throw new Error(`the ${queue} rule "${cron}" never fires`);
  let stopped = false;
  return {
    nextRunAt: () => (stopped ? null : (job.nextInvocation()?.getTime() ?? null)),
    stop() {
      stopped = true;
      job.cancel();
    },
  } satisfies PeriodSchedule;
}
