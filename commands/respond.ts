// The one way handlers answer after ack(): do the work, reply through the response_url, and turn any failure into a
// reply that says so (a person never meets silence) while the log gets the details.

import { setImmediate as nextTurnOfEventLoop } from 'node:timers/promises';
import type { RespondFn } from '@slack/bolt';
import type { AppDeps } from '../src/slack/deps.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';

export interface ReplyOptions {
  /** Replace the message the clicked button sat on (a question answered, a confirmation updated). */
  replaceOriginal?: boolean;
  inChannel?: boolean;
}

export interface WorkContext {
  /** What was being done, for the log: '/lead', 'lead_continue', … */
  what: string;
  userId: string;
}

export const FAILURE_MESSAGE =
  'Something went wrong on my side and I could not finish that. The details are logged; please try again in a moment.';

export async function sendReply(respond: RespondFn, reply: Reply, options: ReplyOptions = {}): Promise<void> {
  await respond({
    response_type: options.inChannel ? 'in_channel' : 'ephemeral',
    replace_original: options.replaceOriginal ?? false,
    text: reply.text,
    blocks: reply.blocks,
  });
}

/**
 * Runs `work` (which answers with a reply, or null when it answered another way, e.g. by opening a modal) and
 * sends the reply. Failures are logged with their context and answered with a short apology.
 */
export async function runAndReply(
  deps: AppDeps,
  respond: RespondFn,
  context: WorkContext,
  work: () => Promise<Reply | null> | Reply | null,
  options: ReplyOptions = {},
): Promise<void> {
  let reply: Reply | null;
  // The work is synchronous CPU (metrics over the whole store). Waiting one turn lets the ack leave and lets the
  // requests already waiting on the socket be read and acked first, so a burst of commands is acked in milliseconds
  // and only the answers queue behind the work.
  await nextTurnOfEventLoop();
  try {
    reply = await work();
  } catch (error) {
    deps.log.error('Command failed', { ...context, error });
    reply = buildErrorReply(FAILURE_MESSAGE);
  }
  if (reply === null) return;
  try {
    await sendReply(respond, reply, options);
  } catch (error) {
    deps.log.error('Reply to Slack failed', { ...context, error });
  }
}
