// The fake's bot token holds the scopes manifest.yml asks for, and a method called without its scope answers
// missing_scope as Slack does: which scope was needed, which the token has.

import { readFileSync } from 'node:fs';
import { WebAPIPlatformError, WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildSilentSlackLogger, type FakeSlack, type FakeSlackOptions, startFakeSlack } from './index.js';

let fake: FakeSlack | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: Partial<FakeSlackOptions> = {}) {
  fake = await startFakeSlack(options);
  const client = new WebClient(fake.options.botToken, {
    slackApiUrl: fake.apiUrl,
    retryConfig: { retries: 0 },
    logger: buildSilentSlackLogger(),
  });
  return { fake, client };
}

async function failureOf(call: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) return { ...error.data };
    throw error;
  }
  throw new Error('expected the call to fail');
}

const manifestScopes: string[] = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8'))
  .oauth_config.scopes.bot;

describe('scopes', () => {
  it('gives the bot token exactly the scopes manifest.yml asks for, and says so in x-oauth-scopes', async () => {
    const { fake, client } = await start();
    const answer = await client.auth.test();

    expect(fake.options.botScopes).toEqual(manifestScopes);
    expect(answer.response_metadata?.scopes).toEqual(manifestScopes);
  });

  it('answers missing_scope, naming the scope needed and those held, for each method without its scope', async () => {
    const { client } = await start({ botScopes: ['commands'] });
    const calls: [string, Promise<unknown>][] = [
      ['chat:write', client.chat.postMessage({ channel: 'C0GENERAL', text: 'Weekly ROI' })],
      ['chat:write', client.chat.update({ channel: 'C0GENERAL', ts: '1.1', text: 'x' })],
      ['files:write', client.files.getUploadURLExternal({ filename: 'roi.png', length: 3 })],
      ['channels:join', client.conversations.join({ channel: 'C0MKT' })],
      ['users:read', client.users.info({ user: 'U0REP1' })],
    ];
    for (const [needed, call] of calls) {
      expect(await failureOf(call)).toMatchObject({ ok: false, error: 'missing_scope', needed, provided: 'commands' });
    }
  });

  it('needs the read scope of the conversation asked about', async () => {
    const { client } = await start({
      botScopes: ['channels:read'],
      channels: [
        { id: 'C0PUBLIC', name: 'general', public: true, botIsMember: true, members: [] },
        { id: 'G0PRIVATE', name: 'leadership', public: false, botIsMember: true, members: [] },
      ],
    });

    await expect(client.conversations.info({ channel: 'C0PUBLIC' })).resolves.toMatchObject({ ok: true });
    expect(await failureOf(client.conversations.info({ channel: 'G0PRIVATE' }))).toMatchObject({
      error: 'missing_scope',
      needed: 'groups:read',
    });
  });

  it('refuses files.info with the manifest’s scopes: the app asks for no files:read, so it must not call it', async () => {
    const { client } = await start();
    expect((await failureOf(client.files.info({ file: 'F0CHART' }))).error).toBe('missing_scope');
  });

  it('lets chat:write.public post into a public channel the bot is not in, but not share a file there', async () => {
    const { fake, client } = await start();
    await expect(client.chat.postMessage({ channel: 'C0MKT', text: 'Weekly ROI' })).resolves.toMatchObject({
      ok: true,
    });

    const { upload_url: uploadUrl, file_id: fileId } = await client.files.getUploadURLExternal({
      filename: 'roi.csv',
      length: 3,
    });
    await fetch(String(uploadUrl), { method: 'POST', body: 'a,b' });
    const share = client.files.completeUploadExternal({ files: [{ id: String(fileId) }], channel_id: 'C0MKT' });
    expect((await failureOf(share)).error).toBe('not_in_channel');
    expect(fake.messages.map((message) => message.kind)).toEqual(['chat.postMessage']);
  });
});
