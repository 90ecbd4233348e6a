// "Post a corrected digest", under the answer to a `/roi digest now` for a week already posted: managers only, the
// same week computed again from what the store holds now, posted as new messages; the ledger records the correction.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../src/slack/deps.js';
import {
  buildDigestCorrectedReply,
  buildDigestImportingReply,
  parseCorrectionRequest,
} from '../src/slack/views/digest-views.js';
import { buildErrorReply, type Reply } from '../src/slack/views/reply.js';
import { runAndReply } from './respond.js';
import { buildManagersOnlyReply, isManager } from './roi-manager.js';

async function runCorrection(deps: AppDeps, userId: string, value: string | undefined): Promise<Reply> {
  if (!isManager(deps, userId)) return buildManagersOnlyReply('post a corrected digest');
  const request = parseCorrectionRequest(value);
  if (request === null) return buildErrorReply('That button no longer works. Please run /roi digest now again.');
  if (deps.runDigest === undefined) {
    return buildErrorReply('The digest is not available right now; please try again in a minute.');
  }
  const { periodKey, channel, asOf } = request;
  const result = await deps.runDigest({ mode: 'correction', channel, userId, correction: { periodKey, asOf } });
  if (result.importing) return buildDigestImportingReply(result.importing);
  return result.posted
    ? buildDigestCorrectedReply(periodKey, channel, result.permalink ?? null)
    : buildErrorReply(`The corrected digest was not posted: ${result.reason ?? 'unknown reason'}.`);
}

export function handleDigestCorrection(deps: AppDeps) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const userId = body.user.id;
    const value = action.type === 'button' ? action.value : undefined;
    await runAndReply(deps, respond, { what: 'digest correction', userId }, () => runCorrection(deps, userId, value));
  };
}
