// Open opportunities weighed by the chance they close: the team's pipeline and each campaign's.
//
//   win rate        = opportunities won / opportunities decided (won, or lost from Opportunity) by asOf
//   pipeline value  = Σ value of the leads now at Opportunity × win rate
//
// A campaign's pipeline uses the campaign's own win rate once it has CAMPAIGN_WIN_RATE_MIN_DECIDED decided
// opportunities, and the team's before: three deals say little about a campaign, hundreds say a lot about the team.
// Deals belong to the lead's own Campaign (whole leads, whatever the attribution model).

import { type LeadsMemo, readChunkRange, readLeadsMemo } from './snapshot-chunks.js';
import { computeRatio } from './stats.js';
import { runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimelineInSteps, computeTimelineDate, type FunnelTimeline } from './timeline.js';
import type { Lead } from './types.js';

/** Decided opportunities a campaign needs before its own win rate replaces the team's. */
export const CAMPAIGN_WIN_RATE_MIN_DECIDED = 10;

/** Deals and open opportunities of one group of leads (the team, a campaign). */
export interface DealTally {
  won: number;
  /** Won plus lost from Opportunity, by asOf. */
  decided: number;
  /** Leads now at Opportunity, and their summed value (a lead without a value adds 0). */
  openOpportunities: number;
  openValue: number;
}

export interface CampaignPipeline extends DealTally {
  campaign: string;
  /** The win rate applied to the open value; null when no opportunity has been decided anywhere yet. */
  winRate: number | null;
  winRateBasis: 'campaign' | 'team';
  /** openValue × winRate; 0 without a win rate. */
  pipelineValue: number;
}

export interface PipelineSummary {
  asOf: number;
  team: DealTally & { winRate: number | null; pipelineValue: number };
  /** Campaigns with an open or a decided opportunity: largest pipeline value first, then open value, then name. */
  campaigns: CampaignPipeline[];
  /** Open opportunities of leads without a campaign, at the team's win rate. */
  withoutCampaign: DealTally & { pipelineValue: number };
}

function buildEmptyTally(): DealTally {
  return { won: 0, decided: 0, openOpportunities: 0, openValue: 0 };
}

/** Adds lead i of the timeline to its tally: a won or lost deal by asOf, and/or an open opportunity now. */
function tallyLead(tally: DealTally, timeline: FunnelTimeline, i: number, asOf: number): void {
  const lead = timeline.leads[i]!;
  if (computeTimelineDate(timeline, 'customer', i, asOf) !== null) {
    tally.won += 1;
    tally.decided += 1;
  } else if (lead.stage === 'lost' && lead.lostFrom === 'opportunity' && (lead.stageDates.lost ?? 0) <= asOf) {
    tally.decided += 1;
  }
  if (lead.stage === 'opportunity') {
    tally.openOpportunities += 1;
    tally.openValue += lead.value ?? 0;
  }
}

/** Tallies by the lead's Campaign (null: none), a chunk of leads per step. */
function* tallyDeals(memo: LeadsMemo, asOf: number): Steps<Map<string | null, DealTally>> {
  const timeline = yield* computeFunnelTimelineInSteps(memo.leads, memo);
  const tallies = new Map<string | null, DealTally>();
  for (let chunk = 0; chunk < memo.chunks.length; chunk += 1) {
    const { from, to } = readChunkRange(memo, chunk);
    for (let i = from; i < to; i += 1) {
      const campaign = timeline.leads[i]!.campaign;
      let tally = tallies.get(campaign);
      if (!tally) {
        tally = buildEmptyTally();
        tallies.set(campaign, tally);
      }
      tallyLead(tally, timeline, i, asOf);
    }
    yield;
  }
  return tallies;
}

function addTally(total: DealTally, tally: DealTally): void {
  total.won += tally.won;
  total.decided += tally.decided;
  total.openOpportunities += tally.openOpportunities;
  total.openValue += tally.openValue;
}

/** A campaign's pipeline from its tally and the team's win rate (see the file comment for which rate applies). */
export function buildCampaignPipeline(
  campaign: string,
  tally: DealTally,
  teamWinRate: number | null,
): CampaignPipeline {
  const own = tally.decided >= CAMPAIGN_WIN_RATE_MIN_DECIDED;
  const winRate = own ? computeRatio(tally.won, tally.decided) : teamWinRate;
  const pipelineValue = winRate === null ? 0 : tally.openValue * winRate;
  return { campaign, ...tally, winRate, winRateBasis: own ? 'campaign' : 'team', pipelineValue };
}

function compareCampaigns(a: CampaignPipeline, b: CampaignPipeline): number {
  if (a.pipelineValue !== b.pipelineValue) return b.pipelineValue - a.pipelineValue;
  if (a.openValue !== b.openValue) return b.openValue - a.openValue;
  return a.campaign < b.campaign ? -1 : a.campaign > b.campaign ? 1 : 0;
}

/** computePipelineSummary in steps (a chunk of leads per step); `memo`: the snapshot's, when these are its leads. */
export function* computePipelineSummaryInSteps(
  leads: readonly Lead[],
  asOf: number,
  memo?: LeadsMemo,
): Steps<PipelineSummary> {
  const tallies = yield* tallyDeals(readLeadsMemo(leads, memo), asOf);
  const team = buildEmptyTally();
  for (const tally of tallies.values()) addTally(team, tally);
  const teamWinRate = computeRatio(team.won, team.decided);
  const weigh = (openValue: number) => (teamWinRate === null ? 0 : openValue * teamWinRate);
  const campaigns: CampaignPipeline[] = [];
  for (const [campaign, tally] of tallies) {
    if (campaign === null || (tally.decided === 0 && tally.openOpportunities === 0)) continue;
    campaigns.push(buildCampaignPipeline(campaign, tally, teamWinRate));
  }
  const withoutCampaign = tallies.get(null) ?? buildEmptyTally();
  return {
    asOf,
    team: { ...team, winRate: teamWinRate, pipelineValue: weigh(team.openValue) },
    campaigns: campaigns.sort(compareCampaigns),
    withoutCampaign: { ...withoutCampaign, pipelineValue: weigh(withoutCampaign.openValue) },
  };
}

/** The team's pipeline and every campaign's, as of `asOf` (win rates) over the leads' current stages. */
export function computePipelineSummary(leads: readonly Lead[], asOf: number, memo?: LeadsMemo): PipelineSummary {
  return runAllSteps(computePipelineSummaryInSteps(leads, asOf, memo));
}

/** One campaign's pipeline from the summary; a campaign with no deal at all gets zeros at the team's win rate. */
export function findCampaignPipeline(summary: PipelineSummary, campaign: string): CampaignPipeline {
  return (
    summary.campaigns.find((row) => row.campaign === campaign) ??
    buildCampaignPipeline(campaign, buildEmptyTally(), summary.team.winRate)
  );
}

/**
 * Historical win rate as of `now`: won / decided opportunities, where won = leads that became customers and decided
 * adds the leads lost from Opportunity. Open opportunities are left out: they have not been decided either way.
 * Null when no opportunity has been decided yet.
 */
export function computeWinRate(leads: readonly Lead[], now: number): number | null {
  return computePipelineSummary(leads, now).team.winRate;
}

/**
 * Pipeline value = Σ value of the leads currently at Opportunity × historical win rate. With no decided opportunity
 * yet there is no win rate to trust, so the pipeline is reported as 0 rather than guessed.
 */
export function computePipelineValue(leads: readonly Lead[], now: number): number {
  return computePipelineSummary(leads, now).team.pipelineValue;
}
