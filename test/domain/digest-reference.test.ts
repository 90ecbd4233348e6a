// The digest's figures on a seeded 20k-lead book equal what straightforward reference code gives: a plain loop over
// the leads per figure, no timelines, no chunks, nothing kept between calls. Written separately from the fast code so
// that a speed-up that changes any figure fails here.

import { describe, expect, it } from 'vitest';
import { computeFirstTouchKey, NO_CAMPAIGN } from '../../src/domain/attribution.js';
import {
  AGE_EDGES,
  computeConversionOddsInSteps,
  computeSegment,
  TALLY_SLOTS,
} from '../../src/domain/conversion-odds.js';
import { computeReportedWeek, computeWeeklyDigestData } from '../../src/domain/digest-data.js';
import { reachedIndex } from '../../src/domain/lifecycle.js';
import { previousWeek } from '../../src/domain/periods.js';
import { computePipelineSummary } from '../../src/domain/pipeline.js';
import { computeKpis, computeRoi } from '../../src/domain/roi.js';
import { computeDominantSources } from '../../src/domain/roi-rows.js';
import { computeSpendIndex, computeSpendInPeriod, isHiddenCost, isMediaSpend } from '../../src/domain/spend.js';
import { runAllSteps } from '../../src/domain/steps.js';
import {
  DEFAULT_METRIC_SETTINGS,
  FUNNEL_STAGES,
  type Lead,
  type Period,
  UNKNOWN_SOURCE,
} from '../../src/domain/types.js';
import { generateSampleData } from '../../src/sample/generate.js';

const AS_OF = Date.UTC(2026, 10, 23, 15);
const TIME_ZONE = 'America/Chicago';
const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: TIME_ZONE };
const sample = generateSampleData({ seed: 7, asOf: AS_OF, leads: 20_000, timeZone: TIME_ZONE });
const data = { leads: sample.leads, spend: sample.spend, targets: sample.targets, visits: sample.visits };

/** When the lead reached each funnel stage (created for Lead), +Infinity when it did not or the date is unknown. */
function reachedDates(lead: Lead): number[] {
  const furthest = reachedIndex(lead);
  return FUNNEL_STAGES.map((stage, s) =>
    stage === 'lead' ? lead.createdAt : s <= furthest ? (lead.stageDates[stage] ?? Infinity) : Infinity,
  );
}

/** The KPI counts, plainly: a lead counts at a stage when it reached it inside the period. */
function referenceKpis(leads: readonly Lead[], period: Period) {
  const totals = { leads: 0, mqls: 0, sqls: 0, opportunities: 0, customers: 0, revenue: 0 };
  let known = 0;
  for (const lead of leads) {
    const [created, mql, sql, opportunity, customer] = reachedDates(lead).map((at) =>
      at >= period.start && at < period.end ? 1 : 0,
    ) as [number, number, number, number, number];
    totals.leads += created;
    totals.mqls += mql;
    totals.sqls += sql;
    totals.opportunities += opportunity;
    totals.customers += customer;
    totals.revenue += customer === 1 ? (lead.value ?? 0) : 0;
    if (created === 1 && lead.source !== UNKNOWN_SOURCE) known += 1;
  }
  let spend = 0;
  let hidden = 0;
  for (const { row, amount } of computeSpendInPeriod(computeSpendIndex(data.spend, TIME_ZONE), period)) {
    if (isHiddenCost(row)) hidden += amount;
    else spend += amount;
  }
  const pipelineValue = computePipelineSummary([...leads], AS_OF).team.pipelineValue;
  return { ...totals, spend, totalSpend: spend + hidden, pipelineValue, sourceCoverage: known / totals.leads };
}

/** ROI rows under first touch, plainly: each lead's activity to its own source or campaign, spend by its row. */
function referenceRoiRows(period: Period, kind: 'campaign' | 'source') {
  const rows = new Map<string, { [figure: string]: number }>();
  const rowOf = (key: string) => {
    const row = rows.get(key) ?? { leads: 0, mqls: 0, sqls: 0, opportunities: 0, customers: 0, revenue: 0 };
    rows.set(key, { spend: 0, mediaSpend: 0, ...row });
    return rows.get(key)!;
  };
  for (const lead of data.leads) {
    const key = computeFirstTouchKey(lead, kind);
    const inPeriod = reachedDates(lead).map((at) => (at >= period.start && at < period.end ? 1 : 0));
    if (!inPeriod.includes(1) || (kind === 'campaign' && key === NO_CAMPAIGN)) continue;
    const row = rowOf(key);
    for (const [s, figure] of ['leads', 'mqls', 'sqls', 'opportunities', 'customers'].entries()) {
      row[figure]! += inPeriod[s]!;
    }
    row.revenue! += inPeriod[4] === 1 ? (lead.value ?? 0) : 0;
  }
  const dominant = computeDominantSources(data.leads);
  for (const { row: spend, amount } of computeSpendInPeriod(computeSpendIndex(data.spend, TIME_ZONE), period)) {
    const key =
      kind === 'campaign' ? spend.campaign : (spend.source ?? (spend.campaign && dominant.get(spend.campaign)) ?? null);
    if (key === null) continue;
    const row = rowOf(key);
    row.spend! += amount;
    if (isMediaSpend(spend)) row.mediaSpend! += amount;
  }
  for (const row of rows.values()) row.roi = computeRoi(row.revenue!, row.spend!, settings.grossMargin) ?? Number.NaN;
  return rows;
}

const DAY = 86_400_000;

/**
 * The conversion tallies, plainly: for each lead, each stage it reached at least a horizon ago, one count at the
 * stage and one at every age edge it was old enough for and still open at (with a second count when it moved on).
 */
function referenceTallies(
  edges: readonly (readonly number[])[],
  horizons: readonly number[],
  segmentOf: (lead: Lead) => string,
) {
  const tallies = new Map<string, number[]>();
  const count = (key: string, stage: number, slot: number, converted: boolean) => {
    const row = tallies.get(key) ?? new Array(4 * TALLY_SLOTS * 2).fill(0);
    tallies.set(key, row);
    row[(stage * TALLY_SLOTS + slot) * 2] += 1;
    if (converted) row[(stage * TALLY_SLOTS + slot) * 2 + 1] += 1;
  };
  for (const lead of data.leads) {
    const dates = reachedDates(lead);
    const lostAt = lead.stage === 'lost' ? (lead.stageDates.lost ?? Infinity) : Infinity;
    for (let stage = 0; stage < 4; stage++) {
      const reachedAt = dates[stage]!;
      if (!(reachedAt <= AS_OF) || (AS_OF - reachedAt) / DAY < horizons[stage]!) break;
      const converted = dates[stage + 1]! <= AS_OF;
      const exitAt = Math.min(converted ? dates[stage + 1]! : Infinity, lostAt <= AS_OF ? lostAt : Infinity);
      const slots = [AGE_EDGES];
      for (const [slot, edge] of edges[stage]!.entries()) {
        if ((AS_OF - reachedAt) / DAY < edge + horizons[stage]! || exitAt <= reachedAt + edge * DAY) break;
        slots.push(slot);
      }
      for (const slot of slots)
        for (const key of ['team', `segment:${segmentOf(lead)}`]) count(key, stage, slot, converted);
    }
  }
  return tallies;
}

describe('the digest figures against reference code', () => {
  const digest = computeWeeklyDigestData(data, AS_OF, settings);
  const week = computeReportedWeek(AS_OF, TIME_ZONE);

  it('has the KPIs of the week, the week before and the quarter', () => {
    const periods = [digest.week, digest.previousWeek, digest.quarter];
    const kpis = [digest.weekKpis, digest.previousWeekKpis, digest.quarterKpis];

    expect(digest.week).toEqual(week);
    expect(digest.previousWeek).toEqual(previousWeek(week, TIME_ZONE));
    expect(digest.quarterKpis.leads).toBeGreaterThan(1_000);
    expect(digest.weekKpis.customers).toBeGreaterThan(0);
    for (const [i, period] of periods.entries()) expect(kpis[i]).toMatchObject(referenceKpis(data.leads, period));
  });

  it('has KPIs that do not depend on what was asked before', () => {
    const fresh = { ...data, leads: [...data.leads] };

    expect(computeKpis(fresh, digest.quarter, settings, AS_OF)).toEqual(digest.quarterKpis);
  });

  it('has the ROI rows of the quarter by campaign and by source', () => {
    for (const [kind, rows] of [
      ['campaign', digest.roiByCampaign],
      ['source', digest.roiBySource],
    ] as const) {
      const reference = referenceRoiRows(digest.quarter, kind);

      expect(rows.length).toBeGreaterThan(3);
      expect(new Set(rows.map((row) => row.key))).toEqual(new Set(reference.keys()));
      for (const row of rows) {
        const { roi, ...figures } = reference.get(row.key)!;
        expect(row).toMatchObject(figures);
        expect(row.roi ?? Number.NaN).toBe(roi);
      }
    }
  });

  it('learns the conversion tallies a plain count per lead, stage and age edge gives', () => {
    const odds = runAllSteps(computeConversionOddsInSteps(data.leads, AS_OF));
    for (const dimension of ['campaign', 'source'] as const) {
      const { edges, horizonDays, team, segments } = odds[dimension];
      const reference = referenceTallies(edges, horizonDays, (lead) => computeSegment(lead, dimension));

      expect(edges.every((stage) => stage.length > 3)).toBe(true);
      expect(Array.from(team)).toEqual(reference.get('team'));
      expect(segments.size).toBeGreaterThan(3);
      for (const [segment, tallies] of segments)
        expect(Array.from(tallies)).toEqual(reference.get(`segment:${segment}`));
    }
  });
});
