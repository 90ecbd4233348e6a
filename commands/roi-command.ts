// `/roi`: ack at once, parse, answer. Read-only answers carry a "Share in channel" button; spend, targets and the
// digest go through roi-manager.ts.

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../src/slack/deps.js';
import { buildRoiHelp } from '../src/slack/views/help-views.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { buildShareableReply } from '../src/slack/views/share.js';
import { buildActor } from './format.js';
import { parseRoiCommand, type RoiCommand } from './grammar/roi-grammar.js';
import { runAndReply, runInTurns } from './respond.js';
import { buildRoiAnswerInSteps, isRoiReadCommand } from './roi-answers.js';
import { runDigestCommand, runRecordCost, runRecordTarget } from './roi-manager.js';
import { runListNumbers, runRecordNumber, runSourcesReport } from './roi-numbers.js';
import { answerRunway } from './roi-runway.js';
import { openSettings } from './roi-settings.js';
import { runRecordVisits } from './roi-visits.js';
import { openTargetPlan } from './target-plan.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** The reply to send, or null when the command answered itself (a modal opened, the runway with its chart). */
async function runRoiCommand(deps: AppDeps, args: CommandArgs, parsed: RoiCommand): Promise<Reply | null> {
  const { command } = args;
  const actor = buildActor(command.user_id, command.user_name);
  if (isRoiReadCommand(parsed)) {
    const answer = await runInTurns(buildRoiAnswerInSteps(deps, parsed));
    return answer.shareable ? buildShareableReply(answer.reply, { command: '/roi', text: command.text }) : answer.reply;
  }
  switch (parsed.verb) {
    case 'help':
      return buildRoiHelp();
    case 'cost':
      return runRecordCost(deps, actor, parsed);
    case 'target':
      return runRecordTarget(deps, actor, parsed);
    case 'target-plan':
      return openTargetPlan(deps, { client: args.client, triggerId: command.trigger_id, userId: actor.id }, parsed);
    case 'visits':
      return runRecordVisits(deps, actor, parsed);
    case 'runway':
      return answerRunway(deps, args, parsed);
    case 'digest':
      return runDigestCommand(deps, actor.id, parsed);
    case 'number':
      return runRecordNumber(deps, actor, parsed);
    case 'numbers':
      return runListNumbers(deps);
    case 'sources':
      return runSourcesReport(deps, parsed);
    case 'settings':
      return openSettings(deps, { client: args.client, triggerId: command.trigger_id, userId: actor.id });
  }
}

export function handleRoiCommand(deps: AppDeps) {
  return async (args: CommandArgs): Promise<void> => {
    await args.ack();
    const { command, respond } = args;
    await runAndReply(deps, respond, { what: '/roi', userId: command.user_id }, () => {
      const parsed = parseRoiCommand(command.text, { now: deps.clock(), timeZone: deps.settings.timeZone });
      return parsed.ok ? runRoiCommand(deps, args, parsed.value) : buildErrorReply(parsed.error);
    });
  };
}
