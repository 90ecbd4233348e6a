// GET /notion/oauth_redirect (distribution mode, NOTION_CLIENT_ID set): where Notion sends a manager back after
// "Sign in with Notion". The state must be ours, unexpired and unused (its nonce is spent in the directory store, so two
// instances agree); then the code is exchanged for the connection's token, the usual setup runs under the page the
// manager gave in /roi settings, and the connection is stored in that workspace's store only when the setup succeeded
// (a sign-in it replaces is revoked then, notion-replace.ts). Whatever happens, the page says so, and the manager gets
// the same report as a DM.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Config, NOTION_OAUTH_REDIRECT_PATH, type NotionOAuthConfig } from './config.js';
import type { Logger } from './log.js';
import { connectNotion, type NotionConnectOutcome } from './notion/connect.js';
import { describeOAuthError, exchangeNotionCode, type NotionGrant, revokeNotionToken } from './notion/oauth.js';
import { type NotionSignIn, readNotionState } from './notion/oauth-state.js';
import { type ReplacedNotion, replaceNotionConnection } from './notion-replace.js';
import type { HttpRoute } from './slack/health.js';
import {
  buildNotionConnectedPage,
  buildNotionSetupFailurePage,
  buildNotionSignInFailurePage,
  type NotionSignInFailure,
} from './slack/views/notion-oauth-pages.js';
import { buildNotionConnectReport, buildReplacedNote } from './slack/views/notion-report.js';
import { InstallationRows } from './store/installation-rows.js';
import type { Store } from './store/open-store.js';
import { parseNotionConnection } from './workspace-notion.js';
import type { WorkspaceRegistry } from './workspace-registry.js';
import type { WorkspaceRuntime } from './workspace-runtime.js';

export interface NotionRedirectParts {
  config: Config;
  /** Where used states are remembered (the table Slack's install states use, each nonce under its own prefix). */
  directory: Store;
  registry: WorkspaceRegistry;
  clock: () => number;
  log: Logger;
}

interface Page {
  status: number;
  html: string;
}

/** Said instead of "Notion cannot see that page" when the manager did not pick it in Notion's page picker. */
export const NOTION_PAGE_NOT_PICKED =
  'ROI Runway cannot see that page: share the page (tick it) when Notion asks which pages ROI Runway may use, then ' +
  'sign in again from /roi settings';

const failure = (status: number, why: NotionSignInFailure, detail?: string): Page => ({
  status,
  html: buildNotionSignInFailurePage(why, detail),
});

/** The route, or none when Notion's OAuth is not configured (the path then answers 404 like any unknown one). */
export function buildNotionRedirectRoutes(parts: NotionRedirectParts): HttpRoute[] {
  const oauth = parts.config.notionOAuth;
  if (oauth === null) return [];
  const log = parts.log.child({ component: 'notion-oauth' });
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
    answerRedirect({ ...parts, log }, oauth, query)
      .catch((error: unknown): Page => {
        log.error('The Notion sign-in failed', { error });
        return failure(500, 'notion_refused');
      })
      .then((page) => {
        response.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        response.end(page.html);
      });
  };
  return [{ path: NOTION_OAUTH_REDIRECT_PATH, method: 'GET', handler }];
}

async function answerRedirect(parts: NotionRedirectParts, oauth: NotionOAuthConfig, query: URLSearchParams) {
  const { log, clock } = parts;
  const read = readNotionState(oauth.stateSecret, query.get('state') ?? '', clock());
  if (!read.ok) {
    log.warn('Refused a Notion sign-in: its state is not valid', { problem: read.problem });
    return failure(400, 'state');
  }
  const { signIn } = read;
  if (!new InstallationRows(parts.directory).spendState(`notion:${signIn.nonce}`, clock())) {
    log.warn('Refused a Notion sign-in: its state was already used', { workspace: signIn.workspaceKey });
    return failure(400, 'state');
  }
  const denied = query.get('error');
  if (denied !== null) {
    log.info('The manager did not allow the Notion sign-in', { workspace: signIn.workspaceKey, error: denied });
    return failure(200, 'denied');
  }
  const code = query.get('code') ?? '';
  if (code === '') return failure(400, 'no_code');
  const used = await parts.registry.use(signIn.workspaceKey, (runtime) =>
    completeSignIn(runtime, oauth, { ...signIn, code }, log.child({ workspace: signIn.workspaceKey }, [code])),
  );
  return used?.value ?? failure(404, 'not_installed');
}

async function completeSignIn(
  runtime: WorkspaceRuntime,
  oauth: NotionOAuthConfig,
  signIn: NotionSignIn & { code: string },
  log: Logger,
): Promise<Page> {
  const { deps } = runtime;
  if (!deps.config.managers.includes(signIn.userId)) return failure(403, 'not_manager');
  const { apiUrl } = deps.config.notionApi;
  let grant: NotionGrant;
  try {
    grant = await exchangeNotionCode(apiUrl, oauth, signIn.code, log);
  } catch (error) {
    log.warn('Notion refused the sign-in code', { error });
    return failure(400, 'notion_refused', describeOAuthError(error));
  }
  const grantLog = log.child({}, [grant.accessToken, ...(grant.refreshToken === null ? [] : [grant.refreshToken])]);
  const request = { token: grant.accessToken, parentPageId: signIn.parentPageId, currency: deps.config.currency };
  const outcome = await connectNotion({ ...request, apiUrl }, { log: grantLog });
  let replaced: ReplacedNotion = { kind: 'none' };
  if (outcome.ok) replaced = await storeConnection(runtime, grant, signIn, outcome.ids);
  else await revokeNotionToken(apiUrl, oauth, grant.accessToken, grantLog);
  const via =
    grant.workspaceName === null ? 'signed in with Notion' : `signed in with Notion to ${grant.workspaceName}`;
  const report =
    buildNotionConnectReport(explainUnshared(outcome), { via, page: signIn.parentPageId }) +
    buildReplacedNote(replaced);
  await sendReport(runtime, signIn.userId, report, grantLog);
  return { status: 200, html: outcome.ok ? buildNotionConnectedPage(report) : buildNotionSetupFailurePage(report) };
}

function explainUnshared(outcome: NotionConnectOutcome): NotionConnectOutcome {
  return !outcome.ok && outcome.unshared === true ? { ...outcome, reason: NOTION_PAGE_NOT_PICKED } : outcome;
}

/** Stores the new connection in place of the workspace's; a sign-in it replaces is revoked once it is stored. */
function storeConnection(
  runtime: WorkspaceRuntime,
  grant: NotionGrant,
  signIn: NotionSignIn,
  databases: Record<string, string>,
): Promise<ReplacedNotion> {
  const { deps } = runtime;
  const connection = parseNotionConnection({
    kind: 'oauth',
    token: grant.accessToken,
    refreshToken: grant.refreshToken,
    botId: grant.botId,
    workspaceName: grant.workspaceName,
    parentPageId: signIn.parentPageId,
    databases,
  });
  if (connection === null) throw new Error('The Notion setup returned without the required databases');
  // The workspace opens again with the connection, so its sync starts (what a token typed in /roi settings does).
  return replaceNotionConnection(deps, connection, { actorId: signIn.userId, at: deps.clock() });
}

async function sendReport(runtime: WorkspaceRuntime, userId: string, text: string, log: Logger): Promise<void> {
  try {
    await runtime.jobParts().runner.client.chat.postMessage({ channel: userId, text });
  } catch (error) {
    log.error('Could not DM the Notion sign-in outcome', { userId, error });
  }
}
