// When the Monday digest goes out: a cron rule read in DIGEST_TZ (so 09:00 stays 09:00 local across daylight-saving
// changes), plus a catch-up at start for an occurrence missed while the bot was down.

import cronParser from 'cron-parser';
import schedule from 'node-schedule';
import { previousWeek, weekContaining } from '../src/domain/periods.js';
import type { DigestRunResult } from '../src/slack/deps.js';
import { type DigestRunnerDeps, runWeeklyDigest } from './runner.js';

/** A missed digest older than this is not worth posting any more: the next one is about to go out. */
export const CATCH_UP_WINDOW_MS = 7 * 86_400_000;

export interface DigestScheduleOptions {
  cron: string;
  timeZone: string;
  channel: string;
}

export interface DigestSchedule {
  /** Cancels future runs; resolves once a run already in progress has finished. */
  stop(): Promise<void>;
  /** Posts the most recent occurrence now if it was missed (within a week); null when nothing was owed. */
  catchUp(): Promise<DigestRunResult | null>;
  /** The next scheduled instant, or null once stopped. */
  nextRunAt(): number | null;
}

export interface DigestScheduleDeps extends DigestRunnerDeps {
  /** Lets the composition root count a run as in flight, so shutdown waits for it. */
  track?: <T>(work: Promise<T>) => Promise<T>;
}

/** The ledger key of the digest due at `occurrence`: the ISO week it reports on, the full week before. */
export function buildDigestPeriodKey(occurrence: number, timeZone: string): string {
  return previousWeek(weekContaining(occurrence, timeZone), timeZone).key;
}

/** The latest occurrence before now, if it is under a week old and its week is not in the ledger yet. */
export function findMissedOccurrence(deps: DigestRunnerDeps, options: DigestScheduleOptions): number | null {
  const now = deps.clock();
  const { cron, timeZone, channel } = options;
  const occurrence = cronParser
    .parseExpression(cron, { currentDate: new Date(now), tz: timeZone })
    .prev()
    .getTime();
  if (now - occurrence > CATCH_UP_WINDOW_MS) return null;
  return deps.services.ledger.isPosted(buildDigestPeriodKey(occurrence, timeZone), channel) ? null : occurrence;
}

export function scheduleDigests(deps: DigestScheduleDeps, options: DigestScheduleOptions): DigestSchedule {
  const { cron, timeZone, channel } = options;
  const running = new Set<Promise<unknown>>();
  const log = deps.log.child({ component: 'digest-schedule' });

  const run = (occurrence: number): Promise<DigestRunResult> => {
    const work = runWeeklyDigest(deps, { mode: 'scheduled', channel, now: occurrence }).catch(
      (error: unknown): DigestRunResult => {
        log.error('Scheduled digest crashed', { error, channel });
        return { posted: false, reason: error instanceof Error ? error.message : String(error) };
      },
    );
    const tracked = deps.track === undefined ? work : deps.track(work);
    running.add(tracked);
    void tracked.finally(() => running.delete(tracked));
    return tracked;
  };

  // The fire date node-schedule hands over is the occurrence itself, so a run woken a little late still reports
  // the same week.
  const job = schedule.scheduleJob({ rule: cron, tz: timeZone }, (fireDate) => {
    void run(fireDate.getTime());
  });
  if (job === null) throw new Error(`DIGEST_CRON "${cron}" never fires`);
  log.info('Digest scheduled', { cron, timeZone, channel, next: job.nextInvocation()?.toISOString() ?? null });

  return {
    async stop() {
      job.cancel();
      await Promise.allSettled([...running]);
    },
    async catchUp() {
      const occurrence = findMissedOccurrence(deps, options);
      if (occurrence === null) return null;
      log.info('Catching up a missed digest', { occurrence: new Date(occurrence).toISOString(), channel });
      return run(occurrence);
    },
    nextRunAt: () => job.nextInvocation()?.getTime() ?? null,
  };
}
