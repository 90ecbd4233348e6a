import { describe, expect, it } from 'vitest';
import { CompanyIndex } from '../../src/domain/company-index.js';
import { decideCompanyMatch } from '../../src/domain/fuzzy.js';
import { detectLeaks } from '../../src/domain/leak.js';
import { DEFAULT_METRIC_SETTINGS, FUNNEL_STAGES, type Lead } from '../../src/domain/types.js';
import { generateSampleData } from '../../src/sample/generate.js';

const DAY = 86_400_000;
/** Monday 2026-11-23, 09:00 in Chicago. */
const AS_OF = Date.UTC(2026, 10, 23, 15);
const sample = generateSampleData({ asOf: AS_OF });
const share = (leads: readonly Lead[], test: (lead: Lead) => boolean) => leads.filter(test).length / leads.length;

describe('generateSampleData', () => {
  it('is deterministic: the same seed gives the same company, another seed another one', () => {
    expect(generateSampleData({ asOf: AS_OF })).toEqual(sample);
    const other = generateSampleData({ asOf: AS_OF, seed: 7 });
    expect(other.leads.map((lead) => lead.createdAt)).not.toEqual(sample.leads.map((lead) => lead.createdAt));
  });

  it('looks like an industrial supplier: sources, channels, owners, touches, campaigns', () => {
    const { leads } = sample;
    expect(leads).toHaveLength(1000);
    expect(share(leads, (lead) => lead.source === 'unknown')).toBeGreaterThan(0.1);
    expect(share(leads, (lead) => lead.source === 'unknown')).toBeLessThan(0.2);
    expect(share(leads, (lead) => lead.channel === 'phone')).toBeGreaterThan(0.5);
    expect(share(leads, (lead) => lead.channel === 'phone')).toBeLessThan(0.7);
    expect(share(leads, (lead) => lead.touches.length > 0)).toBeGreaterThan(0.12);
    expect(share(leads, (lead) => lead.touches.length > 0)).toBeLessThan(0.25);
    const owners = new Set(leads.map((lead) => lead.ownerId));
    expect(owners.size).toBeGreaterThanOrEqual(8);
    expect(owners.size).toBeLessThanOrEqual(12);
    const sources = new Set(leads.map((lead) => lead.source));
    expect([...sources].sort()).toEqual(
      ['google-ads', 'linkedin', 'organic-search', 'referral', 'thomasnet', 'trade-show', 'unknown'].sort(),
    );
    // Six months ending in November: the fall expo and both paid-search quarters ran, the spring expo did not.
    const campaigns = new Set(leads.map((lead) => lead.campaign));
    for (const campaign of ['fall-expo', 'q3-google-ads', 'q4-google-ads', 'thomasnet-premium', 'linkedin-abm']) {
      expect(campaigns).toContain(campaign);
    }
    expect(new Set(leads.map((lead) => lead.company)).size).toBe(1000);
  });

  it('keeps every lead consistent: dates in funnel order, customers with values, lost with a stage and reason', () => {
    for (const lead of sample.leads) {
      expect(lead.createdAt).toBeLessThan(AS_OF);
      expect(lead.createdAt).toBeGreaterThan(AS_OF - 184 * DAY);
      let previous = lead.createdAt;
      for (const stage of FUNNEL_STAGES.slice(1)) {
        const at = lead.stageDates[stage as Exclude<typeof stage, 'lead'>];
        if (at === undefined) continue;
        expect(at).toBeGreaterThanOrEqual(previous);
        previous = at;
      }
      expect(previous).toBeLessThan(AS_OF);
      if (lead.stage === 'customer') expect(lead.value).toBeGreaterThan(0);
      if (lead.stage === 'lost') {
        expect(lead.lostFrom).not.toBeNull();
        expect(lead.lostReason).not.toBeNull();
        expect(lead.stageDates.lost).toBeGreaterThanOrEqual(previous);
      } else if (lead.stage !== 'lead') {
        expect(lead.stageDates[lead.stage]).toBeDefined();
      }
      expect(
        lead.touches.every((touch, i) => touch.at >= lead.createdAt && touch.at >= (lead.touches[i - 1]?.at ?? 0)),
      ).toBe(true);
    }
  });

  it('has customers, losses and mostly open recent leads', () => {
    const customers = sample.leads.filter((lead) => lead.stage === 'customer');
    expect(customers.length).toBeGreaterThan(30);
    const values = customers.map((lead) => lead.value!).sort((a, b) => a - b);
    const medianValue = values[Math.floor(values.length / 2)]!;
    expect(medianValue).toBeGreaterThan(15_000);
    expect(medianValue).toBeLessThan(40_000);
    expect(share(sample.leads, (lead) => lead.stage === 'lost')).toBeGreaterThan(0.2);
    const lastTwoWeeks = sample.leads.filter((lead) => lead.createdAt >= AS_OF - 14 * DAY);
    expect(share(lastTwoWeeks, (lead) => lead.stage !== 'lost' && lead.stage !== 'customer')).toBeGreaterThan(0.8);
  });

  it('plants the leak: google-ads SQLs of the last 90 days reach Opportunity at under half the others’ rate', () => {
    // Mature SQLs only: reached SQL 30–90 days ago, long enough for the 5–30 day lag to Opportunity.
    const judged = sample.leads.filter((lead) => {
      const sql = lead.stageDates.sql;
      return sql !== undefined && sql >= AS_OF - 90 * DAY && sql < AS_OF - 30 * DAY;
    });
    const rate = (leads: Lead[]) => share(leads, (lead) => lead.stageDates.opportunity !== undefined);
    const paidSearch = judged.filter((lead) => lead.source === 'google-ads');
    const others = judged.filter((lead) => lead.source !== 'google-ads');
    expect(paidSearch.length).toBeGreaterThan(25);
    expect(rate(paidSearch)).toBeLessThan(rate(others) / 2);
  });

  it('is the leak the detector names, with google-ads driving it', () => {
    const verdict = detectLeaks(sample, AS_OF, { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/Chicago' });
    expect(verdict.kind).toBe('leak');
    if (verdict.kind !== 'leak') return;
    expect(verdict.weakest.from).toBe('sql');
    expect(verdict.weakest.drivingSources[0]?.source).toBe('google-ads');
  });

  it('records monthly spend with hidden costs, and a 12-month plan', () => {
    const months = [...new Set(sample.spend.map((row) => row.month))];
    expect(months).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    for (const month of months) {
      const rows = sample.spend.filter((row) => row.month === month);
      expect(rows.find((row) => row.category === 'salaries')).toMatchObject({
        campaign: null,
        source: null,
        amount: 60_000,
      });
      expect(rows.find((row) => row.category === 'overhead')).toMatchObject({ campaign: null, amount: 15_000 });
    }
    const fallExpo = sample.spend.filter((row) => row.campaign === 'fall-expo');
    // September: booth 100,000 + agency 12,000; October: follow-up 18,000.
    expect(fallExpo.reduce((sum, row) => sum + row.amount, 0)).toBe(130_000);
    // Twelve months from the first full one (the sample starts on May 25), each planning visits and five stages.
    const planned = [...new Set(sample.targets.map((target) => target.month))];
    expect(planned).toHaveLength(12);
    expect([planned[0], planned.at(-1)]).toEqual(['2026-06', '2027-05']);
    expect(sample.targets).toHaveLength(72);
    expect(sample.targets.find((target) => target.month === '2026-11' && target.stage === 'lead')?.count).toBe(167);
    // 1,000 / 6 months × 33 visits per planned lead = 5,500.
    expect(sample.targets.find((target) => target.month === '2026-11' && target.stage === 'visits')?.count).toBe(5500);
  });

  it('records the website visits of each complete month for the sources people find the site through', () => {
    const months = [...new Set(sample.visits.map((row) => row.month))];
    expect(months).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(new Set(sample.visits.map((row) => row.source))).toEqual(
      new Set(['organic-search', 'google-ads', 'linkedin']),
    );
    // Visits are sized from the month's leads of the source at its visitor rate, ±10%.
    const october = sample.visits.find((row) => row.month === '2026-10' && row.source === 'google-ads')!;
    const leads = sample.leads.filter(
      (lead) =>
        lead.source === 'google-ads' &&
        lead.createdAt >= Date.UTC(2026, 9, 1, 5) &&
        lead.createdAt < Date.UTC(2026, 10, 1, 5),
    ).length;
    expect(october.visits).toBeGreaterThanOrEqual(Math.floor((leads / 0.022) * 0.9));
    expect(october.visits).toBeLessThanOrEqual(Math.ceil((leads / 0.022) * 1.1));
  });

  it('names companies as a directory does: each its own, also to fuzzy matching, many sharing trade words', () => {
    const names = generateSampleData({ asOf: AS_OF, leads: 2_000 }).leads.map((lead) => lead.company);
    const index = new CompanyIndex(names.map((company, i) => ({ id: String(i), company })));
    // Every name finds itself, sure, and no other name comes close enough to be offered.
    names.forEach((company, i) => {
      const matches = index.match(company, 2);
      expect(
        matches.map((match) => match.candidate.id),
        company,
      ).toEqual([String(i)]);
      expect(decideCompanyMatch(matches).kind).toBe('exact');
    });
    const withWord = (word: string) => names.filter((name) => name.toLowerCase().split(/\W+/).includes(word)).length;
    expect(withWord('machining')).toBeGreaterThan(20);
    expect(withWord('plastics')).toBeGreaterThan(20);
    // Some share what sets them apart too ("Smith Instruments", "Smith Filtration Systems"), in other trades.
    const firstWord = (name: string) => name.split(' ')[0];
    const sharingFirstWord = names.filter((name) =>
      names.some((other) => other !== name && firstWord(other) === firstWord(name)),
    );
    expect(sharingFirstWord.length).toBeGreaterThan(100);
  });

  it('scales to 100,000 leads with unique ids and names', () => {
    const big = generateSampleData({ asOf: AS_OF, leads: 100_000 });
    expect(big.leads).toHaveLength(100_000);
    expect(big.leads.at(-1)?.id).toBe('L-100000');
    expect(new Set(big.leads.map((lead) => lead.company)).size).toBe(100_000);
    expect(big.spend.find((row) => row.category === 'salaries')?.amount).toBe(6_000_000);
  });
});
