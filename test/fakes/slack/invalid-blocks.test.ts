// Every way the app hands Slack blocks goes through the fake's own checker, answered as Slack answers: messages and
// file shares with invalid_blocks, response_urls with HTTP 400, views with invalid_arguments. Nothing is recorded.

import { WebAPIPlatformError, WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSilentSlackLogger, type FakeSlack, startFakeSlack } from './index.js';

let fake: FakeSlack | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start() {
  fake = await startFakeSlack();
  const client = new WebClient(fake.options.botToken, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: buildSilentSlackLogger(),
  });
  return { fake, client };
}

/** The whole error answer of a call that must fail. */
async function failureOf(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) return { ...error.data };
    throw error;
  }
  throw new Error('expected the call to fail');
}

const MRKDWN_HEADER = { type: 'header', text: { type: 'mrkdwn', text: '*Weekly ROI*' } };
const HEADER_PROBLEM = 'must be plain_text: this field does not accept mrkdwn [json-pointer:/blocks/0/text/type]';
const GOOD = [{ type: 'section', text: { type: 'mrkdwn', text: 'ROI +200%' } }];

/** A slash command's response_url and trigger_id, live in the fake, without an app to deliver to. */
function liveInteraction(slack: FakeSlack): { responseUrl: string; triggerId: string } {
  const request = slack.signSlashCommand({ command: '/roi', text: '', userId: 'U0REP1', url: 'http://127.0.0.1:9/' });
  const form = new URLSearchParams(request.body);
  return { responseUrl: form.get('response_url') ?? '', triggerId: form.get('trigger_id') ?? '' };
}

describe('messages with blocks Slack refuses', () => {
  it('chat.postMessage answers invalid_blocks with the problems as errors and [ERROR] messages', async () => {
    const { fake, client } = await start();
    const answer = await failureOf(
      client.chat.postMessage({ channel: 'C0GENERAL', text: 'ROI', blocks: [MRKDWN_HEADER] }),
    );

    expect(answer).toMatchObject({
      ok: false,
      error: 'invalid_blocks',
      errors: [HEADER_PROBLEM],
      response_metadata: { messages: [`[ERROR] ${HEADER_PROBLEM}`] },
    });
    expect(fake.messages).toEqual([]);
  });

  it('chat.update refuses them too and leaves the message as it was', async () => {
    const { fake, client } = await start();
    const posted = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'ROI', blocks: GOOD });
    const answer = await failureOf(
      client.chat.update({ channel: 'C0GENERAL', ts: String(posted.ts), text: 'ROI', blocks: [MRKDWN_HEADER] }),
    );

    expect(answer.error).toBe('invalid_blocks');
    expect(fake.messages[0]).toMatchObject({ blocks: GOOD, edits: 0 });
  });

  it('files.completeUploadExternal refuses the blocks of a share and shares nothing', async () => {
    const { fake, client } = await start();
    const { upload_url: uploadUrl, file_id: fileId } = await client.files.getUploadURLExternal({
      filename: 'roi.csv',
      length: 3,
    });
    await fetch(String(uploadUrl), { method: 'POST', body: 'a,b' });
    const answer = await failureOf(
      client.files.completeUploadExternal({
        files: [{ id: String(fileId), title: 'ROI' }],
        channel_id: 'C0GENERAL',
        blocks: [MRKDWN_HEADER],
      }),
    );

    expect(answer.error).toBe('invalid_blocks');
    expect(fake.messages).toEqual([]);
  });

  it('a response_url answers 400 invalid_blocks and the reply is not shown', async () => {
    const { fake } = await start();
    const { responseUrl } = liveInteraction(fake);
    const post = (blocks: unknown[]) =>
      fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'ROI', blocks }),
      });

    const refused = await post([MRKDWN_HEADER]);
    expect([refused.status, await refused.text()]).toEqual([400, 'invalid_blocks']);
    expect(fake.messages).toEqual([]);
    expect((await post(GOOD)).status).toBe(200);
    expect(fake.messages).toHaveLength(1);
  });
});

describe('views Slack refuses', () => {
  const BAD_MODAL = {
    type: 'modal',
    title: { type: 'plain_text', text: 'Log a lead for the spring expo' },
    blocks: [],
  };

  it('views.open answers invalid_arguments pointing into the view and opens nothing', async () => {
    const { fake, client } = await start();
    const { triggerId } = liveInteraction(fake);
    const answer = await failureOf(client.views.open({ trigger_id: triggerId, view: BAD_MODAL as never }));

    expect(answer).toMatchObject({
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] },
    });
    expect(fake.views).toEqual([]);
  });

  it('views.publish checks a Home tab by the same rules and keeps the last good one', async () => {
    const { fake, client } = await start();
    await client.views.publish({ user_id: 'U0REP1', view: { type: 'home', blocks: GOOD as never } });
    const answer = await failureOf(
      client.views.publish({ user_id: 'U0REP1', view: { type: 'home', blocks: [MRKDWN_HEADER] as never } }),
    );

    expect(answer.response_metadata).toMatchObject({
      messages: [
        '[ERROR] must be plain_text: this field does not accept mrkdwn [json-pointer:/view/blocks/0/text/type]',
      ],
    });
    expect(fake.homeViews.get('U0REP1')).toMatchObject({ view: { type: 'home', blocks: GOOD }, publishes: 1 });
  });
});
