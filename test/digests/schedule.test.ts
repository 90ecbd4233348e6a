// When the Monday digest goes out: 09:00 in DIGEST_TZ on both sides of a daylight-saving change, once, caught up
// after downtime, and never twice across a restart on the same data.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDigestPeriodKey, type DigestSchedule, scheduleDigests } from '../../digests/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { startTestApp } from '../helpers/app-harness.js';
import { type DigestRig, seedActiveWeek, startDigestRig } from '../helpers/digest-rig.js';

const HOUR = 3_600_000;
const MONDAY_9_PARIS = { cron: '0 9 * * 1', timeZone: 'Europe/Paris', channel: 'C0GENERAL' };

let rig: DigestRig | undefined;
let schedule: DigestSchedule | undefined;

afterEach(async () => {
  await schedule?.stop();
  await rig?.close();
  vi.useRealTimers();
  schedule = undefined;
  rig = undefined;
});

const digestPosts = (slack: FakeSlack) => slack.messages.filter((message) => message.kind === 'chat.postMessage');

/** Fake Date and timers (the schedule's), real I/O (the fake Slack's); the app's clock is the faked Date. */
async function startAt(instant: number, weekStart: number): Promise<DigestRig> {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: false });
  vi.setSystemTime(instant);
  rig = await startDigestRig({ env: { DIGEST_TZ: 'Europe/Paris' }, clock: () => Date.now() });
  seedActiveWeek(rig.services, weekStart);
  return rig;
}

async function advanceTo(instant: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(instant - Date.now());
}

// Captured before any test fakes the timers: waiting for real I/O must not move the simulated clock.
const realSetTimeout = globalThis.setTimeout;

/**
 * Lets the simulated clock reach `instant` and fire what is due there, then waits in real time, with the clock
 * standing still, until the run is recorded: the ledger then shows the very instant the run happened.
 */
async function fireAt(instant: number, rig: DigestRig, periodKey: string): Promise<void> {
  await advanceTo(instant - 1);
  vi.advanceTimersByTime(1);
  const giveUpAt = performance.now() + 20_000;
  while (!rig.services.ledger.isPosted(periodKey, 'C0GENERAL')) {
    if (performance.now() > giveUpAt) throw new Error(`no digest recorded for ${periodKey}`);
    await new Promise((resolve) => realSetTimeout(resolve, 20));
  }
}

describe('scheduleDigests', () => {
  it('posts at 09:00 Paris time on the Monday after clocks go back (08:00 UTC), exactly once', async () => {
    // Reported week Mon Oct 19 – Sun Oct 25, 2026; summer time ends Sunday Oct 25, so 09:00 CET is 08:00 UTC.
    const r = await startAt(Date.UTC(2026, 9, 19, 12), Date.UTC(2026, 9, 19, 6));
    schedule = scheduleDigests(r.deps, MONDAY_9_PARIS);
    expect(schedule.nextRunAt()).toBe(Date.UTC(2026, 9, 26, 8));

    await advanceTo(Date.UTC(2026, 9, 26, 8) - 1);
    expect(digestPosts(r.slack)).toEqual([]);
    await fireAt(Date.UTC(2026, 9, 26, 8), r, '2026-W43');
    await advanceTo(Date.UTC(2026, 9, 26, 8) + 3 * HOUR);

    expect(digestPosts(r.slack)).toHaveLength(2);
    expect(r.services.ledger.lastPosted('C0GENERAL')).toMatchObject({
      periodKey: '2026-W43',
      postedAt: Date.UTC(2026, 9, 26, 8),
    });
  });

  it('posts at 09:00 Paris time on the Monday after clocks go forward (07:00 UTC)', async () => {
    // Summer time starts Sunday Mar 29, 2026: the next Monday's 09:00 CEST is 07:00 UTC, not 08:00 as the week before.
    const r = await startAt(Date.UTC(2026, 2, 23, 12), Date.UTC(2026, 2, 23, 6));
    schedule = scheduleDigests(r.deps, MONDAY_9_PARIS);

    await advanceTo(Date.UTC(2026, 2, 30, 7) - 1);
    expect(digestPosts(r.slack)).toEqual([]);
    await fireAt(Date.UTC(2026, 2, 30, 7), r, '2026-W13');
    await advanceTo(Date.UTC(2026, 2, 30, 8) + 1);

    expect(digestPosts(r.slack)).toHaveLength(2);
    expect(r.services.ledger.lastPosted('C0GENERAL')).toMatchObject({
      periodKey: '2026-W13',
      postedAt: Date.UTC(2026, 2, 30, 7),
    });
  });

  it('catches up once after downtime: started on Tuesday with Monday missed, it posts now and only once', async () => {
    const tuesday = Date.UTC(2026, 10, 24, 10);
    rig = await startDigestRig({ clock: () => tuesday });
    seedActiveWeek(rig.services);
    schedule = scheduleDigests(rig.deps, { cron: '0 9 * * 1', timeZone: 'UTC', channel: 'C0GENERAL' });

    const first = await schedule.catchUp();
    const second = await schedule.catchUp();

    expect(first).toMatchObject({ posted: true });
    expect(second).toBeNull();
    expect(digestPosts(rig.slack)).toHaveLength(2);
    expect(rig.services.ledger.isPosted('2026-W47', 'C0GENERAL')).toBe(true);
  });

  it('catches up the week that comes due at the very millisecond it is asked, not the week before', async () => {
    // A sweep's timer firing exactly at Monday 09:00:00.000 (the minute ticker of many workspaces does).
    const due = Date.UTC(2026, 10, 23, 9);
    rig = await startDigestRig({ clock: () => due });
    seedActiveWeek(rig.services);
    schedule = scheduleDigests(rig.deps, { cron: '0 9 * * 1', timeZone: 'UTC', channel: 'C0GENERAL' });

    expect(await schedule.catchUp()).toMatchObject({ posted: true });
    expect(rig.services.ledger.isPosted('2026-W47', 'C0GENERAL')).toBe(true);
    expect(rig.services.ledger.isPosted('2026-W46', 'C0GENERAL')).toBe(false);
  });

  it('does not catch up an occurrence more than a week old', async () => {
    // A monthly digest (the 1st at 09:00) seen on the 15th: the missed one is two weeks old, the next is close.
    rig = await startDigestRig({ clock: () => Date.UTC(2026, 10, 15, 10) });
    seedActiveWeek(rig.services, Date.UTC(2026, 9, 26));
    schedule = scheduleDigests(rig.deps, { cron: '0 9 1 * *', timeZone: 'UTC', channel: 'C0GENERAL' });

    expect(await schedule.catchUp()).toBeNull();
    expect(digestPosts(rig.slack)).toEqual([]);
  });

  it('names each occurrence by the ISO week it reports on', () => {
    // Monday Nov 23, 2026 09:00 reports on Nov 16–22 (W47); Monday Jan 4, 2027 reports on Dec 28 – Jan 3 (2026-W53).
    expect(buildDigestPeriodKey(Date.UTC(2026, 10, 23, 9), 'UTC')).toBe('2026-W47');
    expect(buildDigestPeriodKey(Date.UTC(2027, 0, 4, 9), 'UTC')).toBe('2026-W53');
  });
});

describe('the app across a restart', () => {
  it('posts the missed digest at start, and a second app on the same DATA_DIR does not post it again', async () => {
    const slack = await startFakeSlack();
    const dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-restart-'));
    const tuesday = () => Date.UTC(2026, 10, 24, 10);
    const options = { mode: 'http' as const, slack, clock: tuesday, scheduleDigests: true, env: { DATA_DIR: dataDir } };
    try {
      const first = await startTestApp({ ...options, seed: (_service, services) => seedActiveWeek(services) });
      const postedByFirst = digestPosts(slack).length;
      await first.stop();
      const second = await startTestApp(options);
      await second.stop();

      expect(postedByFirst).toBe(2);
      expect(digestPosts(slack)).toHaveLength(2);
      expect(second.logs.some((line) => line.includes('Catching up'))).toBe(false);
    } finally {
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
