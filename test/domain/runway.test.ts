import { describe, expect, it } from 'vitest';
import { computeRunway } from '../../src/domain/runway.js';
import type { Runway } from '../../src/domain/runway-types.js';
import type {
  Dataset,
  LeakVerdict,
  TargetStage,
  TransitionAssessment,
  TransitionFrom,
  Visit,
} from '../../src/domain/types.js';
import { fakeJourney, fakeLead, fakeTarget } from './metrics-fixtures.js';

// 2026 in UTC, as of Wed Apr 15, 12:00. The leak verdict is given, so maturity and mature rates are known:
//   Lead → MQL 10 days, 60%;  MQL → SQL 20 days, 50%;  SQL → Opportunity 30 days, 40%;  Opportunity → Customer 40
//   days, 25%. A month's rate into a stage is judged from the month's end + the days of every step up to it:
//   MQL +10, SQL +30, Opportunity +60, Customer +100.
const ASOF = Date.UTC(2026, 3, 15, 12);
const jan = (date: number) => Date.UTC(2026, 0, date);

function buildTransition(from: TransitionFrom, to: TargetStage, maturityDays: number, rate: number) {
  return {
    from,
    to,
    maturityDays,
    mature: 100,
    converted: rate * 100,
    rate,
    low: null,
    high: null,
    expected: null,
    expectedKind: 'none',
    significant: false,
    missingConversions: 0,
    downstreamRate: 0,
    averageWonValue: 0,
    moneyLost: 0,
    drivingSources: [],
  } as TransitionAssessment;
}

const LEAK: LeakVerdict = {
  kind: 'none',
  reason: 'test',
  transitions: [
    buildTransition('lead', 'mql', 10, 0.6),
    buildTransition('mql', 'sql', 20, 0.5),
    buildTransition('sql', 'opportunity', 30, 0.4),
    buildTransition('opportunity', 'customer', 40, 0.25),
  ],
};

const organic = { source: 'organic-search' };
const thomasnet = { source: 'thomasnet' };
const visit = (month: string, source: string | null, visits: number): Visit => ({
  id: `V-${month}-${source}`,
  month,
  source,
  visits,
  updatedAt: 0,
});

// January: 10 leads on Jan 10 (5 from organic search); 6 MQL (Jan 15), 3 SQL (Jan 25), 2 opportunities (Feb 10),
// 1 customer (Mar 1). March: 4 leads (Mar 5), 2 MQL (Mar 8). April so far: 2 leads (Apr 2), 1 MQL (Apr 5).
// Visits: January 1,000 from organic search; March 800 for the whole site.
const data: Dataset = {
  leads: [
    fakeJourney(jan(10), { mql: 5, sql: 15, opportunity: 31, customer: 50 }, { ...organic, value: 5_000 }),
    fakeJourney(jan(10), { mql: 5, sql: 15, opportunity: 31 }, organic),
    fakeJourney(jan(10), { mql: 5, sql: 15 }, organic),
    fakeJourney(jan(10), { mql: 5 }, organic),
    fakeJourney(jan(10), { mql: 5 }, organic),
    fakeJourney(jan(10), { mql: 5 }, thomasnet),
    ...Array.from({ length: 4 }, () => fakeLead({ createdAt: jan(10), ...thomasnet })),
    ...Array.from({ length: 2 }, () => fakeJourney(Date.UTC(2026, 2, 5), { mql: 3 }, thomasnet)),
    ...Array.from({ length: 2 }, () => fakeLead({ createdAt: Date.UTC(2026, 2, 5), ...thomasnet })),
    fakeJourney(Date.UTC(2026, 3, 2), { mql: 3 }, thomasnet),
    fakeLead({ createdAt: Date.UTC(2026, 3, 2), ...thomasnet }),
  ],
  spend: [],
  targets: [
    fakeTarget({ month: '2026-04', stage: 'lead', count: 5 }),
    fakeTarget({ month: '2026-04', stage: 'mql', rate: 0.5 }),
    fakeTarget({ month: '2026-01', stage: 'customer', rate: 0.2 }),
    fakeTarget({ month: '2026-05', stage: 'sql', count: 4 }),
  ],
  visits: [visit('2026-01', 'organic-search', 1_000), visit('2026-03', null, 800)],
};

const runway = computeRunway({ data, year: 2026, asOf: ASOF, timeZone: 'UTC', leak: LEAK });

function cell(r: Runway, month: number, stage: TargetStage) {
  const found = r.months[month - 1]?.cells.find((candidate) => candidate.stage === stage);
  if (found === undefined) throw new Error(`no ${stage} cell in month ${month}`);
  return found;
}

describe('computeRunway', () => {
  it('lays out the year: twelve months, Visits first since visits are recorded, past / current / future', () => {
    expect(runway.stages).toEqual(['visits', 'lead', 'mql', 'sql', 'opportunity', 'customer']);
    expect(runway.months.map((month) => month.timing)).toEqual([
      'past',
      'past',
      'past',
      'current',
      ...Array(8).fill('future'),
    ]);
  });

  it('counts what reached each stage in each month, and the visits recorded', () => {
    const actual = (month: number) => runway.months[month - 1]!.cells.map((c) => c.actual);
    expect(actual(1)).toEqual([1_000, 10, 6, 3, 0, 0]);
    expect(actual(2)).toEqual([null, 0, 0, 0, 2, 0]);
    expect(actual(3)).toEqual([800, 4, 2, 0, 0, 1]);
    expect(actual(4)).toEqual([null, 2, 1, 0, 0, 0]);
    expect(actual(5)).toEqual([null, null, null, null, null, null]);
  });

  it('judges a month’s rate into a stage only once its cohort is mature, "too early" before', () => {
    // January: MQL judged from Feb 11 (6 of 10), SQL from Mar 3 (3 of 6), Opportunity from Apr 2 (2 of 3);
    // Customer only from May 12 — the 1 of 2 already won is not yet a rate, whatever the 20% planned.
    expect([cell(runway, 1, 'mql').rateStatus, cell(runway, 1, 'mql').actualRate]).toEqual(['judged', 0.6]);
    expect(cell(runway, 1, 'sql').actualRate).toBe(0.5);
    expect(cell(runway, 1, 'opportunity').actualRate).toBeCloseTo(2 / 3, 10);
    expect(cell(runway, 1, 'customer')).toMatchObject({
      rateStatus: 'too-early',
      actualRate: null,
      plannedRate: 0.2,
      judgedFrom: Date.UTC(2026, 4, 12),
    });
    // March: into MQL judged from Apr 11 (2 of 4), into SQL only from May 1.
    expect(cell(runway, 3, 'mql')).toMatchObject({ rateStatus: 'judged', actualRate: 0.5 });
    expect(cell(runway, 3, 'sql')).toMatchObject({ rateStatus: 'too-early', actualRate: null });
  });

  it('shows the month under way with its counts, every rate too early', () => {
    const april = runway.months[3]!;
    expect(april.cells.map((c) => [c.stage, c.actual, c.rateStatus])).toEqual([
      ['visits', null, 'none'],
      ['lead', 2, 'none'],
      ['mql', 1, 'too-early'],
      ['sql', 0, 'too-early'],
      ['opportunity', 0, 'too-early'],
      ['customer', 0, 'too-early'],
    ]);
    expect(cell(runway, 4, 'mql')).toMatchObject({ plannedRate: 0.5, actualRate: null });
  });

  it('rates visits into leads per source, or against the site total when one is recorded', () => {
    // January: 5 organic-search leads of 1,000 organic-search visits; March: all 4 leads of 800 site visits.
    expect(cell(runway, 1, 'lead')).toMatchObject({ rateStatus: 'judged', actualRate: 0.005 });
    expect(cell(runway, 3, 'lead')).toMatchObject({ rateStatus: 'judged', actualRate: 0.005 });
    expect(cell(runway, 2, 'lead').rateStatus).toBe('none');
  });

  it('projects from the trailing three months’ run-rate times the mature rates', () => {
    // January–March: (10 + 0 + 4) / 3 leads a month; visits (1,000 + 800) / 2 recorded months; leads per visit
    // (5 + 4) / 1,800.
    expect(runway.projection.basisMonths).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(runway.projection.leadsPerMonth).toBeCloseTo(14 / 3, 10);
    expect(runway.projection.visitsPerMonth).toBe(900);
    expect(runway.projection.rates.lead).toBeCloseTo(0.005, 10);
    // May: leads 14/3; SQL 14/3 × 0.6 × 0.5 = 1.4; Customer 1.4 × 0.4 × 0.25 = 0.14; Visits 900.
    expect(cell(runway, 5, 'lead').projected).toBeCloseTo(14 / 3, 10);
    expect(cell(runway, 5, 'sql').projected).toBeCloseTo(1.4, 10);
    expect(cell(runway, 5, 'customer').projected).toBeCloseTo(0.14, 10);
    expect(cell(runway, 5, 'visits').projected).toBe(900);
    // April: 2 leads so far + 14/3 × the 15.5 of 30 days left = 2 + 2.4111.
    const left = 15.5 / 30;
    expect(cell(runway, 4, 'lead').projected).toBeCloseTo(2 + (14 / 3) * left, 10);
    expect(cell(runway, 4, 'mql').projected).toBeCloseTo(1 + 2.8 * left, 10);
    // No visits recorded for April yet: the month is projected whole.
    expect(cell(runway, 4, 'visits').projected).toBe(900);
    expect(cell(runway, 3, 'lead').projected).toBeNull();
  });

  it('sums the year against the plan and names the stage furthest behind', () => {
    const summary = (stage: TargetStage) => runway.summaries.find((s) => s.stage === stage)!;
    // Lead: April planned 5, expected 4.411 → −0.589. SQL: May planned 4, expected 1.4 → −2.6 (−65%).
    expect(summary('lead').plannedYear).toBe(5);
    expect(summary('lead').gap).toBeCloseTo(2 + (14 / 3) * (15.5 / 30) - 5, 10);
    expect(summary('sql')).toMatchObject({ plannedYear: 4 });
    expect(summary('sql').gap).toBeCloseTo(-2.6, 10);
    expect(runway.biggestGap?.stage).toBe('sql');
    expect(runway.biggestGap?.share).toBeCloseTo(-0.65, 10);
    // Customer has no plan: its year is what happened (1 in March) plus what is projected, nothing compared.
    expect(summary('customer')).toMatchObject({ plannedYear: null, gap: null, actualToDate: 1, latestRate: null });
    expect(summary('customer').expectedYear).toBeCloseTo(1 + 0.14 * (15.5 / 30) + 8 * 0.14, 10);
    expect(summary('mql').latestRate).toEqual({ month: '2026-03', rate: 0.5, plannedRate: null });
  });

  it('leaves Visits out when none are recorded or planned, and projects nothing without a mature rate', () => {
    const withoutVisits = { ...data, visits: [] };
    const calm: LeakVerdict = { ...LEAK, transitions: LEAK.transitions.map((t) => ({ ...t, rate: null })) };
    const plain = computeRunway({ data: withoutVisits, year: 2026, asOf: ASOF, timeZone: 'UTC', leak: calm });
    expect(plain.stages).toEqual(['lead', 'mql', 'sql', 'opportunity', 'customer']);
    expect(cell(plain, 5, 'lead').projected).toBeCloseTo(14 / 3, 10);
    expect(cell(plain, 5, 'mql').projected).toBeNull();
    expect(plain.summaries.find((s) => s.stage === 'sql')?.expectedYear).toBeNull();
  });
});
