import { describe, expect, it } from 'vitest';
import {
  PLAN_COLOR,
  PLAN_MARK_COLOR,
  PRIMARY_COLOR,
  PROJECTED_ROI_COLOR,
  PROJECTION_COLOR,
  UNKNOWN_COLOR,
  WARNING_COLOR,
  ZERO_LINE_COLOR,
} from '../../src/charts/palette.js';
import { createChartRenderer } from '../../src/charts/renderer.js';
import type { LeakVerdict } from '../../src/domain/types.js';
import { buildDigestFixture, buildMatureProjection, buildRoiRow, buildYoungProjection } from '../digests/fixture.js';
import { countDarkPixels, findColor, PNG_SIGNATURE, readPixels, readPngSize } from './pixels.js';

const renderer = createChartRenderer();
const data = buildDigestFixture();
const noLeak: LeakVerdict = { kind: 'none', reason: 'not enough mature leads yet', transitions: [] };

const CHARTS: { name: string; render: () => Buffer }[] = [
  { name: 'funnel', render: () => renderer.renderFunnel(data.funnel, data.leak, data.settings) },
  { name: 'roi', render: () => renderer.renderRoiByCampaign(data.roiProjectionsByCampaign, data.settings) },
  { name: 'trend', render: () => renderer.renderTrend(data.trend) },
  { name: 'plan', render: () => renderer.renderPlanVsActual(data.planVsActual) },
  { name: 'runway', render: () => renderer.renderRunway(data.runway) },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

describe('every chart', () => {
  for (const chart of CHARTS) {
    it(`draws the ${chart.name} chart as a 1200×675 PNG on white with a visible title`, async () => {
      const png = chart.render();
      expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
      expect(readPngSize(png)).toEqual({ width: 1200, height: 675 });
      const pixels = await readPixels(png);
      // Top-left corner: opaque white, not the transparent default that turns black in Slack's dark mode.
      expect([...pixels.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
      // The 24 px bold title sits in the top 50 rows; its glyphs are dark pixels.
      expect(countDarkPixels(pixels, 0, 50)).toBeGreaterThan(500);
    });
  }
});

describe('renderFunnel', () => {
  it('paints the Opportunity bar, the target of the weakest transition, in the warning colour', async () => {
    const pixels = await readPixels(renderer.renderFunnel(data.funnel, data.leak, data.settings));
    const warning = findColor(pixels, WARNING_COLOR);
    expect(warning.length).toBeGreaterThan(1000);
    // Five equal rows share the plot below the title; Opportunity is the fourth, around 70% of the height.
    const middleRow = median(warning.map((p) => p.y)) / pixels.height;
    expect(middleRow).toBeGreaterThan(0.6);
    expect(middleRow).toBeLessThan(0.8);
    expect(findColor(pixels, PRIMARY_COLOR).length).toBeGreaterThan(10_000);
  });

  it('uses no warning colour when there is no significant leak, even on a canvas that just drew one', async () => {
    renderer.renderFunnel(data.funnel, data.leak, data.settings);
    const pixels = await readPixels(renderer.renderFunnel(data.funnel, noLeak, data.settings));
    expect(findColor(pixels, WARNING_COLOR)).toHaveLength(0);
  });
});

describe('renderRoiByCampaign', () => {
  it('draws losing campaigns in the warning colour, left of the gains', async () => {
    const pixels = await readPixels(renderer.renderRoiByCampaign(data.roiProjectionsByCampaign, data.settings));
    const losses = findColor(pixels, WARNING_COLOR);
    const gains = findColor(pixels, PRIMARY_COLOR);
    expect(losses.length).toBeGreaterThan(1000);
    expect(gains.length).toBeGreaterThan(1000);
    expect(Math.max(...losses.map((p) => p.x))).toBeLessThan(Math.min(...gains.map((p) => p.x)));
  });

  it('uses no warning colour when every campaign pays back', async () => {
    const rows = [buildRoiRow('spring-expo', 20_000, 68_000), buildRoiRow('webinar-series', 5_000, 6_000)];
    const pixels = await readPixels(
      renderer.renderRoiByCampaign(
        rows.map((row) => buildMatureProjection(row)),
        data.settings,
      ),
    );
    expect(findColor(pixels, WARNING_COLOR)).toHaveLength(0);
  });

  it('draws a young campaign by its projection only: no loss bar, an orange interval and a black diamond', async () => {
    // Realised so far −100% (nothing won yet), projected +214% on an interval of +59% to +388%.
    const young = [buildYoungProjection('q4-google-ads')];
    const pixels = await readPixels(renderer.renderRoiByCampaign(young, data.settings));
    expect(findColor(pixels, WARNING_COLOR)).toHaveLength(0);
    expect(findColor(pixels, PRIMARY_COLOR)).toHaveLength(0);
    const interval = findColor(pixels, PROJECTED_ROI_COLOR);
    expect(interval.length).toBeGreaterThan(500);
    // The whole interval lies right of zero: its leftmost pixel is right of the bold zero line at the plot's centre.
    const zeroLine = findColor(pixels, ZERO_LINE_COLOR).filter((p) => p.y > 200 && p.y < 600);
    expect(Math.min(...interval.map((p) => p.x))).toBeGreaterThan(Math.min(...zeroLine.map((p) => p.x)));
  });

  it('draws realised bars and projected intervals as distinct marks for judged campaigns', async () => {
    const pixels = await readPixels(renderer.renderRoiByCampaign(data.roiProjectionsByCampaign, data.settings));
    expect(findColor(pixels, PRIMARY_COLOR).length).toBeGreaterThan(1000);
    expect(findColor(pixels, PROJECTED_ROI_COLOR).length).toBeGreaterThan(50);
  });
});

describe('renderTrend', () => {
  it('shows leads without a source as a grey series, and no grey without them', async () => {
    const withUnknown = await readPixels(renderer.renderTrend(data.trend));
    expect(findColor(withUnknown, UNKNOWN_COLOR).length).toBeGreaterThan(1000);
    const allSourced = data.trend.map((week) => ({ ...week, bySource: { thomasnet: 5, 'google-ads': 4 } }));
    const without = await readPixels(renderer.renderTrend(allSourced));
    // A few anti-aliased text edges can land on the same grey; a bar segment is thousands of pixels.
    expect(findColor(without, UNKNOWN_COLOR).length).toBeLessThan(200);
  });
});

describe('renderPlanVsActual', () => {
  it('draws planned bars beside actual ones, and only the legend swatch when nothing is planned', async () => {
    const planned = await readPixels(renderer.renderPlanVsActual(data.planVsActual));
    expect(findColor(planned, PLAN_COLOR).length).toBeGreaterThan(10_000);
    const unplannedRows = data.planVsActual.map((row) => ({ ...row, planned: null }));
    const unplanned = await readPixels(renderer.renderPlanVsActual(unplannedRows));
    expect(findColor(unplanned, PLAN_COLOR).length).toBeLessThan(1000);
    expect(findColor(unplanned, PRIMARY_COLOR).length).toBeGreaterThan(10_000);
  });
});

describe('renderRunway', () => {
  it('draws actual bars, the projection in its lighter colour, the plan marks, and the stage furthest behind in the warning colour', async () => {
    const pixels = await readPixels(renderer.renderRunway(data.runway));
    expect(findColor(pixels, PRIMARY_COLOR).length).toBeGreaterThan(10_000);
    // November's rest and December, in five panels.
    expect(findColor(pixels, PROJECTION_COLOR).length).toBeGreaterThan(2_000);
    expect(findColor(pixels, PLAN_MARK_COLOR).length).toBeGreaterThan(500);
    // Lead is furthest behind: its panel title (top row, middle column) is drawn in the warning colour.
    const warning = findColor(pixels, WARNING_COLOR);
    expect(warning.length).toBeGreaterThan(50);
    expect(warning.every((p) => p.x > 400 && p.x < 800 && p.y < 140)).toBe(true);
  });

  it('draws no projection for a year that is over, no plan marks without a plan, and no warning when on plan', async () => {
    const past = {
      ...data.runway,
      biggestGap: null,
      months: data.runway.months.map((month) => ({
        ...month,
        timing: 'past' as const,
        cells: month.cells.map((cell) => ({ ...cell, projected: null, plannedCount: null })),
      })),
    };
    const pixels = await readPixels(renderer.renderRunway(past));
    // Only the legend's swatch (16 × 16) and mark (22 × 4) are left of those colours.
    expect(findColor(pixels, PROJECTION_COLOR).length).toBeLessThan(300);
    expect(findColor(pixels, PLAN_MARK_COLOR).length).toBeLessThan(200);
    expect(findColor(pixels, WARNING_COLOR)).toHaveLength(0);
  });
});
