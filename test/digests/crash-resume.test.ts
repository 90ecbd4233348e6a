// A digest interrupted half-way — the process dies while Slack holds a post, or the ledger cannot be written after the
// messages went out — ends with exactly one of each message in the channel: the next run resumes after what Slack
// already accepted, and a run that found the week claimed tries again when the claim lapses, not next Monday.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DigestSchedule, scheduleDigests } from '../../digests/index.js';
import { runWeeklyDigest } from '../../digests/runner.js';
import { buildRuntime, type Runtime } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { STALE_CLAIM_MS } from '../../src/store/index.js';
import { buildSilentSlackLogger, type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { buildTestEnv } from '../helpers/app-harness.js';
import { DIGEST_NOW, type DigestRig, REPORTED_WEEK, seedActiveWeek, startDigestRig } from '../helpers/digest-rig.js';

const MINUTE = 60_000;
/** A minute after Monday's 09:00 digest was due: the catch-up at start owes it. */
const JUST_AFTER = DIGEST_NOW + MINUTE;
const UTC_MONDAY_9 = { cron: '0 9 * * 1', timeZone: 'UTC', channel: 'C0GENERAL' };
// Captured before any test fakes the timers: waiting for real I/O must not move the simulated clock.
const realSetTimeout = globalThis.setTimeout;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'roi-runway-crash-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startSlack(): Promise<FakeSlack> {
  const slack = await startFakeSlack({ rateLimits: {} });
  cleanups.push(() => slack.close());
  return slack;
}

async function waitInRealTime(condition: () => boolean, what: string): Promise<void> {
  const giveUpAt = performance.now() + 20_000;
  while (!condition()) {
    if (performance.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => realSetTimeout(resolve, 20));
  }
}

const posts = (slack: FakeSlack) => slack.messages.filter((message) => message.kind === 'chat.postMessage');
const fileShares = (slack: FakeSlack) => slack.messages.filter((message) => message.kind === 'file_share');
const hungPost = (slack: FakeSlack) =>
  slack.calls.some((call) => call.method === 'chat.postMessage' && call.status === 0);

/** One of each: the ROI digest and the funnel-leak digest, each with its own one share of charts. */
function expectOneOfEach(slack: FakeSlack): void {
  expect(posts(slack).map((message) => message.text?.split('\n')[0])).toEqual([
    '*ROI Runway — week of Nov 16*',
    '*Funnel leaks — week of Nov 16*',
  ]);
  expect(fileShares(slack)).toHaveLength(2);
}

describe('a digest interrupted half-way', () => {
  it('is resumed once the dead run’s claim lapses, by a retry set when the restart found the week claimed', async () => {
    const slack = await startSlack();
    const dataDir = tempDataDir();
    // The first process posts the ROI digest; Slack takes the funnel-leak post and never answers, and the process dies.
    slack.failNext('chat.postMessage', 'pass');
    slack.failNext('chat.postMessage', 'hang');
    const first = await startDigestRig({ slack, dataDir, clock: () => JUST_AFTER });
    seedActiveWeek(first.services);
    const firstSchedule = scheduleDigests(first.deps, UTC_MONDAY_9);
    void firstSchedule.catchUp();
    await waitInRealTime(() => hungPost(slack), 'the funnel-leak post to hang');
    void firstSchedule.stop();
    await first.close();

    // Restarted five minutes later: the week is still claimed by the dead run.
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: false });
    vi.setSystemTime(JUST_AFTER + 5 * MINUTE);
    const second = await startDigestRig({ slack, dataDir, clock: () => Date.now() });
    cleanups.push(() => second.close());
    const schedule = scheduleDigests(second.deps, UTC_MONDAY_9);
    cleanups.push(() => schedule.stop());

    const caughtUp = await schedule.catchUp();
    expect(caughtUp).toMatchObject({ posted: false, retryAt: JUST_AFTER + STALE_CLAIM_MS });
    expect(posts(slack)).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(10 * MINUTE - 1);
    expect(posts(slack)).toHaveLength(1);
    vi.advanceTimersByTime(1_001);
    await waitInRealTime(() => second.services.ledger.isPosted(REPORTED_WEEK, 'C0GENERAL'), 'the resumed digest');

    expectOneOfEach(slack);
    const [weekly] = posts(slack);
    expect(second.services.ledger.readEntry(REPORTED_WEEK, 'C0GENERAL')).toMatchObject({ messageTs: weekly?.ts });
  });

  it('posts nothing twice when the week could not be marked posted after both messages went out', async () => {
    const rig = await startDigestRig({ fakeSlack: { rateLimits: {} } });
    cleanups.push(() => rig.close());
    seedActiveWeek(rig.services);
    // A real SQLite failure (as a full disk gives) on the very write that marks the week posted.
    rig.services.store.db.exec(`CREATE TRIGGER refuse_posted BEFORE UPDATE OF state ON digest_ledger
      WHEN NEW.state = 'posted' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);

    const failed = await runWeeklyDigest(rig.deps, { mode: 'scheduled', now: DIGEST_NOW });
    expect(failed).toMatchObject({ posted: false, reason: 'disk I/O error' });
    expect(posts(rig.slack)).toHaveLength(2);

    rig.services.store.db.exec('DROP TRIGGER refuse_posted');
    const retried = await runWeeklyDigest(rig.deps, { mode: 'scheduled', now: DIGEST_NOW + MINUTE });

    expectOneOfEach(rig.slack);
    expect(retried).toEqual({ posted: true, ts: posts(rig.slack)[0]?.ts });
    expect(rig.services.ledger.isPosted(REPORTED_WEEK, 'C0GENERAL')).toBe(true);
  });

  it('tries a failed scheduled digest again a minute later instead of waiting for next Monday', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: false });
    vi.setSystemTime(JUST_AFTER);
    const rig: DigestRig = await startDigestRig({ fakeSlack: { rateLimits: {} }, clock: () => Date.now() });
    cleanups.push(() => rig.close());
    seedActiveWeek(rig.services);
    rig.slack.failNext('chat.postMessage', { status: 500 });
    const schedule: DigestSchedule = scheduleDigests(rig.deps, UTC_MONDAY_9);
    cleanups.push(() => schedule.stop());

    expect(await schedule.catchUp()).toMatchObject({ posted: false, retryable: true });
    expect(posts(rig.slack)).toEqual([]);
    vi.advanceTimersByTime(MINUTE);
    await waitInRealTime(() => rig.services.ledger.isPosted(REPORTED_WEEK, 'C0GENERAL'), 'the retried digest');

    // The first try shared the ROI charts before its post failed; the retry posts with those, sharing nothing again.
    expectOneOfEach(rig.slack);
  });
});

describe('the app stopped while Slack holds a digest post', () => {
  it('stops anyway, and the next start posts only the missing message once the claim has lapsed', async () => {
    const slack = await startSlack();
    const dataDir = tempDataDir();
    slack.failNext('chat.postMessage', 'pass');
    slack.failNext('chat.postMessage', 'hang');
    const first = startRuntime(slack, dataDir, JUST_AFTER);
    seedActiveWeek(first.deps.services);
    // start() catches the missed digest up and would wait for it; here it never ends, as the post never returns.
    void first.start();
    await waitInRealTime(() => hungPost(slack), 'the funnel-leak post to hang');
    await first.stop();

    const second = startRuntime(slack, dataDir, JUST_AFTER + STALE_CLAIM_MS + MINUTE);
    cleanups.push(() => second.stop());
    await second.start();

    expectOneOfEach(slack);
    expect(second.deps.services.ledger.isPosted(REPORTED_WEEK, 'C0GENERAL')).toBe(true);
  });
});

function startRuntime(slack: FakeSlack, dataDir: string, now: number): Runtime {
  const { logger } = createMemoryLogger('warn');
  return buildRuntime(parseConfig(buildTestEnv(slack, 'http', dataDir), 'bot'), {
    clock: () => now,
    log: logger,
    slackLogger: buildSilentSlackLogger(),
    retryConfig: { retries: 0 },
    host: '127.0.0.1',
    digestStopDeadlineMs: 200,
  });
}
