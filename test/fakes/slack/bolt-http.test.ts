// A minimal Bolt app over HTTP, driven by the fake playing Slack: signatures, slash commands, response_url,
// trigger ids and modals behave as the app will meet them in production.

import type { Server } from 'node:http';
import { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSignedHeaders, buildSilentSlackLogger, type FakeSlack, post, startFakeSlack } from './index.js';

let now = 1_700_000_000_000;
let fake: FakeSlack;
let app: App;
let appUrl: string;

const DEAL_MODAL = {
  type: 'modal' as const,
  callback_id: 'log_deal',
  title: { type: 'plain_text' as const, text: 'Log a deal' },
  submit: { type: 'plain_text' as const, text: 'Save' },
  blocks: [
    {
      type: 'input' as const,
      block_id: 'amount',
      label: { type: 'plain_text' as const, text: 'Amount' },
      element: { type: 'plain_text_input' as const, action_id: 'value' },
    },
  ],
};

beforeAll(async () => {
  // The fake's clock drives trigger and response_url expiry; request signatures use real time.
  fake = await startFakeSlack({ clock: () => now });
  const logger = buildSilentSlackLogger();
  app = new App({
    token: fake.options.botToken,
    signingSecret: fake.options.signingSecret,
    logger,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger },
  });
  app.command('/roi-ack', async ({ ack }) => {
    await ack();
  });
  app.command('/roi-echo', async ({ ack, command, respond }) => {
    await ack({ text: 'Working on it…' });
    await respond({ response_type: 'in_channel', text: `echo: ${command.text}` });
  });
  app.command('/roi-log', async ({ ack, body, client }) => {
    await client.views.open({ trigger_id: body.trigger_id, view: DEAL_MODAL });
    await ack();
  });
  app.view('log_deal', async ({ ack, view }) => {
    const amount = view.state.values.amount?.value?.value ?? '';
    if (/^\d+$/.test(amount)) await ack();
    else await ack({ response_action: 'errors', errors: { amount: 'Enter a whole number' } });
  });
  const server: Server = await app.start({ port: 0, host: '127.0.0.1' });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('Bolt is not listening on TCP');
  appUrl = `http://127.0.0.1:${address.port}/slack/events`;
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

const commandBody = new URLSearchParams({ command: '/roi-ack', text: '', user_id: 'U0REP1', channel_id: 'C0GENERAL' });

describe('Bolt over HTTP', () => {
  it('accepts a correctly signed command and rejects forged or stale ones with 401', async () => {
    const body = commandBody.toString();
    const nowSec = Math.floor(Date.now() / 1000);

    const signed = await post(appUrl, body, buildSignedHeaders(body, fake.options.signingSecret, nowSec));
    const forged = await post(appUrl, body, buildSignedHeaders(body, 'not-the-secret', nowSec));
    const stale = await post(appUrl, body, buildSignedHeaders(body, fake.options.signingSecret, nowSec - 600));

    expect([signed.status, forged.status, stale.status]).toEqual([200, 401, 401]);
  });

  it('delivers the typed text escaped and lets the app answer later through response_url', async () => {
    const result = await fake.slashCommand({ command: '/roi-echo', text: 'a < b', userId: 'U0REP1', url: appUrl });
    const [reply] = await result.waitForResponses(1);

    expect(result.ackBody).toEqual({ text: 'Working on it…' });
    expect(reply).toMatchObject({ text: 'echo: a &lt; b', response_type: 'in_channel', channel: 'C0GENERAL' });
  });

  it('refuses a sixth response_url post, and any post after thirty minutes', async () => {
    const result = await fake.slashCommand({ command: '/roi-ack', text: '', userId: 'U0REP2', url: appUrl });
    const send = () =>
      post(result.responseUrl, JSON.stringify({ text: 'update' }), { 'content-type': 'application/json' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await send()).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404]);
    expect((await send()).body).toBe('used_url');

    const later = await fake.slashCommand({ command: '/roi-ack', text: '', userId: 'U0REP2', url: appUrl });
    now += 30 * 60 * 1000 + 1;
    const expired = await post(later.responseUrl, JSON.stringify({ text: 'late' }), {
      'content-type': 'application/json',
    });
    expect([expired.status, expired.body]).toEqual([404, 'expired_url']);
  });

  it('opens a modal only with a fresh, unused trigger id', async () => {
    const client = new WebClient(fake.options.botToken, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
    const stale = await fake.slashCommand({ command: '/roi-ack', text: '', userId: 'U0REP1', url: appUrl });
    now += 3001;
    const fresh = await fake.slashCommand({ command: '/roi-ack', text: '', userId: 'U0REP1', url: appUrl });
    const open = (triggerId: string) => client.views.open({ trigger_id: triggerId, view: DEAL_MODAL });

    await expect(open(stale.triggerId)).rejects.toMatchObject({ data: { error: 'expired_trigger_id' } });
    await expect(open(fresh.triggerId)).resolves.toMatchObject({ view: { callback_id: 'log_deal' } });
    await expect(open(fresh.triggerId)).rejects.toMatchObject({ data: { error: 'expired_trigger_id' } });
    await expect(open('1.2.never-issued')).rejects.toMatchObject({ data: { error: 'invalid_trigger_id' } });
  });

  it('keeps the modal open with field errors, and closes it on a valid submission', async () => {
    await fake.slashCommand({ command: '/roi-log', text: '', userId: 'U0MANAGER', url: appUrl });
    const modal = fake.views.findLast((view) => view.callbackId === 'log_deal' && view.userId === 'U0MANAGER');
    expect(modal?.view).toMatchObject({ title: { text: 'Log a deal' } });
    const submit = (amount: string) =>
      fake.viewSubmission({
        userId: 'U0MANAGER',
        view: {
          callback_id: 'log_deal',
          state: { values: { amount: { value: { type: 'plain_text_input', value: amount } } } },
        },
        url: appUrl,
      });

    const rejected = await submit('12k');
    expect(rejected.ackBody).toEqual({ response_action: 'errors', errors: { amount: 'Enter a whole number' } });
    expect(modal?.closed).toBe(false);
    await submit('12000');
    expect(modal?.closed).toBe(true);
  });
});
