// Distribution mode: the digest and the hourly leak check of every installed workspace, open or not. A closed
// workspace costs one entry in a list, not a store. When a digest or a check comes due, each installed workspace is
// handed to the dispatch: on SQLite it is opened in turn (through the registry, so at most WORKSPACE_CACHE_SIZE at
// once) and its runtime catches up the digest it owes or runs its check; on Postgres a job is asked for it, which
// whichever instance takes it runs (workspace-jobs.ts). The digest ledger in each workspace's store makes a digest
// post exactly once, whether its own schedule, a wake-up or a restart's catch-up ran it first.

import cronParser from 'cron-parser';
import schedule from 'node-schedule';
import { ALERT_CRON } from '../digests/alert-schedule.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { JobGate } from './workspace-job-gate.js';
import type { WorkspaceJobs } from './workspace-jobs.js';
import type { Installations, WorkspaceConfigSource, WorkspaceRegistry } from './workspace-registry.js';

export interface WorkspaceWakeUps {
  start(): void;
  /** Every installed workspace with a digest channel gets the digest it owes (a missed or due week). */
  digests(): Promise<void>;
  /** Every installed workspace with a digest channel gets its leak check. */
  leakChecks(): Promise<void>;
  stop(): void;
}

/** What a wake-up does for one workspace. */
export interface WakeUpDispatch {
  digest(key: string, config: Config): Promise<unknown>;
  leakCheck(key: string, config: Config): Promise<unknown>;
}

export interface WakeUpParts {
  installations: Installations;
  env: Config;
  configFor: WorkspaceConfigSource;
  dispatch: WakeUpDispatch;
  log: Logger;
  /** How many workspaces a sweep hands to the dispatch at once (WORKSPACE_JOB_CONCURRENCY); one when unset. */
  concurrency?: number;
}

/** SQLite: the workspace is opened here and runs its own catch-up or check, within the process's job bound. */
export function buildLocalDispatch(registry: WorkspaceRegistry, gate: JobGate): WakeUpDispatch {
  return {
    digest: (key) => gate.run(key, () => registry.use(key, (runtime) => runtime.catchUpDigest())),
    leakCheck: (key) => gate.run(key, () => registry.use(key, (runtime) => runtime.checkLeaksNow())),
  };
}

/** Postgres: a job per workspace and period, run once by whichever instance takes it. */
export function buildQueueDispatch(jobs: () => WorkspaceJobs | null, clock: () => number): WakeUpDispatch {
  return {
    async digest(key, config) {
      const { cron, timeZone } = config.digest;
      const now = clock();
      const occurrence = cronParser.parseExpression(cron, { currentDate: new Date(now), tz: timeZone }).prev();
      return jobs()?.requestDigest(key, occurrence.getTime(), timeZone);
    },
    leakCheck: async (key) => jobs()?.requestLeakCheck(key, clock()),
  };
}

export function scheduleWorkspaceWakeUps(parts: WakeUpParts): WorkspaceWakeUps {
  const { installations, env, configFor, dispatch } = parts;
  const log = parts.log.child({ component: 'wake-ups' });
  const jobs: schedule.Job[] = [];
  // One sweep of each kind at a time: a sweep due while the last still runs joins it.
  const running = new Map<string, Promise<void>>();

  const sweep = (kind: 'digest' | 'leakCheck') => {
    const current = running.get(kind);
    if (current !== undefined) return current;
    const work = (async () => {
      // A few workspaces at a time (most of a digest waits on Slack): the fan-out opens no more workspaces than that.
      const runs = new Set<Promise<void>>();
      for (const key of await installations.installedKeys()) {
        const config = configFor(key, env);
        if (config.digest.channel === undefined) continue;
        const run: Promise<void> = dispatch[kind](key, config)
          .then(() => undefined)
          .catch((error: unknown) => log.error(`A workspace's ${kind} failed`, { error, workspace: key }))
          .finally(() => runs.delete(run));
        runs.add(run);
        while (runs.size >= (parts.concurrency ?? 1)) await Promise.race(runs);
      }
      await Promise.all(runs);
    })().finally(() => running.delete(kind));
    running.set(kind, work);
    return work;
  };

  const wakeUps: WorkspaceWakeUps = {
    digests: () => sweep('digest'),
    leakChecks: () => sweep('leakCheck'),
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
