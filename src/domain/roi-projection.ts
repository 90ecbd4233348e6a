// Lag-aware ROI: per campaign or source, revenue its period's leads have won so far plus what its open leads are
// expected to bring, the projected ROI with an 80% interval, maturity, payback and a verdict.
//
//   cohort       leads created in [period start, min(period end, asOf)), credited under the attribution model;
//                spend = what was booked to the key over the period (prorated like every ROI of the period).
//   expected     Σ over open leads of credit × P(customer | stage, days at that stage) × value, where P comes from
//                the team's own history (conversion-odds.ts) and value is the lead's own, else the average won deal
//                of its campaign/source (the team's with fewer than 5 deals).
//   projected    ((won so far + expected) × margin − spend) / spend; 80% interval by simulation (projection-draws.ts).
//   maturity     share of the cohort that is won, lost, or older than the usual time to close (p90 created →
//                customer); below TOO_EARLY_BELOW the verdict is 'too-early', judged by the day it will pass it.
//   payback      payback.ts.

import { type ConversionOdds, computeConversionOddsInSteps, type SegmentDimension } from './conversion-odds.js';
import { DAY_MS } from './local-time.js';
import { buildMonthLadder, computePayback, type MonthLadder } from './payback.js';
import { type CohortLedger, listOpenGroups, readLedger, walkCohort } from './projection-cohort.js';
import { computeRoiInterval, drawOpenRevenue, drawTeamRates } from './projection-draws.js';
import { computeRoi, computeSharedDominantSources, computeSpendKey } from './roi-rows.js';
import { compareRoiProjections } from './roi-verdicts.js';
import { hashSeed } from './seeded-random.js';
import { readSnapshot, type Snapshot } from './snapshot.js';
import { computeOncePerSnapshotInSteps } from './snapshot-memo.js';
import { computeSpendIndex, computeSpendInPeriod } from './spend.js';
import { runAllSteps, type Steps } from './steps.js';
import type { AttributionModel, Dataset, MetricSettings, Period, RoiProjection, RoiVerdict } from './types.js';

export { compareRoiProjections, groupRoiProjections, isJudged } from './roi-verdicts.js';

/** Below this share of mature leads a cohort is too early to judge. */
export const TOO_EARLY_BELOW = 0.5;

/** Projections asked within one minute stand at the end of that minute (computeProjectionMoment). */
export const PROJECTION_GRAIN_MS = 60_000;

/**
 * The moment a projection asked at `now` stands at: the end of the current minute, always later than `now`. Asks of
 * the same minute on the same snapshot then share one computation (what history teaches, the team's draws, each
 * campaign's interval), and nothing that happened up to the ask is left out: a cohort ends before asOf, so a lead
 * logged at 15:01:00.000 and asked about at that very millisecond must stand at 15:02, not 15:01.
 */
export function computeProjectionMoment(now: number): number {
  return (Math.floor(now / PROJECTION_GRAIN_MS) + 1) * PROJECTION_GRAIN_MS;
}

export interface ProjectionQuery {
  period: Period;
  /** The moment the projection stands at: what is known then, and the start of "the future". */
  asOf: number;
  settings: MetricSettings;
  model: AttributionModel;
  kind: SegmentDimension;
}

interface CohortBook {
  start: number;
  end: number;
  ladder: MonthLadder;
  odds: ConversionOdds;
  /** drawTeamRates for this question, shared by every key. */
  teamRates: Float64Array;
  ledgers: Map<string, CohortLedger>;
}

function buildMemoKey(what: string, query: ProjectionQuery): string {
  const { period, asOf, settings, model, kind } = query;
  return [what, period.start, period.end, asOf, model, kind, settings.timeZone, settings.grossMargin].join('|');
}

/** The first instant anything of the cohort happened: its period's start, or for `all` the first lead or spend. */
function computeFirstInstant(data: Dataset, start: number, spendStarts: readonly number[]): number {
  if (Number.isFinite(start)) return start;
  let first = Math.min(...spendStarts);
  for (const lead of data.leads) if (lead.createdAt < first) first = lead.createdAt;
  return first;
}

function* computeCohortBook(data: Snapshot, query: ProjectionQuery): Steps<CohortBook> {
  const { asOf, settings, kind } = query;
  const start = query.period.start;
  const end = Math.min(query.period.end, asOf);
  const learnt = yield* computeOncePerSnapshotInSteps(data, `odds|${asOf}`, () =>
    computeConversionOddsInSteps(data.leads, asOf, data.memo.leadsMemo),
  );
  const odds = learnt[kind];
  const spendIndex = computeSpendIndex(data.spend, settings.timeZone);
  const spendStarts = spendIndex.months.map((month) => month.period.start);
  const first = computeFirstInstant(data, start, spendStarts);
  const ladder = buildMonthLadder(Number.isFinite(first) ? first : asOf, asOf, settings.timeZone);
  const walk = { start, end, asOf, model: query.model, dimension: kind, odds, ladder };
  const ledgers = yield* walkCohort(data.leads, walk, data.memo.leadsMemo);
  const dominant = kind === 'source' ? yield* computeSharedDominantSources(data) : new Map<string, string>();
  for (const { row, amount } of computeSpendInPeriod(spendIndex, query.period)) {
    const key = computeSpendKey(row, kind, dominant);
    if (key === null) continue;
    const ledger = readLedger(ledgers, key, ladder);
    ledger.spend += amount;
    const month = ladder.indexOfKey.get(row.month);
    if (month !== undefined) ledger.monthly.spend[month]! += amount;
  }
  // The team's rates are the same for both dimensions and every period asked at this moment: drawn once.
  const teamRates = yield* computeOncePerSnapshotInSteps(data, `team-rates|${asOf}`, function* () {
    yield;
    return drawTeamRates(odds.team, hashSeed(['team', asOf]));
  });
  return { start, end, ladder, odds, teamRates, ledgers };
}

/** When the mature share reaches TOO_EARLY_BELOW, if no pending lead closes first; null when it already has. */
function computeJudgedBy(ledger: CohortLedger, book: CohortBook): number | null {
  if (ledger.leads === 0) return book.start + book.odds.closeDays * DAY_MS;
  const needed = TOO_EARLY_BELOW * ledger.leads - 1e-9;
  const { pendingAt, pendingCredit } = ledger;
  if (ledger.mature >= needed || pendingAt.length === 0) return null;
  // Whole credits (first touch, the common case) need only the dates in order: a typed sort, no comparator.
  if (pendingCredit.every((credit) => credit === 1)) {
    const dates = Float64Array.from(pendingAt).sort();
    return dates[Math.min(dates.length - 1, Math.ceil(needed - ledger.mature) - 1)]!;
  }
  const order = pendingAt.map((_, i) => i).sort((a, b) => pendingAt[a]! - pendingAt[b]!);
  let mature = ledger.mature;
  for (const i of order) {
    mature += pendingCredit[i]!;
    if (mature >= needed) return pendingAt[i]!;
  }
  return null;
}

function decideVerdict(spend: number, projectedRoi: number | null, ready: number | null, asOf: number): RoiVerdict {
  if (spend === 0 || projectedRoi === null) return 'no-spend';
  if (ready !== null && ready > asOf) return 'too-early';
  return projectedRoi >= 0 ? 'paying' : 'losing';
}

function buildProjection(key: string, ledger: CohortLedger, book: CohortBook, query: ProjectionQuery): RoiProjection {
  const { asOf, settings, model, kind } = query;
  const margin = settings.grossMargin;
  const { spend, wonSoFar, expectedRevenue } = ledger;
  const roiSoFar = computeRoi(wonSoFar, spend, margin);
  const projectedRoi = computeRoi(wonSoFar + expectedRevenue, spend, margin);
  const groups = listOpenGroups(ledger);
  const seed = hashSeed([key, kind, model, asOf, book.start, book.end]);
  const interval =
    spend === 0
      ? null
      : groups.length === 0
        ? { low: roiSoFar ?? 0, high: roiSoFar ?? 0 }
        : computeRoiInterval(drawOpenRevenue(groups, book.teamRates, seed), wonSoFar, spend, margin);
  const ready = computeJudgedBy(ledger, book);
  const verdict = decideVerdict(spend, projectedRoi, ready, asOf);
  return {
    ...{ key, kind, model, start: book.start, end: book.end, spend, leads: ledger.leads },
    ...{ customers: ledger.customers, wonSoFar, openLeads: ledger.openLeads, expectedRevenue },
    ...{ roiSoFar, projectedRoi, interval },
    maturity: ledger.leads === 0 ? null : ledger.mature / ledger.leads,
    // A date to wait for only while there is something to wait for.
    judgedBy: verdict === 'too-early' ? ready : null,
    verdict,
    payback: computePayback(ledger.monthly, book.ladder, margin),
  };
}

/** Lag-aware ROI of every campaign or source with leads or spend in the period, ranked (compareRoiProjections). */
export function* computeRoiProjectionsInSteps(data: Dataset, query: ProjectionQuery): Steps<RoiProjection[]> {
  const snapshot = readSnapshot(data);
  const shared = yield* computeOncePerSnapshotInSteps(snapshot, buildMemoKey('projections', query), function* () {
    const book = yield* computeCohortBook(snapshot, query);
    const projections: RoiProjection[] = [];
    for (const [key, ledger] of book.ledgers) {
      projections.push(buildProjection(key, ledger, book, query));
      yield;
    }
    return projections.sort(compareRoiProjections);
  });
  return shared.map((projection) => ({ ...projection }));
}

export function computeRoiProjections(data: Dataset, query: ProjectionQuery): RoiProjection[] {
  return runAllSteps(computeRoiProjectionsInSteps(data, query));
}

/** Lag-aware ROI of one campaign or source (all zeros when it had no lead and no spend in the period). */
export function* computeRoiProjectionInSteps(data: Dataset, key: string, query: ProjectionQuery): Steps<RoiProjection> {
  const snapshot = readSnapshot(data);
  const shared = yield* computeOncePerSnapshotInSteps(snapshot, buildMemoKey(`projection:${key}`, query), function* () {
    const book = yield* computeCohortBook(snapshot, query);
    return buildProjection(key, readLedger(book.ledgers, key, book.ladder), book, query);
  });
  return { ...shared };
}

export function computeRoiProjection(data: Dataset, key: string, query: ProjectionQuery): RoiProjection {
  return runAllSteps(computeRoiProjectionInSteps(data, key, query));
}
