// The detail behind the Monday digest's "More" buttons, computed again when someone clicks, for the very windows the
// digest reported on (the same asOf): time to convert and lost reasons of the funnel's 90-day cohort, cost per stage
// of the week and the quarter to date, and the pipeline by campaign. Each topic computes only what it shows.

import { computeQuarterToDate, computeReportedWeek, DIGEST_FUNNEL_DAYS } from './digest-data.js';
import { computeCohort, computeTimeToConvert } from './funnel.js';
import { formatLocalDayRange } from './local-time.js';
import { computeLostReasons, type LostReasonsAtStage } from './lost-reasons.js';
import { addLocalDays } from './periods.js';
import { computePipelineSummary, type PipelineSummary } from './pipeline.js';
import { computeKpis } from './roi.js';
import { readSnapshot } from './snapshot.js';
import type { Dataset, KpiSet, MetricSettings, Period, TimeToConvert } from './types.js';

export const DIGEST_DETAIL_TOPICS = ['time', 'cost', 'lost', 'pipeline'] as const;
export type DigestDetailTopic = (typeof DIGEST_DETAIL_TOPICS)[number];

/** One topic's detail, with the week its digest reported (which the reply names). */
export type DigestDetail = { week: Period } & (
  | { topic: 'time'; window: Period; timeToConvert: TimeToConvert[] }
  | { topic: 'cost'; quarter: Period; weekKpis: KpiSet; quarterKpis: KpiSet }
  | { topic: 'lost'; window: Period; lostReasons: LostReasonsAtStage[] }
  | { topic: 'pipeline'; pipeline: PipelineSummary }
);

/** The digest's funnel window: the leads created in the 90 days before asOf. */
export function computeDigestFunnelWindow(asOf: number, timeZone: string): Period {
  const start = addLocalDays(asOf, -DIGEST_FUNNEL_DAYS, timeZone);
  const range = formatLocalDayRange(start, asOf, timeZone);
  return { key: `last-${DIGEST_FUNNEL_DAYS}d`, label: `last ${DIGEST_FUNNEL_DAYS} days (${range})`, start, end: asOf };
}

/** The detail of one topic for the digest made at `asOf`. */
export function computeDigestDetail(
  dataset: Dataset,
  asOf: number,
  settings: MetricSettings,
  topic: DigestDetailTopic,
): DigestDetail {
  const data = readSnapshot(dataset);
  const { timeZone } = settings;
  const week = computeReportedWeek(asOf, timeZone);
  switch (topic) {
    case 'time': {
      const window = computeDigestFunnelWindow(asOf, timeZone);
      return { topic, week, window, timeToConvert: computeTimeToConvert(computeCohort(data.leads, window), asOf) };
    }
    case 'lost': {
      const window = computeDigestFunnelWindow(asOf, timeZone);
      return { topic, week, window, lostReasons: computeLostReasons(computeCohort(data.leads, window)) };
    }
    case 'cost': {
      const quarter = computeQuarterToDate(week, asOf, timeZone);
      const weekKpis = computeKpis(data, week, settings, asOf);
      return { topic, week, quarter, weekKpis, quarterKpis: computeKpis(data, quarter, settings, asOf) };
    }
    case 'pipeline':
      return { topic, week, pipeline: computePipelineSummary(data.leads, asOf, data.memo.leadsMemo) };
  }
}
