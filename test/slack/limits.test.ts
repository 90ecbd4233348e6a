import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS, validateBlocks, validateMessage, validateModal } from '../../src/slack/limits.js';

const text = (n: number) => 'x'.repeat(n);
const plain = (s: string) => ({ type: 'plain_text', text: s });
const md = (s: string) => ({ type: 'mrkdwn', text: s });
const divider = { type: 'divider' };
const fakeButton = (label: string, actionId = 'go') => ({ type: 'button', text: plain(label), action_id: actionId });
const fakeOptions = (count: number, label = 'opt') =>
  Array.from({ length: count }, (_, i) => ({ text: plain(label), value: `v${i}` }));

/** Each case builds blocks whose one measured size is `n`; at the limit they pass, one more fails. */
const BLOCK_CASES: { name: string; limit: number; build: (n: number) => unknown[] }[] = [
  { name: 'blocks per message', limit: 50, build: (n) => Array.from({ length: n }, () => divider) },
  { name: 'section text', limit: 3000, build: (n) => [{ type: 'section', text: md(text(n)) }] },
  {
    name: 'section field count',
    limit: 10,
    build: (n) => [{ type: 'section', fields: Array.from({ length: n }, () => md('a')) }],
  },
  { name: 'field text', limit: 2000, build: (n) => [{ type: 'section', fields: [md(text(n))] }] },
  { name: 'header text', limit: 150, build: (n) => [{ type: 'header', text: plain(text(n)) }] },
  {
    name: 'context elements',
    limit: 10,
    build: (n) => [{ type: 'context', elements: Array.from({ length: n }, () => md('a')) }],
  },
  {
    name: 'actions elements',
    limit: 25,
    build: (n) => [{ type: 'actions', elements: Array.from({ length: n }, (_, i) => fakeButton('b', `a${i}`)) }],
  },
  {
    name: 'static select options',
    limit: 100,
    build: (n) => [{ type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: fakeOptions(n) }] }],
  },
  {
    name: 'option text',
    limit: 75,
    build: (n) => [
      { type: 'actions', elements: [{ type: 'static_select', action_id: 's', options: fakeOptions(1, text(n)) }] },
    ],
  },
  { name: 'button text', limit: 75, build: (n) => [{ type: 'actions', elements: [fakeButton(text(n))] }] },
  { name: 'block_id', limit: 255, build: (n) => [{ type: 'divider', block_id: text(n) }] },
  { name: 'action_id', limit: 255, build: (n) => [{ type: 'actions', elements: [fakeButton('b', text(n))] }] },
  {
    name: 'image alt_text',
    limit: 2000,
    build: (n) => [{ type: 'image', slack_file: { id: 'F1' }, alt_text: text(n) }],
  },
];

describe('validateBlocks', () => {
  it('keeps the documented numbers in one table', () => {
    expect(SLACK_LIMITS).toMatchObject({
      messageBlocks: 50,
      modalBlocks: 100,
      sectionText: 3000,
      sectionFields: 10,
      fieldText: 2000,
      headerText: 150,
      contextElements: 10,
      actionsElements: 25,
      staticSelectOptions: 100,
      optionText: 75,
      buttonText: 75,
      modalTitle: 24,
      privateMetadata: 3000,
      blockId: 255,
      actionId: 255,
      imageAltText: 2000,
      messageText: 40000,
    });
  });

  for (const limitCase of BLOCK_CASES) {
    it(`accepts ${limitCase.name} at ${limitCase.limit} and rejects ${limitCase.limit + 1}`, () => {
      expect(validateBlocks(limitCase.build(limitCase.limit), 'message')).toEqual([]);
      const problems = validateBlocks(limitCase.build(limitCase.limit + 1), 'message');
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`more than ${limitCase.limit}`);
    });
  }

  it('allows 100 blocks in a modal but not 101', () => {
    const blocks = (n: number) => Array.from({ length: n }, () => divider);
    expect(validateBlocks(blocks(100), 'modal')).toEqual([]);
    expect(validateBlocks(blocks(101), 'modal')).toEqual(['101 blocks, more than 100 per modal']);
    expect(validateBlocks(blocks(51), 'message')).toEqual(['51 blocks, more than 50 per message']);
  });

  it('counts an emoji as one character, as Slack does', () => {
    // '📈' is two UTF-16 units; 150 of them are 150 characters, within the header limit.
    expect(validateBlocks([{ type: 'header', text: plain('📈'.repeat(150)) }], 'message')).toEqual([]);
  });

  it('reports unknown block types, empty text, missing image source and duplicate block ids', () => {
    const problems = validateBlocks(
      [
        { type: 'sparkline' },
        { type: 'section', text: md('') },
        { type: 'image', alt_text: 'chart' },
        { type: 'divider', block_id: 'same' },
        { type: 'divider', block_id: 'same' },
        'not a block',
      ],
      'message',
    );
    expect(problems).toEqual([
      'blocks[0]: unknown block type "sparkline"',
      'blocks[1].text: text is empty',
      'blocks[2]: an image needs image_url or slack_file',
      'blocks[4].block_id: "same" is used twice',
      'blocks[5]: not a block',
    ]);
  });

  it('returns every violation, not only the first', () => {
    const problems = validateBlocks(
      [
        { type: 'header', text: plain(text(151)) },
        { type: 'section', text: md(text(3001)) },
      ],
      'message',
    );
    expect(problems).toEqual([
      'blocks[0].text: 151 characters, more than 150',
      'blocks[1].text: 3001 characters, more than 3000',
    ]);
  });
});

describe('validateMessage', () => {
  it('accepts 40000 characters of text and rejects 40001', () => {
    expect(validateMessage({ text: text(40000) })).toEqual([]);
    expect(validateMessage({ text: text(40001) })).toEqual(['text: 40001 characters, more than 40000']);
  });

  it('needs text or blocks', () => {
    expect(validateMessage({})).toEqual(['text: a message needs text or blocks']);
    expect(validateMessage({ blocks: [divider] })).toEqual([]);
  });
});

describe('validateModal', () => {
  const modal = (overrides: Record<string, unknown>) => ({
    type: 'modal',
    title: plain('Log a lead'),
    blocks: [divider],
    ...overrides,
  });

  it('accepts a 24-character title and rejects 25', () => {
    expect(validateModal(modal({ title: plain(text(24)) }))).toEqual([]);
    expect(validateModal(modal({ title: plain(text(25)) }))).toEqual(['title: 25 characters, more than 24']);
  });

  it('accepts 3000 characters of private_metadata and rejects 3001', () => {
    expect(validateModal(modal({ private_metadata: text(3000) }))).toEqual([]);
    expect(validateModal(modal({ private_metadata: text(3001) }))).toEqual([
      'private_metadata: 3001 characters, more than 3000',
    ]);
  });

  it('checks the blocks against the modal limit', () => {
    const blocks = Array.from({ length: 101 }, () => divider);
    expect(validateModal(modal({ blocks }))).toEqual(['101 blocks, more than 100 per modal']);
  });
});
