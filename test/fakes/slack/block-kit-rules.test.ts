// The fake Slack's Block Kit checker beyond lengths: text object types, unique ids, unknown types and fields,
// where elements may go, and what a view needs.

import { describe, expect, it } from 'vitest';
import { checkBlockKit, checkOptionsLoad, checkView } from './block-kit/index.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const button = (actionId: string) => ({ type: 'button', text: plain('Go'), action_id: actionId });
const select = (extra: Record<string, unknown>) => ({ type: 'static_select', action_id: 's', ...extra });
const inMessage = (block: unknown) => checkBlockKit([block], 'message');
const modal = (extra: Record<string, unknown>) => ({ type: 'modal', title: plain('Log a lead'), blocks: [], ...extra });

describe('text object types', () => {
  it('wants plain_text in headers, buttons, options, placeholders, image titles and input labels', () => {
    const plainOnly = 'must be plain_text: this field does not accept mrkdwn';
    expect(inMessage({ type: 'header', text: mrkdwn('*Weekly*') })).toEqual([
      `${plainOnly} [json-pointer:/blocks/0/text/type]`,
    ]);
    expect(inMessage({ type: 'actions', elements: [{ ...button('b'), text: mrkdwn('Go') }] })).toEqual([
      `${plainOnly} [json-pointer:/blocks/0/elements/0/text/type]`,
    ]);
    const menu = select({ placeholder: mrkdwn('Pick'), options: [{ text: mrkdwn('*One*'), value: '1' }] });
    expect(inMessage({ type: 'actions', elements: [menu] })).toEqual([
      `${plainOnly} [json-pointer:/blocks/0/elements/0/placeholder/type]`,
      `${plainOnly} [json-pointer:/blocks/0/elements/0/options/0/text/type]`,
    ]);
    expect(inMessage({ type: 'image', image_url: 'https://a.test/i.png', alt_text: 'a', title: mrkdwn('t') })).toEqual([
      `${plainOnly} [json-pointer:/blocks/0/title/type]`,
    ]);
    const input = { type: 'input', label: mrkdwn('Company'), element: { type: 'plain_text_input' } };
    expect(inMessage(input)).toEqual([`${plainOnly} [json-pointer:/blocks/0/label/type]`]);
    expect(checkView(modal({ title: mrkdwn('Log') }), 'modal')).toEqual([
      `${plainOnly} [json-pointer:/view/title/type]`,
    ]);
  });

  it('keeps emoji to plain_text and verbatim to mrkdwn, and knows no other text type', () => {
    expect(inMessage({ type: 'section', text: { ...mrkdwn('a'), emoji: true } })).toEqual([
      'invalid additional property: emoji [json-pointer:/blocks/0/text]',
    ]);
    expect(inMessage({ type: 'header', text: { ...plain('a'), verbatim: true } })).toEqual([
      'invalid additional property: verbatim [json-pointer:/blocks/0/text]',
    ]);
    expect(inMessage({ type: 'section', text: { type: 'markdown', text: 'a' } })).toEqual([
      'must be one of: plain_text, mrkdwn [json-pointer:/blocks/0/text/type]',
    ]);
    expect(inMessage({ type: 'section', text: 'just a string' })).toEqual([
      'must provide an object [json-pointer:/blocks/0/text]',
    ]);
  });
});

describe('ids', () => {
  it('refuses two elements with one action_id in a block, but not across blocks', () => {
    expect(inMessage({ type: 'actions', elements: [button('go'), button('go')] })).toEqual([
      'action_id "go" is already used in this block [json-pointer:/blocks/0/elements/1/action_id]',
    ]);
    const apart = [1, 2].map(() => ({ type: 'actions', elements: [button('go')] }));
    expect(checkBlockKit(apart, 'message')).toEqual([]);
  });

  it('refuses a block_id used twice in one message', () => {
    const blocks = [
      { type: 'divider', block_id: 'd' },
      { type: 'section', block_id: 'd', text: mrkdwn('a') },
    ];
    expect(checkBlockKit(blocks, 'message')).toEqual([
      'block_id "d" is already used [json-pointer:/blocks/1/block_id]',
    ]);
  });
});

describe('types and fields Slack does not know', () => {
  it('refuses unknown block and element types, and fields with a typo', () => {
    expect(inMessage({ type: 'sektion', text: mrkdwn('a') })).toEqual([
      'unsupported type: sektion [json-pointer:/blocks/0/type]',
    ]);
    expect(inMessage({ type: 'actions', elements: [{ type: 'slider', action_id: 'a' }] })).toEqual([
      'unsupported type: slider [json-pointer:/blocks/0/elements/0/type]',
    ]);
    expect(inMessage({ type: 'section', text: mrkdwn('a'), colour: 'red' })).toEqual([
      'invalid additional property: colour [json-pointer:/blocks/0]',
    ]);
    expect(checkBlockKit('not a list', 'message')).toEqual(['must provide an array [json-pointer:/blocks]']);
  });

  it('puts each element only where Slack takes it', () => {
    const textInput = { type: 'plain_text_input', action_id: 'note' };
    expect(inMessage({ type: 'actions', elements: [textInput] })).toEqual([
      'plain_text_input is not allowed in an actions block [json-pointer:/blocks/0/elements/0/type]',
    ]);
    expect(inMessage({ type: 'section', text: mrkdwn('a'), accessory: textInput })).toEqual([
      'plain_text_input is not allowed in an accessory [json-pointer:/blocks/0/accessory/type]',
    ]);
    expect(checkBlockKit([{ type: 'markdown', text: '**a**' }], 'modal')).toEqual([
      'markdown blocks are not allowed in a modal [json-pointer:/blocks/0/type]',
    ]);
  });

  it('asks for what a block cannot do without', () => {
    expect(inMessage({ type: 'section' })).toEqual(['must provide text or fields [json-pointer:/blocks/0]']);
    expect(inMessage({ type: 'image', alt_text: 'a' })).toEqual([
      'must provide exactly one of image_url and slack_file [json-pointer:/blocks/0]',
    ]);
    expect(inMessage({ type: 'actions', elements: [] })).toEqual([
      'must provide at least 1 items [json-pointer:/blocks/0/elements]',
    ]);
    expect(inMessage({ type: 'actions', elements: [select({ options: [{ text: plain('a') }] })] })).toEqual([
      'must provide a string [json-pointer:/blocks/0/elements/0/options/0/value]',
    ]);
    expect(inMessage({ type: 'actions', elements: [button('b'), { ...button('c'), style: 'green' }] })).toEqual([
      'must be one of: primary, danger [json-pointer:/blocks/0/elements/1/style]',
    ]);
  });
});

describe('views', () => {
  it('holds modal titles and buttons to 24 characters and private_metadata to 3000', () => {
    const ok = modal({
      title: plain('x'.repeat(24)),
      close: plain('x'.repeat(24)),
      private_metadata: 'm'.repeat(3000),
    });
    expect(checkView(ok, 'modal')).toEqual([]);
    const long = modal({
      title: plain('x'.repeat(25)),
      submit: plain('x'.repeat(25)),
      private_metadata: 'm'.repeat(3001),
    });
    expect(checkView(long, 'modal')).toEqual([
      'must be less than 25 characters [json-pointer:/view/title/text]',
      'must be less than 25 characters [json-pointer:/view/submit/text]',
      'must be less than 3001 characters [json-pointer:/view/private_metadata]',
    ]);
  });

  it('wants a submit button on a modal that asks for input, and the view type the method publishes', () => {
    const input = { type: 'input', label: plain('Company'), element: { type: 'plain_text_input', action_id: 'c' } };
    expect(checkView(modal({ blocks: [input] }), 'modal')).toEqual([
      'must provide an object [json-pointer:/view/submit]',
    ]);
    expect(checkView(modal({}), 'home')).toContain('must be home [json-pointer:/view/type]');
  });
});

describe('options loads', () => {
  it('takes up to 100 plain options and refuses longer or mrkdwn ones', () => {
    const options = Array.from({ length: 100 }, (_, i) => ({ text: plain(`c${i}`), value: `c${i}` }));
    expect(checkOptionsLoad({ options })).toEqual([]);
    expect(checkOptionsLoad({ options: [...options, options[0]] })).toEqual([
      'no more than 100 items allowed [json-pointer:/options]',
    ]);
    expect(checkOptionsLoad({ options: [{ text: mrkdwn('*a*'), value: 'a'.repeat(151) }] })).toEqual([
      'must be plain_text: this field does not accept mrkdwn [json-pointer:/options/0/text/type]',
      'must be less than 151 characters [json-pointer:/options/0/value]',
    ]);
  });
});
