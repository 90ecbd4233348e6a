// A workspace's Notion connection changed by its managers (a new token in /roi settings, a new "Sign in with Notion",
// a disconnect): the new one is stored and the workspace reopens with it first; only then is a replaced sign-in's token
// given back to Notion. So a setup that fails never costs the connection that works, and a token nobody uses any more
// keeps no access to the Notion workspace's pages. An internal integration's token is the manager's own integration:
// the app cannot revoke it, and says so.

import { revokeNotionToken } from './notion/oauth.js';
import type { AppDeps } from './slack/deps.js';
import {
  describeTokenEnd,
  listConnectionSecrets,
  type NotionConnection,
  swapNotionConnection,
} from './workspace-notion.js';

/** What became of the connection a change replaced, for the manager's confirmation. */
export type ReplacedNotion =
  /** None was stored, or the new connection keeps the same token. */
  | { kind: 'none' }
  /** The manager's own integration: no longer used, left for them to delete. */
  | { kind: 'internal'; tokenEnd: string }
  /** A sign-in: `revoked` says whether Notion took its token back. */
  | { kind: 'oauth'; workspaceName: string | null; revoked: boolean };

export type ReplaceDeps = Pick<AppDeps, 'config' | 'services' | 'log' | 'workspace'>;

/** Stores `next` (null: disconnects), reopens the workspace, then revokes a replaced sign-in's token. */
export async function replaceNotionConnection(
  deps: ReplaceDeps,
  next: NotionConnection | null,
  change: { actorId: string; at: number },
): Promise<ReplacedNotion> {
  const { previous } = swapNotionConnection(deps.services.store, next, change, deps.log);
  // The workspace opens again with the new connection, so its sync starts (or stops) with it.
  deps.workspace?.reopen();
  if (previous === null || previous.token === next?.token) return { kind: 'none' };
  if (previous.kind !== 'oauth') return { kind: 'internal', tokenEnd: describeTokenEnd(previous.token) };
  return { kind: 'oauth', workspaceName: previous.workspaceName, revoked: await revokeReplaced(deps, previous) };
}

/** Best effort: a refusal (Notion down, the token revoked in Notion already) is logged and changes nothing stored. */
async function revokeReplaced(deps: ReplaceDeps, previous: NotionConnection): Promise<boolean> {
  const log = deps.log.child({ component: 'notion-oauth', reason: 'replaced' }, listConnectionSecrets(previous));
  const oauth = deps.config.notionOAuth;
  if (oauth === null) {
    log.warn('Cannot revoke the replaced Notion sign-in: NOTION_CLIENT_ID is no longer set');
    return false;
  }
  return revokeNotionToken(deps.config.notionApi.apiUrl, oauth, previous.token, log);
}
