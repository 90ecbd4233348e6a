// A "More" button under the Monday digest: anyone may click, and gets the detail of that topic for the digest's own
// windows (recomputed from its asOf) as a reply only they see. The digest itself stays short.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildDigestDetailReply, STALE_MORE_BUTTON } from '../digests/detail-views.js';
import { parseDigestMoreRequest } from '../digests/more-details.js';
import { computeDigestDetail } from '../src/domain/digest-detail.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildErrorReply } from '../src/slack/views/reply.js';
import { runAndReply } from './respond.js';

export function handleDigestMore(deps: AppDeps) {
  return async ({ ack, action, body, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const value = action.type === 'button' ? action.value : undefined;
    await runAndReply(deps, respond, { what: 'digest_more', userId: body.user.id }, () => {
      const request = parseDigestMoreRequest(action.action_id, value, deps.settings.timeZone);
      if (request === null) return buildErrorReply(STALE_MORE_BUTTON);
      const detail = computeDigestDetail(deps.services.leads.dataset(), request.asOf, deps.settings, request.topic);
      return buildDigestDetailReply(detail, deps.settings);
    });
  };
}
