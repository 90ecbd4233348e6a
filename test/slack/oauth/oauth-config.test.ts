// Distribution mode's settings: SLACK_CLIENT_ID turns it on, with its secrets required and Socket Mode refused;
// without it the single-workspace mode stays as it was. The default scopes are manifest.yml's.

import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../src/config.js';
import { BOT_SCOPES } from '../../../src/slack/bot-scopes.js';
import { buildAuthorizeUrl } from '../../../src/slack/oauth.js';
import { MANIFEST_BOT_SCOPES } from '../../fakes/slack/index.js';

const HTTP = { SLACK_SIGNING_SECRET: 'signing-secret' };
const DISTRIBUTION = {
  ...HTTP,
  SLACK_CLIENT_ID: '1111.2222',
  SLACK_CLIENT_SECRET: 'client-secret',
  SLACK_STATE_SECRET: 'state-secret-0123456789',
};

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('distribution settings', () => {
  it('needs no bot token, and asks for the scopes manifest.yml lists', () => {
    const config = parseConfig(DISTRIBUTION);
    expect(config.slack.botToken).toBeUndefined();
    expect(config.slack.mode).toBe('http');
    expect(config.slack.oauth).toEqual({
      clientId: '1111.2222',
      clientSecret: 'client-secret',
      stateSecret: 'state-secret-0123456789',
      scopes: [...MANIFEST_BOT_SCOPES],
      redirectUri: undefined,
    });
    expect([...BOT_SCOPES]).toEqual([...MANIFEST_BOT_SCOPES]);
  });

  it('names each missing secret', () => {
    expect(problemsOf({ ...HTTP, SLACK_CLIENT_ID: '1111.2222' })).toEqual([
      'SLACK_CLIENT_SECRET: required when SLACK_CLIENT_ID is set',
      'SLACK_STATE_SECRET: required when SLACK_CLIENT_ID is set (e.g. openssl rand -hex 32)',
    ]);
    expect(problemsOf({ ...DISTRIBUTION, SLACK_STATE_SECRET: 'short' })).toEqual([
      'SLACK_STATE_SECRET: must be at least 16 characters (e.g. openssl rand -hex 32)',
    ]);
  });

  it('refuses Socket Mode, which Slack does not list', () => {
    const problems = problemsOf({ ...DISTRIBUTION, SLACK_APP_TOKEN: 'xapp-1' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^SLACK_APP_TOKEN: .*Slack does not list Socket Mode apps/);
  });

  it('needs the signing secret, as every HTTP-mode app does', () => {
    const { SLACK_SIGNING_SECRET: _dropped, ...unsigned } = DISTRIBUTION;
    expect(problemsOf(unsigned)).toEqual([
      'SLACK_SIGNING_SECRET: required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
    ]);
  });

  it('takes other scopes and a redirect URL that ends in /slack/oauth_redirect', () => {
    const config = parseConfig({
      ...DISTRIBUTION,
      SLACK_SCOPES: 'commands, chat:write',
      SLACK_REDIRECT_URI: 'https://roi.example.com/slack/oauth_redirect',
    });
    expect(config.slack.oauth?.scopes).toEqual(['commands', 'chat:write']);
    expect(config.slack.oauth?.redirectUri).toBe('https://roi.example.com/slack/oauth_redirect');
    expect(problemsOf({ ...DISTRIBUTION, SLACK_REDIRECT_URI: 'https://roi.example.com/callback' })).toEqual([
      'SLACK_REDIRECT_URI: must end with /slack/oauth_redirect',
    ]);
  });

  it('leaves the single-workspace mode as it was when SLACK_CLIENT_ID is unset', () => {
    expect(parseConfig({ ...HTTP, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_CLIENT_SECRET: 'ignored' }).slack.oauth).toBeNull();
    expect(problemsOf(HTTP)).toEqual(['SLACK_BOT_TOKEN: required (the bot token, xoxb-…)']);
  });

  it('finds Slack’s consent page beside its Web API', () => {
    expect(buildAuthorizeUrl('https://slack.com/api/')).toBe('https://slack.com/oauth/v2/authorize');
    expect(buildAuthorizeUrl('http://127.0.0.1:4000/api/')).toBe('http://127.0.0.1:4000/oauth/v2/authorize');
  });
});
