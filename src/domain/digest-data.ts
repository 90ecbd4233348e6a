// Everything the Monday digest shows, computed once from a snapshot: the renderers only format it.

import { computeTimeToConvertInSteps } from './conversion-time.js';
import {
  computeHadActivity,
  computeHygieneInSteps,
  computePlanVsActual,
  computeStuckLeadsInSteps,
  computeTrendInSteps,
} from './digest-sections.js';
import { computeBookDuplicatesInSteps } from './duplicates.js';
import { computeCohortInSteps, computeFunnelCountsInSteps, computeTransitionRates } from './funnel.js';
import { detectLeaksInSteps } from './leak.js';
import { createZoneClock, readLocalDateTime, type TimeZoneInput } from './local-time.js';
import { addLocalDays, monthContaining, previousWeek, quarterContaining, weekContaining } from './periods.js';
import { computeKpisInSteps, computeRoiRowsInSteps } from './roi.js';
import { computeRoiProjectionsInSteps } from './roi-projection.js';
import { computeRunwayInSteps } from './runway.js';
import { readSnapshot } from './snapshot.js';
import { runAllSteps, type Steps } from './steps.js';
import type { Dataset, MetricSettings, Period, WeeklyDigestData } from './types.js';

/** The digest's funnel looks at the leads created in this many days before asOf. */
export const DIGEST_FUNNEL_DAYS = 90;
/** An open opportunity with no change for this many days is stale. */
export const STALE_OPPORTUNITY_DAYS = 30;

/** The week reported: the last complete Monday-to-Sunday week before asOf (a Monday digest reports last week). */
export function computeReportedWeek(asOf: number, timeZone: TimeZoneInput): Period {
  return previousWeek(weekContaining(asOf, timeZone), timeZone);
}

/** Quarter to date: from the start of the quarter holding the reported week's last day, up to asOf. */
export function computeQuarterToDate(week: Period, asOf: number, timeZone: TimeZoneInput): Period {
  const quarter = quarterContaining(week.end - 1, timeZone);
  return { ...quarter, label: `${quarter.label} to date`, end: Math.min(quarter.end, asOf) };
}

export function computeWeeklyDigestData(data: Dataset, asOf: number, settings: MetricSettings): WeeklyDigestData {
  return runAllSteps(computeWeeklyDigestDataInSteps(data, asOf, settings));
}

/** The digest's figures in steps (steps.ts): at 100k leads they take about half a second in all. */
export function* computeWeeklyDigestDataInSteps(
  dataset: Dataset,
  asOf: number,
  settings: MetricSettings,
): Steps<WeeklyDigestData> {
  // Every figure below reads the same snapshot, so what one lays out (the funnel timeline) the others reuse.
  const data = readSnapshot(dataset);
  // One clock for the digest's dates (making one costs more than reading a date with it).
  const timeZone = createZoneClock(settings.timeZone);
  const week = computeReportedWeek(asOf, timeZone);
  const lastWeek = previousWeek(week, timeZone);
  const quarter = computeQuarterToDate(week, asOf, timeZone);
  const recent = { start: addLocalDays(asOf, -DIGEST_FUNNEL_DAYS, timeZone), end: asOf };
  const cohort = yield* computeCohortInSteps(data.leads, {
    key: 'last-90d',
    label: `last ${DIGEST_FUNNEL_DAYS} days`,
    ...recent,
  });
  const funnel = yield* computeFunnelCountsInSteps(cohort);
  const leak = yield* detectLeaksInSteps(data, asOf, settings);
  const month = monthContaining(week.end - 1, timeZone);
  const year = readLocalDateTime(month.start, timeZone).year;
  const runway = yield* computeRunwayInSteps({ data, year, asOf, timeZone: settings.timeZone, leak });
  const projection = { period: quarter, asOf, settings, model: 'first-touch' as const };
  return {
    asOf,
    settings,
    week,
    previousWeek: lastWeek,
    quarter,
    weekKpis: yield* computeKpisInSteps(data, week, settings, asOf),
    previousWeekKpis: yield* computeKpisInSteps(data, lastWeek, settings, asOf),
    quarterKpis: yield* computeKpisInSteps(data, quarter, settings, asOf),
    roiByCampaign: yield* computeRoiRowsInSteps(data, quarter, settings, 'first-touch', 'campaign'),
    roiBySource: yield* computeRoiRowsInSteps(data, quarter, settings, 'first-touch', 'source'),
    roiProjectionsByCampaign: yield* computeRoiProjectionsInSteps(data, { ...projection, kind: 'campaign' }),
    roiProjectionsBySource: yield* computeRoiProjectionsInSteps(data, { ...projection, kind: 'source' }),
    funnel,
    transitions: computeTransitionRates(funnel),
    timeToConvert: yield* computeTimeToConvertInSteps(cohort, asOf),
    leak,
    planVsActual: computePlanVsActual(runway, month.key),
    runway,
    // Without a leak there is no stage to point at, so no lead is called stuck.
    stuckLeads: leak.kind === 'leak' ? yield* computeStuckLeadsInSteps(data.leads, leak.weakest.from) : [],
    hygiene: {
      ...(yield* computeHygieneInSteps(data.leads, week, addLocalDays(asOf, -STALE_OPPORTUNITY_DAYS, timeZone))),
      // The longest part of the digest at 100k leads; kept per snapshot, so `/lead duplicates` reuses it.
      duplicatePairs: (yield* computeBookDuplicatesInSteps(data)).total,
    },
    trend: yield* computeTrendInSteps(data.leads, week, settings.timeZone),
    hadActivity: computeHadActivity(data, week),
  };
}
