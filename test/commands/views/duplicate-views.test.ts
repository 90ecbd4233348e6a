import { describe, expect, it } from 'vitest';
import type { DuplicatePair } from '../../../src/domain/duplicates.js';
import type { Lead } from '../../../src/domain/types.js';
import { SLACK_LIMITS, validateBlocks } from '../../../src/slack/limits.js';
import { buildDuplicatesReply } from '../../../src/slack/views/duplicate-views.js';
import { buildDummyLead, FORMAT } from './fixtures.js';

function buildPair(i: number, company: string): DuplicatePair<Lead> {
  return {
    keep: buildDummyLead({ id: `L-${String(2 * i + 1).padStart(6, '0')}`, company }),
    merge: buildDummyLead({ id: `L-${String(2 * i + 2).padStart(6, '0')}`, company: `${company} Inc` }),
    score: 1,
    reason: 'same-name',
  };
}

describe('buildDuplicatesReply', () => {
  it('shows each pair with its reason and its merge button, escaping names', () => {
    const pair = buildPair(0, '<!channel> & Co');
    const reply = buildDuplicatesReply(
      { pairs: [pair], total: 1, leadCount: 2, merges: [{ label: 'Merge L-000002 into L-000001', value: '{}' }] },
      FORMAT,
    );

    const shown = JSON.stringify(reply.blocks);
    expect(reply.text).toBe('1 pair of leads looks like one company logged twice.');
    expect(shown).toContain('&lt;!channel&gt; &amp; Co* (L-000001)');
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('_the same name_');
    expect(shown).toContain('"text":"Merge L-000002 into L-000001"');
    expect(validateBlocks(reply.blocks, 'message')).toEqual([]);
  });

  it('keeps ten pairs of the longest names within Slack’s limits, saying how many there are in all', () => {
    const pairs = Array.from({ length: 10 }, (_, i) => buildPair(i, `${'Very Long Company Name '.repeat(9)}${i}`));
    const merges = pairs.map((pair) => ({ label: `Merge ${pair.merge.id} into ${pair.keep.id}`, value: '{}' }));

    const reply = buildDuplicatesReply({ pairs, total: 1234, leadCount: 100_000, merges }, FORMAT);

    expect(reply.text).toBe('1,234 pairs of leads look like one company logged twice. The 10 likeliest:');
    expect(reply.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.messageBlocks);
    expect(reply.blocks.filter((block) => block.type === 'actions')).toHaveLength(10);
    expect(validateBlocks(reply.blocks, 'message')).toEqual([]);
  });
});
