// The Notion part of the workspace settings modal (distribution mode): what is connected now, an integration token
// field that is always empty (a stored token is never shown again, only its last four characters), the parent page,
// and a way to disconnect. Block ids name the fields, so an error lands under its own field.

import type { types } from '@slack/bolt';
import { escapeSlackText, section } from '../blocks.js';

export const NOTION_TOKEN_FIELD = 'NOTION_TOKEN' as const;
export const NOTION_PAGE_FIELD = 'NOTION_PAGE' as const;
export const NOTION_DISCONNECT_FIELD = 'NOTION_DISCONNECT' as const;
export const NOTION_DISCONNECT_VALUE = 'disconnect' as const;
export const NOTION_CONNECTING_CALLBACK = 'notion_connecting' as const;

/** The workspace's connection as the modal shows it: never the token itself. */
export interface NotionShown {
  tokenEnd: string;
  parentPageId: string;
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

function describeConnection(shown: NotionShown | null): string {
  if (shown === null) {
    return (
      '*Notion*: not connected. Give an internal integration’s secret (notion.so/profile/integrations) and a page ' +
      'shared with it: the Leads, Spend, Targets, Visits and Numbers databases are created or found under that page.'
    );
  }
  return (
    `*Notion*: connected, token ending ${escapeSlackText(shown.tokenEnd)}, databases under page ` +
    `${escapeSlackText(shown.parentPageId)}.`
  );
}

function textField(blockId: string, label: string, hint: string, extra: Record<string, unknown>): types.InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plain(label),
    hint: plain(hint),
    element: { type: 'plain_text_input', action_id: 'value', max_length: 200, ...extra } as types.PlainTextInput,
  };
}

function disconnectField(): types.InputBlock {
  const option = { text: plain('Disconnect Notion (its databases and rows stay in Notion)'), value: 'disconnect' };
  return {
    type: 'input',
    block_id: NOTION_DISCONNECT_FIELD,
    optional: true,
    label: plain('Disconnect'),
    element: { type: 'checkboxes', action_id: 'value', options: [option] },
  };
}

/** The blocks appended to the settings modal. */
export function buildNotionSettingsBlocks(shown: NotionShown | null): types.KnownBlock[] {
  const tokenHint =
    shown === null
      ? 'The integration’s Internal Integration Secret (secret_… or ntn_…). Kept in this workspace’s store, never shown.'
      : 'Leave empty to keep the current token; a new one replaces it once Notion accepts it.';
  const page = shown === null ? {} : { initial_value: shown.parentPageId };
  return [
    { type: 'divider' },
    section(describeConnection(shown)),
    textField(NOTION_TOKEN_FIELD, 'Notion integration token', tokenHint, {
      placeholder: plain('secret_… or ntn_…'),
    }),
    textField(NOTION_PAGE_FIELD, 'Notion parent page', 'A page URL or id, shared with the integration.', {
      placeholder: plain('https://www.notion.so/…'),
      ...page,
    }),
    ...(shown === null ? [] : [disconnectField()]),
  ];
}

/** What the modal turns into while Notion is being set up: the outcome comes as a direct message. */
export function buildNotionConnectingView(): types.ModalView {
  return {
    type: 'modal',
    callback_id: NOTION_CONNECTING_CALLBACK,
    title: plain('Workspace settings'),
    close: plain('Close'),
    blocks: [
      section(
        'Connecting to Notion… this can take a minute. I’ll send you a direct message with what I found ' +
          '(the databases found or created, or what to fix).',
      ),
    ],
  };
}
