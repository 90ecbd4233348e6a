import { describe, expect, it } from 'vitest';
import {
  actions,
  button,
  context,
  divider,
  escapeSlackText,
  fields,
  header,
  image,
  section,
  truncate,
  truncateMrkdwn,
} from '../../src/slack/blocks.js';
import { countChars } from '../../src/slack/limits.js';
import { checkBlockKit } from '../fakes/slack/index.js';

describe('escapeSlackText', () => {
  it('turns a channel ping and a fake link into inert text', () => {
    expect(escapeSlackText('<!channel> Tom & Jerry <http://x|y>')).toBe(
      '&lt;!channel&gt; Tom &amp; Jerry &lt;http://x|y&gt;',
    );
  });

  it('drops the controls that would turn the rest of a line around, and keeps zero-width characters', () => {
    // U+202E RIGHT-TO-LEFT OVERRIDE … U+202C POP; U+2067 RIGHT-TO-LEFT ISOLATE … U+2069 POP ISOLATE.
    expect(escapeSlackText('Acme\u202Eevil\u202C \u2067Co\u2069 zero\u200Bwidth\u200D')).toBe(
      'Acmeevil Co zero\u200Bwidth\u200D',
    );
  });
});

describe('truncate', () => {
  it('leaves short text alone and ends cut text with an ellipsis inside the limit', () => {
    expect(truncate('Acme', 4)).toBe('Acme');
    expect(truncate('Acme Corp', 5)).toBe('Acme…');
  });

  it('does not split an emoji', () => {
    expect(truncate('📈📈📈', 2)).toBe('📈…');
  });
});

describe('truncateMrkdwn', () => {
  it('does not leave half an entity or half a mention', () => {
    // 'a &amp; b' cut to 5 would keep 'a &a' + '…'; the broken entity is dropped instead.
    expect(truncateMrkdwn('a &amp; b', 5)).toBe('a …');
    expect(truncateMrkdwn('owner <@U123456> done', 10)).toBe('owner …');
  });
});

describe('builders', () => {
  it('build a header that escapes and fits in 150 characters', () => {
    const block = header(`<!here> ${'long '.repeat(60)}`);
    expect(block.text.text.startsWith('&lt;!here&gt; long')).toBe(true);
    expect(countChars(block.text.text)).toBeLessThanOrEqual(150);
    expect(checkBlockKit([block], 'message')).toEqual([]);
  });

  it('keep every builder inside Slack limits with oversized input', () => {
    const huge = 'Zürich & Co '.repeat(1000);
    const blocks = [
      header(huge),
      section(escapeSlackText(huge), 'b'.repeat(400)),
      fields(Array.from({ length: 14 }, () => escapeSlackText(huge))),
      context(Array.from({ length: 12 }, () => escapeSlackText(huge))),
      divider(),
      image('F0123', huge, { title: huge }),
      actions(Array.from({ length: 30 }, (_, i) => button({ text: huge, actionId: `a${i}`, value: huge }))),
      section(''),
      fields([]),
    ];
    expect(checkBlockKit(blocks, 'message')).toEqual([]);
    expect(blocks[2]).toMatchObject({ fields: { length: 10 } });
    expect(blocks[3]).toMatchObject({ elements: { length: 10 } });
    expect(blocks[6]).toMatchObject({ elements: { length: 25 } });
  });

  it('build an image from an uploaded file or from a URL', () => {
    expect(image('F0123', 'Funnel', { blockId: 'chart:funnel' })).toEqual({
      type: 'image',
      slack_file: { id: 'F0123' },
      alt_text: 'Funnel',
      block_id: 'chart:funnel',
    });
    expect(image('https://example.com/a.png', 'A')).toEqual({
      type: 'image',
      image_url: 'https://example.com/a.png',
      alt_text: 'A',
    });
  });

  it('build a button with its value and style', () => {
    expect(button({ text: 'Make primary', actionId: 'primary_source', value: 'lead-1', style: 'primary' })).toEqual({
      type: 'button',
      text: { type: 'plain_text', text: 'Make primary', emoji: true },
      action_id: 'primary_source',
      value: 'lead-1',
      style: 'primary',
    });
  });
});
