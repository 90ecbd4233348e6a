// Token rotation with two instances: both find the workspace's token about to expire at the same moment, on two
// connections to one store (two processes on a SQLite file, two instances on Postgres). Exactly one refresh reaches
// Slack (a rotating refresh token works once), and both end up with the new token, which works.

import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OAuthConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { Installations } from '../../src/slack/installations.js';
import { buildRefreshCall } from '../../src/slack/oauth.js';
import { isRevokedTokenError, RevokedTokenError } from '../../src/slack/revoked-token.js';
import type { Store } from '../../src/store/index.js';
import { InstallationRows } from '../../src/store/installation-rows.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { installOnFake } from './installation-fixtures.js';
import { openTempStore, type TempStore } from './store-fixtures.js';

const HOUR = 3_600_000;
const TEAM = { userId: 'U0MANAGER', teamId: 'T0001', teamName: 'One' };

let fake: FakeSlack | undefined;
let temp: TempStore | undefined;
const others: Store[] = [];
afterEach(async () => {
  for (const other of others.splice(0)) other.close();
  temp?.cleanup();
  temp = undefined;
  await fake?.close();
  fake = undefined;
});

function refreshCalls(slack: FakeSlack) {
  return slack.calls.filter((call) => call.method === 'oauth.v2.access' && call.args.grant_type === 'refresh_token');
}

async function setUp() {
  fake = await startFakeSlack({ tokenExpiresIn: 12 * 60 * 60 });
  temp = openTempStore();
  const oauth: OAuthConfig = {
    clientId: fake.options.clientId,
    clientSecret: fake.options.clientSecret,
    stateSecret: 'unused-state-secret-0123',
    scopes: ['commands'],
    redirectUri: undefined,
  };
  const refresh = buildRefreshCall(oauth, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  const { logger, lines } = createMemoryLogger();
  const instance = (store: Store) =>
    new Installations(new InstallationRows(store), {
      clock: temp?.clock ?? Date.now,
      log: logger,
      refresh,
      pollMs: 10,
    });
  const record = await installOnFake(fake, TEAM, temp.clock());
  const first = instance(temp.store);
  first.store(record);
  const other = temp.openAnother();
  others.push(other);
  return { slack: fake, temp, record, first, second: instance(other), lines };
}

describe('refreshing a rotating token', () => {
  it('leaves a token far from expiry alone', async () => {
    const { slack, temp, record, first } = await setUp();
    temp.clock.advance(9 * HOUR);
    expect(await first.botTokenFor('T:T0001')).toBe(record.botToken);
    expect(refreshCalls(slack)).toHaveLength(0);
  });

  it('two instances at once: one refresh reaches Slack, both get the new token, and it works', async () => {
    const { slack, temp, record, first, second, lines } = await setUp();
    temp.clock.advance(11 * HOUR);
    const release = slack.hold('oauth.v2.access');

    const both = Promise.all([first.botTokenFor('T:T0001'), second.botTokenFor('T:T0001')]);
    await vi.waitFor(() => expect(refreshCalls(slack)).toHaveLength(1));
    // The loser polls meanwhile; it must not go to Slack with the same refresh token.
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    const [one, two] = await both;

    expect(refreshCalls(slack)).toHaveLength(1);
    expect(slack.rotations()).toBe(1);
    expect(one).toBe(two);
    expect(one).not.toBe(record.botToken);
    const stored = first.fetch('T:T0001');
    expect(stored?.botToken).toBe(one);
    expect(stored?.refreshToken).not.toBe(record.refreshToken);
    expect(stored?.expiresAt).toBe(temp.clock() + 12 * HOUR);
    const client = new WebClient(one, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    expect((await client.auth.test()).team_id).toBe('T0001');
    // Slack's rotation: the spent refresh token never works again.
    const replay = buildRefreshCall(
      { clientId: slack.options.clientId, clientSecret: slack.options.clientSecret } as OAuthConfig,
      { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    );
    await expect(replay(record.refreshToken ?? '')).rejects.toMatchObject({ data: { error: 'invalid_refresh_token' } });
    expect(lines.join('\n')).not.toContain(one);
  });

  it('a refresh Slack refuses fails for good, and an expired token is recognised as gone', async () => {
    const { slack, temp, record, first } = await setUp();
    // Someone spent the refresh token behind our back (another deployment with the same app, say).
    const stolen = buildRefreshCall(
      { clientId: slack.options.clientId, clientSecret: slack.options.clientSecret } as OAuthConfig,
      { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    );
    await stolen(record.refreshToken ?? '');
    temp.clock.advance(11 * HOUR);

    const failure = await first.botTokenFor('T:T0001').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RevokedTokenError);
    expect(failure).toMatchObject({ reason: 'refresh_failed', slackError: 'invalid_refresh_token' });
    expect(isRevokedTokenError(failure)).toBe(true);
    // The lease was given back: nothing is left waiting on it.
    expect(new InstallationRows(temp.store).takeRefreshLease('T:T0001', record.refreshToken ?? '', 0, 1)).toBe(true);

    slack.options.clock = () => Date.now() + 13 * HOUR;
    const client = new WebClient(record.botToken ?? '', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    const expired = await client.auth.test().catch((error: unknown) => error);
    expect(expired).toMatchObject({ data: { error: 'token_expired' } });
    expect(isRevokedTokenError(expired)).toBe(true);
  });
});
