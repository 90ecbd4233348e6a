// The 12-month Results Runway: planned vs actual per stage, month by month, with the months to come projected and
// each month's rates shown only once its cohort is old enough to be judged.
//
//   actual (stage s, month m) = leads that reached s during m, known by asOf (Lead: created in m; Visits: recorded)
//   rate   (stage s, month m) = leads created in m that reached s / those that reached the stage before s
//                               (Lead: leads created in m / visits of m)
//   judged from                = end of m + the maturity (p90 days to convert, as the leak detector learns it) of
//                               every transition from Lead up to s; before that the rate is "too early"
//   projection                 = runway-projection.ts (trailing run-rate × mature stage rates)

import { createZoneClock, DAY_MS } from './local-time.js';
import { monthContaining, monthPeriod } from './periods.js';
import { computeMonthCountsInSteps, type MonthCounts } from './runway-counts.js';
import { computeMonthlyPace, computeProjection, projectMonth, RUN_RATE_MONTHS } from './runway-projection.js';
import type { Runway, RunwayCell, RunwayMonth, RunwayProjection, RunwayStageSummary } from './runway-types.js';
import { readSnapshotMemo } from './snapshot.js';
import { runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimeline, type FunnelTimeline, STAGE_INDEX } from './timeline.js';
import {
  type Dataset,
  FUNNEL_STAGES,
  type LeakVerdict,
  type Period,
  type Target,
  type TargetStage,
  TRANSITIONS,
  type Visit,
} from './types.js';
import { computeMonthVisitorRate, computeMonthVisits } from './visits.js';

export interface RunwayInput {
  data: Dataset;
  year: number;
  asOf: number;
  timeZone: string;
  /** The verdict as of asOf: its mature rates drive the projection, its maturity days decide what is judged. */
  leak: LeakVerdict;
}

/** The most recently edited planned value of a month and stage (a re-entered target replaces the old one). */
export function findPlannedValue(
  targets: readonly Target[],
  month: string,
  stage: TargetStage,
  field: 'count' | 'rate',
): number | null {
  let latest: Target | null = null;
  for (const target of targets) {
    if (target.month !== month || target.stage !== stage || target[field] === null) continue;
    if (latest === null || target.updatedAt >= latest.updatedAt) latest = target;
  }
  return latest?.[field] ?? null;
}

function listYearMonths(year: number, zone: string): Period[] {
  const timeZone = createZoneClock(zone);
  return Array.from({ length: 12 }, (_, m) => monthPeriod(`${year}-${String(m + 1).padStart(2, '0')}`, timeZone));
}

/** When a month's rate into the stage can be judged: its end plus the maturity of every transition up to it. */
function computeJudgedFrom(stage: TargetStage, month: Period, leak: LeakVerdict): number | null {
  if (stage === 'visits') return null;
  const steps = TRANSITIONS.slice(0, STAGE_INDEX[stage]);
  const days = steps.reduce(
    (sum, from) => sum + (leak.transitions.find((transition) => transition.from === from)?.maturityDays ?? 0),
    0,
  );
  return month.end + days * DAY_MS;
}

interface MonthContext {
  input: RunwayInput;
  visits: readonly Visit[];
  projection: RunwayProjection;
}

function computeCohortRate(stage: TargetStage, counts: MonthCounts, context: MonthContext, month: string) {
  if (stage === 'visits') return null;
  if (stage === 'lead') {
    const created = { total: counts.reachedIn[0]!, bySource: counts.createdBySource };
    return computeMonthVisitorRate(context.visits, month, created);
  }
  const s = STAGE_INDEX[stage];
  const before = counts.cohortReached[s - 1]!;
  return before === 0 ? null : counts.cohortReached[s]! / before;
}

function buildCell(stage: TargetStage, period: Period, counts: MonthCounts, context: MonthContext): RunwayCell {
  const { input, visits, projection } = context;
  const started = period.start <= input.asOf;
  const monthVisits = computeMonthVisits(visits, period.key);
  const actual = !started ? null : stage === 'visits' ? monthVisits : counts.reachedIn[STAGE_INDEX[stage]]!;
  const hasRate = stage !== 'visits' && (stage !== 'lead' || (monthVisits !== null && monthVisits > 0));
  const judgedFrom = hasRate ? computeJudgedFrom(stage, period, input.leak) : null;
  const judged = judgedFrom !== null && input.asOf >= judgedFrom;
  return {
    stage,
    plannedCount: findPlannedValue(input.data.targets, period.key, stage, 'count'),
    plannedRate: findPlannedValue(input.data.targets, period.key, stage, 'rate'),
    actual,
    projected:
      period.end <= input.asOf
        ? null
        : projectMonth(stage, period, input.asOf, actual, computeMonthlyPace(projection, stage)),
    actualRate: judged ? computeCohortRate(stage, counts, context, period.key) : null,
    rateStatus: !hasRate ? 'none' : judged ? 'judged' : 'too-early',
    judgedFrom,
  };
}

function buildMonth(period: Period, counts: MonthCounts, stages: TargetStage[], context: MonthContext): RunwayMonth {
  const { asOf } = context.input;
  const timing = period.end <= asOf ? 'past' : period.start > asOf ? 'future' : 'current';
  return { period, timing, cells: stages.map((stage) => buildCell(stage, period, counts, context)) };
}

function* buildProjectionInSteps(
  input: RunwayInput,
  timeline: FunnelTimeline,
  visits: readonly Visit[],
): Steps<RunwayProjection> {
  const months: Period[] = [];
  const clock = createZoneClock(input.timeZone);
  let month = monthContaining(input.asOf, clock);
  while (months.length < RUN_RATE_MONTHS) {
    month = monthContaining(month.start - 1, clock);
    months.unshift(month);
  }
  const counts = yield* computeMonthCountsInSteps(timeline, months, input.asOf);
  const firstLeadAt = timeline.at[0]!.reduce((first, at) => Math.min(first, at), Number.POSITIVE_INFINITY);
  return computeProjection({
    months: months.map((period, m) => ({
      period,
      leads: counts[m]!.reachedIn[0]!,
      createdBySource: counts[m]!.createdBySource,
    })),
    firstLeadAt,
    visits,
    leak: input.leak,
  });
}

/** Visits join the runway once the team records or plans any. */
function chooseStages(input: RunwayInput, visits: readonly Visit[]): TargetStage[] {
  const planned = input.data.targets.some((target) => target.stage === 'visits');
  return visits.length > 0 || planned ? ['visits', ...FUNNEL_STAGES] : [...FUNNEL_STAGES];
}

export function computeRunway(input: RunwayInput): Runway {
  return runAllSteps(computeRunwayInSteps(input));
}

/** The runway in steps (steps.ts): its counts walk every lead, twice. */
export function* computeRunwayInSteps(input: RunwayInput): Steps<Runway> {
  const visits = input.data.visits ?? [];
  const timeline = computeFunnelTimeline(input.data.leads, readSnapshotMemo(input.data).leadsMemo);
  yield;
  const periods = listYearMonths(input.year, input.timeZone);
  const counts = yield* computeMonthCountsInSteps(timeline, periods, input.asOf);
  const projection = yield* buildProjectionInSteps(input, timeline, visits);
  const stages = chooseStages(input, visits);
  const context: MonthContext = { input, visits, projection };
  const months = periods.map((period, m) => buildMonth(period, counts[m]!, stages, context));
  const summaries = stages.map((stage, s) => summarizeStage(stage, months, s));
  return {
    year: input.year,
    asOf: input.asOf,
    stages,
    months,
    summaries,
    projection,
    biggestGap: findBiggestGap(summaries),
  };
}

function sumOrNull(values: readonly (number | null)[]): number | null {
  if (values.length === 0 || values.some((value) => value === null)) return null;
  return values.reduce((sum: number, value) => sum + (value ?? 0), 0);
}

function summarizeStage(stage: TargetStage, months: readonly RunwayMonth[], s: number): RunwayStageSummary {
  const cells = months.map((month) => ({ month, cell: month.cells[s]! }));
  const planned = cells.filter(({ cell }) => cell.plannedCount !== null);
  const pastPlanned = planned.filter(({ month, cell }) => month.timing === 'past' && cell.actual !== null);
  const plannedYear = sumOrNull(planned.map(({ cell }) => cell.plannedCount));
  const counted = planned.length > 0 ? planned : cells;
  const expectedYear = sumOrNull(
    counted.map(({ month, cell }) => (month.timing === 'past' ? cell.actual : cell.projected)),
  );
  const judged = cells.filter(({ cell }) => cell.rateStatus === 'judged' && cell.actualRate !== null).at(-1);
  const known = cells.flatMap(({ month, cell }) =>
    month.timing === 'future' || cell.actual === null ? [] : [cell.actual],
  );
  return {
    stage,
    actualToDate: known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0),
    plannedSoFar: sumOrNull(pastPlanned.map(({ cell }) => cell.plannedCount)),
    actualSoFar: sumOrNull(pastPlanned.map(({ cell }) => cell.actual)),
    plannedYear,
    expectedYear,
    gap: plannedYear === null || expectedYear === null ? null : expectedYear - plannedYear,
    latestRate: judged
      ? { month: judged.month.period.key, rate: judged.cell.actualRate!, plannedRate: judged.cell.plannedRate }
      : null,
  };
}

function findBiggestGap(summaries: readonly RunwayStageSummary[]): Runway['biggestGap'] {
  let biggest: Runway['biggestGap'] = null;
  for (const summary of summaries) {
    if (summary.gap === null || summary.plannedYear === null || summary.plannedYear <= 0 || summary.gap >= 0) continue;
    const share = summary.gap / summary.plannedYear;
    if (biggest === null || share < biggest.share) biggest = { stage: summary.stage, gap: summary.gap, share };
  }
  return biggest;
}
