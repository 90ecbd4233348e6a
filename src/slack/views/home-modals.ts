// The managers' small modals from the Home tab: record a month's spend on a campaign and a month's website visits.
// They ask for what `/roi cost` and `/roi visits` take, and the submission goes through the same checks and store
// calls (commands/home-modals.ts). Block ids are shared with the submission, so they live beside the builders.

import type { types } from '@slack/bolt';
import { sourceLabel } from '../../domain/catalog.js';
import { SPEND_CATEGORIES } from '../../domain/types.js';
import { plainText } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';

export const SPEND_MODAL_CALLBACK = 'home_spend_modal' as const;
export const VISITS_MODAL_CALLBACK = 'home_visits_modal' as const;
/** The one element inside every input block. */
export const HOME_MODAL_ACTION = 'value' as const;

export const SPEND_FIELDS = {
  campaign: 'spend_campaign',
  amount: 'spend_amount',
  month: 'spend_month',
  category: 'spend_category',
  mode: 'spend_mode',
} as const;

export const VISITS_FIELDS = {
  month: 'visits_month',
  visits: 'visits_count',
  source: 'visits_source',
  mode: 'visits_mode',
} as const;

/** The "whole site" choice of the visits source menu (visits not tied to one source). */
export const WHOLE_SITE = 'whole-site';

type Option = types.PlainTextOption;

const plain = (text: string) => plainText(text, SLACK_LIMITS.optionText);
const option = (label: string, value: string): Option => ({ text: plain(label), value });

function inputBlock(
  blockId: string,
  label: string,
  element: types.InputBlock['element'],
  hint?: string,
): types.InputBlock {
  const block: types.InputBlock = { type: 'input', block_id: blockId, label: plain(label), element };
  if (hint !== undefined) block.hint = plainText(hint, 2_000);
  return block;
}

function textInput(maxLength: number, extra: Partial<types.PlainTextInput> = {}): types.PlainTextInput {
  return { type: 'plain_text_input', action_id: HOME_MODAL_ACTION, max_length: maxLength, ...extra };
}

function modeChoice(addLabel: string, setLabel: string): types.RadioButtons {
  const add = option(addLabel, 'add');
  return {
    type: 'radio_buttons',
    action_id: HOME_MODAL_ACTION,
    options: [add, option(setLabel, 'set')],
    initial_option: add,
  };
}

function modal(callbackId: string, title: string, blocks: types.InputBlock[]): types.ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(title),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks,
  };
}

/** `month` prefills the month field ('YYYY-MM', this month). */
export function buildSpendModal(prefill: { month: string }): types.ModalView {
  const categories = SPEND_CATEGORIES.map((category) => option(category, category));
  const media = categories.find((candidate) => candidate.value === 'media');
  const category: types.StaticSelect = { type: 'static_select', action_id: HOME_MODAL_ACTION, options: categories };
  if (media !== undefined) category.initial_option = media;
  return modal(SPEND_MODAL_CALLBACK, 'Record spend', [
    inputBlock(SPEND_FIELDS.campaign, 'Campaign', textInput(100, { placeholder: plain('e.g. spring-expo') })),
    inputBlock(SPEND_FIELDS.amount, 'Amount', textInput(40, { placeholder: plain('e.g. 25k or $25,000') })),
    inputBlock(SPEND_FIELDS.month, 'Month', textInput(7, { initial_value: prefill.month }), 'YYYY-MM'),
    inputBlock(SPEND_FIELDS.category, 'Category', category, 'Salaries and overhead count only in blended CAC'),
    inputBlock(SPEND_FIELDS.mode, 'This amount', modeChoice('adds to the month’s spend', 'replaces the month’s spend')),
  ]);
}

/** `sources` lists the source slugs to offer (catalog first); the menu also offers the whole site. */
export function buildVisitsModal(prefill: { month: string; sources: readonly string[] }): types.ModalView {
  const whole = option('The whole site', WHOLE_SITE);
  const sources = [whole, ...prefill.sources.map((slug) => option(sourceLabel(slug), slug))];
  const source: types.StaticSelect = {
    type: 'static_select',
    action_id: HOME_MODAL_ACTION,
    options: sources.slice(0, SLACK_LIMITS.staticSelectOptions),
    initial_option: whole,
  };
  return modal(VISITS_MODAL_CALLBACK, 'Record visits', [
    inputBlock(VISITS_FIELDS.month, 'Month', textInput(7, { initial_value: prefill.month }), 'YYYY-MM'),
    inputBlock(VISITS_FIELDS.visits, 'Visits', textInput(20, { placeholder: plain('e.g. 12400') })),
    inputBlock(VISITS_FIELDS.source, 'From', source),
    inputBlock(
      VISITS_FIELDS.mode,
      'This count',
      modeChoice('adds to the month’s visits', 'replaces the month’s visits'),
    ),
  ]);
}
