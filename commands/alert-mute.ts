// "Mute for a month" under a leak alert: managers only (anyone else gets a refusal only they see, and nothing
// changes). The transition's alerts are held back until the same time a month later in DIGEST_TZ, the mute is
// recorded with who clicked, and the alert is updated to say so.

import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { buildMutedAlert, parseMuteRequest } from '../digests/alert-messages.js';
import { readSlackError } from '../digests/channel-access.js';
import { buildTransitionName } from '../src/charts/fallback.js';
import { computeNextStage } from '../src/domain/funnel.js';
import { computeMuteEnd } from '../src/domain/leak-alerts.js';
import { formatLocalDate } from '../src/domain/local-time.js';
import type { AppDeps } from '../src/slack/deps.js';
import { buildErrorReply, buildNoticeReply, type Reply } from '../src/slack/views/reply.js';
import { runAndReply } from './respond.js';
import { buildManagersOnlyReply, isManager } from './roi-manager.js';

interface MuteClick {
  userId: string;
  userName: string;
  value: string | undefined;
  /** The message the button sat on, as the click names it. */
  channelId: string | undefined;
  ts: string | undefined;
}

async function runMute(deps: AppDeps, client: WebClient, click: MuteClick): Promise<Reply | null> {
  if (!isManager(deps, click.userId)) return buildManagersOnlyReply('mute leak alerts');
  const transition = parseMuteRequest(click.value);
  const channel = deps.config.digest.channel;
  if (transition === null || channel === undefined) {
    return buildErrorReply('That button no longer works, so nothing was muted.');
  }
  const now = deps.clock();
  const until = computeMuteEnd(now, deps.settings.timeZone);
  deps.services.alerts.mute(channel, transition, { until, by: click.userId, at: now });
  deps.log.info('Leak alerts muted', { channel, transition, until: new Date(until).toISOString(), by: click.userId });
  const name = buildTransitionName(transition, computeNextStage(transition));
  const done = `Muted leak alerts for ${name} until ${formatLocalDate(until, deps.settings.timeZone)}.`;
  const post = click.channelId && click.ts ? deps.services.alerts.findPost(click.channelId, click.ts) : null;
  if (post === null) return buildNoticeReply(done);
  const muted = buildMutedAlert(
    post.blocks,
    { transition, userId: click.userId, userName: click.userName, until },
    deps.settings,
  );
  try {
    await client.chat.update({ channel: post.channelId, ts: post.ts, text: muted.text, blocks: muted.blocks });
    return null;
  } catch (error) {
    deps.log.warn('The muted alert could not be updated', { ts: post.ts, slackError: readSlackError(error) });
    return buildNoticeReply(`${done} The alert message itself could not be updated.`);
  }
}

export function handleLeakAlertMute(deps: AppDeps) {
  return async ({ ack, action, body, client, respond }: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs) => {
    await ack();
    const click: MuteClick = {
      userId: body.user.id,
      userName: body.user.name ?? body.user.id,
      value: action.type === 'button' ? action.value : undefined,
      channelId: body.channel?.id ?? body.container?.channel_id,
      ts: body.container?.message_ts ?? body.message?.ts,
    };
    await runAndReply(deps, respond, { what: 'leak_alert_mute', userId: click.userId }, () =>
      runMute(deps, client, click),
    );
  };
}
