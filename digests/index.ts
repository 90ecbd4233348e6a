// When the Monday digest goes out: a cron rule read in DIGEST_TZ (so 09:00 stays 09:00 local across daylight-saving
// changes), plus a catch-up at start for an occurrence missed while the bot was down. Every run waits for the first
// import from Notion, and a run that could not post is tried again later rather than next Monday.

import cronParser from 'cron-parser';
import schedule from 'node-schedule';
import { previousWeek, weekContaining } from '../src/domain/periods.js';
import type { DigestRunResult } from '../src/slack/deps.js';
import { type DigestRunnerDeps, runWeeklyDigest } from './runner.js';

/** A missed digest older than this is not worth posting any more: the next one is about to go out. */
export const CATCH_UP_WINDOW_MS = 7 * 86_400_000;

/** Waits before each retry of a run that failed (Slack down, a timeout): about an hour and a half in all. */
export const RETRY_AFTER_FAILURE_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000] as const;

/** A retry after another run's claim lapses comes this long after the lapse, so the claim is surely stale. */
const AFTER_CLAIM_LAPSES_MS = 1_000;

export interface DigestScheduleOptions {
  cron: string;
  timeZone: string;
  channel: string;
}

export interface DigestSchedule {
  /** Cancels future runs and retries; resolves once a run already in progress has finished. */
  stop(): Promise<void>;
  /** Posts the most recent occurrence now if it was missed (within a week); null when nothing was owed. */
  catchUp(): Promise<DigestRunResult | null>;
  /** The next scheduled instant, or null once stopped. */
  nextRunAt(): number | null;
}

/** stop() waits for the runs in flight (runShutdown bounds that wait), so no other tracking is needed. */
export type DigestScheduleDeps = DigestRunnerDeps;

/** The ledger key of the digest due at `occurrence`: the ISO week it reports on, the full week before. */
export function buildDigestPeriodKey(occurrence: number, timeZone: string): string {
  return previousWeek(weekContaining(occurrence, timeZone), timeZone).key;
}

/** The first occurrence of `cron` in `timeZone` strictly after `after`; null for a rule that never fires. */
export function nextOccurrence(cron: string, timeZone: string, after: number): number | null {
  try {
    return cronParser
      .parseExpression(cron, { currentDate: new Date(after), tz: timeZone })
      .next()
      .getTime();
  } catch {
    return null;
  }
}

/**
 * The last occurrence at or before `now`, or null. cron-parser's prev() is strictly before its start, so it starts a
 * millisecond later: an occurrence falling exactly now (a timer firing on the dot) is the one owed, not the one before.
 */
export function latestOccurrence(cron: string, timeZone: string, now: number): number | null {
  try {
    return cronParser
      .parseExpression(cron, { currentDate: new Date(now + 1), tz: timeZone })
      .prev()
      .getTime();
  } catch {
    return null;
  }
}

/** The latest occurrence up to now, if it is under a week old and its week is not in the ledger yet. */
export function findMissedOccurrence(deps: DigestRunnerDeps, options: DigestScheduleOptions): number | null {
  const now = deps.clock();
  const { cron, timeZone, channel } = options;
  const occurrence = latestOccurrence(cron, timeZone, now);
  if (occurrence === null || now - occurrence > CATCH_UP_WINDOW_MS) return null;
  return deps.services.ledger.isPosted(buildDigestPeriodKey(occurrence, timeZone), channel) ? null : occurrence;
}

/** When to try a run again, or null: after another run's claim lapses, or after a failure that may pass. */
export function planRetry(result: DigestRunResult, failures: number, now: number): number | null {
  if (result.retryAt !== undefined) return Math.max(0, result.retryAt - now) + AFTER_CLAIM_LAPSES_MS;
  if (result.retryable === true) return RETRY_AFTER_FAILURE_MS[failures] ?? null;
  return null;
}

const STOPPED: DigestRunResult = {
  posted: false,
  reason: 'the bot stopped before the first import from Notion finished',
};

/** Waits until the first import from Notion has finished; answers why not to run when it cannot (null: run). */
export async function waitForFirstImport(
  deps: DigestScheduleDeps,
  occurrence: number,
  stopSignal: Promise<DigestRunResult>,
): Promise<DigestRunResult | null> {
  if (deps.notion === undefined || deps.notion === null || deps.notion.firstImport().done) return null;
  const at = new Date(occurrence).toISOString();
  deps.log.info('The digest waits for the first import from Notion', { component: 'digest-schedule', occurrence: at });
  const stopped = await Promise.race([deps.notion.whenImported().then(() => null), stopSignal]);
  if (stopped !== null) return stopped;
  if (deps.clock() - occurrence <= CATCH_UP_WINDOW_MS) return null;
  return { posted: false, reason: 'the first import took longer than a week: the next digest covers it' };
}

export function scheduleDigests(deps: DigestScheduleDeps, options: DigestScheduleOptions): DigestSchedule {
  const { cron, timeZone, channel } = options;
  const running = new Set<Promise<unknown>>();
  const retries = new Set<NodeJS.Timeout>();
  const log = deps.log.child({ component: 'digest-schedule' });
  let stopped = false;
  let wakeOnStop = () => {};
  const stopSignal = new Promise<typeof STOPPED>((resolve) => {
    wakeOnStop = () => resolve(STOPPED);
  });

  const attempt = async (occurrence: number): Promise<DigestRunResult> => {
    const notReady = await waitForFirstImport(deps, occurrence, stopSignal);
    return notReady ?? runWeeklyDigest(deps, { mode: 'scheduled', channel, now: occurrence });
  };

  const run = (occurrence: number, failures = 0): Promise<DigestRunResult> => {
    const work = attempt(occurrence).catch((error: unknown): DigestRunResult => {
      log.error('Scheduled digest crashed', { error, channel });
      return { posted: false, reason: error instanceof Error ? error.message : String(error), retryable: true };
    });
    running.add(work);
    void work.finally(() => running.delete(work));
    void work.then((result) => retryLater(occurrence, result, failures));
    return work;
  };

  const retryLater = (occurrence: number, result: DigestRunResult, failures: number) => {
    const now = deps.clock();
    const delay = planRetry(result, failures, now);
    if (stopped || delay === null || now + delay - occurrence > CATCH_UP_WINDOW_MS) return;
    const nextFailures = result.retryAt === undefined ? failures + 1 : failures;
    log.info('The digest will be tried again', { reason: result.reason, inMs: delay, channel });
    const timer = setTimeout(() => {
      retries.delete(timer);
      void run(occurrence, nextFailures);
    }, delay);
    retries.add(timer);
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
      stopped = true;
      job.cancel();
      for (const timer of retries) clearTimeout(timer);
      retries.clear();
      wakeOnStop();
      await Promise.allSettled([...running]);
    },
    async catchUp() {
      const occurrence = findMissedOccurrence(deps, options);
      if (occurrence === null) return null;
      log.info('Catching up a missed digest', { occurrence: new Date(occurrence).toISOString(), channel });
      return run(occurrence);
    },
    nextRunAt: () => (stopped ? null : (job.nextInvocation()?.getTime() ?? null)),
  };
}
