// The "More" buttons under the Monday digest, as the channel sees them: anyone clicks one and gets that detail for
// the digest's own windows, as a reply only they see — through the real app, its digest runner and the fake Slack.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreServices } from '../../src/store/index.js';
import type { RecordedMessage } from '../fakes/slack/index.js';
import type { TestApp } from '../helpers/app-harness.js';
import { buttonsOf, clickButton, day, REP, runSlash, seedLead, shownText, startCommandApp } from './command-harness.js';

// The digest runs at NOW (Wed Nov 25, 15:00 UTC): it reports Nov 16–22 and Q4 to date (Oct 1 – Nov 25, 15:00).
//   spring-expo: Alpha (Oct 5) won Oct 20 for $30,000; Beta (Oct 6) MQL Oct 10; Gamma (Oct 7) SQL Oct 12 and an
//     open opportunity worth $40,000 on Oct 15; Delta (Oct 8) opportunity Oct 14, lost Oct 30 over "Price" ($12,000).
//     October: $10,000 event, $2,000 salaries; $6,000 overhead for nobody's campaign.
//   q4-google-ads: Epsilon (Nov 2) won Nov 10 for $4,000; Zeta (Nov 17, the reported week) MQL Nov 19.
//     November: $3,000 media.
function seedQuarter(services: StoreServices): void {
  const { leads, plans } = services;
  const at = (month: number, date: number) => ({ actor: REP, at: day(month, date) });
  const expo = { source: 'trade-show', campaign: 'spring-expo' };
  const ads = { source: 'google-ads', campaign: 'q4-google-ads' };
  leads.moveStage(seedLead(leads, 'Alpha Inc', { ...expo, at: day(10, 5) }).id, 'customer', at(10, 20), {
    value: 30_000,
  });
  leads.moveStage(seedLead(leads, 'Beta LLC', { ...expo, at: day(10, 6) }).id, 'mql', at(10, 10));
  const gamma = seedLead(leads, 'Gamma GmbH', { ...expo, at: day(10, 7) });
  leads.moveStage(gamma.id, 'sql', at(10, 12));
  leads.moveStage(gamma.id, 'opportunity', at(10, 15), { value: 40_000 });
  const delta = seedLead(leads, 'Delta SA', { ...expo, at: day(10, 8) });
  leads.moveStage(delta.id, 'opportunity', at(10, 14), { value: 12_000 });
  leads.markLost(delta.id, 'Price', at(10, 30));
  leads.moveStage(seedLead(leads, 'Epsilon AG', { ...ads, at: day(11, 2) }).id, 'customer', at(11, 10), {
    value: 4_000,
  });
  leads.moveStage(seedLead(leads, 'Zeta Oy', { ...ads, at: day(11, 17) }).id, 'mql', at(11, 19));
  const manager = { actor: REP };
  plans.recordSpend({ campaign: 'spring-expo', month: '2026-10', amount: 10_000, category: 'event' }, manager);
  plans.recordSpend({ campaign: 'spring-expo', month: '2026-10', amount: 2_000, category: 'salaries' }, manager);
  plans.recordSpend({ campaign: null, month: '2026-10', amount: 6_000, category: 'overhead' }, manager);
  plans.recordSpend({ campaign: 'q4-google-ads', month: '2026-11', amount: 3_000, category: 'media' }, manager);
}

let t: TestApp;
let digest: RecordedMessage;

beforeAll(async () => {
  t = await startCommandApp({ seed: (_service, services) => seedQuarter(services) });
  const { reply } = await runSlash(t, '/roi', 'digest now', 'U0MANAGER');
  expect(reply.text).toBe('Posted the digest.');
  const posted = t.slack.messages.find(
    (message) => message.kind === 'chat.postMessage' && message.text?.startsWith('*ROI Runway — week of Nov 16*'),
  );
  if (posted === undefined) throw new Error('the weekly digest was not posted');
  digest = posted;
});

afterAll(async () => {
  await t.stop();
});

describe('the digest line and its "More" buttons', () => {
  it("shows the quarter's CLV:CAC, blended CAC, CLV and pipeline in one line, then the buttons", () => {
    // Quarter to date: direct 10,000 + 3,000 × 24.625/30 days of November = 12,462.50; hidden 2,000 + 6,000.
    // Blended CAC (12,462.50 + 8,000) / 2 customers = 10,231.25; CLV 17,000 average × 3 = 51,000 → 4.98:1.
    // Pipeline: Gamma's 40,000 × 2 won of 3 decided = 26,667.
    expect(shownText(digest)).toContain(
      '*Unit economics, Q4 2026 to date*: CLV:CAC *5.0:1* · blended CAC $10,231 · CLV $51K · pipeline now $26.7K',
    );
    expect(buttonsOf(digest).map((button) => button.label)).toEqual([
      'Time to convert',
      'Cost per stage',
      'Lost reasons',
      'Pipeline by campaign',
    ]);
  });

  it('answers "Cost per stage" to whoever clicks, only to them, for last week and the quarter to date', async () => {
    const { reply } = await clickButton(t, digest, 'Cost per stage', 'U0REP1');
    const shown = shownText(reply);

    expect(reply.response_type).toBe('ephemeral');
    expect(reply.replace_original).toBe(false);
    expect(shown).toContain('More from the digest of the week of Nov 16');
    expect(shown).toContain('*Cost per stage*: each figure is *last week* (Nov 16 – Nov 22, 2026) · *Q4 2026 to date*');
    // Week: 3,000 × 7/30 = 700 of direct spend; Zeta is its one new lead and one MQL.
    // Quarter: 12,462.50 / 6 leads = 2,077; every one reached MQL (skips count) = 2,077; SQL and opportunity: Alpha,
    // Gamma, Delta, Epsilon = 3,116; / 2 customers = 6,231.
    for (const part of [
      '*Cost per lead*\\n$700 · $2,077',
      '*Cost per MQL*\\n$700 · $2,077',
      '*Cost per SQL*\\nn/a · $3,116',
      '*Cost per opportunity*\\nn/a · $3,116',
      '*CAC*\\nn/a · $6,231',
      '*Blended CAC*\\nn/a · $10,231',
      '*CLV*\\nn/a · $51,000',
      '*CLV:CAC*\\nn/a · 5.0:1',
    ]) {
      expect(shown).toContain(part);
    }
  });

  it('answers "Time to convert" for the leads of the 90 days before the digest', async () => {
    const { reply } = await clickButton(t, digest, 'Time to convert', 'U0REP1');

    // Lead → MQL: Alpha 15 (skipped on to Customer), Beta 4, Gamma 5, Delta 6, Epsilon 8, Zeta 2 days.
    // Sorted 2, 4, 5, 6, 8, 15: median (5 + 6) / 2 = 5.5; p90 at 5 × 0.9 = 4.5: 8 + 0.5 × 7 = 11.5, shown in whole
    // days from 10 on. Every later move but Gamma's SQL → Opportunity (3 days) was a skip, which measures no time.
    expect(shownText(reply)).toContain(
      '• Lead → MQL: median 5.5 days, p90 12 days (6 conversions)\\n' +
        '• MQL → SQL: no measured conversion yet\\n' +
        '• SQL → Opportunity: median 3 days, p90 3 days (1 conversion)\\n',
    );
    expect(shownText(reply)).toContain('Leads created in the last 90 days (Aug 27 – Nov 25)');
  });

  it('answers "Lost reasons" and "Pipeline by campaign"', async () => {
    const { reply: lost } = await clickButton(t, digest, 'Lost reasons', 'U0REP2');
    expect(shownText(lost)).toContain('*Lost from Opportunity*: 1 lead · $12,000\\n• Price — 1 lead · $12,000');

    const { reply: pipeline } = await clickButton(t, digest, 'Pipeline by campaign', 'U0REP2');
    expect(shownText(pipeline)).toContain(
      '*Pipeline now: $26,667* = $40,000 open in 1 opportunity × 67% team win rate (2 of 3 decided opportunities won)\\n' +
        '• *spring-expo* $26,667 · 1 open, $40,000 × 67% team win rate',
    );
  });

  it('refuses a button whose week does not match its date, saying where to look instead', async () => {
    const button = buttonsOf(digest).find((candidate) => candidate.label === 'Lost reasons');
    if (button === undefined) throw new Error('no Lost reasons button');
    const forged = JSON.stringify({ ...JSON.parse(button.value), week: '2026-W01' });
    const result = await t.slack.blockAction({ ...button, userId: 'U0REP1', value: forged, channelId: 'C0GENERAL' });
    const [reply] = await result.waitForResponses(1);

    expect(reply?.text).toBe(
      'I cannot tell which digest that button belongs to any more. /roi and /funnel answer the same questions for any period.',
    );
    expect(reply?.response_type).toBe('ephemeral');
  });
});
