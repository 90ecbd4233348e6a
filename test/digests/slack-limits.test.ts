import { describe, expect, it } from 'vitest';
import { withChartImages } from '../../digests/chart-images.js';
import { buildLeakDigest } from '../../digests/leak-digest.js';
import type { DigestMessage } from '../../digests/types.js';
import { buildWeeklyDigest } from '../../digests/weekly-digest.js';
import { validateMessage } from '../../src/slack/limits.js';
import { checkBlockKit } from '../fakes/slack/index.js';
import { buildDigestFixture, buildHostileDigestFixture } from './fixture.js';

const BUILDERS: { name: string; build: typeof buildWeeklyDigest }[] = [
  { name: 'weekly ROI digest', build: buildWeeklyDigest },
  { name: 'leak digest', build: buildLeakDigest },
];

/** Every chart uploaded: the message as the runner posts it after a good upload. */
function withAllImages(message: DigestMessage) {
  return withChartImages(message, Object.fromEntries(message.charts.map((chart, i) => [chart.id, `F00${i}`])));
}

describe('digests within Slack limits', () => {
  for (const { name, build } of BUILDERS) {
    it(`keeps the ${name} valid with 200 campaigns and 500-character hostile names`, () => {
      const message = build(buildHostileDigestFixture());
      expect(validateMessage(message)).toEqual([]);
      expect(validateMessage({ text: message.text, blocks: withAllImages(message) })).toEqual([]);
      // And by the fake Slack's own reading of Block Kit, which shares no code or numbers with the product's table.
      expect(checkBlockKit(message.blocks, 'message')).toEqual([]);
      expect(checkBlockKit(withAllImages(message), 'message')).toEqual([]);
    });

    it(`lets no raw <!channel> through the ${name}, in blocks, images or text`, () => {
      const message = build(buildHostileDigestFixture());
      const posted = JSON.stringify({ text: message.text, blocks: message.blocks, images: withAllImages(message) });
      expect(posted).not.toContain('<!channel>');
      expect(posted).not.toContain('<@U999|boss>');
      expect(posted).toContain('&lt;!channel&gt;');
    });

    it(`keeps the ${name} valid for the ordinary fixture`, () => {
      const message = build(buildDigestFixture());
      expect(validateMessage(message)).toEqual([]);
      expect(validateMessage({ text: message.text, blocks: withAllImages(message) })).toEqual([]);
      // And by the fake Slack's own reading of Block Kit, which shares no code or numbers with the product's table.
      expect(checkBlockKit(message.blocks, 'message')).toEqual([]);
      expect(checkBlockKit(withAllImages(message), 'message')).toEqual([]);
    });
  }
});

describe('withChartImages', () => {
  const message = buildLeakDigest(buildDigestFixture());

  it('puts an uploaded image where its placeholder was, with the chart words as alt text', () => {
    const blocks = withChartImages(message, { funnel: 'F123', runway: 'F456' });
    expect(blocks).toHaveLength(message.blocks.length);
    const funnel = blocks.find((block) => block.block_id === 'chart:funnel');
    expect(funnel).toMatchObject({
      type: 'image',
      slack_file: { id: 'F123' },
      title: { type: 'plain_text', text: 'Funnel — SQL → Opportunity: 12% vs 30% baseline' },
    });
    expect(funnel).toHaveProperty('alt_text', message.charts[0]?.altText);
    expect(blocks.find((block) => block.block_id === 'chart:runway')).toMatchObject({ slack_file: { id: 'F456' } });
  });

  it('keeps the text placeholder of a chart that failed to upload', () => {
    const blocks = withChartImages(message, { funnel: 'F123' });
    const runway = blocks.find((block) => block.block_id === 'chart:runway');
    expect(runway?.type).toBe('context');
    // Lead: June–October at 135 of 150, November and December at plan: 5 × 135 + 2 × 150 = 975 vs 7 × 150 = 1,050.
    expect(JSON.stringify(runway)).toContain('Lead: 975 expected vs 1,050 planned (−7%)');
  });
});
