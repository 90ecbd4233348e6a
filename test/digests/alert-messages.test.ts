// The leak alert, its recovery note and the muted alert as pure messages: the figures a manager reads, valid blocks
// for the fake Slack's own Block Kit checker, and nothing a person typed able to ping or link.

import { describe, expect, it } from 'vitest';
import {
  buildLeakAlert,
  buildLeakRecovery,
  buildMutedAlert,
  LEAK_ALERT_ACTIONS_BLOCK,
  LEAK_ALERT_MUTE_ACTION,
  parseMuteRequest,
} from '../../digests/alert-messages.js';
import { DEFAULT_METRIC_SETTINGS, type TransitionAssessment } from '../../src/domain/types.js';
import { checkBlockKit } from '../fakes/slack/index.js';

const settings = DEFAULT_METRIC_SETTINGS; // USD, UTC
const HOSTILE = `<!channel> <https://evil.example|click> & ${'x'.repeat(1_000)}`;

/** SQL → Opportunity: 30 of 100 (95% CI 22%–40%) against a 60% target; 30 missing × 50% × $20,000 = $300,000. */
function dummyAssessment(overrides: Partial<TransitionAssessment> = {}): TransitionAssessment {
  return {
    from: 'sql',
    to: 'opportunity',
    maturityDays: 30,
    mature: 100,
    converted: 30,
    rate: 0.3,
    low: 0.2189,
    high: 0.3958,
    expected: 0.6,
    expectedKind: 'target',
    significant: true,
    missingConversions: 30,
    downstreamRate: 0.5,
    averageWonValue: 20_000,
    moneyLost: 300_000,
    drivingSources: [
      { source: 'google-ads', mature: 60, converted: 10, rate: 10 / 60, missing: 26 },
      { source: HOSTILE, mature: 40, converted: 20, rate: 0.5, missing: 4 },
    ],
    ...overrides,
  };
}

function readTexts(blocks: readonly unknown[]): string {
  return JSON.stringify(blocks);
}

describe('buildLeakAlert', () => {
  it('names the transition, its rate and interval against the target, the money at stake and the sources', () => {
    const alert = buildLeakAlert(dummyAssessment(), settings);

    expect(alert.text).toContain('Leak alert: SQL → Opportunity');
    expect(alert.text).toContain('SQL → Opportunity converts significantly below its target.');
    expect(alert.text).toContain('*30%* of 100 mature SQL leads moved on (95% CI 22%–40%) vs *60% target*');
    expect(alert.text).toContain(
      '*About $300K at stake*: 30 missing conversions × 50% of them become customers × $20,000 average won deal.',
    );
    expect(alert.text).toContain('• *Google Ads*: 10 of 60 (17%), 26 missing');
    expect(alert.text).toContain('`/funnel last-90d`');
    expect(checkBlockKit(alert.blocks, 'message')).toEqual([]);
  });

  it('shows a hostile source name shortened and escaped: no ping, no link', () => {
    const alert = buildLeakAlert(dummyAssessment(), settings);

    const all = readTexts(alert.blocks) + alert.text;
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('<https://evil');
    expect(alert.text).toContain('&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; xxx');
    expect(alert.text).not.toContain('x'.repeat(100));
  });

  it('carries the transition on the mute button, and only a transition comes back from it', () => {
    const alert = buildLeakAlert(dummyAssessment(), settings);
    const row = alert.blocks.find((block) => block.block_id === LEAK_ALERT_ACTIONS_BLOCK);
    const mute = row?.type === 'actions' ? row.elements.find((e) => e.action_id === LEAK_ALERT_MUTE_ACTION) : null;
    const value = mute?.type === 'button' ? mute.value : undefined;

    expect(parseMuteRequest(value)).toBe('sql');
    expect(parseMuteRequest('{"transition":"customer"}')).toBeNull();
    expect(parseMuteRequest('not json')).toBeNull();
    expect(parseMuteRequest(undefined)).toBeNull();
  });

  it('says a baseline is the team’s own rate when there is no target', () => {
    const alert = buildLeakAlert(dummyAssessment({ expectedKind: 'baseline', expected: 0.55 }), settings);

    expect(alert.text).toContain('converts significantly below its baseline.');
    expect(alert.text).toContain('vs *55% baseline*');
  });
});

describe('buildLeakRecovery', () => {
  it('says the transition is back, with its figures, the alert date and the hold', () => {
    const back = dummyAssessment({ converted: 58, rate: 0.58, low: 0.482, high: 0.672, significant: false });

    const note = buildLeakRecovery(back, Date.UTC(2026, 10, 24, 11), 24, settings);

    expect(note.text).toContain(
      '*SQL → Opportunity has recovered* (alerted on Nov 24, 2026): *58%* of 100 mature SQL leads moved on ' +
        '(95% CI 48%–67%) vs *60% target*, no longer significantly below it at any check for 24 hours.',
    );
    expect(checkBlockKit(note.blocks, 'message')).toEqual([]);
  });

  it('says when there is nothing to compare with any more', () => {
    const none = dummyAssessment({ expected: null, expectedKind: 'none', significant: false, mature: 0, rate: null });

    const note = buildLeakRecovery({ ...none, low: null, high: null }, null, 24, settings);

    expect(note.text).toContain(
      '*SQL → Opportunity has recovered*: no SQL leads old enough to judge; there is nothing to compare it with any ' +
        'more (no target, too few mature leads for a baseline).',
    );
    expect(checkBlockKit(note.blocks, 'message')).toEqual([]);
  });
});

describe('buildMutedAlert', () => {
  it('keeps the alert, replaces the mute button with who muted it and until when, and stays valid', () => {
    const alert = buildLeakAlert(dummyAssessment(), settings);
    const mute = { transition: 'sql' as const, userId: 'U0MANAGER', userName: 'maria', until: Date.UTC(2026, 11, 24) };

    const muted = buildMutedAlert(alert.blocks, mute, settings);

    expect(muted.text).toContain('*30%* of 100 mature SQL leads moved on');
    expect(muted.text).toContain(':no_bell: Muted by <@U0MANAGER> until Dec 24, 2026: no alerts for SQL → Opportunity');
    expect(readTexts(muted.blocks)).not.toContain(LEAK_ALERT_MUTE_ACTION);
    expect(readTexts(muted.blocks)).toContain('Show the funnel');
    expect(checkBlockKit(muted.blocks, 'message')).toEqual([]);
  });

  it('escapes a name that is not a Slack user id', () => {
    const alert = buildLeakAlert(dummyAssessment(), settings);
    const mute = { transition: 'sql' as const, userId: 'someone', userName: HOSTILE, until: Date.UTC(2026, 11, 24) };

    const muted = buildMutedAlert(alert.blocks, mute, settings);

    expect(readTexts(muted.blocks) + muted.text).not.toContain('<!channel>');
    expect(checkBlockKit(muted.blocks, 'message')).toEqual([]);
  });
});
