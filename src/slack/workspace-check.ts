// The bot runs for one workspace, on one bot token. A request signed with our secret but sent by another workspace or
// another app (the secret leaked, or the app was installed somewhere it should not be) is acked and dropped: it
// never reads or changes the store, and its response_url — which a forger chooses — is never called.
//
// Who we are comes from Slack at start: auth.test names the token's workspace (or, for an org-wide install, its
// organisation) and bot, and bots.info names the bot's app.

import type { AllMiddlewareArgs, AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../log.js';

export interface WorkspaceIdentity {
  teamId: string | null;
  enterpriseId: string | null;
  /** An org-wide install serves every workspace of the organisation: requests are checked by organisation. */
  orgWide: boolean;
  /** Null when bots.info could not say (the token lacks users:read): then the team alone is checked. */
  appId: string | null;
}

export const FOREIGN_WORKSPACE_MESSAGE = 'ROI Runway is not installed in this workspace.';

/** Foreign origins logged, at most; past that they are still refused, silently. */
const MAX_LOGGED_ORIGINS = 100;

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

export async function readWorkspaceIdentity(client: WebClient, log: Logger): Promise<WorkspaceIdentity> {
  const auth = await client.auth.test();
  let appId: string | null = null;
  const botId = text(auth.bot_id);
  try {
    appId = botId === null ? null : text((await client.bots.info({ bot: botId })).bot?.app_id);
  } catch (error) {
    log.warn('bots.info did not name the app: requests are checked by workspace only', { error });
  }
  return {
    teamId: text(auth.team_id),
    enterpriseId: text(auth.enterprise_id),
    orgWide: auth.is_enterprise_install === true,
    appId,
  };
}

export interface RequestOrigin {
  teamId: string | null;
  enterpriseId: string | null;
  appId: string | null;
}

function readOrigin(args: AnyMiddlewareArgs & AllMiddlewareArgs): RequestOrigin {
  const body = args.body as { api_app_id?: unknown };
  return {
    teamId: text(args.context.teamId),
    enterpriseId: text(args.context.enterpriseId),
    appId: text(body.api_app_id),
  };
}

/** Why a request is not ours, or null when it is. */
export function findForeignOrigin(identity: WorkspaceIdentity, origin: RequestOrigin): string | null {
  if (identity.appId !== null && origin.appId !== identity.appId) return 'another app';
  if (identity.orgWide) return origin.enterpriseId === identity.enterpriseId ? null : 'another organisation';
  return origin.teamId === identity.teamId ? null : 'another workspace';
}

/** A global middleware: requests from another workspace or app are acked (a command with one line) and dropped. */
export function buildWorkspaceCheck(
  identity: () => WorkspaceIdentity | null,
  log: Logger,
): Middleware<AnyMiddlewareArgs> {
  const logged = new Set<string>();
  return async (args) => {
    const ours = identity();
    const origin = readOrigin(args);
    // Unknown until start() asked Slack, which it does before it listens: fail closed all the same.
    const foreign = ours === null ? 'a workspace not checked yet' : findForeignOrigin(ours, origin);
    if (foreign === null) return args.next();
    const key = `${origin.enterpriseId}|${origin.teamId}|${origin.appId}`;
    if (!logged.has(key) && logged.size < MAX_LOGGED_ORIGINS) {
      logged.add(key);
      log.warn(`Refused a request from ${foreign}`, { ...origin, expected: ours });
    }
    if (!('ack' in args) || typeof args.ack !== 'function') return;
    const ack = args.ack as (response?: object) => Promise<void>;
    await ack('command' in args ? { response_type: 'ephemeral', text: FOREIGN_WORKSPACE_MESSAGE } : undefined);
  };
}
