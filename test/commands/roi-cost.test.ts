// Issue 10, item 7: `/roi cost` adds to the month's spend, `set:` replaces it, and every reply shows the month's
// total before and after. Undo takes back just the last add.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app-harness.js';
import { REP, runSlash, startCommandApp } from './command-harness.js';

let t: TestApp;

beforeEach(async () => {
  t = await startCommandApp({
    seed: (_service, services) => {
      services.plans.recordSpend(
        { campaign: 'q4-google-ads', month: '2026-11', amount: 11_100, category: 'media' },
        { actor: REP },
      );
    },
  });
});

afterEach(async () => {
  await t.stop();
});

function googleAdsSpend() {
  return t.services.plans.listSpend().filter((row) => row.campaign === 'q4-google-ads');
}

describe('/roi cost', () => {
  it('adds a second invoice to the month and shows the total before and after', async () => {
    const { reply } = await runSlash(t, '/roi', 'cost q4-google-ads 5000', 'U0MANAGER');

    expect(reply.text).toBe(
      "Added $5,000 of media spend on q4-google-ads for November 2026: the month's total went from $11,100 to " +
        '$16,100. /lead undo takes it back within 10 minutes.',
    );
    expect(googleAdsSpend()).toEqual([expect.objectContaining({ month: '2026-11', amount: 16_100 })]);
  });

  it('replaces the month only with set:, and says what it replaced', async () => {
    const { reply } = await runSlash(t, '/roi', 'cost q4-google-ads set:5000', 'U0MANAGER');

    expect(reply.text).toContain(
      "Set the media spend on q4-google-ads for November 2026: the month's total went from $11,100 to $5,000.",
    );
    expect(googleAdsSpend()).toEqual([expect.objectContaining({ amount: 5000 })]);
  });

  it('undoes just the last add', async () => {
    await runSlash(t, '/roi', 'cost q4-google-ads 5000', 'U0MANAGER');
    await runSlash(t, '/roi', 'cost q4-google-ads 2500', 'U0MANAGER');
    expect(googleAdsSpend()[0]?.amount).toBe(18_600);

    const { reply } = await runSlash(t, '/lead', 'undo', 'U0MANAGER');

    expect(reply.text).toBe('Undid your addition to the spend (q4-google-ads, media, 2026-11).');
    expect(googleAdsSpend()[0]?.amount).toBe(16_100);
  });
});
