// What the fake Slack remembers of installs: grants waiting to be exchanged (codes), the bot tokens it issued, and
// the refresh tokens of the apps that use token rotation. Real Slack's rules: a code is good once, for 10 minutes;
// a refresh token is good once (the rotation answers a new one); a revoked or expired token answers an error.

export interface InstallTarget {
  /** Who clicks Allow: the installation's installer, the workspace's first manager. */
  userId: string;
  teamId: string;
  teamName: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** An Enterprise Grid org-wide install: keyed by the organisation, `team` null in the answer. */
  orgWide?: boolean;
}

export interface Grant {
  code: string;
  clientId: string;
  scopes: string[];
  /** The redirect_uri the authorize request named, if it named one: oauth.v2.access must repeat it. */
  redirectUri: string | undefined;
  target: InstallTarget;
  createdAt: number;
  used: boolean;
}

export interface IssuedToken {
  token: string;
  target: InstallTarget;
  botUserId: string;
  botId: string;
  /** Epoch ms; null when the app does not use token rotation. */
  expiresAt: number | null;
  revoked: boolean;
}

export interface RefreshGrant {
  target: InstallTarget;
  botUserId: string;
  botId: string;
  spent: boolean;
}

export interface FakeOAuthState {
  grants: Map<string, Grant>;
  issued: Map<string, IssuedToken>;
  refreshTokens: Map<string, RefreshGrant>;
}

export function buildFakeOAuthState(): FakeOAuthState {
  return { grants: new Map(), issued: new Map(), refreshTokens: new Map() };
}

/** Why an issued token is refused now, or null when it works. */
export function issuedTokenProblem(token: IssuedToken, now: number): string | null {
  if (token.revoked) return 'token_revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'token_expired';
  return null;
}

/** Uninstalling or revoking: every token issued to that workspace (or organisation) stops working at once. */
export function revokeIssued(state: FakeOAuthState, target: { teamId?: string; enterpriseId?: string }): number {
  let revoked = 0;
  const matches = (candidate: InstallTarget) =>
    target.enterpriseId !== undefined && candidate.orgWide === true
      ? candidate.enterpriseId === target.enterpriseId
      : candidate.orgWide !== true && candidate.teamId === target.teamId;
  for (const issued of state.issued.values()) {
    if (!issued.revoked && matches(issued.target)) {
      issued.revoked = true;
      revoked += 1;
    }
  }
  for (const refresh of state.refreshTokens.values()) if (matches(refresh.target)) refresh.spent = true;
  return revoked;
}
