// The Monday digest as the channel sees it: charts uploaded as PNG files, then the ROI digest and the funnel-leak
// digest with image blocks pointing at those files, once per week and channel, whatever Slack answers.

import { afterEach, describe, expect, it } from 'vitest';
import { NO_ACTIVITY_NOTE, runWeeklyDigest } from '../../digests/runner.js';
import {
  DIGEST_NOW,
  type DigestRig,
  REPORTED_WEEK,
  readImageFileIds,
  seedActiveWeek,
  startDigestRig,
} from '../helpers/digest-rig.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let rig: DigestRig | undefined;

afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function startSeeded(options: Parameters<typeof startDigestRig>[0] = {}): Promise<DigestRig> {
  rig = await startDigestRig(options);
  seedActiveWeek(rig.services);
  return rig;
}

const posts = (r: DigestRig) => r.slack.messages.filter((message) => message.kind === 'chat.postMessage');

describe('runWeeklyDigest', () => {
  it('uploads the charts as PNGs, then posts both digests with image blocks pointing at them', async () => {
    const r = await startSeeded();

    const result = await runWeeklyDigest(r.deps, { mode: 'scheduled', now: DIGEST_NOW });

    // Weekly digest: ROI and trend charts; leak digest: funnel chart and the year's Results Runway.
    expect(r.slack.files).toHaveLength(4);
    expect(r.slack.files.map((file) => file.filename.replace(/^roi-runway-[^-]+-[^-]+-/, '')).sort()).toEqual([
      'funnel.png',
      'roi.png',
      'runway.png',
      'trend.png',
    ]);
    for (const file of r.slack.files) {
      expect(file.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
      expect(file).toMatchObject({ completed: true, channel: 'C0GENERAL' });
    }
    const [weekly, leak] = posts(r);
    expect(posts(r)).toHaveLength(2);
    expect(weekly?.text).toContain('ROI Runway — week of Nov 16');
    expect(leak?.text).toContain('Funnel leaks — week of Nov 16');
    const fileIds = r.slack.files.map((file) => file.id);
    expect([...readImageFileIds(weekly?.blocks), ...readImageFileIds(leak?.blocks)].sort()).toEqual(fileIds.sort());
    expect(result).toEqual({ posted: true, ts: weekly?.ts });
    expect(r.services.ledger.isPosted(REPORTED_WEEK, 'C0GENERAL')).toBe(true);
    const line = r.logs.find((entry) => entry.includes('"Digest posted"'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({ periodKey: REPORTED_WEEK, channel: 'C0GENERAL', ts: weekly?.ts });
  });

  it('posts a week once: a second run for the same week posts nothing', async () => {
    const r = await startSeeded();
    await runWeeklyDigest(r.deps, { mode: 'scheduled', now: DIGEST_NOW });

    const again = await runWeeklyDigest(r.deps, { mode: 'now', now: DIGEST_NOW + 3_600_000 });

    const first = posts(r)[0];
    expect(again).toEqual({
      posted: false,
      reason: `already posted for ${REPORTED_WEEK}`,
      already: {
        periodKey: REPORTED_WEEK,
        channel: 'C0GENERAL',
        ts: first?.ts,
        permalink: `https://roi-runway-test.slack.com/archives/C0GENERAL/p${first?.ts.replace('.', '')}`,
        asOf: DIGEST_NOW + 3_600_000,
      },
    });
    expect(posts(r)).toHaveLength(2);
    expect(r.slack.files).toHaveLength(4);
  });

  it('joins a public channel it is not in, then posts there', async () => {
    const r = await startSeeded();

    const result = await runWeeklyDigest(r.deps, { mode: 'now', channel: 'C0MKT', now: DIGEST_NOW });

    expect(result.posted).toBe(true);
    expect(r.slack.calls.filter((call) => call.method === 'conversations.join')).toHaveLength(1);
    expect(posts(r).map((message) => message.channel)).toEqual(['C0MKT', 'C0MKT']);
  });

  it('says to invite the bot when it cannot join, and gives the week back', async () => {
    const r = await startSeeded({
      fakeSlack: { botScopes: ['chat:write', 'commands', 'files:write', 'channels:read'] },
    });

    const result = await runWeeklyDigest(r.deps, { mode: 'now', channel: 'C0MKT', now: DIGEST_NOW });

    expect(result.posted).toBe(false);
    expect(result.reason).toBe('Invite @ROI Runway to #marketing (C0MKT): it cannot post the digest there');
    expect(r.logs.some((entry) => entry.includes('Invite @ROI Runway to #marketing'))).toBe(true);
    expect(posts(r)).toEqual([]);
    expect(r.services.ledger.claim(REPORTED_WEEK, 'C0MKT', DIGEST_NOW)).toBe(true);
  });

  it('logs a clear line for an unknown channel, posts nothing, retries nothing and releases the week', async () => {
    const r = await startSeeded();

    const result = await runWeeklyDigest(r.deps, { mode: 'scheduled', channel: 'C0NOWHERE', now: DIGEST_NOW });

    expect(result.posted).toBe(false);
    expect(r.logs.some((entry) => entry.includes('Digest channel C0NOWHERE not found: check DIGEST_CHANNEL'))).toBe(
      true,
    );
    expect(r.slack.messages).toEqual([]);
    // One share attempt, refused; nothing is tried again.
    expect(r.slack.calls.filter((call) => call.method === 'files.completeUploadExternal')).toHaveLength(1);
    expect(r.slack.calls.filter((call) => call.method === 'chat.postMessage')).toEqual([]);
    expect(r.services.ledger.isPosted(REPORTED_WEEK, 'C0NOWHERE')).toBe(false);
    expect(r.services.ledger.claim(REPORTED_WEEK, 'C0NOWHERE', DIGEST_NOW)).toBe(true);
  });

  it('waits for Slack to process the images, retrying a post refused with invalid_blocks', async () => {
    // Files become usable 1.2 s after upload: the first post fails, so does the one 0.5 s later, and the one
    // after another 1 s (1.5 s in) succeeds. The leak digest's fresh uploads go through the same two waits.
    const r = await startSeeded({ fakeSlack: { fileProcessingMs: 1_200, rateLimits: {} } });

    const result = await runWeeklyDigest(r.deps, { mode: 'scheduled', now: DIGEST_NOW });

    expect(result.posted).toBe(true);
    expect(r.sleeps).toEqual([500, 1_000, 500, 1_000]);
    const refused = r.slack.calls.filter(
      (call) => call.method === 'chat.postMessage' && call.error === 'invalid_blocks',
    );
    expect(refused).toHaveLength(4);
    expect(posts(r).map((message) => readImageFileIds(message.blocks).length)).toEqual([2, 2]);
  });

  it('posts with the charts in words when the images are still not processed after the last retry', async () => {
    const r = await startSeeded({ fakeSlack: { fileProcessingMs: 3_600_000, rateLimits: {} } });

    const result = await runWeeklyDigest(r.deps, { mode: 'scheduled', now: DIGEST_NOW });

    expect(result.posted).toBe(true);
    // 0.5 + 1 + 2 + 4 s of waiting per digest, then the text version.
    expect(r.sleeps).toEqual([500, 1_000, 2_000, 4_000, 500, 1_000, 2_000, 4_000]);
    const [weekly, leak] = posts(r);
    expect(readImageFileIds(weekly?.blocks)).toEqual([]);
    expect(JSON.stringify(weekly?.blocks)).toContain('ROI by campaign');
    expect(JSON.stringify(leak?.blocks)).toContain('Funnel');
  });

  it('waits out a 429 and still posts the week once', async () => {
    const r = await startSeeded({ retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    r.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    const result = await runWeeklyDigest(r.deps, { mode: 'scheduled', now: DIGEST_NOW });

    expect(result.posted).toBe(true);
    expect(posts(r)).toHaveLength(2);
    expect(r.slack.calls.filter((call) => call.method === 'chat.postMessage' && call.status === 429)).toHaveLength(1);
  });

  it('posts a one-line note instead of a digest after a week with no activity', async () => {
    rig = await startDigestRig();

    const result = await runWeeklyDigest(rig.deps, { mode: 'scheduled', now: DIGEST_NOW });

    expect(rig.slack.files).toEqual([]);
    expect(posts(rig).map((message) => message.text)).toEqual([`${NO_ACTIVITY_NOTE} (Nov 16 – Nov 22, 2026).`]);
    expect(result).toMatchObject({ posted: true, reason: 'no activity last week' });
    expect(rig.services.ledger.isPosted(REPORTED_WEEK, 'C0GENERAL')).toBe(true);
  });

  it('sends a preview to the asker alone, charts in words, without using up the week', async () => {
    const r = await startSeeded();

    const result = await runWeeklyDigest(r.deps, { mode: 'preview', userId: 'U0MANAGER', now: DIGEST_NOW });

    expect(result.posted).toBe(true);
    expect(posts(r).map((message) => message.channel)).toEqual(['D0MANAGER', 'D0MANAGER']);
    expect(r.slack.files).toEqual([]);
    expect(posts(r)[0]?.text).toContain('ROI Runway — week of Nov 16');
    expect(r.services.ledger.isPosted(REPORTED_WEEK, 'C0GENERAL')).toBe(false);
  });
});
