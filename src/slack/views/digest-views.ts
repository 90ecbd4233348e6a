// Replies about the Monday digest: posted, still waiting for the first import, already posted (with a link to it and
// a button to post a corrected one), and the corrected digest posted.

import { z } from 'zod';
import { actions, button, escapeSlackText, type KnownBlock, section } from '../blocks.js';
import type { FirstImportStatus, PostedDigest } from '../deps.js';
import { SLACK_LIMITS } from '../limits.js';
import { buildFallbackText, type Reply } from './reply.js';

export const DIGEST_CORRECTION_ACTION = 'digest_post_correction' as const;

const correctionRequestSchema = z.object({
  periodKey: z.string().regex(/^\d{4}-W\d{2}$/),
  channel: z.string().min(1).max(200),
  asOf: z.number().int().nonnegative(),
});
export type CorrectionRequest = z.infer<typeof correctionRequestSchema>;

/** The button value back as a request, or null when it is not one of ours. */
export function parseCorrectionRequest(value: string | undefined): CorrectionRequest | null {
  if (value === undefined) return null;
  try {
    const parsed = correctionRequestSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `<#C123>` for a channel id (Slack shows its name), the configured name as typed otherwise. */
export function buildChannelMention(channel: string | undefined): string {
  if (channel === undefined) return 'the digest channel';
  return /^[CG][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : escapeSlackText(channel);
}

/** A Slack link to the message, or nothing when the permalink is not a plain https URL. */
function buildMessageLink(permalink: string | null, label: string): string | null {
  if (permalink === null || !/^https:\/\/[^\s<>|]+$/.test(permalink)) return null;
  return `<${permalink}|${label}>`;
}

/** "Posted the digest to #general" — a real channel link when the configured channel is an id, else its name. */
export function buildDigestPostedReply(channel: string | undefined): Reply {
  const where = buildChannelMention(channel);
  return { text: buildFallbackText('Posted the digest.'), blocks: [section(`Posted the digest to ${where}.`)] };
}

export function buildDigestImportingReply(status: FirstImportStatus): Reply {
  const leads = `${status.leads.toLocaleString('en-US')} lead${status.leads === 1 ? '' : 's'} so far`;
  const text =
    `The first import from Notion is still running (${leads}). The digest waits for it so that it shows all ` +
    'your data: please try again in a few minutes. Nothing was posted.';
  return { text: buildFallbackText(text), blocks: [section(`:hourglass_flowing_sand: ${escapeSlackText(text)}`)] };
}

export function buildDigestAlreadyPostedReply(posted: PostedDigest): Reply {
  const where = buildChannelMention(posted.channel);
  const link = buildMessageLink(posted.permalink, 'open it');
  const first = `The digest for ${posted.periodKey} is already in ${where}${link === null ? '.' : `: ${link}.`}`;
  const request: CorrectionRequest = { periodKey: posted.periodKey, channel: posted.channel, asOf: posted.asOf };
  const value = JSON.stringify(request);
  const blocks: KnownBlock[] = [
    section(first),
    section(
      'If its numbers were wrong (data that arrived late, a fix made since), post a corrected digest: it is ' +
        'computed again from what the store holds now and posted as new messages; the first one stays.',
    ),
  ];
  if (value.length <= SLACK_LIMITS.buttonValue) {
    blocks.push(actions([button({ text: 'Post a corrected digest', actionId: DIGEST_CORRECTION_ACTION, value })]));
  }
  return { text: buildFallbackText(`The digest for ${posted.periodKey} is already posted.`), blocks };
}

export function buildDigestCorrectedReply(periodKey: string, channel: string, permalink: string | null): Reply {
  const link = buildMessageLink(permalink, 'open it');
  const text = `Posted a corrected digest for ${periodKey} to ${buildChannelMention(channel)}`;
  return {
    text: buildFallbackText(`Posted a corrected digest for ${periodKey}.`),
    blocks: [section(link === null ? `${text}.` : `${text}: ${link}.`)],
  };
}
