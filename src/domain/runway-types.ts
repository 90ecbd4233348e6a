// The Results Runway as data: a year of months × stages (visits → leads → MQL → SQL → opportunities → customers),
// each with what was planned, what happened, what the months to come are projected to bring, and whether the
// month's rates are old enough to be judged. Computed by runway.ts, shown by `/roi runway`, the digest and the chart.

import type { Period, TargetStage } from './types.js';

/** Where a month stands against asOf. */
export type RunwayTiming = 'past' | 'current' | 'future';

/**
 * Whether a month's rate into a stage is shown: `judged` once its cohort is mature, `too-early` before, `none` where
 * there is no rate to speak of (Visits; Lead without visits recorded).
 */
export type RateStatus = 'judged' | 'too-early' | 'none';

export interface RunwayCell {
  stage: TargetStage;
  plannedCount: number | null;
  plannedRate: number | null;
  /**
   * Leads that reached the stage in the month, known by asOf (the visits recorded, for Visits). Null for a month
   * not begun, and for Visits when the month has no record.
   */
  actual: number | null;
  /**
   * The whole month as projected: for the current month, what happened so far plus the rest of the month at the
   * run-rate; for months to come, the run-rate. Null for past months and when there is no basis to project from.
   */
  projected: number | null;
  /** The month cohort's rate into the stage (for Lead: leads per visit); null unless judged and computable. */
  actualRate: number | null;
  rateStatus: RateStatus;
  /** When the month's rate into the stage can first be judged; null when there is no rate. */
  judgedFrom: number | null;
}

export interface RunwayMonth {
  period: Period;
  timing: RunwayTiming;
  /** One cell per stage of Runway.stages, in that order. */
  cells: RunwayCell[];
}

/** What the months to come are projected from. */
export interface RunwayProjection {
  /** 'YYYY-MM' of the complete months the run-rate averages (the last three before asOf's month, with data). */
  basisMonths: string[];
  leadsPerMonth: number | null;
  visitsPerMonth: number | null;
  /** The mature rate into each stage the leak detector judges (Lead: leads per visit over the basis months). */
  rates: Partial<Record<TargetStage, number | null>>;
}

export interface RunwayStageSummary {
  stage: TargetStage;
  /** Past months that have a planned count: planned and actual added up. */
  plannedSoFar: number | null;
  actualSoFar: number | null;
  /** What happened this year so far (past and current months); null when nothing is known (Visits unrecorded). */
  actualToDate: number | null;
  /** Every planned count of the year added up; null without any. */
  plannedYear: number | null;
  /**
   * The year as expected, over the months that have a plan (all months when none has): actual for past months,
   * projected for the current and coming ones. Null when a month lacks its figure.
   */
  expectedYear: number | null;
  /** expectedYear − plannedYear; negative is behind plan. */
  gap: number | null;
  /** The latest month whose rate into the stage is judged and known. */
  latestRate: { month: string; rate: number; plannedRate: number | null } | null;
}

export interface Runway {
  year: number;
  asOf: number;
  /** The stages shown: Visits first when any are recorded or planned, then Lead … Customer. */
  stages: TargetStage[];
  months: RunwayMonth[];
  summaries: RunwayStageSummary[];
  projection: RunwayProjection;
  /** The stage furthest behind its year plan, relative to that plan; null when none is behind. */
  biggestGap: { stage: TargetStage; gap: number; share: number } | null;
}
