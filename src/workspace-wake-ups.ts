// Distribution mode: the digest and the hourly leak check of every installed workspace, open or not. A closed
// workspace costs one entry in a list, not a store: when a digest or a check comes due, each installed workspace is
// opened in turn (through the registry, so at most WORKSPACE_CACHE_SIZE at once), its runtime catches up the digest
// it owes or runs its check, and the LRU may close it again. The digest ledger in each workspace's store makes a
// digest post exactly once, whether its own schedule, this wake-up or a restart's catch-up ran it first.

import schedule from 'node-schedule';
import { ALERT_CRON } from '../digests/alert-schedule.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { Installations, WorkspaceConfigSource, WorkspaceRegistry } from './workspace-registry.js';

export interface WorkspaceWakeUps {
  start(): void;
  /** Every installed workspace with a digest channel catches up the digest it owes (a missed or due week). */
  digests(): Promise<void>;
  /** Every installed workspace with a digest channel runs its leak check. */
  leakChecks(): Promise<void>;
  stop(): void;
}

export interface WakeUpParts {
  registry: WorkspaceRegistry;
  installations: Installations;
  env: Config;
  configFor: WorkspaceConfigSource;
  log: Logger;
}

export function scheduleWorkspaceWakeUps(parts: WakeUpParts): WorkspaceWakeUps {
  const { registry, installations, env, configFor } = parts;
  const log = parts.log.child({ component: 'wake-ups' });
  const jobs: schedule.Job[] = [];
  // One sweep of each kind at a time: a sweep due while the last still runs is skipped, the next one covers it.
  const running = new Map<string, Promise<void>>();

  const sweep = (kind: 'digest' | 'leak check', run: Parameters<WorkspaceRegistry['use']>[1]) => {
    const current = running.get(kind);
    if (current !== undefined) return current;
    const work = (async () => {
      for (const key of await installations.installedKeys()) {
        if (configFor(key, env).digest.channel === undefined) continue;
        // One workspace at a time: a fan-out opens no more workspaces than one request would.
        await registry
          .use(key, run)
          .catch((error: unknown) => log.error(`A workspace's ${kind} failed`, { error, workspace: key }));
      }
    })().finally(() => running.delete(kind));
    running.set(kind, work);
    return work;
  };

  const wakeUps: WorkspaceWakeUps = {
    digests: () => sweep('digest', (runtime) => runtime.catchUpDigest()),
    leakChecks: () => sweep('leak check', (runtime) => runtime.checkLeaksNow()),
    start() {
      const { cron, timeZone } = env.digest;
      const digestJob = schedule.scheduleJob({ rule: cron, tz: timeZone }, () => void wakeUps.digests());
      const checkJob = schedule.scheduleJob({ rule: ALERT_CRON, tz: timeZone }, () => void wakeUps.leakChecks());
      for (const job of [digestJob, checkJob]) if (job !== null) jobs.push(job);
      // What came due while no process ran is caught up at start, beside the first requests.
      void wakeUps.digests();
    },
    stop() {
      for (const job of jobs.splice(0)) job.cancel();
    },
  };
  return wakeUps;
}
