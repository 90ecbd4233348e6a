// What every command answer is: a notification text (also what screen readers and old clients show) and blocks.

import { escapeSlackText, type KnownBlock, section, truncateMrkdwn } from '../blocks.js';
import type { SyncStatus } from '../deps.js';
import { SLACK_LIMITS } from '../limits.js';

export interface Reply {
  text: string;
  blocks: KnownBlock[];
}

/**
 * The fallback text of a message (the notification): plain words, escaped like any mrkdwn because Slack reads
 * `<!channel>` there too, and cut to Slack's ceiling.
 */
export function buildFallbackText(text: string): string {
  return truncateMrkdwn(escapeSlackText(text.trim() === '' ? ' ' : text), SLACK_LIMITS.messageText);
}

/** A problem a person can fix: what was wrong and the right form. `message` is plain text (escaped here). */
export function buildErrorReply(message: string): Reply {
  return { text: buildFallbackText(message), blocks: [section(`:warning: ${escapeSlackText(message)}`)] };
}

/** A short answer in one section. `message` is plain text (escaped here). */
export function buildNoticeReply(message: string): Reply {
  return { text: buildFallbackText(message), blocks: [section(escapeSlackText(message))] };
}

/** Where a change stands with Notion, for the line under a confirmation; nothing when there is no Notion. */
export function buildSyncNote(status: SyncStatus | null): string | null {
  switch (status) {
    case 'synced':
      return 'Saved · in Notion';
    case 'pending':
      return 'Saved · syncing to Notion';
    case 'failed':
      return 'Saved here · Notion refused it (you will get a DM with the reason)';
    default:
      return null;
  }
}
