// How a workspace's workers stop: the schedules within the digest's deadline, the Notion sync with a last push; and
// the timer that asks the job queue for a workspace's Notion pulls.

import type { LeakAlertSchedule } from '../digests/alert-schedule.js';
import type { DigestSchedule } from '../digests/index.js';
import type { NotionSync } from './notion/index.js';
import { NOTION_STOP_DEADLINE_MS } from './slack/shutdown.js';

/**
 * How long a workspace closing while its Notion still starts waits for that start (distribution mode), so what waited
 * in its outbox gets its last push as on any close (about 3 s at Notion's pace). Past it the start is cut short and
 * what waited goes out when the workspace opens again.
 */
export const NOTION_START_GRACE_MS = NOTION_STOP_DEADLINE_MS;

/** Such a close's Notion step: the start's grace, then the last push's usual deadline. */
export const NOTION_START_STOP_DEADLINE_MS = NOTION_START_GRACE_MS + NOTION_STOP_DEADLINE_MS;

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

/**
 * A Notion start that ended while its workspace was closing: that sync was never started, and only pushes what waited
 * in the outbox once (with several instances, asks the job queue for that push: it opens the workspace again for it).
 */
export function buildNotionStartStop(closing: Promise<NotionSync | null> | null, finalPush: boolean) {
  if (closing === null) return null;
  return {
    async stop() {
      const sync = await closing;
      if (sync === null) return;
      if (finalPush) await sync.pushNow();
      else sync.nudge();
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
