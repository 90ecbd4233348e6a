// "Share in channel" under a `/roi` or `/funnel` answer: the same answer, computed again from the command it
// carries, posted for the channel to see — without the buttons, with who shared it.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../src/slack/deps.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { buildSharedMessage, parseShareRequest, type ShareRequest } from '../src/slack/views/share.js';
import { buildFunnelAnswerFromText } from './funnel-command.js';
import { parseRoiCommand } from './grammar/roi-grammar.js';
import { enterCommand, runAndReply, runInTurns, sendReply, takeTurn } from './respond.js';
import { buildRoiAnswerInSteps, isRoiReadCommand } from './roi-answers.js';

const NOT_SHAREABLE = 'That answer can no longer be shared. Please run the command again.';

/** The answer again, computed on turns of its own after the ack, as the command's answers are (see respond.ts). */
async function buildSharedAnswer(deps: AppDeps, request: ShareRequest): Promise<Reply | null> {
  await takeTurn();
  if (request.command === '/funnel') {
    const answer = await buildFunnelAnswerFromText(deps, request.text);
    return answer.shareable ? answer.reply : null;
  }
  const parsed = parseRoiCommand(request.text, { now: deps.clock(), timeZone: deps.settings.timeZone });
  if (!parsed.ok || !isRoiReadCommand(parsed.value)) return null;
  const answer = await runInTurns(buildRoiAnswerInSteps(deps, parsed.value));
  return answer.shareable ? answer.reply : null;
}

export function handleShareAction(deps: AppDeps) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const userId = body.user.id;
    const leave = await enterCommand(deps, respond, { what: 'share', userId });
    if (leave === null) return;
    const request = parseShareRequest(action.type === 'button' ? action.value : undefined);
    let answer: Reply | null;
    try {
      answer = request === null ? null : await buildSharedAnswer(deps, request);
    } finally {
      leave();
    }
    if (answer === null) {
      await runAndReply(deps, respond, { what: 'share', userId }, () => buildErrorReply(NOT_SHAREABLE));
      return;
    }
    try {
      await sendReply(respond, buildSharedMessage(answer, userId), { inChannel: true });
    } catch (error) {
      deps.log.error('Sharing into the channel failed', { userId, error });
      await runAndReply(deps, respond, { what: 'share', userId }, () =>
        buildErrorReply('I could not post that in the channel. Is the app a member of it?'),
      );
    }
  };
}
