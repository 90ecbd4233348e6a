// Installations for store-level tests: a record to store, and a real install on the fake Slack (consent, then the
// code exchanged through the Web API client) whose tokens the fake then accepts.

import { WebClient } from '@slack/web-api';
import type { InstallationRecord } from '../../src/store/installation-rows.js';
import type { FakeSlack, InstallTarget } from '../fakes/slack/index.js';

export const REDIRECT = 'https://roi.example.com/slack/oauth_redirect';

export function buildRecord(
  key: string,
  overrides: Partial<Omit<InstallationRecord, 'uninstalledAt'>> = {},
): Omit<InstallationRecord, 'uninstalledAt'> {
  const teamId = key.startsWith('T:') ? key.slice(2) : null;
  const enterpriseId = key.startsWith('E:') ? key.slice(2) : null;
  return {
    key,
    teamId,
    teamName: teamId === null ? null : `Team ${teamId}`,
    enterpriseId,
    enterpriseName: null,
    enterpriseUrl: null,
    isEnterpriseInstall: enterpriseId !== null,
    appId: 'A0ROIRUNWAY',
    botToken: `xoxb-${key}-token`,
    botId: 'B0BOT',
    botUserId: 'U0BOT',
    botScopes: ['commands', 'chat:write'],
    refreshToken: null,
    expiresAt: null,
    installerUserId: 'U0MANAGER',
    installedAt: 1,
    ...overrides,
  };
}

/** Installs the app on the fake Slack as Slack's consent page and oauth.v2.access would; the answer as a record. */
export async function installOnFake(
  fake: FakeSlack,
  target: InstallTarget,
  installedAt: number,
): Promise<Omit<InstallationRecord, 'uninstalledAt'>> {
  fake.options.redirectUrls = [REDIRECT];
  fake.options.installer = target;
  const form = new URLSearchParams({
    client_id: fake.options.clientId,
    scope: 'commands,chat:write',
    decision: 'allow',
  });
  const consent = await fetch(`${fake.baseUrl}oauth/v2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const client = new WebClient(undefined, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  const answer = await client.oauth.v2.access({
    client_id: fake.options.clientId,
    client_secret: fake.options.clientSecret,
    code,
  });
  return buildRecord(`T:${target.teamId}`, {
    botToken: answer.access_token ?? null,
    botUserId: answer.bot_user_id ?? null,
    refreshToken: answer.refresh_token ?? null,
    expiresAt: answer.expires_in === undefined ? null : installedAt + answer.expires_in * 1000,
    installedAt,
  });
}
