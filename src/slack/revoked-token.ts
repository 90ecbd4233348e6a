// A workspace that uninstalled the app or revoked its token will not take it back: a job failing with one of these
// must stop for good instead of retrying (Slack answers the same error for ever).

/** Slack's answers to a token that is gone; token_expired counts once the refresh has failed (refresh_failed). */
const GONE_TOKEN_ERRORS = new Set(['token_revoked', 'invalid_auth', 'account_inactive', 'token_expired', 'not_authed']);

export type RevokedReason = 'not_installed' | 'uninstalled' | 'refresh_failed';

/** No usable token for an installation: never installed, uninstalled, or a rotation Slack refused. */
export class RevokedTokenError extends Error {
  readonly code = 'token_revoked';
  constructor(
    readonly installation: string,
    readonly reason: RevokedReason,
    readonly slackError?: string,
  ) {
    super(`No usable Slack token for ${installation} (${reason}${slackError === undefined ? '' : `: ${slackError}`})`);
    this.name = 'RevokedTokenError';
  }
}

/** The Slack error code a Web API client error carries, if it is one. */
function slackErrorOf(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/** True when retrying can never succeed: the job layer stops this workspace's job instead of retrying it. */
export function isRevokedTokenError(error: unknown): boolean {
  if (error instanceof RevokedTokenError) return true;
  const code = slackErrorOf(error);
  return code !== undefined && GONE_TOKEN_ERRORS.has(code);
}
