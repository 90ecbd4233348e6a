// The demo's Monday digest (the sample company as of Mon Nov 23, 2026) read as a manager would: the funnel chart and
// the leak box agree, November's days-old cohort is not judged against its planned rates, and the runway is there.

import { describe, expect, it } from 'vitest';
import { buildLeakDigest } from '../../digests/leak-digest.js';
import { computeWeeklyDigestData } from '../../src/domain/digest-data.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/domain/types.js';
import { generateSampleData } from '../../src/sample/generate.js';

const AS_OF = Date.parse('2026-11-23T15:00:00Z');
const settings = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/Chicago' };
const data = computeWeeklyDigestData(
  generateSampleData({ seed: 42, asOf: AS_OF, timeZone: 'America/Chicago' }),
  AS_OF,
  settings,
);
const digest = buildLeakDigest(data);

describe('the demo digest', () => {
  it('labels the funnel chart with the very rate the leak box names', () => {
    if (data.leak.kind !== 'leak') throw new Error('the sample plants a leak');
    const { weakest } = data.leak;
    const rate = `${Math.round((weakest.rate ?? 0) * 100)}%`;
    const funnel = digest.charts.find((chart) => chart.id === 'funnel')!;
    expect(funnel.altText).toContain(
      `Opportunity ${data.funnel[3]!.reached} (${rate} of ${weakest.mature} mature SQLs)`,
    );
    expect(digest.text).toContain(`*${rate}* of ${weakest.mature} mature SQL leads moved on`);
  });

  it('shows November’s counts against the plan, its rates "too early", never 0% against a planned rate', () => {
    const plan = digest.text.slice(digest.text.indexOf('*Plan vs actual, November 2026*'));
    expect(plan).toContain('• Customer: 12 of 10 planned · rate too early to judge (33% planned)');
    expect(plan).toContain('• Visits: not recorded yet (5,500 planned)');
    expect(plan).not.toMatch(/rate \d+% vs/);
    expect(data.planVsActual.every((row) => !row.rateJudged)).toBe(true);
  });

  it('carries the 2026 runway chart, starting at Visits, with months judged where their cohorts are mature', () => {
    expect(digest.charts.map((chart) => chart.id)).toEqual(['funnel', 'runway']);
    expect(data.runway.stages[0]).toBe('visits');
    const customer = data.runway.months.map((month) => month.cells.at(-1)!.rateStatus);
    // Into Customer takes the longest (about 135 days from a month's end): June is judged, July onwards too early.
    expect(customer.slice(5, 12)).toEqual(['judged', ...Array(6).fill('too-early')]);
  });
});
