// Notion's public OAuth, as the fake serves it: the authorize page (Allow or Cancel, and a page picker listing the
// pages the fake user has), single-use codes bound to the redirect_uri they were issued for, the token endpoint with
// basic auth against the registered client (authorization_code and rotating refresh_token grants), and revoke. An
// access token sees only the pages picked for it: every page of the fake lives under its root page, so a grant without
// the root page sees nothing at all. Errors are shaped like the OpenAPI document's error_oauth_400/401.

import { randomBytes } from 'node:crypto';
import { type Answer, buildErrorAnswer } from './answers.js';
import { buildNotionId } from './errors.js';

export interface FakeOAuthClient {
  clientId: string;
  clientSecret: string;
  /** The Notion workspace's name, as the token answer gives it. */
  workspaceName: string;
}

export interface FakeOAuthGrant {
  accessToken: string;
  refreshToken: string;
  pages: readonly string[];
  botId: string;
  revoked: boolean;
  /** The access token has expired: refused with 401 until the refresh token gives a new one. */
  expired: boolean;
}

interface IssuedCode {
  redirectUri: string | null;
  pages: string[];
  used: boolean;
  expiresAt: number;
}

/** What a test controls and reads of the OAuth side. */
export interface FakeNotionOAuth {
  readonly clientId: string;
  /** The redirect URIs of the integration's settings ("OAuth Domain & URIs"). */
  redirectUris: string[];
  grants(): readonly FakeOAuthGrant[];
  /** The person removes the connection in Notion: its tokens stop working. */
  revokeAll(): void;
  /** Every access token issued so far expires (their refresh tokens still work once). */
  expireAccessTokens(): void;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;

const oauthError = (status: 400 | 401, code: string, message: string): Answer =>
  buildErrorAnswer(status, code, message);

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export class OAuthServer implements FakeNotionOAuth {
  redirectUris: string[] = [];
  private readonly codes = new Map<string, IssuedCode>();
  private readonly issued: FakeOAuthGrant[] = [];

  constructor(
    private readonly client: FakeOAuthClient,
    private readonly userPages: () => { id: string; title: string }[],
    private readonly clock: () => number,
  ) {}

  get clientId(): string {
    return this.client.clientId;
  }

  grants(): readonly FakeOAuthGrant[] {
    return this.issued;
  }

  revokeAll(): void {
    for (const grant of this.issued) grant.revoked = true;
  }

  expireAccessTokens(): void {
    for (const grant of this.issued) grant.expired = true;
  }

  /** The live grant an access token belongs to, if any. */
  grantFor(accessToken: string): FakeOAuthGrant | undefined {
    return this.issued.find((grant) => !grant.revoked && !grant.expired && grant.accessToken === accessToken);
  }

  /** Routes /v1/oauth/*; null for any other path. */
  handle(method: string, path: string, query: URLSearchParams, authorization: string, body: Buffer): Answer | null {
    if (path === '/v1/oauth/authorize' && method === 'GET') return this.showAuthorize(query);
    if (path === '/v1/oauth/authorize' && method === 'POST') return this.decide(new URLSearchParams(body.toString()));
    if (path === '/v1/oauth/token' && method === 'POST') return this.withClient(authorization, () => this.token(body));
    if (path === '/v1/oauth/revoke' && method === 'POST')
      return this.withClient(authorization, () => this.revoke(body));
    return null;
  }

  /** The redirect a request names, checked against the settings; null when none fits. */
  private redirectFor(given: string | null): string | null {
    if (given === null || given === '') return this.redirectUris.length === 1 ? (this.redirectUris[0] ?? null) : null;
    return this.redirectUris.includes(given) ? given : null;
  }

  private showAuthorize(query: URLSearchParams): Answer {
    if (query.get('client_id') !== this.client.clientId) return { status: 400, html: '<p>Invalid client_id.</p>' };
    if (query.get('response_type') !== 'code') return { status: 400, html: '<p>Invalid response_type.</p>' };
    if (this.redirectFor(query.get('redirect_uri')) === null)
      return { status: 400, html: '<p>Invalid redirect_uri.</p>' };
    const hidden = ['client_id', 'redirect_uri', 'state']
      .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(query.get(name) ?? '')}">`)
      .join('\n');
    const pages = this.userPages()
      .map((page) => `<label><input type="checkbox" name="pages" value="${page.id}"> ${escapeHtml(page.title)}</label>`)
      .join('<br>\n');
    return {
      status: 200,
      html: `<!doctype html><html><head><title>Notion: allow access</title></head><body><h1>ROI Runway wants to access ${escapeHtml(this.client.workspaceName)}</h1>
<form method="post" action="/v1/oauth/authorize">
${hidden}
<p>Select pages ROI Runway may access:</p>
${pages}
<p><button id="allow" name="decision" value="allow">Allow access</button>
<button id="cancel" name="decision" value="cancel">Cancel</button></p>
</form></body></html>`,
    };
  }

  private decide(form: URLSearchParams): Answer {
    const given = form.get('redirect_uri');
    const target = this.redirectFor(given);
    if (form.get('client_id') !== this.client.clientId || target === null) {
      return { status: 400, html: '<p>Invalid request.</p>' };
    }
    const back = new URL(target);
    const state = form.get('state');
    if (state !== null && state !== '') back.searchParams.set('state', state);
    if (form.get('decision') !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      return { status: 302, headers: { location: back.href } };
    }
    const known = new Set(this.userPages().map((page) => page.id));
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, {
      redirectUri: given === '' ? null : given,
      pages: form.getAll('pages').filter((id) => known.has(id)),
      used: false,
      expiresAt: this.clock() + CODE_LIFETIME_MS,
    });
    back.searchParams.set('code', code);
    return { status: 302, headers: { location: back.href } };
  }

  private withClient(authorization: string, then: () => Answer): Answer {
    const expected = `Basic ${Buffer.from(`${this.client.clientId}:${this.client.clientSecret}`).toString('base64')}`;
    if (authorization !== expected) return oauthError(401, 'invalid_client', 'Client authentication failed.');
    return then();
  }

  private token(raw: Buffer): Answer {
    const body = parseJson(raw);
    if (body === null) return oauthError(400, 'invalid_request', 'Request body must be JSON.');
    if (body.grant_type === 'authorization_code') return this.exchangeCode(body);
    if (body.grant_type === 'refresh_token') return this.refresh(body);
    return oauthError(400, 'unsupported_grant_type', 'Unsupported grant_type.');
  }

  private exchangeCode(body: Record<string, unknown>): Answer {
    if (typeof body.code !== 'string') return oauthError(400, 'invalid_request', 'body.code should be defined.');
    const issued = this.codes.get(body.code);
    if (issued === undefined || issued.used || this.clock() > issued.expiresAt) {
      return oauthError(400, 'invalid_grant', 'Invalid code.');
    }
    const given = typeof body.redirect_uri === 'string' ? body.redirect_uri : null;
    if (given !== issued.redirectUri) {
      return oauthError(400, 'invalid_grant', 'redirect_uri does not match the authorization request.');
    }
    issued.used = true;
    const grant: FakeOAuthGrant = {
      ...this.freshTokens(),
      pages: issued.pages,
      botId: buildNotionId(),
      revoked: false,
      expired: false,
    };
    this.issued.push(grant);
    return this.tokenAnswer(grant);
  }

  private refresh(body: Record<string, unknown>): Answer {
    const grant = this.issued.find((g) => !g.revoked && g.refreshToken === body.refresh_token);
    if (grant === undefined) return oauthError(400, 'invalid_grant', 'Invalid refresh token.');
    // Rotation: the old pair stops working the moment the new one is issued.
    Object.assign(grant, this.freshTokens(), { expired: false });
    return this.tokenAnswer(grant);
  }

  private revoke(raw: Buffer): Answer {
    const body = parseJson(raw);
    if (body === null || typeof body.token !== 'string') {
      return oauthError(400, 'invalid_request', 'body.token should be defined.');
    }
    for (const grant of this.issued) if (grant.accessToken === body.token) grant.revoked = true;
    return { status: 200, json: { request_id: buildNotionId() } };
  }

  private freshTokens() {
    return {
      accessToken: `ntn_${randomBytes(20).toString('hex')}`,
      refreshToken: `nrt_${randomBytes(20).toString('hex')}`,
    };
  }

  private tokenAnswer(grant: FakeOAuthGrant): Answer {
    return {
      status: 200,
      json: {
        access_token: grant.accessToken,
        token_type: 'bearer',
        refresh_token: grant.refreshToken,
        bot_id: grant.botId,
        workspace_icon: null,
        workspace_name: this.client.workspaceName,
        workspace_id: buildNotionId(),
        owner: { type: 'user', user: { object: 'user', id: buildNotionId() } },
        duplicated_template_id: null,
        request_id: buildNotionId(),
      },
    };
  }
}

function parseJson(raw: Buffer): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
