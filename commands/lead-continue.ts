// The buttons under `/lead` replies (pick a lead, pick or add a source, make it primary, move the stage): each
// carries the pending change, which runs now with the choice the click made.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../src/slack/deps.js';
import { buildErrorReply } from '../src/slack/views/reply.js';
import { buildActor } from './format.js';
import { runLeadChange } from './lead-apply.js';
import { openLogLeadModal } from './log-lead-modal.js';
import { parsePendingChange } from './pending.js';
import { runAndReply } from './respond.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

const STALE_BUTTON = 'That button no longer works (it may come from an older message). Please run the command again.';

export function handleLeadContinue(deps: AppDeps) {
  return async ({ ack, action, body, respond, client }: ActionArgs): Promise<void> => {
    await ack();
    const userId = body.user.id;
    const value = action.type === 'button' ? action.value : undefined;
    await runAndReply(
      deps,
      respond,
      { what: 'lead_continue', userId },
      async () => {
        const pending = parsePendingChange(value);
        if (pending === null) return buildErrorReply(STALE_BUTTON);
        const outcome = runLeadChange(deps, buildActor(userId, body.user.name ?? body.user.username), pending);
        if (outcome.kind === 'reply') return outcome.reply;
        const origin = body.channel?.id === undefined ? {} : { channelId: body.channel.id };
        await openLogLeadModal(deps, client, body.trigger_id, { origin, source: outcome.source });
        return null;
      },
      { replaceOriginal: true },
    );
  };
}
