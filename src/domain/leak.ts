// The leak detector: which funnel transition converts significantly worse than it should, and what that costs.
//
// For each transition (from → to):
//   maturity  = p90 of observed days from `from` to `to` over all history (30 days while there are < 10 samples);
//               a lead is mature once it reached `from` at least that long before asOf, so young leads that simply
//               have not had time to convert are never counted as failures.
//   cohort    = mature leads that reached `from` in the window [asOf − maturity − windowDays, asOf − maturity) (one
//               optionally of one source/campaign); rate = converted / mature, with its 95% Wilson interval.
//   expected  = the average planned Rate of the Targets for `to` in the window's months; without one, the team's own
//               mature rate over the baseline window just before (≥ 30 mature leads, else nothing to compare).
//   leak      = the whole interval lies below expected (high < expected): 1 of 4 never qualifies, 40 of 400 does.
//   money     = missing conversions (expected × mature − converted) × P(customer | reached `to`) × average won value.
// The verdict names the significant transition that loses the most money, or says there is no significant leak.

import { computeNextStage } from './funnel.js';
import {
  computeDrivingSourcesInSteps,
  computeLeakHistoryInSteps,
  computeMatureCohortInSteps,
  countConvertedInSteps,
  type LeakHistory,
} from './leak-history.js';
import { createZoneClock, DAY_MS } from './local-time.js';
import { monthPeriod, parseMonth } from './periods.js';
import { readSnapshotMemo } from './snapshot.js';
import { wilsonInterval } from './stats.js';
import { filterInSteps, runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimeline, type FunnelTimeline } from './timeline.js';
import {
  type Dataset,
  type FunnelStage,
  type LeakVerdict,
  type MetricSettings,
  type Target,
  TRANSITIONS,
  type TransitionAssessment,
  type TransitionFrom,
} from './types.js';

export interface LeakOptions {
  /** Days of the judged window before asOf (default 90). */
  windowDays?: number;
  /** Days of the baseline window just before the judged one (default 180). */
  baselineDays?: number;
  /** Judge only the leads of this source and/or campaign (maturity, baseline and money stay team-wide). */
  source?: string;
  campaign?: string;
}

/** Fewer mature leads than this in the baseline window and the baseline is not trusted. */
export const MIN_BASELINE_LEADS = 30;
export const NO_LEAK_REASON = 'every transition is within its 95% interval of target/baseline';
export const TOO_YOUNG_REASON = 'not enough mature leads yet';

interface LeakContext {
  asOf: number;
  timeZone: string;
  windowDays: number;
  baselineDays: number;
  /** Every lead (maturity, baseline and money are team-wide), and the indices of all of them. */
  timeline: FunnelTimeline;
  everyone: readonly number[];
  /** Indices of the leads being judged (all, or one source/campaign). */
  scoped: readonly number[];
  targets: readonly Target[];
  history: LeakHistory;
}

/**
 * The planned months (of the targets) that the window [start, end) touches. Only those can matter, and walking every
 * month of an all-time window instead took tens of milliseconds per transition.
 */
function computeWindowMonths(start: number, end: number, zone: string, targets: readonly Target[]): Set<string> {
  const timeZone = createZoneClock(zone);
  const months = new Set<string>();
  for (const { month } of targets) {
    if (months.has(month) || !parseMonth(month).ok) continue;
    const period = monthPeriod(month, timeZone);
    if (period.start < end && period.end > start) months.add(month);
  }
  return months;
}

/** The average planned Rate into `to` over the window's months; null when no month has one. */
function computeTargetRate(targets: readonly Target[], to: FunnelStage, months: Set<string>): number | null {
  const rates = targets.flatMap((target) =>
    target.stage === to && target.rate !== null && months.has(target.month) ? [target.rate] : [],
  );
  return rates.length === 0 ? null : rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
}

interface TransitionWindows {
  /** The judged window [start, end) and the baseline window [baselineStart, start). */
  start: number;
  end: number;
  baselineStart: number;
  /** 'YYYY-MM' of every planned month the judged window touches (whose Targets apply). */
  months: Set<string>;
}

/**
 * The judged window ends where leads stop being mature (asOf − maturity), so a slow transition is judged on its
 * latest mature leads rather than on a sliver of the last 90 days.
 */
function computeWindows(context: LeakContext, from: TransitionFrom): TransitionWindows {
  const end = context.asOf - context.history.maturityDays[from] * DAY_MS;
  const start = end - context.windowDays * DAY_MS;
  return {
    start,
    end,
    baselineStart: start - context.baselineDays * DAY_MS,
    months: computeWindowMonths(start, end, context.timeZone, context.targets),
  };
}

/** A target when one is planned (the team's own goal beats history); else the trusted trailing baseline; else none. */
function* computeExpected(
  context: LeakContext,
  from: TransitionFrom,
  windows: TransitionWindows,
): Steps<Pick<TransitionAssessment, 'expected' | 'expectedKind'>> {
  const target = computeTargetRate(context.targets, computeNextStage(from), windows.months);
  if (target !== null) return { expected: target, expectedKind: 'target' };
  const { timeline, asOf } = context;
  const range = {
    start: windows.baselineStart,
    end: windows.start,
    maturityDays: context.history.maturityDays[from],
    asOf,
  };
  const cohort = yield* computeMatureCohortInSteps(timeline, context.everyone, from, range);
  const { mature, converted } = yield* countConvertedInSteps(timeline, cohort, from, asOf);
  if (mature < MIN_BASELINE_LEADS) return { expected: null, expectedKind: 'none' };
  return { expected: converted / mature, expectedKind: 'baseline' };
}

function* assessTransition(context: LeakContext, from: TransitionFrom): Steps<TransitionAssessment> {
  const { asOf, history, timeline } = context;
  const windows = computeWindows(context, from);
  const range = { start: windows.start, end: windows.end, maturityDays: history.maturityDays[from], asOf };
  const cohort = yield* computeMatureCohortInSteps(timeline, context.scoped, from, range);
  const { mature, converted } = yield* countConvertedInSteps(timeline, cohort, from, asOf);
  const { expected, expectedKind } = yield* computeExpected(context, from, windows);
  const interval = mature === 0 ? null : wilsonInterval(converted, mature);
  const missingConversions = expected === null ? 0 : Math.max(0, expected * mature - converted);
  const downstreamRate = history.downstreamRate[from];
  const drivingSources =
    expected === null ? [] : yield* computeDrivingSourcesInSteps(timeline, cohort, from, expected, asOf);
  return {
    from,
    to: computeNextStage(from),
    maturityDays: history.maturityDays[from],
    mature,
    converted,
    rate: mature === 0 ? null : converted / mature,
    low: interval?.low ?? null,
    high: interval?.high ?? null,
    expected,
    expectedKind,
    // A rate at or above expectation is never a leak, whatever rounding does to its interval.
    significant: interval !== null && missingConversions > 0 && interval.high < (expected ?? 0),
    missingConversions,
    downstreamRate,
    averageWonValue: history.averageWonValue,
    moneyLost: missingConversions * downstreamRate * history.averageWonValue,
    drivingSources,
  };
}

function* buildContext(data: Dataset, asOf: number, timeZone: string, options: LeakOptions): Steps<LeakContext> {
  const timeline = computeFunnelTimeline(data.leads, readSnapshotMemo(data).leadsMemo);
  yield;
  const everyone = Array.from(data.leads.keys());
  const scoped =
    options.source === undefined && options.campaign === undefined
      ? everyone
      : yield* filterInSteps(everyone, (i) => {
          const lead = data.leads[i]!;
          return (
            (options.source === undefined || lead.source === options.source) &&
            (options.campaign === undefined || lead.campaign === options.campaign)
          );
        });
  return {
    asOf,
    timeZone,
    windowDays: options.windowDays ?? 90,
    baselineDays: options.baselineDays ?? 180,
    timeline,
    everyone,
    scoped,
    targets: data.targets,
    history: yield* computeLeakHistoryInSteps(timeline, asOf),
  };
}

/** Judges every transition as of `asOf` and names the costliest significant leak, or says there is none. */
export function detectLeaks(
  data: Dataset,
  asOf: number,
  settings: MetricSettings,
  options: LeakOptions = {},
): LeakVerdict {
  return runAllSteps(detectLeaksInSteps(data, asOf, settings, options));
}

/** detectLeaks in steps (steps.ts): over 100k leads and all history it takes hundreds of milliseconds. */
export function* detectLeaksInSteps(
  data: Dataset,
  asOf: number,
  settings: MetricSettings,
  options: LeakOptions = {},
): Steps<LeakVerdict> {
  const context = yield* buildContext(data, asOf, settings.timeZone, options);
  const transitions: TransitionAssessment[] = [];
  for (const from of TRANSITIONS) transitions.push(yield* assessTransition(context, from));
  const [weakest] = transitions
    .filter((transition) => transition.significant)
    .sort((a, b) => b.moneyLost - a.moneyLost || b.missingConversions - a.missingConversions);
  if (weakest) return { kind: 'leak', weakest, transitions };
  const judged = transitions.some((transition) => transition.expected !== null && transition.mature > 0);
  return { kind: 'none', reason: judged ? NO_LEAK_REASON : TOO_YOUNG_REASON, transitions };
}
