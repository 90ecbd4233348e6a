// The bodies Slack sends for slash commands and interactions, field for field as they arrive at an app.

import { escapeSlackText } from './signing.js';
import { type FakeSlackState, findUser } from './state.js';

/** Slack's long-deprecated verification token; still present in every payload. */
const VERIFICATION_TOKEN = 'fake-verification-token';

export interface MessageRef {
  ts: string;
  channel?: string;
  text?: string;
  blocks?: unknown[];
}

/**
 * Where a request says it comes from. Slack fills these in for its own workspace and app; a test sets them to play
 * another workspace, or another app, that holds the same signing secret.
 */
export interface Origin {
  teamId?: string;
  appId?: string;
  /** A workspace of an Enterprise Grid organisation; with `isEnterpriseInstall`, the app is installed org-wide. */
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
}

function buildUserRef(state: FakeSlackState, userId: string, origin: Origin = {}) {
  const name = findUser(state, userId)?.name ?? userId.toLowerCase();
  return { id: userId, username: name, name, team_id: origin.teamId ?? state.options.teamId };
}

function buildTeamRef(state: FakeSlackState, origin: Origin) {
  return { id: origin.teamId ?? state.options.teamId, domain: state.options.teamDomain };
}

function channelName(state: FakeSlackState, channelId: string): string {
  if (channelId.startsWith('D')) return 'directmessage';
  return state.options.channels.find((channel) => channel.id === channelId)?.name ?? 'unknown';
}

export function buildSlashPayload(
  state: FakeSlackState,
  input: {
    command: string;
    text: string;
    userId: string;
    channelId: string;
    responseUrl: string;
    triggerId: string;
    origin?: Origin;
  },
): Record<string, string> {
  return {
    token: VERIFICATION_TOKEN,
    team_id: input.origin?.teamId ?? state.options.teamId,
    team_domain: state.options.teamDomain,
    channel_id: input.channelId,
    channel_name: channelName(state, input.channelId),
    user_id: input.userId,
    user_name: buildUserRef(state, input.userId).name,
    command: input.command,
    text: escapeSlackText(input.text),
    api_app_id: input.origin?.appId ?? state.options.appId,
    ...(input.origin?.enterpriseId === undefined ? {} : { enterprise_id: input.origin.enterpriseId }),
    is_enterprise_install: input.origin?.isEnterpriseInstall === true ? 'true' : 'false',
    response_url: input.responseUrl,
    trigger_id: input.triggerId,
  };
}

/** Fields every interactive payload carries. */
function buildInteractiveBase(state: FakeSlackState, type: string, userId: string, origin: Origin = {}) {
  return {
    type,
    token: VERIFICATION_TOKEN,
    api_app_id: origin.appId ?? state.options.appId,
    team: buildTeamRef(state, origin),
    user: buildUserRef(state, userId, origin),
    enterprise: null,
    is_enterprise_install: false,
  };
}

export interface ActionInput {
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  /** Set for a select menu; the action is then a `static_select` carrying `selected_option`. */
  selectedOption?: { text: string; value: string };
  view?: Record<string, unknown>;
  message?: MessageRef;
  channelId?: string;
  origin?: Origin;
}

function buildAction(input: ActionInput, actionTs: string): Record<string, unknown> {
  const base = { action_id: input.actionId, block_id: input.blockId ?? 'actions', action_ts: actionTs };
  if (input.selectedOption === undefined) return { ...base, type: 'button', value: input.value ?? '' };
  const { text, value } = input.selectedOption;
  return { ...base, type: 'static_select', selected_option: { text: { type: 'plain_text', text }, value } };
}

/** A block action from a message (with its response_url) or from a modal (with the view, and no response_url). */
export function buildBlockActionPayload(
  state: FakeSlackState,
  input: ActionInput,
  ids: { triggerId: string; responseUrl?: string; actionTs: string },
): Record<string, unknown> {
  const base = {
    ...buildInteractiveBase(state, 'block_actions', input.userId, input.origin),
    trigger_id: ids.triggerId,
  };
  const actions = [buildAction(input, ids.actionTs)];
  if (input.view !== undefined) {
    const container = { type: 'view', view_id: input.view.id };
    return { ...base, container, view: input.view, actions };
  }
  const channelId = input.message?.channel ?? input.channelId ?? 'C0GENERAL';
  const messageTs = input.message?.ts ?? ids.actionTs;
  return {
    ...base,
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    channel: { id: channelId, name: channelName(state, channelId) },
    ...(input.message === undefined ? {} : { message: { type: 'message', ...input.message } }),
    response_url: ids.responseUrl,
    actions,
  };
}

export function buildViewSubmissionPayload(
  state: FakeSlackState,
  userId: string,
  view: Record<string, unknown>,
  triggerId: string,
): Record<string, unknown> {
  return { ...buildInteractiveBase(state, 'view_submission', userId), trigger_id: triggerId, view, response_urls: [] };
}

export function buildShortcutPayload(
  state: FakeSlackState,
  input: { callbackId: string; userId: string; triggerId: string; actionTs: string },
): Record<string, unknown> {
  return {
    ...buildInteractiveBase(state, 'shortcut', input.userId),
    callback_id: input.callbackId,
    trigger_id: input.triggerId,
    action_ts: input.actionTs,
  };
}

export function buildBlockSuggestionPayload(
  state: FakeSlackState,
  input: { actionId: string; value: string; userId: string; blockId?: string; view?: Record<string, unknown> },
): Record<string, unknown> {
  const container = input.view === undefined ? { type: 'message' } : { type: 'view', view_id: input.view.id };
  return {
    ...buildInteractiveBase(state, 'block_suggestion', input.userId),
    container,
    action_id: input.actionId,
    block_id: input.blockId ?? 'actions',
    value: input.value,
    ...(input.view === undefined ? {} : { view: input.view }),
  };
}
