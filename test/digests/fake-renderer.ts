// A chart renderer that draws nothing and records what it was asked to draw, for tests of the pure builders.

import type { ChartRenderer } from '../../src/charts/renderer.js';

export function createFakeRenderer(): ChartRenderer & { calls: string[] } {
  const calls: string[] = [];
  const record = (name: string) => {
    calls.push(name);
    return Buffer.from(name);
  };
  return {
    calls,
    renderFunnel: () => record('funnel'),
    renderRoiByCampaign: () => record('roi'),
    renderTrend: () => record('trend'),
    renderPlanVsActual: () => record('plan'),
    renderRunway: () => record('runway'),
  } satisfies ChartRenderer & { calls: string[] };
}
