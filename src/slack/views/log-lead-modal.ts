// The "Log a lead" modal: what a rep fills in right after a call. Block and action ids are shared with the
// submission handler, so they live here beside the builder.

import type { types } from '@slack/bolt';
import { sourceLabel } from '../../domain/catalog.js';
import { CHANNELS, type Channel, FUNNEL_STAGES, STAGE_LABELS } from '../../domain/types.js';
import { plainText } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';

export const LOG_LEAD_SHORTCUT = 'log_lead' as const;
export const LOG_LEAD_CALLBACK = 'log_lead_modal' as const;
/** The external select's action id: `app.options(CAMPAIGN_OPTIONS_ACTION, …)` answers its type-ahead. */
export const CAMPAIGN_OPTIONS_ACTION = 'campaign' as const;

/** Block ids (where errors are shown) and the action id of the element inside each block. */
export const LOG_LEAD_FIELDS = {
  company: { block: 'company', action: 'company_input' },
  contact: { block: 'contact', action: 'contact_input' },
  source: { block: 'source', action: 'source_select' },
  campaign: { block: 'campaign', action: CAMPAIGN_OPTIONS_ACTION },
  channel: { block: 'channel', action: 'channel_select' },
  stage: { block: 'stage', action: 'stage_select' },
  value: { block: 'value', action: 'value_input' },
  notes: { block: 'notes', action: 'notes_input' },
  isNew: { block: 'is_new', action: 'is_new_check' },
} as const;

export const COMPANY_MAX = 200;
export const CONTACT_MAX = 200;
export const NOTES_MAX = 2000;

const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  'web-form': 'Web form',
  chat: 'Chat',
  'in-person': 'In person',
  other: 'Other',
};

type Option = types.PlainTextOption;

function plain(text: string): types.PlainTextElement {
  return plainText(text, SLACK_LIMITS.optionText);
}

function option(label: string, value: string): Option {
  return { text: plain(label), value };
}

function inputBlock(
  field: keyof typeof LOG_LEAD_FIELDS,
  label: string,
  element: types.InputBlock['element'],
  optional = true,
): types.InputBlock {
  return { type: 'input', block_id: LOG_LEAD_FIELDS[field].block, label: plain(label), optional, element };
}

function textInput(field: keyof typeof LOG_LEAD_FIELDS, maxLength: number, extra: Partial<types.PlainTextInput> = {}) {
  const element: types.PlainTextInput = {
    type: 'plain_text_input',
    action_id: LOG_LEAD_FIELDS[field].action,
    max_length: maxLength,
    ...extra,
  };
  return element;
}

function staticSelect(field: keyof typeof LOG_LEAD_FIELDS, options: Option[], initial: string | undefined) {
  const shown = options.slice(0, SLACK_LIMITS.staticSelectOptions);
  const selected = shown.find((candidate) => candidate.value === initial);
  const element: types.StaticSelect = {
    type: 'static_select',
    action_id: LOG_LEAD_FIELDS[field].action,
    options: shown,
  };
  if (selected) element.initial_option = selected;
  return element;
}

export interface LogLeadModalInput {
  /** Catalog and team source slugs, in the order to show them. */
  sources: readonly string[];
  prefill?: { source?: string; company?: string };
  /** Opaque context for the submission (≤ 3000 characters; the caller checks). */
  privateMetadata: string;
}

/** The campaign type-ahead (options come from CAMPAIGN_OPTIONS_ACTION) and the "new lead anyway" tick box. */
function buildFixedElements(): { campaign: types.ExternalSelect; isNew: types.Checkboxes } {
  return {
    campaign: {
      type: 'external_select',
      action_id: CAMPAIGN_OPTIONS_ACTION,
      min_query_length: 0,
      placeholder: plain('Type to search campaigns'),
    },
    isNew: {
      type: 'checkboxes',
      action_id: LOG_LEAD_FIELDS.isNew.action,
      options: [option('Log it as a new lead even if a similar name exists', 'new')],
    },
  };
}

export function buildLogLeadBlocks(input: Omit<LogLeadModalInput, 'privateMetadata'>): types.InputBlock[] {
  const { campaign, isNew } = buildFixedElements();
  const company = input.prefill?.company;
  const sources = input.sources.map((slug) => option(sourceLabel(slug), slug));
  const channels = CHANNELS.map((channel) => option(CHANNEL_LABELS[channel], channel));
  const stages = FUNNEL_STAGES.map((stage) => option(STAGE_LABELS[stage], stage));
  const companyInput = textInput('company', COMPANY_MAX, company ? { initial_value: company } : {});
  return [
    inputBlock('company', 'Company', companyInput, false),
    inputBlock('contact', 'Contact', textInput('contact', CONTACT_MAX)),
    inputBlock('source', 'Where did they hear about us?', staticSelect('source', sources, input.prefill?.source)),
    inputBlock('campaign', 'Campaign', campaign),
    inputBlock('channel', 'How did the inquiry arrive?', staticSelect('channel', channels, 'phone')),
    inputBlock('stage', 'Stage', staticSelect('stage', stages, 'lead')),
    inputBlock('value', 'Expected value', textInput('value', 40, { placeholder: plain('e.g. 25k or $25,000') })),
    inputBlock('notes', 'Notes', textInput('notes', NOTES_MAX, { multiline: true })),
    inputBlock('isNew', 'Similar names', isNew),
  ];
}

export function buildLogLeadModal(input: LogLeadModalInput): types.ModalView {
  return {
    type: 'modal',
    callback_id: LOG_LEAD_CALLBACK,
    title: plain('Log a lead'),
    submit: plain('Save'),
    close: plain('Cancel'),
    private_metadata: input.privateMetadata,
    blocks: buildLogLeadBlocks(input),
  };
}
