// How a workspace's workers stop: the schedules within the digest's deadline, the Notion sync with a last push; and
// the timer that asks the job queue for a workspace's Notion pulls.

import type { LeakAlertSchedule } from '../digests/alert-schedule.js';
import type { DigestSchedule } from '../digests/index.js';
import type { NotionSync } from './notion/index.js';

/** The Monday digest and the hourly leak check stop together, within the digest's stop deadline. */
export function buildSchedulesStop(digests: DigestSchedule | null, alerts: LeakAlertSchedule | null) {
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
export function buildNotionStop(notion: NotionSync | null, finalPush: boolean) {
  if (notion === null) return null;
  return {
    async stop() {
      await notion.stop();
      if (finalPush) await notion.pushNow();
    },
  };
}

/** Asks for a pull once per poll interval, the first at once; stopped with the workspace. */
export function startPullRequests(queue: { requestPull(pollMs: number): void }, pollMs: number) {
  queue.requestPull(pollMs);
  const timer = setInterval(() => queue.requestPull(pollMs), pollMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
    },
  };
}
