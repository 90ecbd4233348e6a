// The fake Slack's Block Kit checker on its own: what Slack's reference accepts passes, and each rule, broken by
// one character or one field, gives one problem pointing at the value at fault.

import { describe, expect, it } from 'vitest';
import { checkBlockKit, checkView } from './block-kit/index.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const x = (n: number) => 'x'.repeat(n);
const option = (text: string, value = 'v') => ({ text: plain(text), value });
const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: 'button',
  text: plain('Open'),
  action_id: actionId,
  ...extra,
});

const VALID_MESSAGE = [
  { type: 'header', text: { type: 'plain_text', text: 'Weekly ROI', emoji: true } },
  {
    type: 'section',
    block_id: 'summary',
    text: { type: 'mrkdwn', text: '*spring-expo* ROI +200%', verbatim: false },
    accessory: button('open_card', { value: 'spring-expo', style: 'primary' }),
  },
  { type: 'section', fields: [mrkdwn('*Cost*\n$10,000'), plain('Revenue $30,000')] },
  {
    type: 'context',
    elements: [mrkdwn('Updated 09:00'), { type: 'image', image_url: 'https://x.test/a.png', alt_text: 'a' }],
  },
  { type: 'divider' },
  {
    type: 'actions',
    elements: [
      button('share', { url: 'https://example.com' }),
      { type: 'static_select', action_id: 'pick', placeholder: plain('Pick'), options: [option('One', '1')] },
      { type: 'overflow', action_id: 'more', options: [option('Docs'), option('Help', 'h')] },
    ],
  },
  { type: 'image', image_url: 'https://x.test/chart.png', alt_text: 'Funnel', title: plain('Funnel') },
  { type: 'image', slack_file: { id: 'F0001' }, alt_text: 'ROI chart' },
];

const VALID_MODAL = {
  type: 'modal',
  callback_id: 'log_lead_modal',
  title: plain('Log a lead'),
  submit: plain('Save'),
  close: plain('Cancel'),
  private_metadata: '{}',
  blocks: [
    {
      type: 'input',
      block_id: 'company',
      label: plain('Company'),
      element: { type: 'plain_text_input', action_id: 'c', max_length: 200 },
    },
    {
      type: 'input',
      block_id: 'source',
      label: plain('Source'),
      optional: true,
      element: {
        type: 'static_select',
        action_id: 's',
        options: [option('Google Ads', 'google-ads')],
        initial_option: option('Google Ads', 'google-ads'),
      },
    },
    {
      type: 'input',
      block_id: 'campaign',
      label: plain('Campaign'),
      element: { type: 'external_select', action_id: 'campaign', min_query_length: 0 },
    },
    {
      type: 'input',
      block_id: 'is_new',
      label: plain('Similar names'),
      // Checkboxes, unlike menus, may word their options in mrkdwn.
      element: { type: 'checkboxes', action_id: 'n', options: [{ text: mrkdwn('*New* lead'), value: 'new' }] },
    },
  ],
};

describe('checkBlockKit accepts what Slack accepts', () => {
  it('passes a message using every block the app builds, and a modal like the "Log a lead" one', () => {
    expect(checkBlockKit(VALID_MESSAGE, 'message')).toEqual([]);
    expect(checkView(VALID_MODAL, 'modal')).toEqual([]);
    expect(checkView({ type: 'home', blocks: VALID_MESSAGE }, 'home')).toEqual([]);
  });

  it('counts characters as Slack does: 150 emoji make a header of 150', () => {
    const header = { type: 'header', text: plain('🚀'.repeat(150)) };
    expect(checkBlockKit([header], 'message')).toEqual([]);
    expect(checkBlockKit([{ ...header, text: plain('🚀'.repeat(151)) }], 'message')).toEqual([
      'must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });
});

interface LimitCase {
  name: string;
  limit: number;
  /** The blocks with the limited value at `n` characters or items. */
  build: (n: number) => unknown[];
  pointer: string;
  /** 'items' for array limits. */
  unit?: 'items';
}

const LIMITS: LimitCase[] = [
  {
    name: 'section text',
    limit: 3000,
    build: (n) => [{ type: 'section', text: mrkdwn(x(n)) }],
    pointer: '/blocks/0/text/text',
  },
  {
    name: 'section fields',
    limit: 10,
    unit: 'items',
    build: (n) => [{ type: 'section', fields: Array.from({ length: n }, () => mrkdwn('f')) }],
    pointer: '/blocks/0/fields',
  },
  {
    name: 'a field',
    limit: 2000,
    build: (n) => [{ type: 'section', fields: [mrkdwn(x(n))] }],
    pointer: '/blocks/0/fields/0/text',
  },
  {
    name: 'header text',
    limit: 150,
    build: (n) => [{ type: 'header', text: plain(x(n)) }],
    pointer: '/blocks/0/text/text',
  },
  {
    name: 'button text',
    limit: 75,
    build: (n) => [{ type: 'actions', elements: [{ ...button('b'), text: plain(x(n)) }] }],
    pointer: '/blocks/0/elements/0/text/text',
  },
  {
    name: 'button value',
    limit: 2000,
    build: (n) => [{ type: 'actions', elements: [button('b', { value: x(n) })] }],
    pointer: '/blocks/0/elements/0/value',
  },
  {
    name: 'button url',
    limit: 3000,
    build: (n) => [{ type: 'actions', elements: [button('b', { url: `https://a.test/${x(n - 15)}` })] }],
    pointer: '/blocks/0/elements/0/url',
  },
  {
    name: 'action_id',
    limit: 255,
    build: (n) => [{ type: 'actions', elements: [button(x(n))] }],
    pointer: '/blocks/0/elements/0/action_id',
  },
  { name: 'block_id', limit: 255, build: (n) => [{ type: 'divider', block_id: x(n) }], pointer: '/blocks/0/block_id' },
  {
    name: 'option text',
    limit: 75,
    build: (n) => [{ type: 'actions', elements: [{ type: 'static_select', options: [option(x(n))] }] }],
    pointer: '/blocks/0/elements/0/options/0/text/text',
  },
  {
    name: 'option value',
    limit: 150,
    build: (n) => [{ type: 'actions', elements: [{ type: 'static_select', options: [option('o', x(n))] }] }],
    pointer: '/blocks/0/elements/0/options/0/value',
  },
  {
    name: 'static select options',
    limit: 100,
    unit: 'items',
    build: (n) => [
      { type: 'actions', elements: [{ type: 'static_select', options: Array.from({ length: n }, () => option('o')) }] },
    ],
    pointer: '/blocks/0/elements/0/options',
  },
  {
    name: 'context elements',
    limit: 10,
    unit: 'items',
    build: (n) => [{ type: 'context', elements: Array.from({ length: n }, () => mrkdwn('c')) }],
    pointer: '/blocks/0/elements',
  },
  {
    name: 'actions elements',
    limit: 25,
    unit: 'items',
    build: (n) => [{ type: 'actions', elements: Array.from({ length: n }, (_, i) => button(`b${i}`)) }],
    pointer: '/blocks/0/elements',
  },
  {
    name: 'image alt_text',
    limit: 2000,
    build: (n) => [{ type: 'image', image_url: 'https://a.test/i.png', alt_text: x(n) }],
    pointer: '/blocks/0/alt_text',
  },
  {
    name: 'image title',
    limit: 2000,
    build: (n) => [{ type: 'image', image_url: 'https://a.test/i.png', alt_text: 'a', title: plain(x(n)) }],
    pointer: '/blocks/0/title/text',
  },
  {
    name: 'image_url',
    limit: 3000,
    build: (n) => [{ type: 'image', image_url: `https://a.test/${x(n - 15)}`, alt_text: 'a' }],
    pointer: '/blocks/0/image_url',
  },
  {
    name: 'blocks per message',
    limit: 50,
    unit: 'items',
    build: (n) => Array.from({ length: n }, () => ({ type: 'divider' })),
    pointer: '/blocks',
  },
];

describe('checkBlockKit limits, at the limit and one past it', () => {
  for (const limitCase of LIMITS) {
    it(`${limitCase.name}: ${limitCase.limit} passes, ${limitCase.limit + 1} is refused`, () => {
      expect(checkBlockKit(limitCase.build(limitCase.limit), 'message')).toEqual([]);
      const message =
        limitCase.unit === 'items'
          ? `no more than ${limitCase.limit} items allowed`
          : `must be less than ${limitCase.limit + 1} characters`;
      expect(checkBlockKit(limitCase.build(limitCase.limit + 1), 'message')).toEqual([
        `${message} [json-pointer:${limitCase.pointer}]`,
      ]);
    });
  }

  it('allows 100 blocks in a modal or a Home tab, not 101', () => {
    const dividers = (n: number) => Array.from({ length: n }, () => ({ type: 'divider' }));
    expect(checkBlockKit(dividers(100), 'modal')).toEqual([]);
    expect(checkBlockKit(dividers(101), 'home')).toEqual(['no more than 100 items allowed [json-pointer:/blocks]']);
  });

  it('refuses empty text', () => {
    expect(checkBlockKit([{ type: 'section', text: mrkdwn('') }], 'message')).toEqual([
      'must be more than 0 characters [json-pointer:/blocks/0/text/text]',
    ]);
  });
});
