// `/lead`: ack at once, parse, act, reply. The changes themselves live in lead-apply.ts, shared with the buttons.

import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../src/slack/deps.js';
import { buildLeadHelp } from '../src/slack/views/help-views.js';
import { buildFindResults, buildUndoRefusedReply, buildUndoReply } from '../src/slack/views/lead-views.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { ChangedSinceError, isStoreError } from '../src/store/index.js';
import { buildActor, buildLeadFormat } from './format.js';
import { type LeadCommand, parseLeadCommand } from './grammar/lead-grammar.js';
import { runLeadChange } from './lead-apply.js';
import { runDuplicates } from './lead-duplicates.js';
import { openLogLeadModal } from './log-lead-modal.js';
import { runAndReply, runInTurns } from './respond.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

function runUndo(deps: AppDeps, userId: string): Reply {
  try {
    const undone = deps.services.leads.undoLast(userId);
    return buildUndoReply(undone.description, undone.lead, buildLeadFormat(deps));
  } catch (error) {
    if (error instanceof ChangedSinceError) return buildUndoRefusedReply(error.subject, error.actorIds);
    if (!isStoreError(error)) throw error;
    return buildErrorReply(`Could not undo: ${error.message}.`);
  }
}

async function runLeadCommand(deps: AppDeps, args: CommandArgs, parsed: LeadCommand): Promise<Reply | null> {
  const { command, client } = args;
  const origin = { channelId: command.channel_id };
  switch (parsed.verb) {
    case 'modal':
      await openLogLeadModal(deps, client, command.trigger_id, { origin });
      return null;
    case 'help':
      return buildLeadHelp();
    case 'find': {
      const found = await runInTurns(deps.services.leads.findLeadsInSteps(parsed.text, 10));
      return buildFindResults(
        parsed.text,
        found.map((match) => match.lead),
        buildLeadFormat(deps),
      );
    }
    case 'undo':
      return runUndo(deps, command.user_id);
    case 'duplicates':
      return runDuplicates(deps);
    default: {
      const actor = buildActor(command.user_id, command.user_name);
      const outcome = runLeadChange(deps, actor, { change: parsed, choice: {} });
      if (outcome.kind === 'reply') return outcome.reply;
      await openLogLeadModal(deps, client, command.trigger_id, { origin, source: outcome.source });
      return null;
    }
  }
}

export function handleLeadCommand(deps: AppDeps) {
  return async (args: CommandArgs): Promise<void> => {
    await args.ack();
    const { command, respond } = args;
    await runAndReply(deps, respond, { what: '/lead', userId: command.user_id }, () => {
      const parsed = parseLeadCommand(command.text, { now: deps.clock(), timeZone: deps.settings.timeZone });
      return parsed.ok ? runLeadCommand(deps, args, parsed.value) : buildErrorReply(parsed.error);
    });
  };
}
