// The bot over HTTP as Slack and an admin meet it: signed requests only, /healthz, errors logged with context,
// and a stop that lets a running handler finish its reply, and ends even while a load balancer keeps checking it.

import { Agent, request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHealthReport } from '../../src/slack/health.js';
import { buildStoreServices } from '../../src/store/index.js';
import { buildSignedHeaders, post } from '../fakes/slack/index.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';

let t: TestApp | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

function buildLeadCommandBody(text: string): string {
  return new URLSearchParams({
    command: '/lead',
    text,
    user_id: 'U0REP1',
    user_name: 'ravi',
    channel_id: 'C0GENERAL',
    team_id: 'T0001',
    response_url: 'http://127.0.0.1:9/never',
    trigger_id: '1.2.3',
  }).toString();
}

const countLeads = (app: TestApp) => app.service.listLeads().length;

describe('HTTP mode', () => {
  it('refuses a forged signature with 401 and changes nothing', async () => {
    t = await startTestApp({ mode: 'http' });
    const body = buildLeadCommandBody('source thomasnet Acme Corp');
    const headers = buildSignedHeaders(body, 'not-the-signing-secret', Math.floor(Date.now() / 1000));

    const answer = await post(t.url, body, headers);

    expect(answer.status).toBe(401);
    expect(countLeads(t)).toBe(0);
    expect(t.slack.messages).toEqual([]);
  });

  it('refuses a correctly signed request that is ten minutes old with 401', async () => {
    t = await startTestApp({ mode: 'http' });
    const body = buildLeadCommandBody('source thomasnet Acme Corp');
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;

    const answer = await post(t.url, body, buildSignedHeaders(body, t.slack.options.signingSecret, tenMinutesAgo));

    expect(answer.status).toBe(401);
    expect(countLeads(t)).toBe(0);
  });

  it('answers /healthz with the store, the mode and the Notion queue once ready', async () => {
    t = await startTestApp({ mode: 'http' });

    const answer = await fetch(t.healthUrl);

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      ok: true,
      store: 'sqlite',
      mode: 'http',
      notion: { configured: false, pending: 0, lastPullAt: null },
    });
  });

  it('counts changes still owed to Notion in /healthz', async () => {
    t = await startTestApp({
      mode: 'http',
      seed: (service) => {
        service.createLead({ company: 'Acme Corp' }, { actor: { id: 'U0REP1', name: 'Ravi Rep' } });
      },
    });

    const body = await (await fetch(t.healthUrl)).json();

    expect(body).toMatchObject({ ok: true, notion: { configured: false, pending: 1 } });
  });

  it('answers 503 when the store cannot be read', async () => {
    t = await startTestApp({ mode: 'http' });
    t.store.close();

    const answer = await fetch(t.healthUrl);

    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ ok: false, reason: expect.stringContaining('store unusable') });
  });

  it('logs a failing handler with the command and the user', async () => {
    t = await startTestApp({ mode: 'http' });
    t.app.app.command('/runtime-boom', async ({ ack }) => {
      await ack();
      throw new Error('exploded after ack');
    });

    const result = await t.slack.slashCommand({ command: '/runtime-boom', text: '', userId: 'U0REP2' });
    await expect.poll(() => t?.logs.some((line) => line.includes('Slack handler failed'))).toBe(true);

    expect(result.status).toBe(200);
    const line = JSON.parse(t.logs.find((entry) => entry.includes('Slack handler failed')) ?? '{}');
    expect(line).toMatchObject({
      command: '/runtime-boom',
      userId: 'U0REP2',
      error: { message: 'exploded after ack' },
    });
  });

  it('lets a handler that is still working finish its reply before stop() resolves', async () => {
    const app = await startTestApp({ mode: 'http' });
    app.app.app.command('/runtime-slow', async ({ ack, respond }) => {
      await ack();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await respond({ text: 'done after 300 ms' });
    });
    const result = await app.slack.slashCommand({ command: '/runtime-slow', text: '', userId: 'U0REP1' });

    await app.app.stop();
    const [reply] = await result.waitForResponses(1, 100);
    await app.stop();

    expect(reply?.text).toBe('done after 300 ms');
  });

  it('stops while a load balancer keeps checking /healthz on the connection a command was acked on', async () => {
    t = await startTestApp({ mode: 'http' });
    // The command is acked once the stop has begun: its connection is busy when the receiver closes.
    let began = () => {};
    const stopBegun = new Promise<void>((resolve) => (began = resolve));
    let arrived = () => {};
    const commandArrived = new Promise<void>((resolve) => (arrived = resolve));
    t.app.app.command('/runtime-slow-ack', async ({ ack }) => {
      arrived();
      await stopBegun;
      await ack({ text: 'acked while stopping' });
    });
    // One kept-alive connection, as a load balancer holds to each instance it sends to.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (path: string, body?: string) =>
      new Promise<{ status: number; connection: string; text: string }>((resolve, reject) => {
        const headers = body === undefined ? {} : buildSignedHeaders(body, t!.slack.options.signingSecret, now());
        const url = new URL(path, t!.url);
        const sent = request(url, { agent, method: body === undefined ? 'GET' : 'POST', headers }, (answer) => {
          let text = '';
          answer.on('data', (chunk) => (text += String(chunk)));
          answer.on('end', () =>
            resolve({ status: answer.statusCode ?? 0, connection: String(answer.headers.connection), text }),
          );
        });
        sent.on('error', reject);
        sent.end(body);
      });
    const command = send('/slack/events', buildSlowAckBody(t));
    await commandArrived;

    // The stop begins while the command is being acked on that connection; the checks go on there every 50 ms.
    let stopped = false;
    const stop = t.app.stop().then(() => (stopped = true));
    began();
    const checks: { status: number; connection: string }[] = [];
    while (!stopped && checks.length < 150) {
      checks.push(await send('/healthz').catch(() => ({ status: 0, connection: 'refused' })));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The balancer gives up on the instance only now (a stop the checks held is let go, so the next test starts clean).
    agent.destroy();
    await stop;

    expect(await command).toMatchObject({ status: 200, text: expect.stringContaining('acked while stopping') });
    expect(checks.length).toBeLessThan(150);
    // Answered while stopping: 503, so the balancer sends nothing new here; that answer closed the connection.
    expect(checks[0]).toMatchObject({ status: 503, connection: 'close' });
  });
});

describe('buildHealthReport', () => {
  it('answers 503 while the bot is starting or stopping, before even looking at the store', () => {
    const { store, outbox } = buildStoreServices(':memory:');
    const sources = { mode: 'http' as const, store, outbox, notion: () => null };

    expect(buildHealthReport({ ...sources, phase: () => 'starting' })).toEqual({
      status: 503,
      body: { ok: false, reason: 'starting' },
    });
    expect(buildHealthReport({ ...sources, phase: () => 'stopping' })).toEqual({
      status: 503,
      body: { ok: false, reason: 'stopping' },
    });
    expect(buildHealthReport({ ...sources, phase: () => 'ready' }).status).toBe(200);
    store.close();
  });
});

const now = () => Math.floor(Date.now() / 1000);

/** The slow command as Slack sends it to this app's workspace. */
function buildSlowAckBody(app: TestApp): string {
  const { teamId, appId } = app.slack.options;
  const body = new URLSearchParams(buildLeadCommandBody(''));
  for (const [name, value] of Object.entries({ command: '/runtime-slow-ack', team_id: teamId, api_app_id: appId }))
    body.set(name, value);
  return body.toString();
}
