// "Show the funnel" under a leak alert: the `/funnel last-90d` answer (the same 90 days and mature-lead rule the
// alert judged), to whoever clicked, as a reply only they see.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { LEAK_ALERT_FUNNEL_PERIOD } from '../digests/alert-messages.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildFunnelAnswerFromText } from './funnel-command.js';
import { runAndReply } from './respond.js';

export function handleLeakAlertFunnel(deps: AppDeps) {
  return async ({ ack, body, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    await runAndReply(
      deps,
      respond,
      { what: 'leak_alert_funnel', userId: body.user.id },
      async () => (await buildFunnelAnswerFromText(deps, LEAK_ALERT_FUNNEL_PERIOD)).reply,
    );
  };
}
