// Distribution mode: when each workspace's digest and leak check come due, kept in the directory store (migration 16)
// so the wake-ups read one table, not every workspace's store. A row is written when a workspace opens and when its
// managers save settings; its instants move only when the schedule itself changes, or when the wake-ups have handed
// the workspace the run that came due. What came due while no process ran is still due at the next start.

import { ALERT_CRON } from '../digests/alert-schedule.js';
import { CATCH_UP_WINDOW_MS, latestOccurrence, nextOccurrence } from '../digests/index.js';
import type { Config } from './config.js';
import type { Logger } from './log.js';
import type { Store } from './store/open-store.js';
import { type DueKind, type ScheduleRow, ScheduleRows, type ScheduleSettings } from './store/schedule-rows.js';

export type { DueKind, ScheduleRow } from './store/schedule-rows.js';

export interface WorkspaceSchedules {
  /**
   * Stores what a workspace's settings say about its schedule. A new row's digest is due at the next occurrence, or,
   * with `catchUp`, at the last one when it is under a week old (the digest ledger then says whether it is owed).
   */
  record(key: string, config: Config, options?: { catchUp?: boolean }): void;
  /** record() with the event loop free while the row is read and written (what an open calls). */
  recordAsync(key: string, config: Config): Promise<void>;
  /** The workspaces that have a row. */
  keys(): string[];
  /** The rows whose digest (or leak check) came due by `now`. */
  due(kind: DueKind, now: number): ScheduleRow[];
  /** After the run of a due row was handed out: its next instant is the next occurrence after `now`. */
  advance(kind: DueKind, row: ScheduleRow, now: number): void;
  /** Forgets a workspace whose data is deleted. */
  forget(key: string): void;
}

export function readScheduleSettings(config: Config): ScheduleSettings {
  const { channel, cron, timeZone } = config.digest;
  return { hasChannel: channel !== undefined, cron, timeZone };
}

const sameSchedule = (a: ScheduleSettings, b: ScheduleSettings) =>
  a.hasChannel === b.hasChannel && a.cron === b.cron && a.timeZone === b.timeZone;

/** The instants a new (or changed) schedule starts from. */
function planSchedule(key: string, settings: ScheduleSettings, now: number, catchUp: boolean): ScheduleRow {
  if (!settings.hasChannel) return { key, ...settings, nextDigestAt: null, nextCheckAt: null };
  const { cron, timeZone } = settings;
  const latest = catchUp ? latestOccurrence(cron, timeZone, now) : null;
  const owed = latest !== null && now - latest <= CATCH_UP_WINDOW_MS ? latest : null;
  return {
    key,
    ...settings,
    nextDigestAt: owed ?? nextOccurrence(cron, timeZone, now),
    nextCheckAt: nextOccurrence(ALERT_CRON, timeZone, now),
  };
}

export function createWorkspaceSchedules(directory: Store, clock: () => number, log: Logger): WorkspaceSchedules {
  const rows = new ScheduleRows(directory);
  /** The row to store for these settings, with the time; null when the stored one already says the same. */
  const plan = (key: string, config: Config, stored: ScheduleRow | undefined, catchUp: boolean) => {
    const settings = readScheduleSettings(config);
    if (stored !== undefined && sameSchedule(stored, settings)) return null;
    const now = clock();
    const row = planSchedule(key, settings, now, catchUp);
    if (row.hasChannel && row.nextDigestAt === null) {
      log.warn('The digest schedule never fires: no digest is planned', { workspace: key, cron: settings.cron });
    }
    return { row, now };
  };
  return {
    record(key, config, options = {}) {
      const planned = plan(key, config, rows.get(key), options.catchUp === true);
      if (planned !== null) rows.put(planned.row, planned.now);
    },
    async recordAsync(key, config) {
      const planned = plan(key, config, await rows.getAsync(key), false);
      if (planned !== null) await rows.putAsync(planned.row, planned.now);
    },
    keys: () => rows.keys(),
    due: (kind, now) => rows.due(kind, now),
    advance(kind, row, now) {
      const from = kind === 'digest' ? row.nextDigestAt : row.nextCheckAt;
      if (from === null) return;
      const cron = kind === 'digest' ? row.cron : ALERT_CRON;
      rows.advance(kind, row.key, from, nextOccurrence(cron, row.timeZone, Math.max(now, from)));
    },
    forget: (key) => rows.delete(key),
  };
}
