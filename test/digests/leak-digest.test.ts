import { describe, expect, it } from 'vitest';
import { buildLeakDigest } from '../../digests/leak-digest.js';
import type { KnownBlock } from '../../src/slack/blocks.js';
import { createFakeRenderer } from './fake-renderer.js';
import { buildDigestFixture } from './fixture.js';

function sectionTexts(blocks: readonly KnownBlock[]): string {
  return blocks.map((block) => (block.type === 'section' ? (block.text?.text ?? '') : '')).join('\n');
}

describe('buildLeakDigest with a leak', () => {
  const digest = buildLeakDigest(buildDigestFixture());
  const text = sectionTexts(digest.blocks);

  it('is headed by the week and starts with the funnel chart', () => {
    expect(digest.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Funnel leaks — week of Nov 16' } });
    expect(digest.blocks[2]).toMatchObject({ type: 'context', block_id: 'chart:funnel' });
  });

  it('names the weakest transition, its rate with CI against the baseline, and the money lost', () => {
    expect(text).toContain(
      ':rotating_light: *Weakest stage: SQL → Opportunity*\n' +
        '*12%* of 100 mature SQL leads moved on (95% CI 7%–20%) vs *30% baseline*.\n' +
        // 0.3 × 100 − 12 = 18 missing; 18 × 0.4 × $15,000 = $108,000.
        '*About $108K lost*: 18 missing conversions × 40% of them become customers × $15,000 average won deal.',
    );
  });

  it('lists the sources driving it and the leads stuck before it, names escaped', () => {
    expect(text).toContain(
      '*Sources driving it*\n• *Google Ads*: 2 of 40 (5%), 10 missing\n• *LinkedIn*: 1 of 20 (5%), 5 missing',
    );
    expect(text).toContain('*Stuck at SQL*, longest first\n• *Acme Corp* · since Sep 20 · $25,000 · Dana Reyes');
    expect(text).toContain('• *Bolt &amp; Nut Co* · since Oct 7 · no value · Dana Reyes');
  });

  it('marks the significant transition among all four', () => {
    expect(text).toContain(':warning: SQL → Opportunity: 12% (95% CI 7%–20%) vs 30% baseline, 100 mature leads');
    expect(text).toContain('• Lead → MQL: 50% (95% CI 44%–56%) vs 48% baseline, 300 mature leads');
  });

  it('compares plan and actual for the month, then shows the year’s runway chart', () => {
    expect(text).toContain('*Plan vs actual, November 2026*\n• Lead: 140 of 150 planned\n');
    expect(text).toContain('• Opportunity: 5 of 12 planned · rate 17% vs 30% planned');
    expect(text).toContain('• SQL: 30 (no plan)');
    const renderer = createFakeRenderer();
    for (const chart of digest.charts) chart.render(renderer);
    // The runway's months include this one: a one-month plan chart would only repeat it.
    expect(renderer.calls).toEqual(['funnel', 'runway']);
    const last = digest.blocks.at(-1);
    expect(last).toMatchObject({ type: 'context', block_id: 'chart:runway' });
  });

  it('says "too early" for the rate of a cohort too young to judge, never 0% against the plan', () => {
    expect(text).toContain('• Customer: 3 of 4 planned · rate too early to judge (33% planned)');
    expect(text).not.toContain('rate 0% vs 33% planned');
  });

  it('labels the funnel chart with the rate the leak box judges', () => {
    const funnel = digest.charts.find((chart) => chart.id === 'funnel');
    // The weakest stage says 12% (12 of 100 mature SQLs); the chart says the same, not the cohort's 15 of 120.
    expect(funnel?.altText).toContain('Opportunity 15 (12% of 100 mature SQLs)');
    expect(text).toContain('*12%* of 100 mature SQL leads moved on');
  });

  it('carries everything in its plain text too', () => {
    expect(digest.text).toContain('*About $108K lost*');
    expect(digest.text).toContain('Weakest stage: SQL → Opportunity: 12% vs 30% baseline, about $108K lost.');
  });
});

describe('buildLeakDigest without a leak', () => {
  it('says there is no significant leak and why, and lists no stuck leads', () => {
    const data = buildDigestFixture({
      leak: { kind: 'none', reason: 'not enough mature leads yet', transitions: [] },
      stuckLeads: [],
    });
    const digest = buildLeakDigest(data);
    const text = sectionTexts(digest.blocks);
    expect(text).toContain(':white_check_mark: *No significant leak this week*: not enough mature leads yet.');
    expect(text).not.toContain('Stuck');
    expect(digest.charts[0]?.altText).toMatch(/No significant leak: not enough mature leads yet\.$/);
  });

  it('asks for a plan, still showing the runway of what happened and what is projected', () => {
    const data = buildDigestFixture();
    data.planVsActual = data.planVsActual.map((row) => ({ ...row, planned: null, plannedRate: null }));
    const digest = buildLeakDigest(data);
    expect(digest.charts.map((chart) => chart.id)).toEqual(['funnel', 'runway']);
    expect(sectionTexts(digest.blocks)).toContain(
      '*Plan vs actual, November 2026*\nNo plan recorded: `/roi target &lt;stage&gt; &lt;count-or-rate&gt;` adds one.',
    );
  });
});
