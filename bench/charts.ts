// Chart render time: each chart drawn many times on a warm renderer, from the sample digest's own data.

import { createChartRenderer } from '../src/charts/renderer.js';
import { computeWeeklyDigestData } from '../src/domain/digest-data.js';
import { DEFAULT_METRIC_SETTINGS } from '../src/domain/types.js';
import { generateSampleData } from '../src/sample/generate.js';
import { type Summary, summarize } from './stats.js';

const AS_OF = Date.parse('2026-11-23T15:00:00Z');

export function runChartBench(rounds = 20): Record<string, Summary> {
  const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/Chicago' };
  const sample = generateSampleData({ seed: 42, asOf: AS_OF, timeZone: settings.timeZone });
  const data = computeWeeklyDigestData(sample, AS_OF, settings);
  const renderer = createChartRenderer();
  const charts: Record<string, () => Buffer> = {
    funnel: () => renderer.renderFunnel(data.funnel, data.leak, settings),
    roi: () => renderer.renderRoiByCampaign(data.roiProjectionsByCampaign, settings),
    trend: () => renderer.renderTrend(data.trend),
    plan: () => renderer.renderPlanVsActual(data.planVsActual),
    runway: () => renderer.renderRunway(data.runway),
  };
  const results: Record<string, Summary> = {};
  for (const [name, render] of Object.entries(charts)) {
    render();
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      render();
      times.push(performance.now() - t);
    }
    results[name] = summarize(times);
  }
  return results;
}
