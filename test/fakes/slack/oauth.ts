// Slack's side of "Add to Slack": the consent page at /oauth/v2/authorize (Allow redirects to the app's redirect URL
// with a code and the state, Cancel with error=access_denied), and oauth.v2.access, which exchanges a code for a bot
// token or, with grant_type=refresh_token, rotates one. Client credentials come as Basic auth or form fields.

import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiAnswer, fail } from './api-answer.js';
import type { Grant, InstallTarget } from './oauth-state.js';
import { readBody, stringArg } from './request-body.js';
import { type FakeSlackState, nextId } from './state.js';

/** Slack's authorization codes expire after ten minutes. */
const CODE_LIFETIME_MS = 10 * 60 * 1000;

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const random = () => randomBytes(12).toString('hex');

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

function redirect(res: ServerResponse, to: string): void {
  res.writeHead(302, { location: to });
  res.end();
}

/** The redirect URL the install goes back to: the one asked for if the app lists it, else the app's first. */
function resolveRedirect(state: FakeSlackState, asked: string | null): string | null {
  const { redirectUrls } = state.options;
  if (asked === null) return redirectUrls[0] ?? null;
  return redirectUrls.includes(asked) ? asked : null;
}

function buildConsentPage(state: FakeSlackState, query: URLSearchParams): string {
  const target = state.options.installer;
  const where = target.orgWide ? (target.enterpriseName ?? target.enterpriseId ?? '') : target.teamName;
  const hidden = ['client_id', 'scope', 'state', 'redirect_uri']
    .filter((name) => query.get(name) !== null)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name) ?? '')}">`)
    .join('\n');
  const scopes = (query.get('scope') ?? '').split(',').filter(Boolean);
  return `<!doctype html><html><head><meta charset="utf-8"><title>Slack</title></head><body>
<h1>ROI Runway is requesting permission to access the ${escapeHtml(where)} Slack ${target.orgWide ? 'organisation' : 'workspace'}</h1>
<ul>${scopes.map((scope) => `<li>${escapeHtml(scope)}</li>`).join('')}</ul>
<form method="post" action="/oauth/v2/authorize">
${hidden}
<button type="submit" name="decision" value="cancel" id="cancel">Cancel</button>
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
</form></body></html>`;
}

export function handleAuthorizePage(state: FakeSlackState, query: URLSearchParams, res: ServerResponse): void {
  if (query.get('client_id') !== state.options.clientId) {
    sendHtml(res, 400, '<h1>Something went wrong</h1><p>invalid_client_id</p>');
    return;
  }
  if (resolveRedirect(state, query.get('redirect_uri')) === null) {
    sendHtml(res, 400, '<h1>Something went wrong</h1><p>bad_redirect_uri</p>');
    return;
  }
  sendHtml(res, 200, buildConsentPage(state, query));
}

export async function handleAuthorizeDecision(state: FakeSlackState, req: IncomingMessage, res: ServerResponse) {
  const form = new URLSearchParams((await readBody(req)).toString('utf8'));
  const target = resolveRedirect(state, form.get('redirect_uri'));
  if (form.get('client_id') !== state.options.clientId || target === null) {
    sendHtml(res, 400, '<h1>Something went wrong</h1>');
    return;
  }
  const back = new URL(target);
  if (form.get('decision') !== 'allow') {
    back.searchParams.set('error', 'access_denied');
  } else {
    const grant: Grant = {
      code: `${Date.now()}.${random()}`,
      clientId: state.options.clientId,
      scopes: (form.get('scope') ?? '').split(',').filter(Boolean),
      redirectUri: form.get('redirect_uri') ?? undefined,
      target: { ...state.options.installer },
      createdAt: state.options.clock(),
      used: false,
    };
    state.oauth.grants.set(grant.code, grant);
    back.searchParams.set('code', grant.code);
  }
  const stateParam = form.get('state');
  if (stateParam !== null) back.searchParams.set('state', stateParam);
  redirect(res, back.toString());
}

function readClient(header: string | undefined, args: Record<string, unknown>) {
  if (header?.startsWith('Basic ')) {
    const [id, secret] = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8').split(':');
    return { id, secret };
  }
  return { id: stringArg(args, 'client_id'), secret: stringArg(args, 'client_secret') };
}

/** Issues a bot token (and, with rotation, a refresh token) for an install; the answer's token fields. */
function issueTokens(state: FakeSlackState, target: InstallTarget, bot: { userId: string; id: string }) {
  const lifetime = state.options.tokenExpiresIn;
  const token = lifetime === null ? `xoxb-${target.teamId}-${random()}` : `xoxe.xoxb-1-${random()}`;
  const expiresAt = lifetime === null ? null : state.options.clock() + lifetime * 1000;
  state.oauth.issued.set(token, { token, target, botUserId: bot.userId, botId: bot.id, expiresAt, revoked: false });
  if (lifetime === null) return { access_token: token };
  const refreshToken = `xoxe-1-${random()}`;
  state.oauth.refreshTokens.set(refreshToken, { target, botUserId: bot.userId, botId: bot.id, spent: false });
  return { access_token: token, refresh_token: refreshToken, expires_in: lifetime };
}

function exchangeCode(state: FakeSlackState, args: Record<string, unknown>, clientId: string): ApiAnswer {
  const grant = state.oauth.grants.get(stringArg(args, 'code') ?? '');
  if (grant === undefined || grant.clientId !== clientId) return fail('invalid_code');
  if (grant.used || state.options.clock() - grant.createdAt > CODE_LIFETIME_MS) return fail('invalid_code');
  if (grant.redirectUri !== undefined && stringArg(args, 'redirect_uri') !== grant.redirectUri) {
    return fail('bad_redirect_uri');
  }
  grant.used = true;
  const { target } = grant;
  const bot = { userId: nextId(state, 'U'), id: nextId(state, 'B') };
  return {
    ok: true,
    app_id: state.options.appId,
    authed_user: { id: target.userId },
    scope: grant.scopes.join(','),
    token_type: 'bot',
    bot_user_id: bot.userId,
    team: target.orgWide ? null : { id: target.teamId, name: target.teamName },
    enterprise:
      target.enterpriseId === undefined ? null : { id: target.enterpriseId, name: target.enterpriseName ?? '' },
    is_enterprise_install: target.orgWide === true,
    ...issueTokens(state, target, bot),
  };
}

function rotate(state: FakeSlackState, args: Record<string, unknown>): ApiAnswer {
  const refreshToken = stringArg(args, 'refresh_token') ?? '';
  const grant = state.oauth.refreshTokens.get(refreshToken);
  if (grant === undefined || grant.spent) return fail('invalid_refresh_token');
  grant.spent = true;
  const issued = issueTokens(state, grant.target, { userId: grant.botUserId, id: grant.botId });
  return { ok: true, token_type: 'bot', ...issued };
}

/** oauth.v2.access: no token, the app's client id and secret instead. */
export function handleOAuthAccess(
  state: FakeSlackState,
  req: IncomingMessage,
  args: Record<string, unknown>,
): ApiAnswer {
  const client = readClient(req.headers.authorization, args);
  if (client.id !== state.options.clientId) return fail('invalid_client_id');
  if (client.secret !== state.options.clientSecret) return fail('bad_client_secret');
  const grantType = stringArg(args, 'grant_type') ?? 'authorization_code';
  if (grantType === 'refresh_token') return rotate(state, args);
  if (grantType !== 'authorization_code') return fail('invalid_grant_type');
  return exchangeCode(state, args, client.id);
}
