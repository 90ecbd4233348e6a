// What the digest does when Slack refuses the channel: a public channel the bot is not in is joined once; a channel
// it cannot see, or a private one, ends the run with a log line that tells the admin what to do.

import type { WebClient } from '@slack/web-api';
import type { Logger } from '../src/log.js';

/** A refusal no retry can fix; the run stops and gives its claim on the period back. */
export class DigestChannelError extends Error {
  constructor(
    readonly code: 'channel_not_found' | 'not_in_channel',
    message: string,
  ) {
    super(message);
    this.name = 'DigestChannelError';
  }
}

/** The `error` field of a Slack Web API error answer ('not_in_channel', 'invalid_blocks', …). */
export function readSlackError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('error' in data)) return undefined;
  return typeof data.error === 'string' ? data.error : undefined;
}

async function describeChannel(client: WebClient, channel: string): Promise<string> {
  try {
    const info = await client.conversations.info({ channel });
    return info.channel?.name === undefined ? channel : `#${info.channel.name} (${channel})`;
  } catch {
    return channel;
  }
}

export type ChannelCall = <T>(call: () => Promise<T>) => Promise<T>;

/** Wraps calls that post or share into `channel`, joining it at most once per run. */
export function buildChannelAccess(client: WebClient, channel: string, log: Logger): ChannelCall {
  let joined = false;
  const access: ChannelCall = async (call) => {
    try {
      return await call();
    } catch (error) {
      const code = readSlackError(error);
      if (code === 'channel_not_found') {
        const message = `Digest channel ${channel} not found: check DIGEST_CHANNEL (a private channel must invite @ROI Runway first)`;
        log.error(message, { channel });
        throw new DigestChannelError('channel_not_found', message);
      }
      if (code !== 'not_in_channel') throw error;
      if (!joined && (await tryJoin(client, channel, log))) {
        joined = true;
        return access(call);
      }
      const message = `Invite @ROI Runway to ${await describeChannel(client, channel)}: it cannot post the digest there`;
      log.error(message, { channel });
      throw new DigestChannelError('not_in_channel', message);
    }
  };
  return access;
}

async function tryJoin(client: WebClient, channel: string, log: Logger): Promise<boolean> {
  try {
    await client.conversations.join({ channel });
    log.info('Joined the digest channel', { channel });
    return true;
  } catch (error) {
    log.warn('Could not join the digest channel', { channel, slackError: readSlackError(error) ?? String(error) });
    return false;
  }
}
