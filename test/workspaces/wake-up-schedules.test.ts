// Which workspaces the wake-ups hand out, and when, read from the directory's schedule table (a real SQLite store):
// each at its own cron in its own time zone, the hourly leak check on its own zone's hour, what came due while no
// process ran handed out at the next start, uninstalled workspaces and those without a channel never.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { openStore, type Store } from '../../src/store/open-store.js';
import { createWorkspaceSchedules } from '../../src/workspace-schedules.js';
import { scheduleWorkspaceWakeUps, type WakeUpDispatch } from '../../src/workspace-wake-ups.js';
import { buildTestInstallations } from '../helpers/workspaces-harness.js';

const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour, minute);
const env = parseConfig({ DIGEST_CHANNEL: 'C0GENERAL', DIGEST_TZ: 'UTC' }, 'offline');

// Each workspace's settings as its store would give them.
const SETTINGS: Record<string, { channel?: string; cron: string; timeZone: string }> = {
  T0INDIA: { channel: 'C0SALES', cron: '0 9 * * 1', timeZone: 'Asia/Kolkata' },
  T0NYC: { channel: 'C0SALES', cron: '0 8 * * 1', timeZone: 'America/New_York' },
  T0QUIET: { cron: '0 9 * * 1', timeZone: 'UTC' },
};

let dir: string | undefined;
let directory: Store | undefined;

afterEach(() => {
  directory?.close();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  directory = undefined;
  dir = undefined;
});

function startWakeUps(store: Store, now: () => number, installed: readonly string[]) {
  const handedOut: string[] = [];
  const record = (kind: string) => async (key: string) => void handedOut.push(`${kind} ${key}`);
  const dispatch: WakeUpDispatch = { digest: record('digest'), leakCheck: record('check') };
  const { logger } = createMemoryLogger('warn');
  const configFor = (key: string) => {
    const { channel, cron, timeZone } = SETTINGS[key]!;
    return { ...env, digest: { channel, cron, timeZone } };
  };
  const installations = buildTestInstallations(new Map(), installed);
  const schedules = createWorkspaceSchedules(store, now, logger);
  const wakeUps = scheduleWorkspaceWakeUps({
    installations,
    env,
    configFor,
    schedules,
    dispatch,
    clock: now,
    log: logger,
  });
  const sweep = async () => {
    handedOut.length = 0;
    await wakeUps.digests();
    await wakeUps.leakChecks();
    return [...handedOut].sort();
  };
  return { sweep, schedules, installations };
}

describe('the wake-ups read the schedule table', () => {
  it('hands out each workspace at its own time, its leak check on its own hour, and catches up after a restart', async () => {
    dir = mkdtempSync(join(tmpdir(), 'roi-runway-schedules-'));
    directory = openStore({ file: join(dir, 'directory.db') });
    let now = at(18, 12);
    const first = startWakeUps(directory, () => now, Object.keys(SETTINGS));
    // The first sweep writes the rows of workspaces never opened (an upgrade, an install not used yet): the last
    // Monday's digest is handed out, and each workspace's ledger says whether it is owed. No quiet workspace.
    expect(await first.sweep()).toEqual(['digest T0INDIA', 'digest T0NYC']);
    expect(await first.sweep()).toEqual([]);
    // 12:31 UTC is the top of the hour in India (UTC+5:30); New York's hour starts at 13:00 UTC.
    now = at(18, 12, 31);
    expect(await first.sweep()).toEqual(['check T0INDIA']);
    now = at(18, 13, 1);
    expect(await first.sweep()).toEqual(['check T0NYC']);
    expect(await first.sweep()).toEqual([]);

    // Monday 09:00 in India is 03:30 UTC; 08:00 in New York is 13:00 UTC. The process is down from Sunday to 14:00.
    now = at(23, 14);
    const restarted = startWakeUps(directory, () => now, Object.keys(SETTINGS));
    expect(await restarted.sweep()).toEqual(['check T0INDIA', 'check T0NYC', 'digest T0INDIA', 'digest T0NYC']);
    expect(await restarted.sweep()).toEqual([]);
    // Uninstalled: its time comes and goes without it.
    restarted.installations.uninstall('T0NYC');
    now = at(30, 13, 1);
    expect(await restarted.sweep()).toEqual(['check T0INDIA', 'digest T0INDIA']);
  });
});
