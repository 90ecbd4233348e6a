// Socket Mode against the real SocketModeClient: handshake, an envelope delivered and acked, refresh and reconnect.

import { SocketModeClient } from '@slack/socket-mode';
import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildSilentSlackLogger, type FakeSlack, startFakeSlack } from './index.js';

let fake: FakeSlack | undefined;
let client: SocketModeClient | undefined;

afterEach(async () => {
  await client?.disconnect();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

async function connectClient(ackTimeoutMs = 3000) {
  fake = await startFakeSlack({ ackTimeoutMs });
  client = new SocketModeClient({
    appToken: fake.options.appToken,
    logger: buildSilentSlackLogger(),
    // The client waits this long before reconnecting (and expects pongs within it): short keeps the test fast.
    clientPingTimeout: 1000,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
  });
  return { fake, client };
}

describe('Socket Mode', () => {
  it('says hello, delivers a slash command envelope and returns the ack payload', async () => {
    const { fake, client } = await connectClient();
    const seen: string[] = [];
    client.on('slash_commands', async ({ ack, body }) => {
      seen.push(body.text);
      await ack({ response_type: 'ephemeral', text: `Logging ${body.text}` });
    });
    await client.start();

    const result = await fake.slashCommand({ command: '/roi', text: 'Acme <b> & co', userId: 'U0REP1', to: 'socket' });

    // Slack escapes &, < and > in what the user typed before the app sees it.
    expect(seen).toEqual(['Acme &lt;b&gt; &amp; co']);
    expect(result.status).toBe(200);
    expect(result.ackBody).toEqual({ response_type: 'ephemeral', text: 'Logging Acme &lt;b&gt; &amp; co' });
    expect(fake.socketConnections()).toBe(1);
  });

  it('delivers block actions with a response_url and returns the options an app suggests', async () => {
    const { fake, client } = await connectClient();
    const actions: Record<string, unknown>[] = [];
    client.on('interactive', async ({ ack, body }) => {
      if (body.type === 'block_suggestion') {
        await ack({ options: [{ text: { type: 'plain_text', text: 'LinkedIn Ads' }, value: 'linkedin' }] });
        return;
      }
      actions.push(body);
      await ack();
    });
    await client.start();

    const message = { ts: '1700000000.000100', channel: 'C0SALES', text: 'Deal stuck in SQL' };
    const clicked = await fake.blockAction({
      userId: 'U0REP1',
      actionId: 'advance',
      value: 'L-42',
      message,
      to: 'socket',
    });
    const suggested = await fake.blockSuggestion({ actionId: 'source', value: 'link', to: 'socket' });

    expect(actions[0]).toMatchObject({
      type: 'block_actions',
      actions: [{ action_id: 'advance', value: 'L-42' }],
      container: { message_ts: '1700000000.000100', channel_id: 'C0SALES' },
      response_url: clicked.responseUrl,
    });
    expect(suggested.options).toEqual([{ text: { type: 'plain_text', text: 'LinkedIn Ads' }, value: 'linkedin' }]);
  });

  it('records an envelope the app never acknowledges', async () => {
    const { fake, client } = await connectClient(200);
    client.on('interactive', () => undefined);
    await client.start();

    const result = await fake.shortcut({ callbackId: 'log_deal', userId: 'U0REP2', to: 'socket' });

    expect(result.timedOut).toBe(true);
    expect(fake.unackedEnvelopes).toMatchObject([{ type: 'interactive', payload: { callback_id: 'log_deal' } }]);
  });

  it('reconnects through a fresh apps.connections.open after a refresh disconnect', async () => {
    const { fake, client } = await connectClient();
    client.on('slash_commands', async ({ ack }) => {
      await ack({ text: 'still here' });
    });
    await client.start();

    fake.disconnect();
    await fake.waitForSocketClient(2, 5000);

    expect(fake.calls.filter((call) => call.method === 'apps.connections.open')).toHaveLength(2);
    const result = await fake.slashCommand({ command: '/roi', text: '', userId: 'U0MANAGER', to: 'socket' });
    expect(result.ackBody).toEqual({ text: 'still here' });
  });

  it('hands out one-use socket URLs and only to the app-level token', async () => {
    fake = await startFakeSlack();
    const appClient = new WebClient(fake.options.appToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const { url } = await appClient.apps.connections.open({});
    const botClient = new WebClient(fake.options.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    await expect(botClient.apps.connections.open({})).rejects.toMatchObject({
      data: { error: 'not_allowed_token_type' },
    });

    const first = new WebSocket(String(url));
    const hello = await new Promise<string>((resolve) => first.once('message', (data) => resolve(String(data))));
    expect(JSON.parse(hello)).toMatchObject({ type: 'hello', connection_info: { app_id: fake.options.appId } });
    const second = new WebSocket(String(url));
    const refusal = await new Promise<Error>((resolve) => second.once('error', resolve));
    expect(refusal.message).toContain('Unexpected server response: 401');
    first.close();
  });
});
