// A hand-built Results Runway for 2026 as of Mon Nov 23 (UTC), for the digest fixture: Lead … Customer, a plan from
// June, every past month at 90% of plan, November half done, December projected at the plan.

import { MONTH_NAMES } from '../../src/domain/local-time.js';
import type { Runway, RunwayCell, RunwayMonth, RunwayStageSummary } from '../../src/domain/runway-types.js';
import { FUNNEL_STAGES, type TargetStage } from '../../src/domain/types.js';

/** Planned per month from June: Lead 150, MQL 60, SQL 30, Opportunity 12, Customer 4. */
export const RUNWAY_PLAN: Record<TargetStage, number> = {
  visits: 0,
  lead: 150,
  mql: 60,
  sql: 30,
  opportunity: 12,
  customer: 4,
};

const AS_OF = Date.UTC(2026, 10, 23, 9);
function buildCell(stage: TargetStage, m: number): RunwayCell {
  const planned = m >= 5 ? RUNWAY_PLAN[stage] : null;
  const past = m < 10;
  const actual = m > 10 ? null : Math.round((planned ?? 0) * (past ? 0.9 : 0.5));
  return {
    stage,
    plannedCount: planned,
    plannedRate: null,
    actual,
    projected: past ? null : (planned ?? 0),
    actualRate: null,
    rateStatus: stage === 'lead' ? 'none' : m < 8 ? 'judged' : 'too-early',
    judgedFrom: stage === 'lead' ? null : Date.UTC(2026, m + 2, 1),
  };
}

function buildMonth(m: number): RunwayMonth {
  const start = Date.UTC(2026, m, 1);
  const end = Date.UTC(2026, m + 1, 1);
  const key = `2026-${String(m + 1).padStart(2, '0')}`;
  return {
    period: { key, label: `${MONTH_NAMES[m]} 2026`, start, end },
    timing: end <= AS_OF ? 'past' : start > AS_OF ? 'future' : 'current',
    cells: FUNNEL_STAGES.map((stage) => buildCell(stage, m)),
  };
}

function buildSummary(stage: TargetStage): RunwayStageSummary {
  const planned = RUNWAY_PLAN[stage];
  // June–October at 90% of plan, November and December projected at plan: 5 × 0.9 + 2 = 6.5 months of plan.
  const expected = Math.round(planned * 0.9) * 5 + 2 * planned;
  return {
    stage,
    // Nothing before June; then 0.9 × plan for five months and half of it in November.
    actualToDate: Math.round(planned * 0.9) * 5 + Math.round(planned * 0.5),
    plannedSoFar: planned * 5,
    actualSoFar: Math.round(planned * 0.9) * 5,
    plannedYear: planned * 7,
    expectedYear: expected,
    gap: expected - planned * 7,
    latestRate: null,
  };
}

export function buildRunwayFixture(): Runway {
  const summaries = FUNNEL_STAGES.map(buildSummary);
  const lead = summaries[0]!;
  return {
    year: 2026,
    asOf: AS_OF,
    stages: [...FUNNEL_STAGES],
    months: Array.from({ length: 12 }, (_, m) => buildMonth(m)),
    summaries,
    projection: { basisMonths: ['2026-08', '2026-09', '2026-10'], leadsPerMonth: 135, visitsPerMonth: null, rates: {} },
    biggestGap: { stage: 'lead', gap: lead.gap!, share: lead.gap! / lead.plannedYear! },
  };
}
