// One person's heavy command must not hold up everyone else's. Over 30,000 leads, `/funnel all` and the digest
// preview are worked out a few milliseconds per turn of the event loop: another rep's command sent while one of them
// runs is read, acked and answered before it. (Without turns the heavy work runs in one piece, and the other command
// is not even read until it is done.) Timing-free: the test compares the order of the answers. `/lead find` runs in
// steps too (test/domain/steps.test.ts), but the company index now answers even a 200-character search in about a
// millisecond, so it no longer holds anyone up long enough to be overtaken.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSampleData } from '../../src/sample/generate.js';
import { loadSample } from '../../src/sample/load-sample.js';
import type { RecordedMessage } from '../fakes/slack/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { NOW, startCommandApp } from './command-harness.js';

const LEADS = 30_000;
let t: TestApp;

beforeAll(async () => {
  const sample = generateSampleData({ seed: 11, asOf: NOW, leads: LEADS, timeZone: 'UTC' });
  t = await startCommandApp({
    env: { MANAGERS: 'U0MANAGER' },
    seed: (_, services) => loadSample(services.store, sample),
  });
}, 120_000);

afterAll(async () => {
  await t?.stop();
});

/** Sends the heavy command, and once it is acked a quick one from another rep; answers where each reply landed. */
async function sendDuring(heavy: { command: string; text: string; userId: string }) {
  const slow = await t.slack.slashCommand(heavy);
  const quick = await t.slack.slashCommand({ command: '/lead', text: 'help', userId: 'U0REP2' });
  expect([slow.status, quick.status]).toEqual([200, 200]);
  const [quickReply] = await quick.waitForResponses(1, 20_000);
  const [slowReply] = await slow.waitForResponses(1, 60_000);
  const at = (message: RecordedMessage | undefined) => t.slack.messages.indexOf(message as RecordedMessage);
  return { quickAt: at(quickReply), slowAt: at(slowReply), slowReply };
}

describe('a heavy command shares the event loop', () => {
  it('/funnel all: another rep is answered first', { timeout: 90_000 }, async () => {
    const { quickAt, slowAt, slowReply } = await sendDuring({ command: '/funnel', text: 'all', userId: 'U0REP1' });

    expect(JSON.stringify(slowReply?.blocks)).toContain(`Funnel · all time`);
    expect(quickAt).toBeGreaterThanOrEqual(0);
    expect(quickAt).toBeLessThan(slowAt);
  });

  it('the digest preview: another rep is answered before the preview is sent', { timeout: 90_000 }, async () => {
    const before = t.slack.messages.length;
    const { quickAt } = await sendDuring({ command: '/roi', text: 'digest preview', userId: 'U0MANAGER' });
    const firstDm = t.slack.messages.findIndex((message, i) => i >= before && message.channel === 'D0MANAGER');

    expect(firstDm).toBeGreaterThan(0);
    expect(quickAt).toBeLessThan(firstDm);
  });
});
