// New leads per week over the last 12 weeks, stacked by source. The largest sources keep their own colour; the
// rest are summed as "Smaller sources" (not "Other": that is a catalog source); leads without a source stay a grey
// series of their own, because that gap is the number the team is asked to shrink.

import { sourceLabel } from '../domain/catalog.js';
import { UNKNOWN_SOURCE, type WeeklyDigestData } from '../domain/types.js';
import { type BarChartConfig, buildHeading, type Overlay } from './draw.js';
import { sumValues } from './fallback.js';
import { drawLabel, readBar } from './overlay.js';
import { GRID_COLOR, OKABE_ITO, UNKNOWN_COLOR } from './palette.js';

type Trend = WeeklyDigestData['trend'];

/** Named series before the rest are grouped as "Smaller sources". */
const NAMED_SOURCES = 5;
const NAMED_COLORS: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.skyBlue,
  OKABE_ITO.yellow,
];
const OTHER_COLOR = OKABE_ITO.reddishPurple;

interface Series {
  label: string;
  color: string;
  sources: readonly string[];
}

/** Known sources by total leads over the whole trend, most first (ties by name, so colours are stable). */
export function buildTrendSeries(trend: Trend): Series[] {
  const totals = new Map<string, number>();
  for (const week of trend) {
    for (const [source, count] of Object.entries(week.bySource)) totals.set(source, (totals.get(source) ?? 0) + count);
  }
  const known = [...totals.entries()]
    .filter(([source, count]) => source !== UNKNOWN_SOURCE && count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([source]) => source);
  const named = known.length <= NAMED_SOURCES + 1 ? known : known.slice(0, NAMED_SOURCES);
  const series: Series[] = named.map((source, i) => ({
    label: sourceLabel(source),
    color: NAMED_COLORS[i] ?? OTHER_COLOR,
    sources: [source],
  }));
  const rest = known.slice(named.length);
  if (rest.length > 0) series.push({ label: 'Smaller sources', color: OTHER_COLOR, sources: rest });
  if ((totals.get(UNKNOWN_SOURCE) ?? 0) > 0) {
    series.push({ label: sourceLabel(UNKNOWN_SOURCE), color: UNKNOWN_COLOR, sources: [UNKNOWN_SOURCE] });
  }
  return series;
}

function buildTotalsOverlay(trend: Trend, seriesCount: number): Overlay {
  return (ctx, chart) => {
    trend.forEach((week, index) => {
      const total = sumValues(week.bySource);
      if (total === 0 || seriesCount === 0) return;
      // The top of the stack is the top of the last series that has a bar in this week.
      for (let s = seriesCount - 1; s >= 0; s -= 1) {
        const bar = readBar(chart, s, index);
        if (bar === null) continue;
        drawLabel(ctx, `${total}`, bar.x, bar.y - 4, {
          sizePx: 14,
          weight: 'bold',
          align: 'center',
          baseline: 'bottom',
        });
        return;
      }
    });
  };
}

export function buildTrendChart(trend: Trend): { config: BarChartConfig; overlay: Overlay } {
  const series = buildTrendSeries(trend);
  const config: BarChartConfig = {
    type: 'bar',
    data: {
      labels: trend.map((week) => week.label),
      datasets: series.map((s) => ({
        label: s.label,
        backgroundColor: s.color,
        // Zero-lead segments are left out so the totals label sits on a drawn bar.
        data: trend.map((week) => s.sources.reduce((sum, source) => sum + (week.bySource[source] ?? 0), 0) || null),
        barPercentage: 0.8,
      })),
    },
    options: {
      layout: { padding: { top: 8, right: 16, bottom: 8, left: 8 } },
      plugins: {
        legend: { display: true, position: 'bottom', labels: { font: { size: 15 }, boxWidth: 18 } },
        ...buildHeading(`New leads by source, last ${trend.length} weeks`, 'Week starting'),
      },
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, grace: '8%', ticks: { precision: 0 }, grid: { color: GRID_COLOR } },
      },
    },
  };
  return { config, overlay: buildTotalsOverlay(trend, series.length) };
}
