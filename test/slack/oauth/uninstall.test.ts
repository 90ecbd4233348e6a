// app_uninstalled and tokens_revoked, signed, over HTTP: the workspace's tokens go at once, the runtime hears of it
// once, Bolt runs no listener for that workspace's requests any more, and another installed workspace carries on.
// A revoked token then fails for good: isRevokedTokenError says so, for the fake's errors and for our own.

import { LogLevel } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isRevokedTokenError, RevokedTokenError } from '../../../src/slack/revoked-token.js';
import {
  DISTRIBUTION_ENV,
  type DistributedApp,
  installThroughPages,
  startDistributedApp,
} from '../../helpers/oauth-rig.js';

let app: DistributedApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const TEAMS = {
  one: { userId: 'U0MANAGER', teamId: 'T0001', teamName: 'One' },
  two: { userId: 'U0REP2', teamId: 'T0002', teamName: 'Two' },
  three: { userId: 'U0REP1', teamId: 'T0003', teamName: 'Three' },
};

async function startWithInstalls(): Promise<{ running: DistributedApp; heard: string[]; tokens: Map<string, string> }> {
  // Bolt's and the SDK's debug lines too: the OAuth exchange's request body holds the client secret.
  const running = await startDistributedApp({ sdkLogs: true });
  app = running;
  // Bolt sets its logger to info when it starts; a LOG_LEVEL=debug deployment's operator may turn it down again.
  running.app.app.logger.setLevel(LogLevel.DEBUG);
  for (const target of Object.values(TEAMS)) {
    const page = await installThroughPages(running, target);
    expect(page.status).toBe(200);
  }
  const heard: string[] = [];
  running.app.installations?.onUninstalled((key) => heard.push(key));
  const tokens = new Map(running.slack.issuedTokens().map((issued) => [issued.target.teamId, issued.token]));
  return { running, heard, tokens };
}

/** Sends /lead from each team in turn; the tokens views.open was called with, once the last team's call is in. */
async function openModalFrom(running: DistributedApp, teamIds: string[], lastServed: string): Promise<string[]> {
  const before = running.slack.calls.length;
  for (const teamId of teamIds) {
    const ack = await running.slack.slashCommand({ command: '/lead', text: '', userId: 'U0REP1', origin: { teamId } });
    expect(ack.status).toBe(200);
  }
  const opened = () => running.slack.calls.slice(before).filter((call) => call.method === 'views.open');
  await vi.waitFor(() => {
    if (!opened().some((call) => call.token === lastServed)) throw new Error('the served team’s modal is not open yet');
  });
  return opened().map((call) => call.token ?? '');
}

function expectNoSecretsLogged(running: DistributedApp): void {
  const logs = running.logs.join('\n');
  expect(logs).toContain('oauth.v2.access');
  for (const issued of running.slack.issuedTokens()) expect(logs).not.toContain(issued.token);
  expect(logs).not.toContain(DISTRIBUTION_ENV.SLACK_CLIENT_SECRET);
  expect(logs).not.toContain(DISTRIBUTION_ENV.SLACK_STATE_SECRET);
}

describe('uninstalling', () => {
  it('app_uninstalled removes that workspace’s tokens and stops its commands; the others keep working', async () => {
    const { running, heard, tokens } = await startWithInstalls();

    const ack = await running.slack.appUninstalled({ teamId: 'T0001' });
    expect(ack.status).toBe(200);
    // Slack retries an event it thinks went unanswered: the runtime still hears of the uninstall once.
    await running.slack.appUninstalled({ teamId: 'T0001' });

    expect(heard).toEqual(['T:T0001']);
    const row = running.app.installations?.fetch('T:T0001');
    expect(row).toMatchObject({ botToken: null, refreshToken: null });
    expect(row?.uninstalledAt).toEqual(expect.any(Number));
    const served = await openModalFrom(running, ['T0001', 'T0002'], tokens.get('T0002') ?? '');
    // No listener ran for T0001: its /lead opened nothing, not even a views.open that Slack refused.
    expect(served).toEqual([tokens.get('T0002')]);
    expect(running.app.installations?.listActive().map((active) => active.key)).toEqual(['T:T0002', 'T:T0003']);
    const refused = running.logs.filter((line) => line.includes('Refused a request from a workspace without an'));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('"teamId":"T0001"');
    expect(running.logs.filter((line) => line.includes('"level":"error"'))).toEqual([]);
    expectNoSecretsLogged(running);
  });

  it('tells whoever types a command in the uninstalled workspace that it is not installed, and where to add it', async () => {
    const { running } = await startWithInstalls();
    await running.slack.appUninstalled({ teamId: 'T0001' });

    const refused = await running.slack.slashCommand({
      command: '/lead',
      text: 'source thomasnet Acme Corp',
      userId: 'U0MANAGER',
      origin: { teamId: 'T0001' },
    });
    expect(refused.status).toBe(200);
    const [reply] = await refused.waitForResponses(1);
    expect(reply?.text).toMatch(/^ROI Runway is not installed in this workspace\. A workspace admin can add it from /);
    expect(reply?.response_type).toBe('ephemeral');
    const served = await running.slack.slashCommand({
      command: '/lead',
      text: 'source thomasnet Acme Corp',
      userId: 'U0REP2',
      origin: { teamId: 'T0002' },
    });
    const [logged] = await served.waitForResponses(1);
    expect(logged?.text).toBe('Logged Acme Corp from Thomasnet.');
    expectNoSecretsLogged(running);
  });

  it('tokens_revoked for the bot does the same; a revoked user token alone changes nothing', async () => {
    const { running, heard, tokens } = await startWithInstalls();

    await running.slack.tokensRevoked({ teamId: 'T0003', botUserIds: [], userIds: ['U0REP1'] });
    expect(heard).toEqual([]);
    await running.slack.tokensRevoked({ teamId: 'T0002' });

    expect(heard).toEqual(['T:T0002']);
    const served = await openModalFrom(running, ['T0002', 'T0003'], tokens.get('T0003') ?? '');
    expect(served).toEqual([tokens.get('T0003')]);
    await expect(running.app.installations?.botTokenFor('T:T0002')).rejects.toBeInstanceOf(RevokedTokenError);
    expect(await running.app.installations?.botTokenFor('T:T0003')).toBe(tokens.get('T0003'));
    expectNoSecretsLogged(running);
  });
});

describe('uninstalling an org-wide install', () => {
  it('removes the organisation’s installation, keyed by its enterprise, and leaves a plain workspace alone', async () => {
    const running = await startDistributedApp();
    app = running;
    const grid = { userId: 'U0ADMIN', teamId: 'T0GRID1', teamName: 'Grid', enterpriseId: 'E0GRID', orgWide: true };
    await installThroughPages(running, grid);
    await installThroughPages(running, TEAMS.two);
    const heard: string[] = [];
    running.app.installations?.onUninstalled((key) => heard.push(key));
    const tokens = new Map(running.slack.issuedTokens().map((issued) => [issued.target.teamId, issued.token]));

    await running.slack.appUninstalled({ teamId: 'T0GRID1', enterpriseId: 'E0GRID', isEnterpriseInstall: true });

    expect(heard).toEqual(['E:E0GRID']);
    const before = running.slack.calls.length;
    const origin = { teamId: 'T0GRID2', enterpriseId: 'E0GRID', isEnterpriseInstall: true };
    await running.slack.slashCommand({ command: '/lead', text: '', userId: 'U0REP1', origin });
    const served = await openModalFrom(running, ['T0002'], tokens.get('T0002') ?? '');
    expect(served).toEqual([tokens.get('T0002')]);
    expect(running.slack.calls.slice(before).filter((call) => call.token === tokens.get('T0GRID1'))).toEqual([]);
  });
});

describe('a revoked token fails for good', () => {
  it('recognises the fake Slack’s answers to a gone token, and ours, but not other failures', async () => {
    const { running, tokens } = await startWithInstalls();
    await running.slack.appUninstalled({ teamId: 'T0001' });
    const options = { slackApiUrl: running.slack.apiUrl, retryConfig: { retries: 0 } };
    const failureOf = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: unknown) => error,
      );

    const revoked = await failureOf(new WebClient(tokens.get('T0001'), options).auth.test());
    expect((revoked as { data?: { error?: string } }).data?.error).toBe('token_revoked');
    expect(isRevokedTokenError(revoked)).toBe(true);
    const unknown = await failureOf(new WebClient('xoxb-never-issued', options).auth.test());
    expect(isRevokedTokenError(unknown)).toBe(true);
    const ours = await failureOf(running.app.installations?.botTokenFor('T:T0001') ?? Promise.resolve());
    expect(isRevokedTokenError(ours)).toBe(true);

    const working = new WebClient(tokens.get('T0002'), options);
    const elsewhere = await failureOf(working.chat.postMessage({ channel: 'C0NOWHERE', text: 'hi' }));
    expect((elsewhere as { data?: { error?: string } }).data?.error).toBe('channel_not_found');
    expect(isRevokedTokenError(elsewhere)).toBe(false);
    expect(isRevokedTokenError(new Error('socket hang up'))).toBe(false);
  });
});
