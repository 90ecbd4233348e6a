// The fake Slack's OAuth side behaves as Slack's does: the consent page's answers, single-use and short-lived codes,
// a redirect_uri that must repeat the authorize request's, client credentials checked, and rotation that spends the
// old refresh token.

import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './slack/index.js';

const REDIRECT = 'https://app.example.com/slack/oauth_redirect';

let fake: FakeSlack | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function consent(slack: FakeSlack, decision: 'allow' | 'cancel', redirectUri?: string) {
  const form = new URLSearchParams({ client_id: slack.options.clientId, scope: 'commands', state: 's1', decision });
  if (redirectUri !== undefined) form.set('redirect_uri', redirectUri);
  const answer = await fetch(`${slack.baseUrl}oauth/v2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  return new URL(answer.headers.get('location') ?? '');
}

function failureOf(promise: Promise<unknown>): Promise<string | undefined> {
  return promise.then(
    () => undefined,
    (error: { data?: { error?: string } }) => error.data?.error,
  );
}

describe('the fake Slack’s OAuth', () => {
  it('redirects Allow with a code and Cancel with access_denied, both with the state', async () => {
    fake = await startFakeSlack({ redirectUrls: [REDIRECT] });
    const allowed = await consent(fake, 'allow');
    expect(`${allowed.origin}${allowed.pathname}`).toBe(REDIRECT);
    expect(allowed.searchParams.get('code')).toMatch(/\S+/);
    expect(allowed.searchParams.get('state')).toBe('s1');
    const cancelled = await consent(fake, 'cancel');
    expect(cancelled.searchParams.get('error')).toBe('access_denied');
    expect(cancelled.searchParams.get('code')).toBeNull();
    const page = await fetch(`${fake.baseUrl}oauth/v2/authorize?client_id=wrong&scope=commands`);
    expect(page.status).toBe(400);
  });

  it('exchanges a code once, with the right secret and redirect_uri, for a token its Web API accepts', async () => {
    fake = await startFakeSlack({ redirectUrls: [REDIRECT] });
    const client = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const { clientId, clientSecret } = fake.options;
    const code = (await consent(fake, 'allow', REDIRECT)).searchParams.get('code') ?? '';

    expect(await failureOf(client.oauth.v2.access({ client_id: clientId, client_secret: 'wrong', code }))).toBe(
      'bad_client_secret',
    );
    expect(await failureOf(client.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code }))).toBe(
      'bad_redirect_uri',
    );
    const granted = await client.oauth.v2.access({
      client_id: clientId,
      client_secret: clientSecret,
      code,
      redirect_uri: REDIRECT,
    });
    expect(granted).toMatchObject({ ok: true, team: { id: 'T0001' }, authed_user: { id: 'U0MANAGER' } });
    const again = client.oauth.v2.access({
      client_id: clientId,
      client_secret: clientSecret,
      code,
      redirect_uri: REDIRECT,
    });
    expect(await failureOf(again)).toBe('invalid_code');
    const bot = new WebClient(granted.access_token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    expect(await bot.auth.test()).toMatchObject({ team_id: 'T0001', user_id: granted.bot_user_id });
  });

  it('refuses a code older than ten minutes', async () => {
    let now = Date.now();
    fake = await startFakeSlack({ redirectUrls: [REDIRECT], clock: () => now });
    const code = (await consent(fake, 'allow')).searchParams.get('code') ?? '';
    now += 10 * 60 * 1000 + 1;
    const client = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const { clientId, clientSecret } = fake.options;
    expect(await failureOf(client.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code }))).toBe(
      'invalid_code',
    );
  });

  it('rotates: a new token and refresh token, the old refresh token spent, the old token good until it expires', async () => {
    let now = Date.now();
    fake = await startFakeSlack({ redirectUrls: [REDIRECT], tokenExpiresIn: 43_200, clock: () => now });
    const client = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const { clientId, clientSecret } = fake.options;
    const code = (await consent(fake, 'allow')).searchParams.get('code') ?? '';
    const first = await client.oauth.v2.access({ client_id: clientId, client_secret: clientSecret, code });
    expect(first).toMatchObject({ expires_in: 43_200, refresh_token: expect.stringMatching(/^xoxe-1-/) });

    const rotate = (refreshToken: string) =>
      client.oauth.v2.access({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'refresh_token',
        refresh_token: refreshToken,
      });
    const second = await rotate(first.refresh_token ?? '');
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await failureOf(rotate(first.refresh_token ?? ''))).toBe('invalid_refresh_token');

    const old = new WebClient(first.access_token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    expect((await old.auth.test()).ok).toBe(true);
    now += 43_200_000;
    expect(await failureOf(old.auth.test())).toBe('token_expired');
  });
});
