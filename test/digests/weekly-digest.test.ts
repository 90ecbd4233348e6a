import { describe, expect, it } from 'vitest';
import { buildWeeklyDigest } from '../../digests/weekly-digest.js';
import type { KnownBlock } from '../../src/slack/blocks.js';
import { createFakeRenderer } from './fake-renderer.js';
import {
  buildDigestFixture,
  buildHostileDigestFixture,
  buildMatureProjection,
  buildRoiRow,
  buildYoungProjection,
} from './fixture.js';

function fieldTexts(blocks: readonly KnownBlock[]): string[] {
  return blocks.flatMap((block) => (block.type === 'section' ? (block.fields ?? []).map((f) => f.text) : []));
}

function sectionTexts(blocks: readonly KnownBlock[]): string {
  return blocks.map((block) => (block.type === 'section' ? (block.text?.text ?? '') : '')).join('\n');
}

describe('buildWeeklyDigest', () => {
  const digest = buildWeeklyDigest(buildDigestFixture());

  it('is headed by the week it reports', () => {
    expect(digest.blocks[0]).toMatchObject({ type: 'header', text: { text: 'ROI Runway — week of Nov 16' } });
    expect(digest.text.startsWith('*ROI Runway — week of Nov 16*\n')).toBe(true);
  });

  it("shows last week's KPIs with their change against the week before", () => {
    const shown = fieldTexts(digest.blocks);
    expect(shown.slice(0, 8)).toEqual([
      '*Leads*\n40 · ▲ 25%', // 32 → 40: +8/32 = +25%
      '*Customers*\n2 · —', // unchanged
      '*Revenue*\n$30K · ▲ 50%', // 20,000 → 30,000
      '*Spend*\n$10K · —',
      '*ROI*\n+200% · ▲ 100 pts', // +100% → +200%: 100 percentage points
      '*CAC*\n$5,000 · —',
      '*CPL*\n$250 · ▼ 20%', // 312.50 → 250: −62.5/312.5 = −20%
      '*Source coverage*\n85% · ▲ 10 pts', // 75% → 85%
    ]);
  });

  it('shows the quarter to date without a change column', () => {
    expect(fieldTexts(digest.blocks).slice(8)).toEqual([
      '*Leads*\n400',
      '*Customers*\n20',
      '*Revenue*\n$310K',
      '*Spend*\n$100K',
      '*ROI*\n+210%', // (310,000 − 100,000) / 100,000
      '*CAC*\n$5,000',
      '*CPL*\n$250',
      '*Source coverage*\n80%',
    ]);
    expect(sectionTexts(digest.blocks)).toContain('*Q4 2026 to date*');
  });

  it('ranks campaigns and sources by ROI and names the attribution model', () => {
    const text = sectionTexts(digest.blocks);
    expect(text).toContain('*ROI by campaign* · first touch attribution, quarter to date');
    expect(text).toContain('1. *spring-expo* +240% · spend $20K · revenue $68K · 4 customers');
    expect(text).toContain('4. *linkedin-abm* −35% · spend $25K · revenue $16.3K · 1 customer');
    expect(text).toContain('*ROI by source* · first touch attribution, quarter to date');
    expect(text).toContain('1. *Thomasnet* +650% · spend $12K · revenue $90K · 6 customers');
  });

  it('lists a campaign too early to judge apart, with its projection and date, never at −100%', () => {
    const spring = buildMatureProjection(buildRoiRow('spring-expo', 20_000, 68_000, { customers: 4 }), {
      ...{ openLeads: 3, expectedRevenue: 4_000, projectedRoi: 2.6, interval: { low: 2.45, high: 2.8 } },
    });
    const data = buildDigestFixture({ roiProjectionsByCampaign: [spring, buildYoungProjection('q4-google-ads')] });
    const text = sectionTexts(buildWeeklyDigest(data).blocks);
    // (68,000 + 4,000 − 20,000) / 20,000 = +260%.
    expect(text).toContain(
      '1. *spring-expo* +240% · spend $20K · revenue $68K · 4 customers · projected +260% (+245% to +280%)',
    );
    expect(text).toContain(
      '_Too early to judge: most of their leads are younger than leads usually take to close_\n' +
        '• *q4-google-ads* too early to judge — projected +214% (+59% to +388%), judged by Feb 18, 2027 · ' +
        'spend $87.3K · 106 leads',
    );
    expect(text).not.toContain('−100%');
  });

  it('writes a large ROI swing in grouped percentage points', () => {
    const data = buildDigestFixture();
    data.weekKpis = { ...data.weekKpis, roi: 26.46 };
    // +100% → +2,646%: 2,546 points.
    expect(fieldTexts(buildWeeklyDigest(data).blocks)[4]).toBe('*ROI*\n+2,646% · ▲ 2,546 pts');
  });

  it('lists the top 8 campaigns and counts the rest', () => {
    const rows = Array.from({ length: 20 }, (_, i) => buildRoiRow(`campaign-${i}`, 1_000, 2_000));
    const text = sectionTexts(buildWeeklyDigest(buildDigestFixture({ roiByCampaign: rows })).blocks);
    expect(text).toContain('8. *campaign-7*');
    expect(text).not.toContain('9. *campaign-8*');
    expect(text).toContain('_and 12 more_'); // 20 − 8
  });

  it('mentions owners of leads without a source and lists stale opportunities', () => {
    const text = sectionTexts(digest.blocks);
    expect(text).toContain('• <@U01DANA>: 4 of 12 new leads');
    expect(text).toContain('• *Hydraulics Inc* · $40,000 · Sam Lee · unchanged since Sep 1');
  });

  it('counts the leads that look logged twice and points to /lead duplicates', () => {
    expect(sectionTexts(digest.blocks)).toContain(
      '*Likely duplicates*: 3 pairs of leads look like one company logged twice — `/lead duplicates` lists them with merge buttons.',
    );
    const clean = buildDigestFixture();
    clean.hygiene.duplicatePairs = 0;
    expect(sectionTexts(buildWeeklyDigest(clean).blocks)).toContain('No lead looks logged twice.');
  });

  it('shows an owner without a Slack id by escaped name, never as a mention', () => {
    const data = buildDigestFixture();
    data.hygiene.withoutSourceByOwner = [
      { ownerId: 'notion', ownerName: 'Pat <!here> & co', withoutSource: 1, total: 1 },
    ];
    expect(sectionTexts(buildWeeklyDigest(data).blocks)).toContain('• Pat &lt;!here&gt; &amp; co: 1 of 1 new leads');
  });

  it('asks for the ROI and trend charts and leaves a placeholder with their words', () => {
    const renderer = createFakeRenderer();
    expect(digest.charts.map((chart) => chart.id)).toEqual(['roi', 'trend']);
    for (const chart of digest.charts) chart.render(renderer);
    expect(renderer.calls).toEqual(['roi', 'trend']);
    const placeholder = digest.blocks.find((block) => block.block_id === 'chart:roi');
    expect(placeholder).toMatchObject({ type: 'context' });
    expect(JSON.stringify(placeholder)).toContain('spring-expo +240%');
  });

  it('says the week was quiet, without charts, when nothing happened', () => {
    const quiet = buildWeeklyDigest(buildDigestFixture({ hadActivity: false }));
    expect(quiet.charts).toEqual([]);
    expect(quiet.text).toBe(
      '*ROI Runway — week of Nov 16*\nNothing happened in Nov 16 – Nov 22, 2026: no lead was created or changed ' +
        'and no spend was recorded.',
    );
  });

  it('keeps a huge week readable: 8 campaigns shown, long names cut', () => {
    const huge = buildWeeklyDigest(buildHostileDigestFixture());
    const text = sectionTexts(huge.blocks);
    expect(text).toContain('_and 192 more_'); // 200 − 8
    expect(text).toContain('_and 55 more_'); // 60 owners − 5
    expect(Math.max(...text.split('\n').map((line) => line.length))).toBeLessThan(600);
  });
});
