// When the leak check runs: at the top of every hour in DIGEST_TZ, once at start, and a few minutes after a check
// whose post Slack refused (then hourly again). Checks never overlap: one due while another runs joins it. While the
// first import from Notion runs, checks judge nothing; the import's end starts one.

import schedule from 'node-schedule';
import type { NotionSyncHandle } from '../src/slack/deps.js';
import { type AlertCheckDeps, type AlertCheckResult, runLeakAlertCheck, type UnsavedPosts } from './alert-runner.js';

/** Every hour, on the hour (read in DIGEST_TZ, which matters only in zones with half-hour offsets). */
export const ALERT_CRON = '0 * * * *';

/** Waits before the quick retries of a check whose post failed; the hourly check carries on after them. */
export const ALERT_RETRY_AFTER_FAILURE_MS = [60_000, 5 * 60_000, 15 * 60_000] as const;

export interface LeakAlertScheduleDeps extends AlertCheckDeps {
  notion?: Pick<NotionSyncHandle, 'firstImport' | 'whenImported'> | null;
}

export interface LeakAlertSchedule {
  /** Runs a check now, or answers with the one already running. */
  checkNow(): Promise<AlertCheckResult>;
  /** The next hourly check, or null once stopped. */
  nextRunAt(): number | null;
  /** Cancels future checks; resolves once a check in progress has finished. */
  stop(): Promise<void>;
}

const STOPPED: AlertCheckResult = { checked: false, posted: [], reason: 'the bot is stopping' };

export function scheduleLeakAlerts(
  deps: LeakAlertScheduleDeps,
  options: { channel: string; timeZone: string },
): LeakAlertSchedule {
  const { channel, timeZone } = options;
  const log = deps.log.child({ component: 'leak-alerts' });
  const unsaved: UnsavedPosts = new Map();
  let running: Promise<AlertCheckResult> | null = null;
  let retry: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = false;

  const planRetry = (result: AlertCheckResult) => {
    if (result.retryable !== true) {
      failures = 0;
      return;
    }
    const delay = ALERT_RETRY_AFTER_FAILURE_MS[failures];
    failures += 1;
    if (stopped || delay === undefined || retry !== null) return;
    log.info('The leak check will be tried again', { reason: result.reason, inMs: delay, channel });
    retry = setTimeout(() => {
      retry = null;
      void check();
    }, delay);
  };

  const check = (): Promise<AlertCheckResult> => {
    if (stopped) return Promise.resolve(STOPPED);
    if (running !== null) return running;
    const work = runLeakAlertCheck(deps, channel, unsaved).catch((error: unknown): AlertCheckResult => {
      log.error('The leak check failed', { error, channel });
      return {
        checked: false,
        posted: [],
        reason: error instanceof Error ? error.message : String(error),
        retryable: true,
      };
    });
    running = work;
    void work.then((result) => {
      running = null;
      planRetry(result);
    });
    return work;
  };

  const job = schedule.scheduleJob({ rule: ALERT_CRON, tz: timeZone }, () => {
    void check();
  });
  if (job === null) throw new Error(`the leak check's rule "${ALERT_CRON}" never fires`);
  if (deps.notion && !deps.notion.firstImport().done) {
    log.info('Leak alerts wait for the first import from Notion', { channel });
    void deps.notion.whenImported().then(() => check());
  }
  log.info('Leak alerts scheduled', { channel, timeZone, next: job.nextInvocation()?.toISOString() ?? null });

  return {
    checkNow: check,
    nextRunAt: () => (stopped ? null : (job.nextInvocation()?.getTime() ?? null)),
    async stop() {
      stopped = true;
      job.cancel();
      if (retry !== null) clearTimeout(retry);
      retry = null;
      await running;
    },
  };
}
