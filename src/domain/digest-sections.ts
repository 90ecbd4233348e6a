// The smaller parts of the Monday digest: plan vs actual, stuck and stale leads, source hygiene, the weekly trend.

import { computeCohortInSteps, isInPeriod } from './funnel.js';
import { createZoneClock } from './local-time.js';
import { formatLocalMonthDay, previousWeek } from './periods.js';
import type { Runway } from './runway-types.js';
import { filterInSteps, forEachInSteps, runAllSteps, type Steps } from './steps.js';
import {
  type Dataset,
  type Hygiene,
  type Lead,
  type LeadRef,
  type Period,
  type PlanVsActualRow,
  type Stage,
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

/**
 * Plan vs actual for one month of the runway: per stage, the planned Count against what reached the stage in the
 * month, and the planned Rate against the month cohort's rate — only once that cohort is old enough to be judged.
 * Visits appear when the month has visits recorded or planned.
 */
export function computePlanVsActual(runway: Runway, month: string): PlanVsActualRow[] {
  const row = runway.months.find((candidate) => candidate.period.key === month);
  if (row === undefined) return [];
  return row.cells
    .filter((cell) => cell.stage !== 'visits' || cell.actual !== null || cell.plannedCount !== null)
    .map((cell) => ({
      stage: cell.stage,
      planned: cell.plannedCount,
      actual: cell.actual,
      plannedRate: cell.plannedRate,
      actualRate: cell.actualRate,
      rateJudged: cell.rateStatus === 'judged',
    }));
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
  zone: string,
): Steps<WeeklyDigestData['trend']> {
  const timeZone = createZoneClock(zone);
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
