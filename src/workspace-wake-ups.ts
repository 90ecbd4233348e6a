// Distribution mode: the digest and the hourly leak check of every installed workspace, open or not, each at its own
// schedule in its own time zone. A closed workspace costs one row in the directory's schedule table
// (workspace-schedules.ts), not a store: a ticker reads the rows that came due each minute (and at start, what came
// due while no process ran) and hands only those workspaces to the dispatch. On SQLite each is opened in turn (through
// the registry, so at most WORKSPACE_CACHE_SIZE at once) and its runtime catches up the digest it owes or runs its
// check; on Postgres a job is asked for it, which whichever instance takes it runs (workspace-jobs.ts). The digest
// ledger in each workspace's store makes a digest post exactly once, whether its own schedule, a wake-up or a
// restart's catch-up ran it first.

import schedule from 'node-schedule';
import { latestOccurrence } from '../digests/index.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { JobGate } from './workspace-job-gate.js';
import type { WorkspaceJobs } from './workspace-jobs.js';
import type { Installations, WorkspaceConfigSource, WorkspaceRegistry } from './workspace-registry.js';
import type { DueKind, ScheduleRow, WorkspaceSchedules } from './workspace-schedules.js';

export interface WorkspaceWakeUps {
  start(): void;
  /** Every installed workspace whose own digest came due since the last sweep gets the digest it owes. */
  digests(): Promise<void>;
  /** Every installed workspace whose own hourly leak check came due since the last sweep gets it. */
  leakChecks(): Promise<void>;
  stop(): void;
}

/** What a wake-up does for one workspace. */
export interface WakeUpDispatch {
  digest(key: string, schedule: ScheduleRow): Promise<unknown>;
  leakCheck(key: string, schedule: ScheduleRow): Promise<unknown>;
}

export interface WakeUpParts {
  installations: Installations;
  env: Config;
  /** A workspace's settings read from its store: only for an installed workspace that has no schedule row yet. */
  configFor: WorkspaceConfigSource;
  schedules: WorkspaceSchedules;
  dispatch: WakeUpDispatch;
  clock: () => number;
  log: Logger;
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
    async digest(key, schedule) {
      const { cron, timeZone } = schedule;
      // The latest occurrence, counting one that falls on this very instant (a sweep on the minute it came due).
      const occurrence = latestOccurrence(cron, timeZone, clock());
      return occurrence === null ? false : jobs()?.requestDigest(key, occurrence, timeZone);
    },
    leakCheck: async (key) => jobs()?.requestLeakCheck(key, clock()),
  };
}

const DISPATCHED: Record<DueKind, keyof WakeUpDispatch> = { digest: 'digest', check: 'leakCheck' };

/** Sweeps a minute apart: cron rules name minutes, so each occurrence is handed out within a minute of its time. */
const TICK_RULE = '* * * * *';

export function scheduleWorkspaceWakeUps(parts: WakeUpParts): WorkspaceWakeUps {
  const { installations, env, configFor, schedules, dispatch, clock } = parts;
  const log = parts.log.child({ component: 'wake-ups' });
  let ticker: schedule.Job | null = null;
  // One sweep of each kind at a time: a sweep due while the last still runs joins it.
  const running = new Map<DueKind, Promise<void>>();

  // A workspace installed but never opened since (or before this table existed) gets its row from its stored
  // settings, once; its digest is then owed if its last occurrence is under a week old and not in its ledger.
  const addMissingRows = (installed: ReadonlySet<string>) => {
    const known = new Set(schedules.keys());
    for (const key of installed) {
      if (known.has(key)) continue;
      try {
        schedules.record(key, configFor(key, env), { catchUp: true });
      } catch (error) {
        log.error("A workspace's schedule could not be read", { error, workspace: key });
      }
    }
  };

  const sweep = (kind: DueKind) => {
    const current = running.get(kind);
    if (current !== undefined) return current;
    const work = (async () => {
      const now = clock();
      const installed = new Set(await installations.installedKeys());
      addMissingRows(installed);
      // Every due workspace is handed out at once: how many run at once is the dispatch's bound (the job gate on
      // SQLite, the job queue's workers on Postgres), not the sweep's.
      const due = schedules.due(kind, now).filter((row) => installed.has(row.key));
      const runs = due.map((row) =>
        dispatch[DISPATCHED[kind]](row.key, row)
          .then(
            () => undefined,
            (error: unknown) => log.error(`A workspace's ${kind} failed`, { error, workspace: row.key }),
          )
          // Moved on once handed out, so a crash before this hands it out again at the next start.
          .then(() => schedules.advance(kind, row, now)),
      );
      await Promise.all(runs);
    })().finally(() => running.delete(kind));
    running.set(kind, work);
    return work;
  };

  const wakeUps: WorkspaceWakeUps = {
    digests: () => sweep('digest'),
    leakChecks: () => sweep('check'),
    start() {
      const tick = () => {
        for (const work of [wakeUps.digests(), wakeUps.leakChecks()]) {
          void work.catch((error: unknown) => log.error('A wake-up sweep failed', { error }));
        }
      };
      ticker = schedule.scheduleJob(TICK_RULE, tick);
      // What came due while no process ran is caught up at start, beside the first requests.
      tick();
    },
    stop() {
      ticker?.cancel();
      ticker = null;
    },
  };
  return wakeUps;
}
