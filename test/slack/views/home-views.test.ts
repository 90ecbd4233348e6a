// The Home tab's view, built from hand-made figures: what it says, what it escapes, and that it stays a view Slack
// takes (the fake's own checker) under 100 blocks even with every list full.

import { describe, expect, it } from 'vitest';
import type { OwnLeads } from '../../../src/domain/own-leads.js';
import { quarterContaining } from '../../../src/domain/periods.js';
import { DEFAULT_METRIC_SETTINGS, type RoiProjection } from '../../../src/domain/types.js';
import { buildHomeView, type HomeFigures, WATCH_LIMIT } from '../../../src/slack/views/home-views.js';
import { buildDummyProjection, buildYoungProjection } from '../../commands/views/fixtures.js';
import { buildKpis, WEAKEST } from '../../digests/fixture.js';
import { buildRunwayFixture } from '../../digests/runway-fixture.js';
import { checkView } from '../../fakes/slack/index.js';

const AS_OF = Date.UTC(2026, 10, 25, 15);
const SETTINGS = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'UTC' };
const HOSTILE = '<!here> *Bold* & <@U0BOSS>';

function buildOwn(overrides: Partial<OwnLeads> = {}): OwnLeads {
  return { withoutSource: [], withoutSourceCount: 0, stuck: [], stuckCount: 0, ...overrides };
}

function buildFigures(overrides: Partial<HomeFigures> = {}): HomeFigures {
  return {
    asOf: AS_OF,
    quarter: quarterContaining(AS_OF, 'UTC'),
    kpis: buildKpis(),
    runway: buildRunwayFixture(),
    leak: { kind: 'leak', weakest: WEAKEST, transitions: [WEAKEST] },
    watch: { paying: [buildDummyProjection()], losing: [], 'too-early': [buildYoungProjection()], 'no-spend': [] },
    own: buildOwn(),
    ...overrides,
  };
}

const textOf = (view: { blocks: unknown[] }) => JSON.stringify(view.blocks);
const chart = { fileId: 'F0RUNWAY', altText: 'Results Runway 2026 in words' };

describe('buildHomeView', () => {
  it('names the weakest stage with its cost, and each campaign to watch with its standing', () => {
    const view = buildHomeView({ figures: buildFigures(), chart, isManager: false, settings: SETTINGS });

    const text = textOf(view);
    expect(text).toContain('Weakest stage: SQL → Opportunity');
    expect(text).toContain('$108,000');
    expect(text).toContain('*Paying* (1)');
    expect(text).toContain('*spring-expo* · +150% so far, projected +180% (+160% to +210%)');
    expect(text).toContain('*Too early to judge* (1)');
    expect(text).toContain('*q4-google-ads* · too early to judge');
    expect(text).not.toContain('*Losing*');
    expect(view.blocks).toContainEqual(expect.objectContaining({ type: 'image', slack_file: { id: 'F0RUNWAY' } }));
    expect(checkView(view, 'home')).toEqual([]);
  });

  it('shows the chart in words when it could not be uploaded', () => {
    const view = buildHomeView({
      figures: buildFigures({ leak: { kind: 'none', reason: 'not enough mature leads yet', transitions: [] } }),
      chart: { fileId: null, altText: 'Lead: 40 expected of 50 planned' },
      isManager: true,
      settings: SETTINGS,
    });

    const text = textOf(view);
    expect(text).toContain(':bar_chart: Lead: 40 expected of 50 planned');
    expect(text).toContain('No significant leak in the last 90 days: not enough mature leads yet.');
    expect(view.blocks.some((block) => block.type === 'image')).toBe(false);
    expect(checkView(view, 'home')).toEqual([]);
  });

  it('escapes what people typed and stays under 100 blocks with every list full', () => {
    const lead = (i: number) => ({
      id: `L${i}`,
      company: `${HOSTILE} ${i} ${'x'.repeat(300)}`,
      stage: 'mql' as const,
      ownerName: 'ravi',
      since: AS_OF - 40 * 86_400_000,
      value: null,
    });
    const many = (verdict: RoiProjection['verdict']) =>
      Array.from({ length: 30 }, (_, i) => buildDummyProjection({ key: `campaign-${verdict}-${i}`, verdict }));
    const own = buildOwn({
      withoutSource: Array.from({ length: 8 }, (_, i) => lead(i)),
      withoutSourceCount: 500,
      stuck: Array.from({ length: 8 }, (_, i) => ({ ...lead(i), days: 40, usualDays: 12 })),
      stuckCount: 300,
    });
    const watch = { paying: many('paying'), losing: many('losing'), 'too-early': many('too-early'), 'no-spend': [] };

    const view = buildHomeView({ figures: buildFigures({ own, watch }), chart, isManager: true, settings: SETTINGS });

    const text = textOf(view);
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('<@U0BOSS>');
    expect(text).toContain('&lt;!here&gt;');
    expect(text).toContain('Your leads missing a source* (500)');
    expect(text).toContain('…and 492 more');
    expect(text).toContain('MQL for 40 days (9 in 10 move on within 12)');
    expect(text).toContain(`…and ${30 - WATCH_LIMIT} more`);
    expect(view.blocks.length).toBeLessThan(100);
    expect(checkView(view, 'home')).toEqual([]);
  });
});
