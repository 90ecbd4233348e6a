// The demo's Monday digests (the sample company as of Mon Nov 23, 2026, `npm run demo`) read as a manager would: the
// quarter's campaigns are weeks old, so none of them may be called a loss — each reads "too early to judge", with a
// projection and a date; the funnel chart and the leak box agree, November's days-old cohort is not judged against its
// planned rates, and the runway is there.

import { describe, expect, it } from 'vitest';
import { buildLeakDigest } from '../../digests/leak-digest.js';
import { buildWeeklyDigest } from '../../digests/weekly-digest.js';
import { computeWeeklyDigestData } from '../../src/domain/digest-data.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/domain/types.js';
import { generateSampleData } from '../../src/sample/generate.js';

/** The demo's Monday: 23 November 2026, 09:00 in Chicago (scripts/demo.ts). */
const DEMO_AS_OF = Date.parse('2026-11-23T15:00:00Z');
const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/Chicago' };
const data = computeWeeklyDigestData(
  generateSampleData({ seed: 42, asOf: DEMO_AS_OF, timeZone: settings.timeZone }),
  DEMO_AS_OF,
  settings,
);
const weekly = buildWeeklyDigest(data);
const lines = weekly.text.split('\n');
const lineOf = (name: string) => lines.find((line) => line.includes(`*${name}*`)) ?? '';
const leakDigest = buildLeakDigest(data);

describe('the demo ROI digest', () => {
  it('finds the campaigns the issue names young: nothing won yet from their leads of the quarter', () => {
    for (const key of ['q4-google-ads', 'fall-expo']) {
      const projection = data.roiProjectionsByCampaign.find((row) => row.key === key);
      expect(projection?.wonSoFar).toBe(0);
      expect(projection?.roiSoFar).toBe(-1);
      expect(projection?.verdict).toBe('too-early');
      expect(projection?.projectedRoi).toBeGreaterThan(0);
    }
  });

  it('does not call a young campaign −100%: it reads too early to judge, projected, judged by a date', () => {
    expect(lineOf('q4-google-ads')).toMatch(
      /too early to judge — projected \+[\d,]+% \([+−][\d,]+% to \+[\d,]+%\), judged by [A-Z][a-z]{2} \d+, 2027/,
    );
    expect(lineOf('fall-expo')).toContain('too early to judge — projected +');
    for (const projection of data.roiProjectionsByCampaign.filter((row) => row.verdict === 'too-early')) {
      expect(lineOf(projection.key)).not.toMatch(/\* −100%|ROI −100%/);
    }
    const roiChart = weekly.charts.find((chart) => chart.id === 'roi');
    expect(roiChart?.altText).toContain('q4-google-ads too early to judge — projected +');
  });

  it('keeps the ROI list short: at most 8 campaigns, one line each', () => {
    const listed = lines.filter((line) => data.roiProjectionsByCampaign.some((row) => line.includes(`*${row.key}*`)));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThanOrEqual(8);
    expect(Math.max(...listed.map((line) => line.length))).toBeLessThan(200);
  });
});

describe('the demo leak digest', () => {
  it('labels the funnel chart with the very rate the leak box names', () => {
    if (data.leak.kind !== 'leak') throw new Error('the sample plants a leak');
    const { weakest } = data.leak;
    const rate = `${Math.round((weakest.rate ?? 0) * 100)}%`;
    const funnel = leakDigest.charts.find((chart) => chart.id === 'funnel')!;
    expect(funnel.altText).toContain(
      `Opportunity ${data.funnel[3]!.reached} (${rate} of ${weakest.mature} mature SQLs)`,
    );
    expect(leakDigest.text).toContain(`*${rate}* of ${weakest.mature} mature SQL leads moved on`);
  });

  it('shows November’s counts against the plan, its rates "too early", never 0% against a planned rate', () => {
    const plan = leakDigest.text.slice(leakDigest.text.indexOf('*Plan vs actual, November 2026*'));
    expect(plan).toContain('• Customer: 12 of 10 planned · rate too early to judge (33% planned)');
    expect(plan).toContain('• Visits: not recorded yet (5,500 planned)');
    expect(plan).not.toMatch(/rate \d+% vs/);
    expect(data.planVsActual.every((row) => !row.rateJudged)).toBe(true);
  });

  it('carries the 2026 runway chart, starting at Visits, with months judged where their cohorts are mature', () => {
    expect(leakDigest.charts.map((chart) => chart.id)).toEqual(['funnel', 'runway']);
    expect(data.runway.stages[0]).toBe('visits');
    const customer = data.runway.months.map((month) => month.cells.at(-1)!.rateStatus);
    // Into Customer takes the longest (about 135 days from a month's end): June is judged, July onwards too early.
    expect(customer.slice(5, 12)).toEqual(['judged', ...Array(6).fill('too-early')]);
  });
});
