// "Share in channel": the button under a `/roi` or `/funnel` answer, and the message it posts. The button carries
// the command it answers, so the shared copy is the same answer computed again, without the buttons.

import { z } from 'zod';
import { type ActionsBlock, actions, button, context, escapeSlackText, type KnownBlock } from '../blocks.js';
import { SLACK_LIMITS } from '../limits.js';
import type { Reply } from './reply.js';

export const SHARE_ACTION = 'share_in_channel' as const;

const shareRequestSchema = z.object({ command: z.enum(['/roi', '/funnel']), text: z.string().max(1900) });
export type ShareRequest = z.infer<typeof shareRequestSchema>;

export function encodeShareRequest(request: ShareRequest): string {
  return JSON.stringify(request);
}

/** The button value back as a request, or null when it is not one of ours. */
export function parseShareRequest(value: string | undefined): ShareRequest | null {
  if (value === undefined) return null;
  try {
    const parsed = shareRequestSchema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** No button when the command text is too long to carry (the answer still shows). */
export function buildShareActions(request: ShareRequest): ActionsBlock[] {
  const value = encodeShareRequest(request);
  if (value.length > SLACK_LIMITS.buttonValue || !shareRequestSchema.safeParse(request).success) return [];
  return [actions([button({ text: 'Share in channel', actionId: SHARE_ACTION, value })], 'share')];
}

/** The answer with its share button, as the asker sees it; the 50-block ceiling is kept for the button's sake. */
export function buildShareableReply(reply: Reply, request: ShareRequest): Reply {
  const share = buildShareActions(request);
  const room = SLACK_LIMITS.messageBlocks - share.length;
  return { text: reply.text, blocks: [...reply.blocks.slice(0, room), ...share] };
}

/** The copy posted to the channel: the same blocks, who shared them, and no buttons. */
export function buildSharedMessage(reply: Reply, userId: string): Reply {
  const content = reply.blocks.filter((block) => block.type !== 'actions');
  const mention = /^[UW][A-Z0-9]+$/.test(userId) ? `<@${userId}>` : escapeSlackText(userId);
  const by: KnownBlock = context([`Shared by ${mention}`]);
  return { text: reply.text, blocks: [...content.slice(0, SLACK_LIMITS.messageBlocks - 1), by] };
}
