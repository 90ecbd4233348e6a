import { describe, expect, it } from 'vitest';
import { computeTransitionRates } from '../../../src/domain/funnel.js';
import type { FunnelCounts, Period, TransitionAssessment } from '../../../src/domain/types.js';
import { DEFAULT_METRIC_SETTINGS } from '../../../src/domain/types.js';
import { buildFunnelReply } from '../../../src/slack/views/funnel-views.js';
import { buildFunnelHelp, buildLeadHelp, buildRoiHelp } from '../../../src/slack/views/help-views.js';
import { buildLogLeadModal, LOG_LEAD_CALLBACK } from '../../../src/slack/views/log-lead-modal.js';
import { buildRoiCard, buildRoiRanking, RANKING_LIMIT } from '../../../src/slack/views/roi-views.js';
import {
  buildShareableReply,
  buildSharedMessage,
  parseShareRequest,
  SHARE_ACTION,
} from '../../../src/slack/views/share.js';
import { checkBlockKit, checkView } from '../../fakes/slack/index.js';
import { buildDummyProjection, buildDummyRow, buildYoungProjection } from './fixtures.js';

const json = (value: unknown) => JSON.stringify(value);
const QUARTER: Period = {
  key: 'this-quarter',
  label: 'this quarter (Q4 2026)',
  start: Date.UTC(2026, 9, 1),
  end: Date.UTC(2027, 0, 1),
};
const SETTINGS = DEFAULT_METRIC_SETTINGS;

describe('buildRoiRanking', () => {
  it('ranks campaigns with ROI, cost, revenue and counts, naming the model', () => {
    const rows = [
      buildDummyProjection(),
      buildDummyProjection({
        ...{ key: 'q4-google-ads', roiSoFar: -0.35, spend: 2000, wonSoFar: 1300, leads: 2.5, verdict: 'losing' },
        ...{ projectedRoi: -0.2, interval: { low: -0.3, high: -0.05 } },
      }),
    ];
    const reply = buildRoiRanking(rows, QUARTER, 'linear', SETTINGS);
    const shown = json(reply.blocks);
    expect(shown).toContain('ROI by campaign · this quarter (Q4 2026) · linear');
    expect(shown).toContain('1. *spring-expo* — ROI +150% · cost $10,000 · revenue $25,000 · 20 leads · 2 customers');
    expect(shown).toContain('2. *q4-google-ads* — ROI −35% · cost $2,000 · revenue $1,300 · 2.5 leads');
    expect(reply.text).toBe('ROI by campaign · this quarter (Q4 2026) · linear: best is spring-expo at +150%');
  });

  it('shows the first 40 of many campaigns within the block limits, and says how many are left out', () => {
    const rows = Array.from({ length: 45 }, (_, i) => buildDummyProjection({ key: `campaign-${'x'.repeat(90)}-${i}` }));
    const reply = buildRoiRanking(rows, QUARTER, 'first-touch', SETTINGS);
    expect(json(reply.blocks)).toContain(`${45 - RANKING_LIMIT} more not shown`);
    expect(json(reply.blocks)).toContain('40. *campaign-');
    expect(json(reply.blocks)).not.toContain('41. *campaign-');
    expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
  });

  it('shows each judged campaign with its ROI so far and its projection with the 80% interval', () => {
    const shown = json(buildRoiRanking([buildDummyProjection()], QUARTER, 'first-touch', SETTINGS).blocks);
    // (25,000 + 3,000 expected − 10,000) / 10,000 = +180%.
    expect(shown).toContain('· 2 customers · projected +180% (+160% to +210%)');
    expect(shown).toContain('Judged on the leads it brought in during the period');
  });

  it('puts campaigns too early to judge in a group of their own, with their projection, never at −100%', () => {
    const young = buildYoungProjection();
    const losing = buildDummyProjection({ key: 'linkedin-abm', roiSoFar: -0.4, projectedRoi: -0.3, verdict: 'losing' });
    const reply = buildRoiRanking([young, buildDummyProjection(), losing], QUARTER, 'first-touch', SETTINGS);
    const shown = json(reply.blocks);
    expect(shown).toContain('1. *spring-expo* — ROI +150%');
    expect(shown).toContain('2. *linkedin-abm* — ROI −40%');
    expect(shown).toContain(
      '*Too early to judge* (most of their leads are younger than leads usually take to close):\\n' +
        '• *q4-google-ads* — too early to judge — projected +214% (+59% to +388%), judged by Feb 18, 2027 · ' +
        'cost $87,300 · revenue $0 · 106 leads · 0 customers',
    );
    expect(shown).not.toContain('−100%');
    expect(shown.indexOf('linkedin-abm')).toBeLessThan(shown.indexOf('q4-google-ads'));
    expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
  });

  it('says so when every campaign is too early, and escapes campaign names', () => {
    const reply = buildRoiRanking([buildYoungProjection({ key: '<!channel> expo' })], QUARTER, 'first-touch', SETTINGS);
    expect(reply.text).toBe('ROI by campaign · this quarter (Q4 2026) · first touch: 1 campaign too early to judge');
    expect(json(reply.blocks)).toContain('*&lt;!channel&gt; expo*');
    expect(json(reply.blocks)).not.toContain('<!channel>');
  });

  it('says how to get numbers when nothing happened', () => {
    expect(buildRoiRanking([], QUARTER, 'first-touch', SETTINGS).text).toContain('No campaign had leads or spend');
  });
});

describe('buildRoiCard', () => {
  it('shows cost, counts, revenue, ROI, ROAS, CPL and CAC with the model beside the attributed numbers', () => {
    const funnel: FunnelCounts[] = [
      { stage: 'lead', reached: 20 },
      { stage: 'mql', reached: 10 },
      { stage: 'sql', reached: 6 },
      { stage: 'opportunity', reached: 4 },
      { stage: 'customer', reached: 2 },
    ];
    const reply = buildRoiCard(buildDummyRow(), QUARTER, { ...SETTINGS, grossMargin: 0.6 }, funnel);
    const shown = json(reply.blocks);
    // ROI 1.5 → +150%; ROAS 25,000 / 8,000 = 3.125 → 3.1×; CPL 10,000 / 20 = $500; CAC 10,000 / 2 = $5,000.
    for (const part of [
      '*Cost*\\n$10,000',
      '*Revenue* (first touch)\\n$25,000',
      '*ROI* (first touch)\\n+150%',
      '3.1×',
      '*CPL*\\n$500',
      '*CAC*\\n$5,000',
      '6 / 4',
    ]) {
      expect(shown).toContain(part);
    }
    expect(shown).toContain('Lead 20 → MQL 10 → SQL 6 → Opportunity 4 → Customer 2');
    expect(shown).toContain('revenue × 60% margin');
    expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
  });

  it('never shows a young campaign as a loss: too early to judge, projected, judged by, payback', () => {
    const row = buildDummyRow({ key: 'q4-google-ads', spend: 87_300, revenue: 0, customers: 0, roi: -1, cac: null });
    const reply = buildRoiCard(row, QUARTER, SETTINGS, undefined, undefined, buildYoungProjection());
    const shown = json(reply.blocks);
    expect(shown).toContain('*ROI* (first touch)\\ntoo early to judge');
    expect(shown).toContain('*Too early to judge* — projected +214% (+59% to +388%), judged by Feb 18, 2027');
    expect(shown).toContain(
      'Its 106 leads of the period: $0 won so far (0 customers), $274,000 expected from 98 open leads; cost $87,300',
    );
    expect(shown).toContain(
      '21% of these leads are won, lost or past the point where leads usually close · projected to pay back in Jan 2027',
    );
    expect(shown).not.toContain('−100%');
    expect(reply.text).toContain('too early to judge — projected +214%');
    expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
  });

  it('shows a judged campaign as paying, with its ROI so far, projection and payback month', () => {
    const reply = buildRoiCard(buildDummyRow(), QUARTER, SETTINGS, undefined, undefined, buildDummyProjection());
    const shown = json(reply.blocks);
    expect(shown).toContain('*ROI* (first touch)\\n+150%');
    expect(shown).toContain('*Paying* — +150% so far, projected +180% (+160% to +210%)');
    expect(shown).toContain('80% of these leads are won, lost or past the point where leads usually close');
    expect(shown).toContain('paid back in Oct 2026');
  });

  it('asks for spend on a card without it, and still says what its leads are expected to bring', () => {
    const row = buildDummyRow({ key: 'referral', kind: 'source', spend: 0, roi: null, cac: null, cpl: null });
    const projection = buildDummyProjection({
      ...{ key: 'referral', kind: 'source', spend: 0, roiSoFar: null, projectedRoi: null, interval: null },
      ...{ verdict: 'no-spend', payback: { kind: 'no-spend' } },
    });
    const shown = json(buildRoiCard(row, QUARTER, SETTINGS, undefined, undefined, projection).blocks);
    expect(shown).toContain('*No spend recorded* — record it with /roi cost to see what its leads return');
    expect(shown).toContain('$25,000 won so far (2 customers), $3,000 expected from 4 open leads; cost $0');
    expect(shown).toContain('no spend to pay back');
  });

  it('reads a source by its label and shows n/a where nothing can be divided', () => {
    const row = buildDummyRow({
      key: 'google-ads',
      kind: 'source',
      spend: 0,
      mediaSpend: 0,
      roi: null,
      roas: null,
      cpl: null,
      cac: null,
    });
    const shown = json(buildRoiCard(row, QUARTER, SETTINGS).blocks);
    expect(shown).toContain('ROI · Google Ads · this quarter');
    expect(shown).toContain('*ROI* (first touch)\\nn/a');
    expect(shown).toContain('*CPL*\\nn/a');
  });
});

describe('buildFunnelReply', () => {
  const funnel: FunnelCounts[] = [
    { stage: 'lead', reached: 100 },
    { stage: 'mql', reached: 40 },
    { stage: 'sql', reached: 8 },
    { stage: 'opportunity', reached: 4 },
    { stage: 'customer', reached: 2 },
  ];
  const weakest: TransitionAssessment = {
    from: 'mql',
    to: 'sql',
    maturityDays: 21,
    mature: 40,
    converted: 8,
    rate: 0.2,
    low: 0.11,
    high: 0.35,
    expected: 0.4,
    expectedKind: 'target',
    significant: true,
    // 0.4 × 40 − 8 = 8 missing; 8 × 0.25 downstream × $6,000 average won = $12,000.
    missingConversions: 8,
    downstreamRate: 0.25,
    averageWonValue: 6000,
    moneyLost: 12_000,
    drivingSources: [{ source: 'thomasnet', mature: 20, converted: 2, rate: 0.1, missing: 6 }],
  };
  const base = { period: QUARTER, funnel, transitions: computeTransitionRates(funnel), currency: 'USD' };

  it('shows counts with rates, the weakest stage, its cost and the sources driving it', () => {
    const reply = buildFunnelReply({
      ...base,
      source: 'thomasnet',
      verdict: { kind: 'leak', weakest, transitions: [weakest] },
    });
    const shown = json(reply.blocks);
    // 40 / 100 = 40%, 8 / 40 = 20%, 4 / 8 = 50%, 2 / 4 = 50%.
    expect(shown).toContain('*MQL* 40 (40% of Lead)\\n*SQL* 8 (20% of MQL)\\n*Opportunity* 4 (50% of SQL)');
    expect(shown).toContain('Weakest stage: MQL → SQL* converts 20% (8 of 40, 95% interval 11%–35%) vs target 40%');
    expect(shown).toContain('About 8 missing conversions, costing about *$12,000*');
    expect(shown).toContain('Driven by: Thomasnet (2 of 20)');
    expect(shown).toContain('Only source: Thomasnet');
    expect(reply.text).toBe('Funnel · this quarter (Q4 2026): 100 new leads, weakest stage MQL → SQL');
    expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
  });

  it('says there is no significant leak and why', () => {
    const reply = buildFunnelReply({
      ...base,
      verdict: { kind: 'none', reason: 'not enough mature leads yet', transitions: [] },
    });
    expect(json(reply.blocks)).toContain('No significant leak: not enough mature leads yet.');
  });
});

describe('buildLogLeadModal', () => {
  it('builds a modal Slack accepts, prefilled, with at most 100 sources', () => {
    const sources = Array.from({ length: 150 }, (_, i) => `team-source-${i}`);
    const modal = buildLogLeadModal({
      sources,
      prefill: { source: 'team-source-3', company: 'Acme' },
      privateMetadata: '{}',
    });
    expect(modal.callback_id).toBe(LOG_LEAD_CALLBACK);
    expect(checkView(modal, 'modal')).toEqual([]);
    const shown = json(modal);
    expect(shown).toContain('"initial_value":"Acme"');
    expect(shown).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"Team source 3","emoji":true},"value":"team-source-3"}',
    );
    expect(shown).toContain('"min_query_length":0');
  });
});

describe('share', () => {
  it('adds a share button to an answer and posts the answer without buttons, saying who shared it', () => {
    const reply = buildRoiRanking([buildDummyProjection()], QUARTER, 'first-touch', SETTINGS);
    const shareable = buildShareableReply(reply, { command: '/roi', text: 'last-quarter' });
    const button = shareable.blocks.at(-1);
    expect(button?.type === 'actions' && button.elements[0]?.action_id).toBe(SHARE_ACTION);
    const shared = buildSharedMessage(shareable, 'U0REP1');
    expect(shared.blocks.some((block) => block.type === 'actions')).toBe(false);
    expect(json(shared.blocks.at(-1))).toContain('Shared by <@U0REP1>');
  });

  it('reads back only share requests it made', () => {
    expect(parseShareRequest('{"command":"/roi","text":"ytd"}')).toEqual({ command: '/roi', text: 'ytd' });
    expect(parseShareRequest('{"command":"/lead","text":"undo"}')).toBeNull();
    expect(parseShareRequest('not json')).toBeNull();
  });
});

describe('help', () => {
  it('lists every form, escaped, within the limits', () => {
    for (const reply of [buildLeadHelp(), buildRoiHelp(), buildFunnelHelp()]) {
      expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
    }
    const lead = json(buildLeadHelp().blocks);
    expect(lead).toContain('/lead source &lt;source&gt; [&lt;company&gt;]');
    expect(lead).toContain('/lead undo');
    expect(json(buildRoiHelp().blocks)).toContain('/roi target &lt;stage&gt; &lt;count-or-rate&gt;');
  });
});
