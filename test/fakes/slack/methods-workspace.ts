// auth.test, bots.info, conversations.info/join, users.info/list and apps.connections.open: the workspace as the
// app sees it.

import { type ApiAnswer, fail, type MethodHandler } from './api-answer.js';
import { stringArg } from './request-body.js';
import { type FakeSlackState, findUser, nextId } from './state.js';
import type { FakeChannel, FakeUser } from './types.js';

/** auth.test for a token an install issued: that workspace's (or organisation's) ids. */
function answerIssuedAuthTest(state: FakeSlackState, token: string): ApiAnswer | null {
  const issued = state.oauth.issued.get(token);
  if (issued === undefined) return null;
  const { target } = issued;
  return {
    ok: true,
    url: target.orgWide
      ? `https://${target.enterpriseId}.enterprise.slack.com/`
      : `https://${target.teamId}.slack.com/`,
    team: target.teamName,
    user: 'roi_runway',
    team_id: target.orgWide ? null : target.teamId,
    ...(target.enterpriseId === undefined ? {} : { enterprise_id: target.enterpriseId }),
    user_id: issued.botUserId,
    bot_id: issued.botId,
    is_enterprise_install: target.orgWide === true,
  };
}

const handleAuthTest: MethodHandler = ({ state, token }) =>
  (token === undefined ? null : answerIssuedAuthTest(state, token)) ?? {
    ok: true,
    url: `https://${state.options.teamDomain}.slack.com/`,
    team: 'ROI Runway Test',
    user: 'roi_runway',
    team_id: state.options.teamId,
    user_id: state.options.botUserId,
    bot_id: state.options.botId,
    is_enterprise_install: false,
  };

/** The bot user's profile; `app_id` says which app it belongs to. Slack asks for users:read. */
const handleBotsInfo: MethodHandler = ({ state, args }) => {
  if (!state.options.botScopes.includes('users:read')) return fail('missing_scope');
  if (stringArg(args, 'bot') !== state.options.botId) return fail('bot_not_found');
  return {
    ok: true,
    bot: {
      id: state.options.botId,
      deleted: false,
      name: 'ROI Runway',
      updated: 1_700_000_000,
      app_id: state.options.appId,
      user_id: state.options.botUserId,
      icons: {},
    },
  };
};

function buildChannelObject(channel: FakeChannel): Record<string, unknown> {
  return {
    id: channel.id,
    name: channel.name,
    is_channel: true,
    is_private: !channel.public,
    is_archived: false,
    is_member: channel.botIsMember,
    num_members: channel.members.length + (channel.botIsMember ? 1 : 0),
  };
}

function findVisibleChannel(state: FakeSlackState, channelId: string | undefined): FakeChannel | undefined {
  const channel = state.options.channels.find((candidate) => candidate.id === channelId);
  // A bot cannot see private channels it was not invited to.
  return channel !== undefined && (channel.public || channel.botIsMember) ? channel : undefined;
}

const handleConversationsInfo: MethodHandler = ({ state, args }) => {
  const channel = findVisibleChannel(state, stringArg(args, 'channel'));
  return channel === undefined ? fail('channel_not_found') : { ok: true, channel: buildChannelObject(channel) };
};

const handleConversationsJoin: MethodHandler = ({ state, args }) => {
  const channel = findVisibleChannel(state, stringArg(args, 'channel'));
  if (channel === undefined) return fail('channel_not_found');
  if (!channel.public) return fail('method_not_supported_for_channel_type');
  const alreadyIn = channel.botIsMember;
  channel.botIsMember = true;
  return { ok: true, channel: buildChannelObject(channel), ...(alreadyIn ? { warning: 'already_in_channel' } : {}) };
};

function buildUserObject(state: FakeSlackState, user: FakeUser): Record<string, unknown> {
  return {
    id: user.id,
    team_id: state.options.teamId,
    name: user.name,
    real_name: user.realName,
    tz: user.tz,
    tz_offset: user.tzOffset,
    is_bot: false,
    deleted: false,
    profile: { real_name: user.realName, display_name: user.name, ...(user.email ? { email: user.email } : {}) },
  };
}

const handleUsersInfo: MethodHandler = ({ state, args }) => {
  const user = findUser(state, stringArg(args, 'user') ?? '');
  return user === undefined ? fail('user_not_found') : { ok: true, user: buildUserObject(state, user) };
};

/** Slack matches the profile email without regard to case, and answers users_not_found for anyone else. */
const handleLookupByEmail: MethodHandler = ({ state, args }) => {
  const email = (stringArg(args, 'email') ?? '').toLowerCase();
  if (email === '') return fail('invalid_arguments');
  const user = state.options.users.find((candidate) => candidate.email?.toLowerCase() === email);
  return user === undefined ? fail('users_not_found') : { ok: true, user: buildUserObject(state, user) };
};

/** Cursors are opaque to clients; like Slack's they are base64 of 'user:<id>' naming the first user of the page. */
function decodeCursor(state: FakeSlackState, cursor: string | undefined): number | null {
  if (cursor === undefined || cursor === '') return 0;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  const index = state.options.users.findIndex((user) => `user:${user.id}` === decoded);
  return index === -1 ? null : index;
}

const handleUsersList: MethodHandler = ({ state, args }): ApiAnswer => {
  const start = decodeCursor(state, stringArg(args, 'cursor'));
  if (start === null) return fail('invalid_cursor');
  const requested = Number(stringArg(args, 'limit') ?? '0');
  // Slack treats 0 or a missing limit as "as many as fit", and caps pages at 1000.
  const limit = Number.isFinite(requested) && requested > 0 ? Math.min(requested, 1000) : 1000;
  const page = state.options.users.slice(start, start + limit);
  const next = state.options.users[start + limit];
  const nextCursor = next === undefined ? '' : Buffer.from(`user:${next.id}`).toString('base64');
  return {
    ok: true,
    members: page.map((user) => buildUserObject(state, user)),
    response_metadata: { next_cursor: nextCursor },
  };
};

const handleConnectionsOpen: MethodHandler = ({ state }) => {
  const ticket = nextId(state, 'ticket');
  state.socketTickets.add(ticket);
  const wsBase = state.baseUrl.replace(/^http/, 'ws');
  return { ok: true, url: `${wsBase}socket?ticket=${ticket}` };
};

export const WORKSPACE_METHODS: Record<string, MethodHandler> = {
  'auth.test': handleAuthTest,
  'bots.info': handleBotsInfo,
  'conversations.info': handleConversationsInfo,
  'conversations.join': handleConversationsJoin,
  'users.info': handleUsersInfo,
  'users.list': handleUsersList,
  'users.lookupByEmail': handleLookupByEmail,
  'apps.connections.open': handleConnectionsOpen,
};
