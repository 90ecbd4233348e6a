// Everything the Monday digest shows, computed once from a snapshot: the renderers only format it.

import {
  computeHadActivity,
  computeHygiene,
  computePlanVsActual,
  computeStuckLeads,
  computeTrend,
} from './digest-sections.js';
import { computeCohort, computeFunnelCounts, computeTimeToConvert, computeTransitionRates } from './funnel.js';
import { detectLeaks } from './leak.js';
import { readLocalDateTime } from './local-time.js';
import { addLocalDays, monthContaining, previousWeek, quarterContaining, weekContaining } from './periods.js';
import { computeKpis, computeRoiRows } from './roi.js';
import { computeRunway } from './runway.js';
import type { Dataset, MetricSettings, Period, WeeklyDigestData } from './types.js';

/** The digest's funnel looks at the leads created in this many days before asOf. */
export const DIGEST_FUNNEL_DAYS = 90;
/** An open opportunity with no change for this many days is stale. */
export const STALE_OPPORTUNITY_DAYS = 30;

/** The week reported: the last complete Monday-to-Sunday week before asOf (a Monday digest reports last week). */
function computeReportedWeek(asOf: number, timeZone: string): Period {
  return previousWeek(weekContaining(asOf, timeZone), timeZone);
}

/** Quarter to date: from the start of the quarter holding the reported week's last day, up to asOf. */
function computeQuarterToDate(week: Period, asOf: number, timeZone: string): Period {
  const quarter = quarterContaining(week.end - 1, timeZone);
  return { ...quarter, label: `${quarter.label} to date`, end: Math.min(quarter.end, asOf) };
}

export function computeWeeklyDigestData(data: Dataset, asOf: number, settings: MetricSettings): WeeklyDigestData {
  const { timeZone } = settings;
  const week = computeReportedWeek(asOf, timeZone);
  const lastWeek = previousWeek(week, timeZone);
  const quarter = computeQuarterToDate(week, asOf, timeZone);
  const recent = { start: addLocalDays(asOf, -DIGEST_FUNNEL_DAYS, timeZone), end: asOf };
  const cohort = computeCohort(data.leads, { key: 'last-90d', label: `last ${DIGEST_FUNNEL_DAYS} days`, ...recent });
  const funnel = computeFunnelCounts(cohort);
  const leak = detectLeaks(data, asOf, settings);
  const month = monthContaining(week.end - 1, timeZone);
  const runway = computeRunway({ data, year: readLocalDateTime(month.start, timeZone).year, asOf, timeZone, leak });
  return {
    asOf,
    settings,
    week,
    previousWeek: lastWeek,
    quarter,
    weekKpis: computeKpis(data, week, settings, asOf),
    previousWeekKpis: computeKpis(data, lastWeek, settings, asOf),
    quarterKpis: computeKpis(data, quarter, settings, asOf),
    roiByCampaign: computeRoiRows(data, quarter, settings, 'first-touch', 'campaign'),
    roiBySource: computeRoiRows(data, quarter, settings, 'first-touch', 'source'),
    funnel,
    transitions: computeTransitionRates(funnel),
    timeToConvert: computeTimeToConvert(cohort, asOf),
    leak,
    planVsActual: computePlanVsActual(runway, month.key),
    runway,
    // Without a leak there is no stage to point at, so no lead is called stuck.
    stuckLeads: leak.kind === 'leak' ? computeStuckLeads(data.leads, leak.weakest.from) : [],
    hygiene: computeHygiene(data.leads, week, addLocalDays(asOf, -STALE_OPPORTUNITY_DAYS, timeZone)),
    trend: computeTrend(data.leads, week, timeZone),
    hadActivity: computeHadActivity(data, week),
  };
}
