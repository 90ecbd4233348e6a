// OAuth scopes: the fake's bot token holds exactly what manifest.yml asks for (read here, so the two cannot drift),
// and each Web API method needs the scope Slack's method reference lists for it, or answers missing_scope.

import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { type ApiAnswer, fail } from './api-answer.js';
import { stringArg } from './request-body.js';
import type { FakeSlackState } from './state.js';

function readManifestBotScopes(): string[] {
  const manifest: unknown = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8'));
  const scopes = (manifest as { oauth_config?: { scopes?: { bot?: unknown } } } | null)?.oauth_config?.scopes?.bot;
  if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string')) {
    throw new Error('manifest.yml has no oauth_config.scopes.bot list');
  }
  return scopes;
}

/** The bot scopes manifest.yml requests: what a workspace grants the app when it installs it. */
export const MANIFEST_BOT_SCOPES: readonly string[] = readManifestBotScopes();

/**
 * The scopes each method accepts (any one suffices; none listed means none needed). conversations.info lists the
 * read scope of every conversation type, public channels' first; which one counts depends on the channel asked about.
 */
export const METHOD_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'bots.info': ['users:read'],
  // Called with the app-level token, whose connections:write scope is not the bot's concern.
  'apps.connections.open': [],
  // Slack's reference lists no scope for it: any token may ask for a link to a message it can see.
  'chat.getPermalink': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.info': ['channels:read', 'groups:read', 'im:read', 'mpim:read'],
  'conversations.join': ['channels:join'],
  'files.getUploadURLExternal': ['files:write'],
  'files.completeUploadExternal': ['files:write'],
  'files.info': ['files:read'],
  'users.info': ['users:read'],
  'users.list': ['users:read'],
  'users.lookupByEmail': ['users:read.email'],
  'views.open': [],
  'views.update': [],
  'views.push': [],
  'views.publish': [],
};

/** conversations.info needs the read scope of the conversation's own type. */
function conversationReadScopes(state: FakeSlackState, channelId: string | undefined): readonly string[] {
  if (channelId?.startsWith('D')) return ['im:read'];
  const channel = state.options.channels.find((candidate) => candidate.id === channelId);
  if (channel === undefined) return METHOD_SCOPES['conversations.info']!;
  return channel.public ? ['channels:read'] : ['groups:read'];
}

export function findNeededScopes(state: FakeSlackState, method: string, args: Record<string, unknown>) {
  if (method === 'conversations.info') return conversationReadScopes(state, stringArg(args, 'channel'));
  return METHOD_SCOPES[method] ?? [];
}

/** Slack's answer to a bot token without the scope: which scope was needed and which the token has. */
export function checkScopes(state: FakeSlackState, method: string, args: Record<string, unknown>): ApiAnswer | null {
  const needed = findNeededScopes(state, method, args);
  if (needed.length === 0 || needed.some((scope) => state.options.botScopes.includes(scope))) return null;
  return { ...fail('missing_scope'), needed: needed.join(','), provided: state.options.botScopes.join(',') };
}
