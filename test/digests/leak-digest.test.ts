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

  it('compares plan and actual for the month, with its chart', () => {
    expect(text).toContain('*Plan vs actual, November 2026*\n• Lead: 140 of 150 planned\n');
    expect(text).toContain('• Opportunity: 5 of 12 planned · rate 17% vs 30% planned');
    expect(text).toContain('• SQL: 30 (no plan)');
    const renderer = createFakeRenderer();
    for (const chart of digest.charts) chart.render(renderer);
    expect(renderer.calls).toEqual(['funnel', 'plan']);
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

  it('asks for a plan instead of drawing an empty plan chart', () => {
    const data = buildDigestFixture();
    data.planVsActual = data.planVsActual.map((row) => ({ ...row, planned: null, plannedRate: null }));
    const digest = buildLeakDigest(data);
    expect(digest.charts.map((chart) => chart.id)).toEqual(['funnel']);
    expect(sectionTexts(digest.blocks)).toContain(
      '*Plan vs actual, November 2026*\nNo plan recorded: `/roi target &lt;stage&gt; &lt;count-or-rate&gt;` adds one.',
    );
  });
});
