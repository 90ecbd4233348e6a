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
export const NOTION_SIGN_IN_FIELD = 'NOTION_SIGN_IN' as const;
export const NOTION_SIGN_IN_VALUE = 'sign_in' as const;
export const NOTION_SIGN_IN_CALLBACK = 'notion_sign_in' as const;
export const NOTION_SIGN_IN_ACTION = 'notion_sign_in_link' as const;

/** The workspace's connection as the modal shows it: never the token itself. */
export interface NotionShown {
  tokenEnd: string;
  parentPageId: string;
  /** Connected with "Sign in with Notion": the Notion workspace's name (null when Notion gave none). */
  signedIn?: { workspaceName: string | null };
}

const plain = (text: string): types.PlainTextElement => ({ type: 'plain_text', text, emoji: true });

function describeConnection(shown: NotionShown | null): string {
  if (shown === null) {
    return (
      '*Notion*: not connected. Give an internal integration’s secret (notion.so/profile/integrations) and a page ' +
      'shared with it: the Leads, Spend, Targets, Visits and Numbers databases are created or found under that page.'
    );
  }
  const how =
    shown.signedIn === undefined
      ? `token ending ${escapeSlackText(shown.tokenEnd)}`
      : `signed in with Notion${shown.signedIn.workspaceName === null ? '' : ` to ${escapeSlackText(shown.signedIn.workspaceName)}`}`;
  return `*Notion*: connected, ${how}, databases under page ${escapeSlackText(shown.parentPageId)}.`;
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

function signInField(): types.InputBlock {
  const option = {
    text: plain('Sign in with Notion instead of a token'),
    description: plain('Notion then asks which pages to share: pick the parent page.'),
    value: NOTION_SIGN_IN_VALUE,
  };
  return {
    type: 'input',
    block_id: NOTION_SIGN_IN_FIELD,
    optional: true,
    label: plain('Sign in with Notion'),
    element: { type: 'checkboxes', action_id: 'value', options: [option] },
  };
}

/** The blocks appended to the settings modal; `signIn`: NOTION_CLIENT_ID is set, so Notion's OAuth is offered. */
export function buildNotionSettingsBlocks(shown: NotionShown | null, signIn = false): types.KnownBlock[] {
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
    ...(signIn ? [signInField()] : []),
    ...(shown === null ? [] : [disconnectField()]),
  ];
}

/** What the modal turns into once a manager chose to sign in with Notion: the link to Notion, good 10 minutes, once. */
export function buildNotionSignInView(authorizeUrl: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: NOTION_SIGN_IN_CALLBACK,
    title: plain('Workspace settings'),
    close: plain('Close'),
    blocks: [
      section(
        'Notion will ask you to allow ROI Runway and *which pages it may use*: pick the parent page you gave (the ' +
          'databases are created or found under it). Once you allow it, I’ll send you a direct message with what I ' +
          'found. The link works once, for 10 minutes.',
      ),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: NOTION_SIGN_IN_ACTION,
            text: plain('Connect Notion'),
            url: authorizeUrl,
            style: 'primary',
          },
        ],
      },
    ],
  };
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
