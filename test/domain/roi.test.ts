import { describe, expect, it } from 'vitest';
import { computeCampaignCard, computeKpis, computeRoiRows } from '../../src/domain/roi.js';
import { computeSpendIndex, computeSpendInPeriod } from '../../src/domain/spend.js';
import { type Dataset, DEFAULT_METRIC_SETTINGS, type Period } from '../../src/domain/types.js';
import { fakeJourney, fakeLead, fakeSpend } from './metrics-fixtures.js';

const day = (month: number, date: number) => Date.UTC(2026, month - 1, date);
const january: Period = { key: '2026-01', label: 'January 2026', start: day(1, 1), end: day(2, 1) };
const firstFullWeek: Period = { key: '2026-W02', label: 'Jan 5 – Jan 11', start: day(1, 5), end: day(1, 12) };
const settings = DEFAULT_METRIC_SETTINGS; // UTC, margin 1, CLV = deal × 1 × 3

const data: Dataset = {
  leads: [
    // A: spring-expo lead that became a customer on Jan 20 for 20,000.
    fakeJourney(
      day(1, 5),
      { mql: 1, sql: 3, opportunity: 7, customer: 15 },
      { source: 'trade-show', campaign: 'spring-expo', value: 20_000 },
    ),
    // B: spring-expo lead, nothing since.
    fakeJourney(day(1, 6), {}, { source: 'trade-show', campaign: 'spring-expo' }),
    // C: q1-ads lead, MQL Jan 9, then straight to customer on Jan 25 (SQL and Opportunity skipped), met linkedin.
    fakeJourney(
      day(1, 7),
      { mql: 2, customer: 18 },
      {
        source: 'google-ads',
        campaign: 'q1-ads',
        value: 5_000,
        touches: [{ source: 'linkedin', campaign: null, at: day(1, 15) }],
      },
    ),
    // D: q1-ads lead.
    fakeJourney(day(1, 10), {}, { source: 'google-ads', campaign: 'q1-ads' }),
    // E: linkedin lead, MQL on Jan 20.
    fakeJourney(day(1, 14), { mql: 6 }, { source: 'linkedin' }),
    // F: nobody asked where it came from.
    fakeJourney(day(1, 15), {}, { source: 'unknown' }),
    // G: December referral: opportunity Jan 2, customer Jan 10 for 8,000.
    fakeJourney(day(1, -11), { mql: 2, sql: 8, opportunity: 13, customer: 21 }, { source: 'referral', value: 8_000 }),
    // H: open opportunity worth 50,000 since Dec 1.
    fakeJourney(Date.UTC(2025, 10, 1), { mql: 5, sql: 10, opportunity: 30 }, { source: 'referral', value: 50_000 }),
    // I: lost from Opportunity on Dec 1.
    fakeJourney(Date.UTC(2025, 9, 1), { mql: 5, sql: 10, opportunity: 31 }, { source: 'referral', lostDay: 61 }),
  ],
  spend: [
    fakeSpend({ campaign: 'spring-expo', source: 'trade-show', amount: 3_100, category: 'event' }),
    fakeSpend({ campaign: 'q1-ads', amount: 6_200, category: 'media' }),
    fakeSpend({ source: 'linkedin', amount: 1_550, category: 'media' }),
    fakeSpend({ amount: 9_300, category: 'salaries' }),
    fakeSpend({ campaign: 'q1-ads', month: '2026-02', amount: 2_800, category: 'media' }),
  ],
  targets: [],
};
const now = day(2, 1);

describe('computeKpis', () => {
  it('adds up a month: counts, revenue, spend and every ratio', () => {
    const kpis = computeKpis(data, january, settings, now);
    // new leads A–F = 6; MQLs in Jan: A, C, E; SQLs: A, C (skip on Jan 25); opportunities: A, C, G (Jan 2);
    // customers: A, C, G → revenue 20,000 + 5,000 + 8,000 = 33,000
    expect(kpis).toMatchObject({ leads: 6, mqls: 3, sqls: 2, opportunities: 3, customers: 3, revenue: 33_000 });
    // direct spend 3,100 + 6,200 + 1,550 = 10,850; with salaries 9,300 → 20,150 (February's row is outside)
    expect(kpis.spend).toBeCloseTo(10_850, 6);
    expect(kpis.totalSpend).toBeCloseTo(20_150, 6);
    expect(kpis.roi).toBeCloseTo((33_000 - 10_850) / 10_850, 10); // 2.0415
    expect(kpis.roas).toBeCloseTo(33_000 / 10_850, 10);
    expect(kpis.cpl).toBeCloseTo(10_850 / 6, 6);
    expect(kpis.costPerMql).toBeCloseTo(10_850 / 3, 6);
    expect(kpis.costPerSql).toBeCloseTo(10_850 / 2, 6);
    expect(kpis.costPerOpportunity).toBeCloseTo(10_850 / 3, 6);
    expect(kpis.cac).toBeCloseTo(10_850 / 3, 6);
    expect(kpis.blendedCac).toBeCloseTo(20_150 / 3, 6);
    // average deal 33,000 / 3 = 11,000 × 1 purchase × 3 years
    expect(kpis.clv).toBeCloseTo(33_000, 6);
    // win rate: won A, C, G vs lost-from-opportunity I → 3/4; open opportunity H 50,000 × 0.75
    expect(kpis.pipelineValue).toBeCloseTo(37_500, 6);
    // F has no known source: 5 of 6
    expect(kpis.sourceCoverage).toBeCloseTo(5 / 6, 10);
  });

  it('uses the gross margin for contribution ROI', () => {
    const kpis = computeKpis(data, january, { ...settings, grossMargin: 0.5 }, now);
    // (33,000 × 0.5 − 10,850) / 10,850 = 5,650 / 10,850
    expect(kpis.roi).toBeCloseTo(5_650 / 10_850, 10);
  });

  it('prorates monthly spend over a week and leaves missing ratios empty', () => {
    const kpis = computeKpis(data, firstFullWeek, settings, now);
    // leads A, B, C, D; MQLs A, C; SQL A; no opportunity (A's is Jan 12); customer G (Jan 10, 8,000)
    expect(kpis).toMatchObject({ leads: 4, mqls: 2, sqls: 1, opportunities: 0, customers: 1, revenue: 8_000 });
    // 7/31 of 10,850 = 2,450; salaries 7/31 of 9,300 = 2,100
    expect(kpis.spend).toBeCloseTo(2_450, 6);
    expect(kpis.totalSpend).toBeCloseTo(4_550, 6);
    expect(kpis.roi).toBeCloseTo((8_000 - 2_450) / 2_450, 10);
    expect(kpis.blendedCac).toBeCloseTo(4_550, 6);
    expect(kpis.costPerOpportunity).toBeNull();
  });

  it('has no ROI, CPL or coverage in an empty period and no pipeline without a decided opportunity', () => {
    const empty = computeKpis({ leads: [], spend: [], targets: [] }, january, settings, now);
    expect(empty).toMatchObject({ leads: 0, roi: null, roas: null, cpl: null, cac: null, clv: null });
    expect(empty.sourceCoverage).toBeNull();
    const onlyOpen = { leads: [fakeJourney(day(1, 2), { opportunity: 1 }, { value: 9_000 })], spend: [], targets: [] };
    expect(computeKpis(onlyOpen, january, settings, now).pipelineValue).toBe(0);
  });
});

describe('spend proration', () => {
  it('splits a week across two months by the days it covers in each', () => {
    const index = computeSpendIndex(data.spend, 'UTC');
    const straddling: Period = { key: 'w', label: 'w', start: day(1, 29), end: day(2, 5) };
    const byRow = computeSpendInPeriod(index, straddling).map(({ row, amount }) => [row.month, row.amount, amount]);
    // January rows get 3/31 (3,100 → 300; 6,200 → 600; 1,550 → 150; 9,300 → 900), February's 2,800 gets 4/28 = 400
    expect(byRow).toEqual([
      ['2026-01', 3_100, expect.closeTo(300, 6)],
      ['2026-01', 6_200, expect.closeTo(600, 6)],
      ['2026-01', 1_550, expect.closeTo(150, 6)],
      ['2026-01', 9_300, expect.closeTo(900, 6)],
      ['2026-02', 2_800, expect.closeTo(400, 6)],
    ]);
  });
});

describe('computeRoiRows', () => {
  it('ranks campaigns by ROI under first touch, leaving out source-only and unassigned spend', () => {
    const rows = computeRoiRows(data, january, settings, 'first-touch', 'campaign');
    expect(rows.map((row) => row.key)).toEqual(['spring-expo', 'q1-ads']);
    // spring-expo: A and B, A won 20,000; 3,100 event spend → ROI (20,000 − 3,100)/3,100
    expect(rows[0]).toMatchObject({ leads: 2, mqls: 1, customers: 1, revenue: 20_000, model: 'first-touch' });
    expect(rows[0]?.spend).toBeCloseTo(3_100, 6);
    expect(rows[0]?.mediaSpend).toBeCloseTo(3_100, 6);
    expect(rows[0]?.roi).toBeCloseTo(16_900 / 3_100, 10);
    expect(rows[0]?.cpl).toBeCloseTo(1_550, 6);
    // q1-ads: C and D, C won 5,000 on 6,200 → ROI −1,200/6,200
    expect(rows[1]?.roi).toBeCloseTo(-1_200 / 6_200, 10);
    expect(rows[1]?.cac).toBeCloseTo(6_200, 6);
  });

  it('books campaign-only spend to the source behind its leads and puts rows without spend last, by revenue', () => {
    const rows = computeRoiRows(data, january, settings, 'first-touch', 'source');
    expect(rows.map((row) => row.key)).toEqual(['trade-show', 'google-ads', 'linkedin', 'referral', 'unknown']);
    // q1-ads's 6,200 goes to google-ads (both its leads are google-ads)
    expect(rows[1]?.spend).toBeCloseTo(6_200, 6);
    // linkedin: 1,550 spent, nothing won → ROI −1
    expect(rows[2]?.roi).toBeCloseTo(-1, 10);
    // referral: G's 8,000 and its January opportunity, no spend → no ROI
    expect(rows[3]).toMatchObject({ revenue: 8_000, opportunities: 1, spend: 0, roi: null });
  });

  it('shares a lead between the touches it met under linear attribution', () => {
    const bySource = computeRoiRows(data, january, settings, 'linear', 'source');
    const linkedin = bySource.find((row) => row.key === 'linkedin');
    // C's credit is split google-ads 0.5 / linkedin 0.5: linkedin has E + 0.5 C leads and 2,500 revenue
    expect(linkedin?.leads).toBeCloseTo(1.5, 10);
    expect(linkedin?.revenue).toBeCloseTo(2_500, 6);
    expect(linkedin?.roi).toBeCloseTo((2_500 - 1_550) / 1_550, 10);
    const q1 = computeRoiRows(data, january, settings, 'linear', 'campaign').find((row) => row.key === 'q1-ads');
    // C's campaign half goes to "(none)" (the linkedin touch has no campaign): 2,500 revenue on 6,200
    expect(q1?.revenue).toBeCloseTo(2_500, 6);
    expect(q1?.model).toBe('linear');
  });

  it('leaves campaign spend unbooked by source when no source has 80% of its leads', () => {
    const mixed: Dataset = {
      leads: [
        fakeLead({ createdAt: day(1, 5), source: 'referral', campaign: 'mixed' }),
        fakeLead({ createdAt: day(1, 5), source: 'referral', campaign: 'mixed' }),
        fakeLead({ createdAt: day(1, 5), source: 'linkedin', campaign: 'mixed' }),
      ],
      spend: [fakeSpend({ campaign: 'mixed', amount: 900 })],
      targets: [],
    };
    // referral has 2 of 3 = 67% < 80%
    const rows = computeRoiRows(mixed, january, settings, 'first-touch', 'source');
    expect(rows.map((row) => [row.key, row.spend])).toEqual([
      ['linkedin', 0],
      ['referral', 0],
    ]);
  });
});

describe('computeCampaignCard', () => {
  it('gives the campaign’s row and the funnel of its new leads', () => {
    const card = computeCampaignCard(data, 'spring-expo', january, settings, 'first-touch');
    expect(card.row.roi).toBeCloseTo(16_900 / 3_100, 10);
    expect(card.funnel.map((row) => row.reached)).toEqual([2, 1, 1, 1, 1]);
    expect(card.transitions[0]?.rate).toBe(0.5);
  });

  it('answers with zeros for a campaign with no activity', () => {
    const card = computeCampaignCard(data, 'autumn-fair', january, settings, 'u-shaped');
    expect(card.row).toMatchObject({ key: 'autumn-fair', leads: 0, spend: 0, roi: null, model: 'u-shaped' });
    expect(card.funnel.every((row) => row.reached === 0)).toBe(true);
  });
});
