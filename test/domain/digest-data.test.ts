import { describe, expect, it } from 'vitest';
import { computeWeeklyDigestData } from '../../src/domain/digest-data.js';
import { computeStuckLeads } from '../../src/domain/digest-sections.js';
import { type Dataset, DEFAULT_METRIC_SETTINGS } from '../../src/domain/types.js';
import { DAY, fakeJourney, fakeLead, fakeSpend, fakeTarget } from './metrics-fixtures.js';

const day = (month: number, date: number) => Date.UTC(2026, month - 1, date);
const settings = DEFAULT_METRIC_SETTINGS; // UTC
// Monday Jan 19, 2026, 09:00: the digest reports Mon Jan 12 – Sun Jan 18.
const asOf = day(1, 19) + 9 * 3_600_000;
const ana = { ownerId: 'U1', ownerName: 'Ana' };
const ben = { ownerId: 'U2', ownerName: 'Ben' };

const data: Dataset = {
  leads: [
    fakeLead({ id: 'L1', createdAt: day(1, 13), source: 'unknown', ...ana }),
    fakeLead({ id: 'L2', createdAt: day(1, 14), source: 'unknown', ...ben }),
    fakeLead({ id: 'L3', createdAt: day(1, 14), source: 'unknown', ...ben }),
    fakeLead({ id: 'L4', createdAt: day(1, 15), source: 'thomasnet', ...ana }),
    fakeJourney(day(1, 6), { mql: 2 }, { id: 'L5', source: 'thomasnet', updatedAt: day(1, 8) }),
    // L6: opportunity since Dec 1, untouched since → stale
    fakeJourney(
      Date.UTC(2025, 10, 1),
      { mql: 10, sql: 20, opportunity: 30 },
      { id: 'L6', source: 'referral', value: 12_000, updatedAt: Date.UTC(2025, 11, 1) },
    ),
    // L7: opportunity since Jan 10
    fakeJourney(
      Date.UTC(2025, 11, 1),
      { mql: 5, sql: 20, opportunity: 40 },
      { id: 'L7', source: 'referral', updatedAt: day(1, 10) },
    ),
    // L8: the winter mailing's customer, won Jan 13 for 5,000
    fakeJourney(
      Date.UTC(2025, 11, 15),
      { mql: 3, sql: 10, opportunity: 20, customer: 29 },
      { id: 'L8', source: 'email', campaign: 'winter-mailing', value: 5_000, updatedAt: day(1, 13) },
    ),
  ],
  spend: [fakeSpend({ campaign: 'winter-mailing', month: '2026-01', amount: 3_100, updatedAt: day(1, 5) })],
  targets: [
    fakeTarget({ month: '2026-01', stage: 'lead', count: 10 }),
    fakeTarget({ month: '2026-01', stage: 'mql', rate: 0.5 }),
  ],
};

describe('computeWeeklyDigestData', () => {
  const digest = computeWeeklyDigestData(data, asOf, settings);

  it('reports last complete week, the week before and the quarter to date', () => {
    expect([digest.week.start, digest.week.end]).toEqual([day(1, 12), day(1, 19)]);
    expect([digest.previousWeek.start, digest.previousWeek.end]).toEqual([day(1, 5), day(1, 12)]);
    expect([digest.quarter.start, digest.quarter.end]).toEqual([day(1, 1), asOf]);
    expect(digest.quarter.label).toContain('to date');
    expect(digest.hadActivity).toBe(true);
  });

  it('has week, previous week and quarter KPIs with spend prorated', () => {
    // week: L1–L4 new, L8 won 5,000; spend 7/31 of 3,100 = 700
    expect(digest.weekKpis).toMatchObject({ leads: 4, customers: 1, revenue: 5_000 });
    expect(digest.weekKpis.spend).toBeCloseTo(700, 6);
    expect(digest.weekKpis.roi).toBeCloseTo((5_000 - 700) / 700, 10);
    // previous week: L5 new and MQL, L7 became an opportunity (Jan 10)
    expect(digest.previousWeekKpis).toMatchObject({ leads: 1, mqls: 1, opportunities: 1, customers: 0 });
    // quarter: Jan 1 → Jan 19 09:00 = 18.375 days of 31 → 3,100 × 18.375 / 31 = 1,837.5
    expect(digest.quarterKpis.leads).toBe(5);
    expect(digest.quarterKpis.spend).toBeCloseTo(1_837.5, 6);
    // L1–L3 of the week's 4 new leads have no source
    expect(digest.weekKpis.sourceCoverage).toBeCloseTo(0.25, 10);
  });

  it('ranks campaigns and sources for the quarter under first touch', () => {
    expect(digest.roiByCampaign.map((row) => [row.key, row.model])).toEqual([['winter-mailing', 'first-touch']]);
    expect(digest.roiByCampaign[0]?.roi).toBeCloseTo((5_000 - 1_837.5) / 1_837.5, 10);
    // the mailing's spend goes to email (its only lead's source); the others have no spend: by revenue, then name
    expect(digest.roiBySource.map((row) => row.key)).toEqual(['email', 'referral', 'thomasnet', 'unknown']);
  });

  it('shows the 90-day cohort funnel and its conversion times', () => {
    // all 8 leads were created after Oct 21; MQL: L5–L8; SQL and Opportunity: L6–L8; Customer: L8
    expect(digest.funnel.map((row) => row.reached)).toEqual([8, 4, 3, 3, 1]);
    expect(digest.transitions[0]?.rate).toBe(0.5);
    // Lead → MQL: L5 2, L8 3, L7 5, L6 10 days → median (3 + 5)/2 = 4
    expect(digest.timeToConvert[0]).toMatchObject({ samples: 4, medianDays: 4 });
  });

  it('says there is no leak on so little history, so nobody is listed as stuck', () => {
    expect(digest.leak.kind).toBe('none');
    expect(digest.stuckLeads).toEqual([]);
  });

  it('compares January’s plan with what happened, judging no rate of a month still under way', () => {
    // created in January: L1–L5; MQL in January: L5; opportunities: L8 (Jan 4) and L7 (Jan 10); customer L8.
    // The January cohort (L1–L5) is days old on Jan 19: its 1 MQL of 5 leads (20%) is not a rate to put beside the
    // 50% planned, so no rate is judged; there are no visits, so Lead has none and no Visits row shows.
    const notJudged = { actualRate: null, rateJudged: false };
    expect(digest.planVsActual).toEqual([
      { stage: 'lead', planned: 10, actual: 5, plannedRate: null, ...notJudged },
      { stage: 'mql', planned: null, actual: 1, plannedRate: 0.5, ...notJudged },
      { stage: 'sql', planned: null, actual: 0, plannedRate: null, ...notJudged },
      { stage: 'opportunity', planned: null, actual: 2, plannedRate: null, ...notJudged },
      { stage: 'customer', planned: null, actual: 1, plannedRate: null, ...notJudged },
    ]);
  });

  it('carries the year’s runway, January under way', () => {
    expect(digest.runway.year).toBe(2026);
    expect(digest.runway.months.map((month) => month.timing)).toEqual(['current', ...Array(11).fill('future')]);
    expect(digest.runway.months[0]?.cells.map((cell) => cell.actual)).toEqual([5, 1, 0, 2, 1]);
  });

  it('lists leads without a source by owner and the stale opportunity', () => {
    expect(digest.hygiene.withoutSourceByOwner).toEqual([
      { ownerId: 'U2', ownerName: 'Ben', withoutSource: 2, total: 2 },
      { ownerId: 'U1', ownerName: 'Ana', withoutSource: 1, total: 2 },
    ]);
    // L6 unchanged since Dec 1 (before Dec 20); L7 changed Jan 10
    expect(digest.hygiene.staleOpportunities.map((ref) => [ref.id, ref.since, ref.value])).toEqual([
      ['L6', Date.UTC(2025, 11, 1), 12_000],
    ]);
  });

  it('counts new leads per source over 12 weeks', () => {
    expect(digest.trend).toHaveLength(12);
    expect(digest.trend[0]).toMatchObject({
      weekStart: Date.UTC(2025, 9, 27),
      label: 'Oct 27',
      bySource: { referral: 1 },
    });
    expect(digest.trend[5]).toMatchObject({ weekStart: Date.UTC(2025, 11, 1), bySource: { referral: 1 } });
    expect(digest.trend[7]?.bySource).toEqual({ email: 1 });
    expect(digest.trend[10]?.bySource).toEqual({ thomasnet: 1 });
    expect(digest.trend[11]).toMatchObject({ weekStart: day(1, 12), bySource: { unknown: 3, thomasnet: 1 } });
    expect(digest.trend[1]?.bySource).toEqual({});
  });

  it('counts the pairs of leads that look like one company logged twice, over the whole book', () => {
    expect(digest.hygiene.duplicatePairs).toBe(0);
    const twice: Dataset = {
      ...data,
      leads: [
        ...data.leads,
        fakeLead({ id: 'L9', company: 'Acme Corp', createdAt: Date.UTC(2025, 5, 1) }),
        fakeLead({ id: 'L10', company: 'ACME Corporation', createdAt: day(1, 14) }),
        fakeLead({ id: 'L11', company: 'Northgate Robotics', createdAt: day(1, 14) }),
        fakeLead({ id: 'L12', company: 'Northgate Robotcs', createdAt: day(1, 15) }),
      ],
    };
    expect(computeWeeklyDigestData(twice, asOf, settings).hygiene.duplicatePairs).toBe(2);
  });

  it('notices a week in which nothing happened', () => {
    expect(computeWeeklyDigestData(data, asOf + 7 * DAY, settings).hadActivity).toBe(false);
  });
});

describe('computeStuckLeads', () => {
  it('lists the leads sitting at a stage, longest there first, ten at most', () => {
    // 12 opportunities reached on Jan 12, 11, …, 1 (created 5 days earlier each), plus one SQL and one customer
    const atOpportunity = Array.from({ length: 12 }, (_, k) =>
      fakeJourney(day(1, 12 - k) - 5 * DAY, { sql: 2, opportunity: 5 }, { id: `O${k}` }),
    );
    const others = [fakeJourney(day(1, 1), { sql: 1 }), fakeJourney(day(1, 1), { opportunity: 1, customer: 3 })];
    const stuck = computeStuckLeads([...atOpportunity, ...others], 'opportunity');
    // oldest first: O11 (Jan 1), O10 (Jan 2), … O2 (Jan 10); O1 and O0 are cut by the limit
    expect(stuck.map((ref) => ref.id)).toEqual(['O11', 'O10', 'O9', 'O8', 'O7', 'O6', 'O5', 'O4', 'O3', 'O2']);
    expect(stuck[0]).toMatchObject({ stage: 'opportunity', since: day(1, 1), ownerName: 'Ana' });
  });
});
