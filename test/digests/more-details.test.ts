// The digest's unit-economics line and "More" buttons as the builder makes them, and the button value read back.

import { describe, expect, it } from 'vitest';
import {
  buildDigestMoreBlocks,
  DIGEST_MORE_PATTERN,
  encodeDigestMoreValue,
  parseDigestMoreRequest,
} from '../../digests/more-details.js';
import { buildWeeklyDigest } from '../../digests/weekly-digest.js';
import type { KnownBlock } from '../../src/slack/blocks.js';
import { AS_OF, buildDigestFixture, buildKpis } from './fixture.js';

function textOf(blocks: readonly KnownBlock[]): string {
  return blocks.map((block) => (block.type === 'section' ? (block.text?.text ?? '') : '')).join('\n');
}

function charactersOf(blocks: readonly KnownBlock[]): number {
  return JSON.stringify(blocks).length;
}

const data = buildDigestFixture({
  // Quarter: CLV 50,000 over blended CAC 7,000 = 7.14; pipeline 123,456.
  quarterKpis: buildKpis({
    customers: 20,
    blendedCac: 7_000,
    clv: 50_000,
    clvToCac: 50_000 / 7_000,
    pipelineValue: 123_456,
  }),
});

describe('the digest line and its "More" buttons', () => {
  const digest = buildWeeklyDigest(data);

  it("puts the quarter's unit economics in one line under its KPIs", () => {
    expect(textOf(digest.blocks)).toContain(
      '*Unit economics, Q4 2026 to date*: CLV:CAC *7.1:1* · blended CAC $7,000 · CLV $50K · pipeline now $123.5K',
    );
    expect(digest.text).toContain('CLV:CAC *7.1:1*');
  });

  it('offers one button per detail, each carrying the digest it belongs to', () => {
    const row = digest.blocks.find((block) => block.type === 'actions');
    if (row?.type !== 'actions') throw new Error('no buttons');
    expect(row.block_id).toBe('digest_more');
    const buttons = row.elements.map((element) => (element.type === 'button' ? element : null));
    expect(buttons.map((button) => [button?.text.text, button?.action_id])).toEqual([
      ['Time to convert', 'digest_more:time'],
      ['Cost per stage', 'digest_more:cost'],
      ['Lost reasons', 'digest_more:lost'],
      ['Pipeline by campaign', 'digest_more:pipeline'],
    ]);
    for (const [i, topic] of ['time', 'cost', 'lost', 'pipeline'].entries()) {
      const actionId = buttons[i]?.action_id ?? '';
      expect(actionId).toMatch(DIGEST_MORE_PATTERN);
      expect(parseDigestMoreRequest(actionId, buttons[i]?.value, 'UTC')).toEqual({ topic, asOf: AS_OF });
    }
  });

  it('keeps the detail out of the digest: two short blocks more, the rest behind the buttons', () => {
    const more = buildDigestMoreBlocks(data);
    expect(more).toHaveLength(2);
    expect(charactersOf(more)).toBeLessThan(1_000);
    for (const block of more) expect(digest.blocks).toContainEqual(block);
    expect(textOf(digest.blocks)).not.toContain('Time to convert');
    expect(textOf(digest.blocks)).not.toContain('Lost from');
  });
});

describe('parseDigestMoreRequest', () => {
  const value = encodeDigestMoreValue(data);

  it('refuses a value whose week is not the week its asOf reports', () => {
    const forged = JSON.stringify({ asOf: AS_OF, week: '2026-W46' });
    expect(parseDigestMoreRequest('digest_more:cost', forged, 'UTC')).toBeNull();
    // Monday 09:00 UTC is Monday 03:00 in Chicago, the same week; in Honolulu it is Sunday 23:00, a week earlier.
    expect(parseDigestMoreRequest('digest_more:cost', value, 'America/Chicago')).not.toBeNull();
    expect(parseDigestMoreRequest('digest_more:cost', value, 'Pacific/Honolulu')).toBeNull();
  });

  it('refuses what is not one of its buttons', () => {
    expect(parseDigestMoreRequest('digest_more:everything', value, 'UTC')).toBeNull();
    expect(parseDigestMoreRequest('share_in_channel', value, 'UTC')).toBeNull();
    expect(parseDigestMoreRequest('digest_more:cost', undefined, 'UTC')).toBeNull();
    expect(parseDigestMoreRequest('digest_more:cost', 'not json', 'UTC')).toBeNull();
    expect(parseDigestMoreRequest('digest_more:cost', '{"asOf":-5,"week":"2026-W47"}', 'UTC')).toBeNull();
  });
});
