// A click on the question about an inquiry ("where did they say they heard of us?"): a source button or the menu.
// What the caller said becomes the lead's Source, the tracked source stays beside it, and the question is replaced
// by the answer so nobody answers it twice.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { resolveSource } from '../src/domain/catalog.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildPromptAnswered, parsePromptAnswer } from '../src/slack/views/inquiry-prompt.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { isStoreError } from '../src/store/index.js';
import { buildActor } from './format.js';
import { runAndReply } from './respond.js';

function readAnswerValue(action: BlockAction['actions'][number]): string | undefined {
  if (action.type === 'button') return action.value;
  if (action.type === 'static_select') return action.selected_option?.value;
  return undefined;
}

function recordAnswer(deps: AppDeps, value: string | undefined, actor: ReturnType<typeof buildActor>): Reply {
  const answer = parsePromptAnswer(value);
  // The value is input like any other: only a source of the catalog or the team's own is taken.
  const source = answer === null ? null : resolveSource(answer.source, deps.services.leads.customSources());
  if (answer === null || source?.kind !== 'exact')
    return buildErrorReply('That answer could not be read; nothing was changed.');
  try {
    const lead = deps.services.leads.recordSaidSource(answer.leadId, source.slug, { actor });
    return buildPromptAnswered(lead, actor.name);
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return buildErrorReply(`Nothing was recorded: ${error.message}.`);
  }
}

export function handlePromptAnswer(deps: AppDeps) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const actor = buildActor(body.user.id, body.user.name ?? body.user.username);
    await runAndReply(
      deps,
      respond,
      { what: 'prompt_answer', userId: actor.id },
      () => recordAnswer(deps, readAnswerValue(action), actor),
      { replaceOriginal: true },
    );
  };
}
