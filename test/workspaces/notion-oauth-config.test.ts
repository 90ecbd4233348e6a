// The settings of "Sign in with Notion" (NOTION_CLIENT_ID, NOTION_CLIENT_SECRET, NOTION_REDIRECT_URI), the stored
// connection's two shapes (a row stored before sign-in existed still reads as an internal token), and the fake's
// OAuth errors as Notion documents them, through the official SDK.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@notionhq/client';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRuntime, buildSecrets } from '../../src/app.js';
import { ConfigError, parseConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { parseNotionConnection } from '../../src/workspace-notion.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';

const single = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh' };
const distribution = {
  SLACK_SIGNING_SECRET: 'shh',
  SLACK_CLIENT_ID: '1.2',
  SLACK_CLIENT_SECRET: 'slack-client-secret',
  SLACK_STATE_SECRET: 'state-secret-0123456789abcdef',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env, 'bot');
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('Notion OAuth settings', () => {
  it('needs both halves of the client, naming the missing one', () => {
    expect(problemsOf({ ...distribution, NOTION_CLIENT_ID: 'abc' })).toEqual([
      expect.stringMatching(/^NOTION_CLIENT_SECRET: required when NOTION_CLIENT_ID is set/),
    ]);
    expect(problemsOf({ ...distribution, NOTION_CLIENT_SECRET: 'xyz' })).toEqual([
      expect.stringMatching(/^NOTION_CLIENT_ID: required when NOTION_CLIENT_SECRET is set/),
    ]);
    expect(parseConfig(distribution).notionOAuth).toBeNull();
  });

  it('derives the redirect from SLACK_REDIRECT_URI, or takes NOTION_REDIRECT_URI, and signs with SLACK_STATE_SECRET', () => {
    const client = { NOTION_CLIENT_ID: 'abc', NOTION_CLIENT_SECRET: 'notion-secret' };
    const slackRedirect = { SLACK_REDIRECT_URI: 'https://roi.example.com/slack/oauth_redirect' };
    expect(parseConfig({ ...distribution, ...client, ...slackRedirect }).notionOAuth).toEqual({
      clientId: 'abc',
      clientSecret: 'notion-secret',
      stateSecret: distribution.SLACK_STATE_SECRET,
      redirectUri: 'https://roi.example.com/notion/oauth_redirect',
    });
    const own = { NOTION_REDIRECT_URI: 'https://other.example.com/notion/oauth_redirect' };
    expect(parseConfig({ ...distribution, ...client, ...slackRedirect, ...own }).notionOAuth?.redirectUri).toBe(
      own.NOTION_REDIRECT_URI,
    );
    expect(parseConfig({ ...distribution, ...client }).notionOAuth?.redirectUri).toBeUndefined();
    expect(problemsOf({ ...distribution, ...client, NOTION_REDIRECT_URI: 'https://roi.example.com/callback' })).toEqual(
      ['NOTION_REDIRECT_URI: must end with /notion/oauth_redirect'],
    );
    expect(buildSecrets(parseConfig({ ...distribution, ...client }))).toContain('notion-secret');
  });

  it('is ignored with a log line in single-workspace mode', async () => {
    const config = parseConfig({ ...single, NOTION_CLIENT_ID: 'abc', NOTION_CLIENT_SECRET: 'notion-secret' }, 'bot');
    const { logger, lines } = createMemoryLogger('info');
    const dataDir = mkdtempSync(join(tmpdir(), 'roi-notion-oauth-single-'));
    const runtime = buildRuntime({ ...config, dataDir }, { log: logger, scheduleDigests: false, startPrompts: false });
    expect(lines.some((line) => line.includes('NOTION_CLIENT_ID is ignored'))).toBe(true);
    expect(lines.some((line) => line.includes('notion-secret'))).toBe(false);
    runtime.deps.services.store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
});

describe('the stored connection', () => {
  const databases = { leadsDb: 'l', spendDb: 's', targetsDb: 't' };
  it('reads a row stored before sign-in existed as an internal token, and a sign-in with its tokens', () => {
    const old = { token: `ntn_${'1a'.repeat(23)}`, parentPageId: 'p', databases };
    expect(parseNotionConnection(old)).toEqual(old);
    const signedIn = {
      ...{ kind: 'oauth', token: 'ntn_abc', refreshToken: 'nrt_def', botId: 'b', workspaceName: 'Acme' },
      ...{ parentPageId: 'p', databases },
    };
    expect(parseNotionConnection(signedIn)).toEqual(signedIn);
    expect(parseNotionConnection({ ...signedIn, kind: 'internal' })).toBeNull();
    expect(parseNotionConnection({ ...old, token: 'not-a-token' })).toBeNull();
  });
});

describe("the fake Notion's OAuth errors", () => {
  let fake: FakeNotion | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('answers invalid_client, invalid_grant and a single-use code bound to its redirect_uri', async () => {
    const client = { clientId: 'cid', clientSecret: 'csecret-0123', workspaceName: 'Acme' };
    fake = await startFakeNotion({ oauth: client });
    const redirect = 'https://roi.example.com/notion/oauth_redirect';
    if (fake.oauth === null) throw new Error('no OAuth');
    fake.oauth.redirectUris = [redirect];
    const form = new URLSearchParams({ client_id: 'cid', redirect_uri: redirect, decision: 'allow', state: 's' });
    const allowed = await fetch(`${fake.url}/v1/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const code = new URL(allowed.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const sdk = new Client({ baseUrl: fake.url, logger: () => {} });
    const exchange = (args: { secret?: string; redirect?: string }) =>
      sdk.oauth
        .token({
          ...{ client_id: 'cid', client_secret: args.secret ?? client.clientSecret },
          ...{ grant_type: 'authorization_code', code, redirect_uri: args.redirect ?? redirect },
        })
        .then(
          () => 'ok',
          (error: { status?: number; body?: string }) => `${error.status} ${JSON.parse(error.body ?? '{}').code}`,
        );
    expect(await exchange({ secret: 'wrong' })).toBe('401 invalid_client');
    expect(await exchange({ redirect: 'https://elsewhere.example.com/notion/oauth_redirect' })).toBe(
      '400 invalid_grant',
    );
    expect(await exchange({})).toBe('ok');
    expect(await exchange({})).toBe('400 invalid_grant');
  });

  it('rotates both tokens on refresh, refuses the spent refresh token, and stops a revoked token', async () => {
    const client = { clientId: 'cid', clientSecret: 'csecret-0123', workspaceName: 'Acme' };
    fake = await startFakeNotion({ oauth: client });
    const oauth = fake.oauth;
    if (oauth === null) throw new Error('no OAuth');
    oauth.redirectUris = ['https://roi.example.com/notion/oauth_redirect'];
    const form = new URLSearchParams({ client_id: 'cid', decision: 'allow' });
    form.append('pages', fake.rootPageId);
    const allowed = await fetch(`${fake.url}/v1/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
    const code = new URL(allowed.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const sdk = new Client({ baseUrl: fake.url, logger: () => {} });
    const secrets = { client_id: 'cid', client_secret: client.clientSecret };
    const first = await sdk.oauth.token({ ...secrets, grant_type: 'authorization_code', code });
    const page = (auth: string) =>
      new Client({ auth, baseUrl: fake?.url, logger: () => {} }).pages
        .retrieve({ page_id: fake?.rootPageId ?? '' })
        .then(
          () => 200,
          (error: { status: number }) => error.status,
        );
    expect(await page(first.access_token)).toBe(200);
    const refresh = (token: string) =>
      sdk.oauth.token({ ...secrets, grant_type: 'refresh_token', refresh_token: token }).then(
        (answer) => answer,
        (error: { status?: number; body?: string }) => `${error.status} ${JSON.parse(error.body ?? '{}').code}`,
      );
    const second = await refresh(first.refresh_token ?? '');
    if (typeof second === 'string') throw new Error(second);
    expect(second.access_token).not.toBe(first.access_token);
    expect(await page(first.access_token)).toBe(401);
    expect(await page(second.access_token)).toBe(200);
    expect(await refresh(first.refresh_token ?? '')).toBe('400 invalid_grant');
    await sdk.oauth.revoke({ ...secrets, token: second.access_token });
    expect(await page(second.access_token)).toBe(401);
    expect(await refresh(second.refresh_token ?? '')).toBe('400 invalid_grant');
  });
});
