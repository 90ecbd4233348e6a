// The ROI chart's subtitle is its legend: it must say which bar is which for the campaigns actually drawn.

import { describe, expect, it } from 'vitest';
import { buildRoiChart } from '../../src/charts/roi-chart.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/domain/types.js';
import { buildMatureProjection, buildRoiRow, buildYoungProjection } from '../digests/fixture.js';

function subtitleOf(chart: ReturnType<typeof buildRoiChart>): string {
  return String(chart.config.options?.plugins?.subtitle?.text);
}

describe('ROI chart legend', () => {
  it('names the thin bar as the interval when every campaign is too young for a bar of its own', () => {
    const young = [buildYoungProjection('q4-google-ads'), buildYoungProjection('fall-expo')];
    const subtitle = subtitleOf(buildRoiChart(young, DEFAULT_METRIC_SETTINGS));
    expect(subtitle).toContain('◆ projected ROI, thin bar: its 80% interval');
    expect(subtitle).not.toContain('ROI so far');
  });

  it('names the solid bar as the ROI so far once a campaign is judged', () => {
    const rows = [buildMatureProjection(buildRoiRow('spring-expo', 10_000, 40_000)), buildYoungProjection('fall-expo')];
    const subtitle = subtitleOf(buildRoiChart(rows, DEFAULT_METRIC_SETTINGS));
    expect(subtitle).toContain('solid bar: ROI so far · ◆ projected ROI, thin bar: its 80% interval');
  });
});
