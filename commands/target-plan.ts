// `/roi target plan [YYYY]` opens the "Plan the year" modal (managers only); its submission is checked line by line
// (a bad line keeps the modal open with the reason under it) and saved in one transaction, then confirmed by DM.

import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Actor, Target } from '../src/domain/types.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildErrorReply, buildNoticeReply, type Reply } from '../src/slack/views/reply.js';
import { buildPlanBlockId, buildTargetPlanModal } from '../src/slack/views/target-plan-modal.js';
import { isStoreError, type NewTarget } from '../src/store/index.js';
import { buildActor } from './format.js';
import type { RoiCommand } from './grammar/roi-grammar.js';
import { parseTargetPlanValues } from './grammar/target-plan-values.js';
import { FAILURE_MESSAGE } from './respond.js';
import { buildManagersOnlyReply, isManager } from './roi-manager.js';

type TargetPlanCommand = Extract<RoiCommand, { verb: 'target-plan' }>;

const metadataSchema = z.object({ year: z.number().int().min(2000).max(2100) });

/** Opens the modal; null when it opened (the modal is the answer), else a reply saying why not. */
export async function openTargetPlan(
  deps: AppDeps,
  io: { client: WebClient; triggerId: string; userId: string },
  command: TargetPlanCommand,
): Promise<Reply | null> {
  if (!isManager(deps, io.userId)) return buildManagersOnlyReply('record targets');
  const view = buildTargetPlanModal({
    year: command.year,
    targets: deps.services.plans.listTargets(),
    privateMetadata: JSON.stringify({ year: command.year }),
  });
  try {
    await io.client.views.open({ trigger_id: io.triggerId, view });
    return null;
  } catch (error) {
    deps.log.error('Could not open the Plan the year modal', { userId: io.userId, error });
    return buildErrorReply('The plan form could not open (Slack allows 3 seconds); please run the command again.');
  }
}

function readYear(metadata: string): number | null {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(metadata));
    return parsed.success ? parsed.data.year : null;
  } catch {
    return null;
  }
}

const sameValues = (a: Target | undefined, b: Target) => a !== undefined && a.count === b.count && a.rate === b.rate;

function savePlan(deps: AppDeps, targets: readonly NewTarget[], actor: Actor, year: number): Reply {
  const { plans } = deps.services;
  const before = new Map(plans.listTargets().map((target) => [`${target.month}|${target.stage}`, target]));
  try {
    const saved = plans.recordMany(() => targets.map((target) => plans.recordTarget(target, { actor })));
    const changed = saved.filter((target) => !sameValues(before.get(`${target.month}|${target.stage}`), target));
    return buildNoticeReply(
      `Saved the plan for ${year}: ${changed.length} monthly target${changed.length === 1 ? '' : 's'} changed, ` +
        `${saved.length - changed.length} already as planned. /roi runway ${year} shows it against what happens.`,
    );
  } catch (error) {
    if (!isStoreError(error)) throw error;
    return buildErrorReply(`The plan was not saved: ${error.message}.`);
  }
}

async function sendDirectMessage(deps: AppDeps, client: WebClient, userId: string, reply: Reply): Promise<void> {
  try {
    await client.chat.postMessage({ channel: userId, text: reply.text, blocks: reply.blocks });
  } catch (error) {
    deps.log.error('Could not DM the plan confirmation', { userId, error });
  }
}

export function handleTargetPlanSubmission(deps: AppDeps) {
  return async ({ ack, body, view, client }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs) => {
    const userId = body.user.id;
    const year = readYear(view.private_metadata);
    const first = buildPlanBlockId('count', 'visits');
    if (year === null)
      return ack({
        response_action: 'errors',
        errors: { [first]: 'This form is out of date: run /roi target plan again.' },
      });
    if (!isManager(deps, userId)) {
      return ack({
        response_action: 'errors',
        errors: { [first]: 'Only managers can record targets; nothing was saved.' },
      });
    }
    const targets = parseTargetPlanValues(view.state.values, year);
    if (!targets.ok) return ack({ response_action: 'errors', errors: targets.errors });
    await ack();
    let reply: Reply;
    try {
      reply = savePlan(deps, targets.targets, buildActor(userId, body.user.name), year);
    } catch (error) {
      deps.log.error('Saving the Plan the year modal failed', { userId, error });
      reply = buildErrorReply(FAILURE_MESSAGE);
    }
    await sendDirectMessage(deps, client, userId, reply);
  };
}
