// The digest of the demo data (`npm run demo`): the sample company's campaigns of the quarter are weeks old, so none
// of them may be called a loss; each reads "too early to judge", with a projection and a date.

import { describe, expect, it } from 'vitest';
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
const digest = buildWeeklyDigest(data);
const lines = digest.text.split('\n');
const lineOf = (name: string) => lines.find((line) => line.includes(`*${name}*`)) ?? '';

describe('the demo digest', () => {
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
    const roiChart = digest.charts.find((chart) => chart.id === 'roi');
    expect(roiChart?.altText).toContain('q4-google-ads too early to judge — projected +');
  });

  it('keeps the ROI list short: at most 8 campaigns, one line each', () => {
    const listed = lines.filter((line) => data.roiProjectionsByCampaign.some((row) => line.includes(`*${row.key}*`)));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThanOrEqual(8);
    expect(Math.max(...listed.map((line) => line.length))).toBeLessThan(200);
  });
});
