// The Home tab's buttons. A Home tab has no response_url, so the read-only answers (/roi, /funnel, duplicates) go to
// the person as a direct message from the bot (its Messages tab), and the forms open as modals with the click's
// trigger_id, before any slow work (Slack allows 3 s). Managers' buttons refuse anyone else, changing nothing.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { monthKey, quarterContaining } from '../src/domain/periods.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildSpendModal, buildVisitsModal } from '../src/slack/views/home-modals.js';
import { HOME_ACTIONS } from '../src/slack/views/home-views.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { buildFunnelAnswerFromText } from './funnel-command.js';
import { runDuplicates } from './lead-duplicates.js';
import { buildSourceList, openLogLeadModal } from './log-lead-modal.js';
import { FAILURE_MESSAGE, runInTurns } from './respond.js';
import { buildRoiAnswerInSteps } from './roi-answers.js';
import { buildManagersOnlyReply, isManager } from './roi-manager.js';
import { openSettings } from './roi-settings.js';
import { openTargetPlan } from './target-plan.js';

type ActionArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

interface Click {
  client: WebClient;
  userId: string;
  triggerId: string;
}

async function sendDirectMessage(deps: AppDeps, client: WebClient, userId: string, reply: Reply): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, text: reply.text, blocks: reply.blocks });
  } catch (error) {
    deps.log.error('Could not DM the answer to a Home tab button', { userId, error });
  }
}

/** This quarter's ranking, first touch: what `/roi` with no text answers. */
async function answerRoi(deps: AppDeps): Promise<Reply> {
  const now = deps.clock();
  const period = quarterContaining(now, deps.settings.timeZone);
  const answer = await runInTurns(buildRoiAnswerInSteps(deps, { verb: 'ranking', period, model: 'first-touch' }));
  return answer.reply;
}

async function openModal(deps: AppDeps, click: Click, view: Parameters<WebClient['views']['open']>[0]['view']) {
  try {
    await click.client.views.open({ trigger_id: click.triggerId, view });
    return null;
  } catch (error) {
    deps.log.error('Could not open a modal from the Home tab', { userId: click.userId, error });
    return buildErrorReply('The form could not open (Slack allows 3 seconds); please click the button again.');
  }
}

/** The reply to DM, or null when the click opened a modal. */
async function runHomeAction(deps: AppDeps, actionId: string, click: Click): Promise<Reply | null> {
  const month = monthKey(deps.clock(), deps.settings.timeZone);
  switch (actionId) {
    case HOME_ACTIONS.logLead:
      await openLogLeadModal(deps, click.client, click.triggerId, { origin: {} });
      return null;
    case HOME_ACTIONS.roi:
      return answerRoi(deps);
    case HOME_ACTIONS.funnel:
      return (await buildFunnelAnswerFromText(deps, '')).reply;
    case HOME_ACTIONS.duplicates:
      return runDuplicates(deps);
    case HOME_ACTIONS.recordSpend:
      if (!isManager(deps, click.userId)) return buildManagersOnlyReply('record spend');
      return openModal(deps, click, buildSpendModal({ month }));
    case HOME_ACTIONS.recordVisits:
      if (!isManager(deps, click.userId)) return buildManagersOnlyReply('record visits');
      return openModal(deps, click, buildVisitsModal({ month, sources: buildSourceList(deps) }));
    case HOME_ACTIONS.settings:
      // The very opening of /roi settings: a non-manager gets its refusal, changing nothing.
      return openSettings(deps, click);
    case HOME_ACTIONS.setTargets:
      return openTargetPlan(deps, click, { verb: 'target-plan', year: Number(month.slice(0, 4)) });
    default:
      return buildErrorReply('That button is from an older version of the Home tab: open the tab again.');
  }
}

export function handleHomeAction(deps: AppDeps) {
  return async ({ ack, body, action, client }: ActionArgs): Promise<void> => {
    await ack();
    const click = { client, userId: body.user.id, triggerId: body.trigger_id };
    let reply: Reply | null;
    try {
      reply = await runHomeAction(deps, action.action_id, click);
    } catch (error) {
      deps.log.error('A Home tab button failed', { userId: click.userId, actionId: action.action_id, error });
      reply = buildErrorReply(FAILURE_MESSAGE);
    }
    if (reply !== null) await sendDirectMessage(deps, client, click.userId, reply);
  };
}
