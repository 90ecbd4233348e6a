// Socket Mode: no public URL, the bot dials Slack. A command arrives over the WebSocket and is answered, the bot
// reconnects when Slack asks it to, and /healthz still answers on PORT.

import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';

let t: TestApp | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function startWithEcho(): Promise<TestApp> {
  const app = await startTestApp({ mode: 'socket' });
  app.app.app.command('/runtime-echo', async ({ ack, command, respond }) => {
    await ack({ text: 'On it…' });
    await respond({ text: `echo: ${command.text}` });
  });
  return app;
}

describe('Socket Mode', () => {
  it('acknowledges a slash command sent over the WebSocket and answers it through response_url', async () => {
    t = await startWithEcho();

    const result = await t.slack.slashCommand({ command: '/runtime-echo', text: 'hello', userId: 'U0REP1' });
    const [reply] = await result.waitForResponses(1);

    expect(result.status).toBe(200);
    expect(result.ackBody).toEqual({ text: 'On it…' });
    expect(reply?.text).toBe('echo: hello');
  });

  it('reconnects after Slack disconnects it, and keeps answering', async () => {
    t = await startWithEcho();

    t.slack.disconnect();
    await t.slack.waitForSocketClient(2, 10_000);
    const result = await t.slack.slashCommand({ command: '/runtime-echo', text: 'again', userId: 'U0REP2' });
    const [reply] = await result.waitForResponses(1);

    expect(t.slack.calls.filter((call) => call.method === 'apps.connections.open')).toHaveLength(2);
    expect(reply?.text).toBe('echo: again');
  });

  it('serves /healthz on PORT with the mode it runs in', async () => {
    t = await startTestApp({ mode: 'socket' });

    const answer = await fetch(t.healthUrl);

    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      ok: true,
      store: 'sqlite',
      mode: 'socket',
      notion: { configured: false, pending: 0, lastPullAt: null },
    });
  });

  it('answers 503 from /healthz once the store is closed', async () => {
    t = await startTestApp({ mode: 'socket' });
    t.store.close();

    const answer = await fetch(t.healthUrl);

    expect(answer.status).toBe(503);
  });
});
