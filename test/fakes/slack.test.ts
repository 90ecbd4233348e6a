// The fake Slack is only worth something if the official SDKs accept it as Slack: every test here drives it with
// the real WebClient, SocketModeClient or a Bolt App, and checks what a user of the app would notice.

import { WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSilentSlackLogger, type FakeSlack, type FakeSlackOptions, startFakeSlack } from './slack/index.js';

let fake: FakeSlack | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function startWithClient(options: Partial<FakeSlackOptions> = {}, rejectRateLimitedCalls = false) {
  fake = await startFakeSlack(options);
  const client = new WebClient(fake.options.botToken, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls,
    logger: buildSilentSlackLogger(),
  });
  return { fake, client };
}

/** The Slack error code a WebClient call failed with. */
async function slackErrorOf(call: Promise<unknown>): Promise<{ error: string; messages?: string[] }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) {
      return { error: error.data.error, messages: error.data.response_metadata?.messages };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const SECTION = { type: 'section', text: { type: 'mrkdwn', text: '*Pipeline* is up 12%' } };

describe('chat.postMessage', () => {
  it('posts into a channel the bot is in and records what the channel shows', async () => {
    const { fake, client } = await startWithClient();
    const result = await client.chat.postMessage({ channel: 'C0GENERAL', text: 'Weekly ROI', blocks: [SECTION] });

    expect(result.ok).toBe(true);
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({ kind: 'chat.postMessage', channel: 'C0GENERAL', text: 'Weekly ROI' });
    expect(fake.messages[0]?.blocks).toEqual([SECTION]);
    expect(fake.messages[0]?.ts).toBe(result.ts);
    expect(fake.calls.map((call) => [call.method, call.token])).toEqual([['chat.postMessage', 'xoxb-test']]);
  });

  it('refuses channels the bot has not joined unless it holds chat:write.public', async () => {
    const { fake, client } = await startWithClient({ botScopes: ['chat:write'] });
    expect((await slackErrorOf(client.chat.postMessage({ channel: 'C0MKT', text: 'hi' }))).error).toBe(
      'not_in_channel',
    );
    expect((await slackErrorOf(client.chat.postMessage({ channel: 'C0PRIVATE', text: 'hi' }))).error).toBe(
      'channel_not_found',
    );
    await fake.close();

    const withPublic = await startWithClient({ botScopes: ['chat:write', 'chat:write.public'] });
    await expect(withPublic.client.chat.postMessage({ channel: 'C0MKT', text: 'hi' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('rejects blocks that break Block Kit limits, and messages without text or blocks', async () => {
    const { fake, client } = await startWithClient();
    const header = { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } };

    const invalid = await slackErrorOf(client.chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks: [header] }));
    expect(invalid.error).toBe('invalid_blocks');
    expect(invalid.messages).toEqual(['[ERROR] must be less than 151 characters [json-pointer:/blocks/0/text/text]']);
    expect((await slackErrorOf(client.chat.postMessage({ channel: 'C0GENERAL', text: '' }))).error).toBe('no_text');
    expect(fake.messages).toHaveLength(0);
  });

  it('edits a posted message in place and shows ephemeral messages only to channel members', async () => {
    const { fake, client } = await startWithClient();
    const posted = await client.chat.postMessage({ channel: 'C0SALES', text: 'Deal logged' });
    await client.chat.update({ channel: 'C0SALES', ts: String(posted.ts), text: 'Deal logged: $12,000' });
    await client.chat.postEphemeral({ channel: 'C0SALES', user: 'U0REP2', text: 'Only you can see this' });

    expect(fake.messages.map((message) => [message.kind, message.text, message.edits])).toEqual([
      ['chat.postMessage', 'Deal logged: $12,000', 1],
      ['chat.postEphemeral', 'Only you can see this', 0],
    ]);
    expect(fake.messages[1]?.user).toBe('U0REP2');
    const ghost = client.chat.postEphemeral({ channel: 'C0SALES', user: 'U0NOBODY', text: 'x' });
    expect((await slackErrorOf(ghost)).error).toBe('user_not_found');
  });

  it('accepts JSON bodies with a Bearer token, as Slack does', async () => {
    const { fake } = await startWithClient();
    const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test', 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'U0MANAGER', text: 'Your weekly digest', blocks: [SECTION] }),
    });

    // A user id as channel means the bot's DM with that user.
    expect(await response.json()).toMatchObject({ ok: true, channel: 'D0MANAGER' });
    expect(fake.messages[0]).toMatchObject({ channel: 'D0MANAGER', blocks: [SECTION] });
  });

  it('answers 429 with Retry-After once a channel exceeds its burst, per channel', async () => {
    let now = 1_700_000_000_000;
    const { client } = await startWithClient({ clock: () => now }, true);
    // Burst 3 at 1/s: three posts spend the bucket; the fourth needs (1 - 0) / 1 = 1 s more.
    for (const n of [1, 2, 3]) await client.chat.postMessage({ channel: 'C0GENERAL', text: `post ${n}` });

    const limited = client.chat.postMessage({ channel: 'C0GENERAL', text: 'post 4' });
    await expect(limited).rejects.toBeInstanceOf(WebAPIRateLimitedError);
    await expect(limited).rejects.toMatchObject({ retryAfter: 1 });
    await expect(client.chat.postMessage({ channel: 'C0SALES', text: 'other channel' })).resolves.toBeTruthy();
    now += 1000;
    await expect(client.chat.postMessage({ channel: 'C0GENERAL', text: 'post 4 again' })).resolves.toBeTruthy();
  });

  it('fails the next call as told, then behaves again', async () => {
    const { fake, client } = await startWithClient({}, true);
    fake.failNext('chat.postMessage', 'fatal_error');
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });

    expect((await slackErrorOf(client.chat.postMessage({ channel: 'C0GENERAL', text: 'a' }))).error).toBe(
      'fatal_error',
    );
    await expect(client.chat.postMessage({ channel: 'C0GENERAL', text: 'b' })).rejects.toMatchObject({ retryAfter: 7 });
    await expect(client.chat.postMessage({ channel: 'C0GENERAL', text: 'c' })).resolves.toBeTruthy();
    expect(fake.messages.map((message) => message.text)).toEqual(['c']);
  });

  it('checks tokens: none, unknown, and an app token used for a bot method', async () => {
    const { fake } = await startWithClient();
    const call = (token?: string) =>
      new WebClient(token, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logger: buildSilentSlackLogger() });
    expect((await slackErrorOf(call().auth.test())).error).toBe('not_authed');
    expect((await slackErrorOf(call('xoxb-wrong').auth.test())).error).toBe('invalid_auth');
    expect((await slackErrorOf(call('xapp-test').auth.test())).error).toBe('not_allowed_token_type');
    await expect(call('xoxb-test').auth.test()).resolves.toMatchObject({ user_id: 'U0BOT', team_id: 'T0001' });
  });
});

describe('files.uploadV2', () => {
  const CHART = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, 254, 255]);

  it('stores the exact bytes and shares the file into the channel with its comment', async () => {
    const { fake, client } = await startWithClient();
    await client.files.uploadV2({
      channel_id: 'C0GENERAL',
      file: CHART,
      filename: 'funnel.png',
      title: 'Funnel, March',
      initial_comment: 'Where the funnel leaks',
    });

    expect(fake.files).toHaveLength(1);
    const [file] = fake.files;
    expect(file).toMatchObject({
      filename: 'funnel.png',
      title: 'Funnel, March',
      channel: 'C0GENERAL',
      completed: true,
    });
    expect(file?.bytes.equals(CHART)).toBe(true);
    expect(fake.messages).toMatchObject([{ kind: 'file_share', text: 'Where the funnel leaks', files: [file?.id] }]);
  });

  it('rejects an image block until Slack has processed the file', async () => {
    let now = 1_700_000_000_000;
    const { fake, client } = await startWithClient({ clock: () => now, fileProcessingMs: 2000 });
    await client.files.uploadV2({ file: CHART, filename: 'roi.png', title: 'ROI' });
    const image = { type: 'image', slack_file: { id: fake.files[0]?.id }, alt_text: 'ROI by source' };

    const early = await slackErrorOf(client.chat.postMessage({ channel: 'C0GENERAL', text: 'ROI', blocks: [image] }));
    expect(early.error).toBe('invalid_blocks');
    now += 2000;
    await expect(client.chat.postMessage({ channel: 'C0GENERAL', text: 'ROI', blocks: [image] })).resolves.toBeTruthy();
  });

  it('answers 400 when the uploaded byte count differs from the announced length', async () => {
    const { client } = await startWithClient();
    const { upload_url: uploadUrl } = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 10 });
    const response = await fetch(String(uploadUrl), { method: 'POST', body: 'only 9 b.' });
    expect(response.status).toBe(400);
  });
});

describe('workspace lookups', () => {
  it('pages users.list with an opaque cursor', async () => {
    const { client } = await startWithClient({ botScopes: ['users:read'] });
    const first = await client.users.list({ limit: 2 });
    const second = await client.users.list({ limit: 2, cursor: first.response_metadata?.next_cursor });

    expect(first.members?.map((user) => user.id)).toEqual(['U0MANAGER', 'U0REP1']);
    expect(second.members?.map((user) => user.id)).toEqual(['U0REP2']);
    expect(second.response_metadata?.next_cursor).toBe('');
    await expect(client.users.info({ user: 'U0REP2' })).resolves.toMatchObject({ user: { tz: 'Asia/Tokyo' } });
  });

  it('lets the bot join a public channel and then post there', async () => {
    const { client } = await startWithClient();
    await client.conversations.join({ channel: 'C0MKT' });
    await expect(client.chat.postMessage({ channel: 'C0MKT', text: 'joined' })).resolves.toBeTruthy();
    await expect(client.conversations.info({ channel: 'C0MKT' })).resolves.toMatchObject({
      channel: { is_member: true },
    });
  });
});
