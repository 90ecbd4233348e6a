// The pipeline per campaign: open opportunities × the campaign's own win rate once it has 10 decided deals, the
// team's before. Every figure below is worked out by hand in the comments.

import { describe, expect, it } from 'vitest';
import {
  CAMPAIGN_WIN_RATE_MIN_DECIDED,
  computePipelineSummary,
  findCampaignPipeline,
} from '../../src/domain/pipeline.js';
import { computeWinRate } from '../../src/domain/roi.js';
import type { Lead } from '../../src/domain/types.js';
import { DAY, fakeJourney } from './metrics-fixtures.js';

const start = Date.UTC(2026, 0, 5);
const now = Date.UTC(2026, 3, 1);

const won = (campaign: string | null, value = 10_000) =>
  fakeJourney(start, { mql: 1, sql: 2, opportunity: 3, customer: 20 }, { campaign, value });
const lostAtOpportunity = (campaign: string | null, lostDay = 30) =>
  fakeJourney(start, { mql: 1, sql: 2, opportunity: 3 }, { campaign, lostDay, value: 99_000 });
const open = (campaign: string | null, value: number | null) =>
  fakeJourney(start, { mql: 1, sql: 2, opportunity: 3 }, { campaign, value });
const times = (n: number, make: () => Lead) => Array.from({ length: n }, make);

function buildLeads(expoDecided: number): Lead[] {
  const expoWon = expoDecided - 3;
  return [
    // spring-expo: `expoDecided` decided deals (3 of them lost), two open opportunities worth 20,000 and 10,000.
    ...times(expoWon, () => won('spring-expo')),
    ...times(3, () => lostAtOpportunity('spring-expo')),
    open('spring-expo', 20_000),
    open('spring-expo', 10_000),
    // q1-ads: 2 deals, both lost; one open opportunity worth 50,000; one lead lost at SQL (never a deal).
    ...times(2, () => lostAtOpportunity('q1-ads')),
    open('q1-ads', 50_000),
    fakeJourney(start, { mql: 1, sql: 2 }, { campaign: 'q1-ads', lostDay: 5 }),
    // No campaign: one won deal, two open opportunities (8,000 and one without a value).
    won(null),
    open(null, 8_000),
    open(null, null),
    // autumn-fair: lost at Opportunity only after now, so not decided yet; nothing open.
    lostAtOpportunity('autumn-fair', 200),
  ];
}

describe('computePipelineSummary', () => {
  it("uses a campaign's own win rate from 10 decided deals and the team's below", () => {
    expect(CAMPAIGN_WIN_RATE_MIN_DECIDED).toBe(10);
    const summary = computePipelineSummary(buildLeads(10), now);

    // Team: won 7 (expo) + 1 (no campaign) = 8; decided 10 + 2 + 1 = 13 (autumn-fair's loss comes after now).
    expect(summary.team).toMatchObject({ won: 8, decided: 13, openOpportunities: 5, openValue: 88_000 });
    expect(summary.team.winRate).toBeCloseTo(8 / 13, 12);
    expect(summary.team.pipelineValue).toBeCloseTo((88_000 * 8) / 13, 6); // 54,153.85
    expect(computeWinRate(buildLeads(10), now)).toBeCloseTo(8 / 13, 12);

    // q1-ads: 2 decided < 10, so the team's 8/13: 50,000 × 8/13 = 30,769.23. spring-expo: its own 7/10 × 30,000.
    // autumn-fair has neither an open nor a decided opportunity by now: not listed.
    expect(summary.campaigns.map((row) => row.campaign)).toEqual(['q1-ads', 'spring-expo']);
    const [ads, expo] = summary.campaigns;
    expect(ads).toMatchObject({ won: 0, decided: 2, openOpportunities: 1, openValue: 50_000, winRateBasis: 'team' });
    expect(ads?.pipelineValue).toBeCloseTo((50_000 * 8) / 13, 6);
    expect(expo).toMatchObject({ won: 7, decided: 10, openOpportunities: 2, winRateBasis: 'campaign' });
    expect(expo?.winRate).toBeCloseTo(0.7, 12);
    expect(expo?.pipelineValue).toBeCloseTo(21_000, 6);

    // Without a campaign: 8,000 and a valueless opportunity, at the team's rate.
    expect(summary.withoutCampaign).toMatchObject({ openOpportunities: 2, openValue: 8_000 });
    expect(summary.withoutCampaign.pipelineValue).toBeCloseTo((8_000 * 8) / 13, 6);
  });

  it('falls back to the team rate at 9 decided deals', () => {
    const summary = computePipelineSummary(buildLeads(9), now);
    // Team: won 6 + 1 = 7 of 9 + 2 + 1 = 12. spring-expo (6 of 9) uses 7/12: 30,000 × 7/12 = 17,500.
    const expo = findCampaignPipeline(summary, 'spring-expo');
    expect(expo).toMatchObject({ decided: 9, winRateBasis: 'team' });
    expect(expo.winRate).toBeCloseTo(7 / 12, 12);
    expect(expo.pipelineValue).toBeCloseTo(17_500, 6);
  });

  it('gives a campaign without deals zeros at the team rate, and no pipeline before any deal is decided', () => {
    const summary = computePipelineSummary(buildLeads(10), now);
    expect(findCampaignPipeline(summary, 'winter-mailing')).toMatchObject({
      campaign: 'winter-mailing',
      openOpportunities: 0,
      pipelineValue: 0,
      winRateBasis: 'team',
    });
    const onlyOpen = computePipelineSummary([open('q1-ads', 40_000)], now);
    expect(onlyOpen.team.winRate).toBeNull();
    expect(onlyOpen.campaigns).toEqual([
      expect.objectContaining({ campaign: 'q1-ads', openValue: 40_000, winRate: null, pipelineValue: 0 }),
    ]);
    // As of a day before the first win, nothing was decided.
    expect(computePipelineSummary([won('q1-ads')], start + 10 * DAY).team.winRate).toBeNull();
  });
});
