// The smaller parts of the Monday digest: plan vs actual, stuck and stale leads, source hygiene, the weekly trend.

import { computeCohortInSteps, computeFunnelCountsInSteps, computeTransitionRates, isInPeriod } from './funnel.js';
import { formatLocalMonthDay, previousWeek } from './periods.js';
import { filterInSteps, forEachInSteps, runAllSteps, type Steps } from './steps.js';
import { computeFunnelTimeline } from './timeline.js';
import {
  type Dataset,
  FUNNEL_STAGES,
  type FunnelStage,
  type Hygiene,
  type Lead,
  type LeadRef,
  type Period,
  type PlanVsActualRow,
  type Stage,
  type Target,
  UNKNOWN_SOURCE,
  type WeeklyDigestData,
} from './types.js';

/** How many leads a digest list shows. */
export const DIGEST_LIST_LIMIT = 10;

/** A lead as the digest lists it; `since` is when it reached its current stage (createdAt for Lead). */
export function computeLeadRef(lead: Lead): LeadRef {
  const since = lead.stage === 'lead' ? lead.createdAt : (lead.stageDates[lead.stage] ?? lead.createdAt);
  return { id: lead.id, company: lead.company, stage: lead.stage, ownerName: lead.ownerName, since, value: lead.value };
}

/** The most recently edited plan value of a month and stage (a re-entered target replaces the old one). */
function latestTarget(targets: readonly Target[], month: string, stage: FunnelStage, field: 'count' | 'rate') {
  let latest: Target | null = null;
  for (const target of targets) {
    if (target.month !== month || target.stage !== stage || target[field] === null) continue;
    if (latest === null || target.updatedAt >= latest.updatedAt) latest = target;
  }
  return latest?.[field] ?? null;
}

/**
 * Plan vs actual for one month: per stage, the planned Count against the leads that reached the stage in the month
 * (created in it, for Lead), and the planned Rate against the month's cohort transition rate into the stage.
 */
export function* computePlanVsActualInSteps(data: Dataset, month: Period): Steps<PlanVsActualRow[]> {
  const cohort = yield* computeCohortInSteps(data.leads, month);
  const rates = computeTransitionRates(yield* computeFunnelCountsInSteps(cohort));
  const timeline = computeFunnelTimeline(data.leads);
  const actual = FUNNEL_STAGES.map(() => 0);
  yield* forEachInSteps(data.leads.length, (i) => {
    for (const [s, at] of timeline.at.entries()) if (isInPeriod(at[i]!, month)) actual[s]! += 1;
  });
  return FUNNEL_STAGES.map((stage, s) => ({
    stage,
    planned: latestTarget(data.targets, month.key, stage, 'count'),
    actual: actual[s]!,
    plannedRate: latestTarget(data.targets, month.key, stage, 'rate'),
    actualRate: rates.find((rate) => rate.to === stage)?.rate ?? null,
  }));
}

export function computePlanVsActual(data: Dataset, month: Period): PlanVsActualRow[] {
  return runAllSteps(computePlanVsActualInSteps(data, month));
}

/** Leads now sitting at a stage, longest there first, at most DIGEST_LIST_LIMIT. */
export function* computeStuckLeadsInSteps(leads: readonly Lead[], stage: Stage): Steps<LeadRef[]> {
  const stuck = yield* filterInSteps(leads, (lead) => lead.stage === stage);
  yield;
  return stuck
    .map(computeLeadRef)
    .sort((a, b) => a.since - b.since)
    .slice(0, DIGEST_LIST_LIMIT);
}

export function computeStuckLeads(leads: readonly Lead[], stage: Stage): LeadRef[] {
  return runAllSteps(computeStuckLeadsInSteps(leads, stage));
}

/**
 * Hygiene: the week's new leads without a known source per owner (only owners who have some, most first), and open
 * opportunities untouched since `staleBefore`, least recently changed first.
 */
export function* computeHygieneInSteps(
  leads: readonly Lead[],
  week: Period,
  staleBefore: number,
): Steps<Omit<Hygiene, 'duplicatePairs'>> {
  const byOwner = new Map<string, Hygiene['withoutSourceByOwner'][number]>();
  for (const lead of yield* computeCohortInSteps(leads, week)) {
    const row = byOwner.get(lead.ownerId) ?? {
      ownerId: lead.ownerId,
      ownerName: lead.ownerName,
      withoutSource: 0,
      total: 0,
    };
    row.total += 1;
    if (lead.source === UNKNOWN_SOURCE) row.withoutSource += 1;
    byOwner.set(lead.ownerId, row);
  }
  const withoutSourceByOwner = [...byOwner.values()]
    .filter((row) => row.withoutSource > 0)
    .sort((a, b) => b.withoutSource - a.withoutSource || b.total - a.total || a.ownerName.localeCompare(b.ownerName));
  const stale = yield* filterInSteps(leads, (lead) => lead.stage === 'opportunity' && lead.updatedAt <= staleBefore);
  const staleOpportunities = stale
    .sort((a, b) => a.updatedAt - b.updatedAt)
    .slice(0, DIGEST_LIST_LIMIT)
    .map(computeLeadRef);
  return { withoutSourceByOwner, staleOpportunities };
}

export function computeHygiene(
  leads: readonly Lead[],
  week: Period,
  staleBefore: number,
): Omit<Hygiene, 'duplicatePairs'> {
  return runAllSteps(computeHygieneInSteps(leads, week, staleBefore));
}

/** New leads per source in each of the 12 weeks ending with `week`, oldest week first. */
export function* computeTrendInSteps(
  leads: readonly Lead[],
  week: Period,
  timeZone: string,
): Steps<WeeklyDigestData['trend']> {
  const weeks = [week];
  while (weeks.length < 12) weeks.unshift(previousWeek(weeks[0]!, timeZone));
  const bySource = weeks.map((): Record<string, number> => ({}));
  const first = weeks[0]!.start;
  yield* forEachInSteps(leads.length, (i) => {
    const lead = leads[i]!;
    if (lead.createdAt < first || lead.createdAt >= week.end) return;
    const index = weeks.findIndex((candidate) => lead.createdAt < candidate.end);
    const counts = bySource[index]!;
    counts[lead.source] = (counts[lead.source] ?? 0) + 1;
  });
  return weeks.map((period, index) => ({
    weekStart: period.start,
    label: formatLocalMonthDay(period.start, timeZone),
    bySource: bySource[index]!,
  }));
}

export function computeTrend(leads: readonly Lead[], week: Period, timeZone: string): WeeklyDigestData['trend'] {
  return runAllSteps(computeTrendInSteps(leads, week, timeZone));
}

/** Anything happened in the week: a lead created or changed, or spend recorded. */
export function computeHadActivity(data: Dataset, week: Period): boolean {
  return (
    data.leads.some((lead) => isInPeriod(lead.createdAt, week) || isInPeriod(lead.updatedAt, week)) ||
    data.spend.some((row) => isInPeriod(row.updatedAt, week))
  );
}
