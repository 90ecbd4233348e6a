// The detail views with oversized, hostile data: every reply stays valid for Slack (by the fake Slack's own Block
// Kit reading) and lets no typed `<!channel>` through.

import { describe, expect, it } from 'vitest';
import { buildDigestDetailReply } from '../../../digests/detail-views.js';
import { computeDigestDetail, DIGEST_DETAIL_TOPICS } from '../../../src/domain/digest-detail.js';
import { computeLostReasons } from '../../../src/domain/lost-reasons.js';
import { computePipelineSummary } from '../../../src/domain/pipeline.js';
import { DEFAULT_METRIC_SETTINGS, FUNNEL_STAGES, type Lead } from '../../../src/domain/types.js';
import { buildLostReasonBlocks } from '../../../src/slack/views/funnel-detail-views.js';
import { buildPipelineByCampaignBlocks, formatClvToCac } from '../../../src/slack/views/roi-detail-views.js';
import { checkBlockKit } from '../../fakes/slack/index.js';
import { buildDummyLead } from './fixtures.js';

const AS_OF = Date.UTC(2026, 10, 23, 9);
const DAY = 86_400_000;
const HOSTILE = `<!channel> & <@U999|boss> ${'Enormous Industrial Holdings '.repeat(40)}`;

/** 300 leads with 1,000-character names: a third open opportunities, a third won, a third lost with long reasons. */
function buildHostileLeads(): Lead[] {
  const leads: Lead[] = [];
  for (let i = 0; i < 300; i += 1) {
    const createdAt = AS_OF - (10 + (i % 60)) * DAY;
    const campaign = `${HOSTILE}-${i % 120}`;
    const lostFrom = FUNNEL_STAGES[i % 4] ?? 'lead';
    const base = { id: `L${i}`, company: HOSTILE, createdAt, campaign, value: 10_000 + i };
    if (i % 3 === 0) {
      leads.push(
        buildDummyLead({
          ...base,
          stage: 'opportunity',
          stageDates: { mql: createdAt, sql: createdAt, opportunity: createdAt + DAY },
        }),
      );
    } else if (i % 3 === 1) {
      leads.push(
        buildDummyLead({
          ...base,
          stage: 'customer',
          stageDates: {
            mql: createdAt + DAY,
            sql: createdAt + 2 * DAY,
            opportunity: createdAt + 3 * DAY,
            customer: createdAt + 9 * DAY,
          },
        }),
      );
    } else {
      const lostReason = `${HOSTILE} reason ${i % 60}`;
      leads.push(
        buildDummyLead({ ...base, stage: 'lost', lostFrom, lostReason, stageDates: { lost: createdAt + DAY } }),
      );
    }
  }
  return leads;
}

describe('detail views under hostile data', () => {
  const leads = buildHostileLeads();

  it('keeps the lost reasons and the pipeline valid and escaped', () => {
    const blocks = [
      ...buildLostReasonBlocks(computeLostReasons(leads), 'USD'),
      ...buildPipelineByCampaignBlocks(computePipelineSummary(leads, AS_OF), 'USD'),
    ];
    expect(checkBlockKit(blocks, 'message')).toEqual([]);
    const shown = JSON.stringify(blocks);
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('&lt;!channel&gt; &amp;');
    // Open opportunities are the leads i = 0, 3, 6, …: 40 campaigns (i % 120) hold them, 10 are listed.
    expect(shown).toContain('_and 30 more campaigns_');
  });

  it('answers every "More" topic with a valid, escaped reply', () => {
    const data = { leads, spend: [], targets: [] };
    for (const topic of DIGEST_DETAIL_TOPICS) {
      const reply = buildDigestDetailReply(
        computeDigestDetail(data, AS_OF, DEFAULT_METRIC_SETTINGS, topic),
        DEFAULT_METRIC_SETTINGS,
      );
      expect(checkBlockKit(reply.blocks, 'message')).toEqual([]);
      expect(JSON.stringify(reply)).not.toContain('<!channel>');
    }
  });
});

describe('formatClvToCac', () => {
  it('writes the ratio to one decimal, "n/a" without one', () => {
    expect(formatClvToCac(45_000 / 9_300)).toBe('4.8:1');
    expect(formatClvToCac(3)).toBe('3.0:1');
    expect(formatClvToCac(1234.56)).toBe('1,234.6:1');
    expect(formatClvToCac(null)).toBe('n/a');
  });
});
