// The workspace settings modal of `/roi settings` (distribution mode, managers only): one input per setting a
// workspace's managers may change, prefilled with what the workspace runs with now. Block ids are the settings'
// variable names, so a field's error lands under its own field.

import type { types } from '@slack/bolt';
import { DEFAULT_DIGEST_CRON, type WorkspaceSettingName } from '../../config.js';
import { escapeSlackText } from '../blocks.js';
import { buildNotionSettingsBlocks, type NotionShown } from './notion-settings.js';

export const SETTINGS_CALLBACK = 'workspace_settings_modal' as const;
/** The one element inside every input block. */
export const SETTINGS_ACTION = 'value' as const;

/** What the workspace runs with now, as the fields show it. */
export interface SettingsShown {
  digestChannel: string | undefined;
  cron: string;
  timeZone: string;
  managers: readonly string[];
  currency: string;
  grossMargin: number;
  purchasesPerYear: number;
  retentionYears: number;
  /** The workspace's Notion connection (its token's last characters only); null: not connected. */
  notion: NotionShown | null;
  /** NOTION_CLIENT_ID is set: "Sign in with Notion" is offered beside the token. */
  notionSignIn?: boolean;
}

export const SETTING_LABELS: Record<WorkspaceSettingName, string> = {
  DIGEST_CHANNEL: 'Digest channel',
  DIGEST_CRON: 'Digest schedule',
  DIGEST_TZ: 'Time zone',
  MANAGERS: 'Managers',
  CURRENCY: 'Currency',
  GROSS_MARGIN: 'Gross margin',
  PURCHASES_PER_YEAR: 'Purchases per year',
  RETENTION_YEARS: 'Retention years',
};

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

function textInput(name: WorkspaceSettingName, value: string, hint: string): types.InputBlock {
  return {
    type: 'input',
    block_id: name,
    label: plain(SETTING_LABELS[name]),
    hint: plain(hint),
    element: { type: 'plain_text_input', action_id: SETTINGS_ACTION, initial_value: value, max_length: 64 },
  };
}

function channelInput(channel: string | undefined): types.InputBlock {
  return {
    type: 'input',
    block_id: 'DIGEST_CHANNEL',
    optional: true,
    label: plain(SETTING_LABELS.DIGEST_CHANNEL),
    hint: plain('Where the Monday digest and leak alerts are posted. Invite the app to a private channel first.'),
    element: {
      type: 'conversations_select',
      action_id: SETTINGS_ACTION,
      filter: { include: ['public', 'private'], exclude_bot_users: true },
      ...(channel !== undefined && /^[CG][A-Z0-9]+$/.test(channel) ? { initial_conversation: channel } : {}),
    },
  };
}

function managersInput(managers: readonly string[]): types.InputBlock {
  return {
    type: 'input',
    block_id: 'MANAGERS',
    label: plain(SETTING_LABELS.MANAGERS),
    hint: plain('Who may record spend and targets, post the digest and change these settings.'),
    element: {
      type: 'multi_users_select',
      action_id: SETTINGS_ACTION,
      ...(managers.length > 0 ? { initial_users: [...managers] } : {}),
    },
  };
}

export function buildSettingsModal(shown: SettingsShown): types.ModalView {
  return {
    type: 'modal',
    callback_id: SETTINGS_CALLBACK,
    title: plain('Workspace settings'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      channelInput(shown.digestChannel),
      textInput(
        'DIGEST_CRON',
        shown.cron,
        `When the digest posts, as a cron rule read in the time zone below (default ${DEFAULT_DIGEST_CRON}): ` +
          '"0 8 * * 1" = Mondays 08:00, "30 17 * * 5" = Fridays 17:30.',
      ),
      textInput('DIGEST_TZ', shown.timeZone, 'An IANA time zone such as Europe/Paris: weeks and months start there.'),
      managersInput(shown.managers),
      textInput('CURRENCY', shown.currency, 'An ISO 4217 code such as USD or EUR.'),
      textInput('GROSS_MARGIN', String(shown.grossMargin), 'A fraction above 0 and at most 1, e.g. 0.6 for 60%.'),
      textInput('PURCHASES_PER_YEAR', String(shown.purchasesPerYear), 'For CLV: purchases a customer makes a year.'),
      textInput('RETENTION_YEARS', String(shown.retentionYears), 'For CLV: how many years a customer stays.'),
      ...buildNotionSettingsBlocks(shown.notion, shown.notionSignIn === true),
    ],
  };
}

/** A setting's value as a confirmation shows it: channels and people as Slack mentions, the rest escaped. */
export function formatSettingValue(name: WorkspaceSettingName, text: string | undefined): string {
  if (text === undefined || text === '') return '(not set)';
  if (name === 'MANAGERS')
    return text
      .split(',')
      .map((id) => `<@${escapeSlackText(id)}>`)
      .join(', ');
  if (name === 'DIGEST_CHANNEL' && /^[CG][A-Z0-9]+$/.test(text)) return `<#${text}>`;
  return escapeSlackText(text);
}
