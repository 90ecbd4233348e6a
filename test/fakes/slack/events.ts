// Playing Slack's Events API: an event callback delivered to the app over HTTP (a signed JSON body, as Slack sends
// events) or over Socket Mode (an `events_api` envelope). The app has 3 s to ack; what it does next is read from
// what the fake recorded (a published Home tab, messages).

import { randomUUID } from 'node:crypto';
import type { Ack, DeliveryTarget } from './interactions.js';
import { revokeIssued } from './oauth-state.js';
import { isRecord } from './request-body.js';
import { post, signRequest } from './signing.js';
import type { SocketHub } from './socket-mode.js';
import { type FakeSlackState, findUser, nextTs } from './state.js';

export interface AppHomeOpenedInput extends DeliveryTarget {
  userId: string;
  /** 'home' (default) or 'messages': Slack sends the event for either tab. */
  tab?: 'home' | 'messages';
}

/** Which installation an event is about: the fake's own workspace unless a test names another. */
export interface EventOrigin {
  teamId?: string;
  enterpriseId?: string;
  /** The app is installed org-wide in that Enterprise Grid organisation. */
  isEnterpriseInstall?: boolean;
}

export interface UninstallInput extends DeliveryTarget, EventOrigin {}

/** The envelope Slack wraps every event in, field for field. */
function buildEventCallback(
  state: FakeSlackState,
  event: Record<string, unknown>,
  origin: EventOrigin = {},
): Record<string, unknown> {
  const { appId, botUserId } = state.options;
  const teamId = origin.teamId ?? state.options.teamId;
  const enterpriseId = origin.enterpriseId ?? null;
  const isEnterpriseInstall = origin.isEnterpriseInstall === true;
  return {
    token: 'fake-verification-token',
    team_id: teamId,
    ...(enterpriseId === null ? {} : { enterprise_id: enterpriseId }),
    api_app_id: appId,
    event,
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: Math.floor(state.options.clock() / 1000),
    authorizations: [
      {
        enterprise_id: enterpriseId,
        team_id: isEnterpriseInstall ? null : teamId,
        user_id: botUserId,
        is_bot: true,
        is_enterprise_install: isEnterpriseInstall,
      },
    ],
    is_ext_shared_channel: false,
  };
}

/** The event Slack sends when a person opens the app: the Home tab they see now, if the app ever published one. */
function buildAppHomeOpened(state: FakeSlackState, input: AppHomeOpenedInput): Record<string, unknown> {
  const tab = input.tab ?? 'home';
  const home = state.homeViews.get(input.userId);
  return {
    type: 'app_home_opened',
    user: input.userId,
    channel: `D${input.userId.slice(1)}`,
    tab,
    event_ts: nextTs(state),
    ...(tab === 'home' && home !== undefined ? { view: home.view } : {}),
  };
}

function parseAckBody(text: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : {};
  } catch {
    return {};
  }
}

export function buildEventDeliveries(state: FakeSlackState, hub: SocketHub) {
  async function deliverEvent(
    event: Record<string, unknown>,
    target: DeliveryTarget,
    origin: EventOrigin = {},
  ): Promise<Ack> {
    const body = buildEventCallback(state, event, origin);
    const url = target.url ?? state.options.appUrl;
    const to = target.to ?? (url === undefined ? 'socket' : 'http');
    if (to === 'socket') {
      const answer = await hub.sendEnvelope('events_api', body);
      return { status: answer.acked ? 200 : 0, timedOut: !answer.acked, ackBody: answer.payload };
    }
    if (url === undefined) throw new Error('HTTP delivery needs the app URL: pass `url` or the `appUrl` option');
    const raw = JSON.stringify(body);
    // Slack signs with its own wall clock, like interactions; events come as JSON, not form-encoded.
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = {
      'content-type': 'application/json',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signRequest(raw, state.options.signingSecret, timestamp),
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    };
    const answer = await post(url, raw, headers, state.options.ackTimeoutMs);
    return { status: answer.status, timedOut: answer.timedOut, ackBody: parseAckBody(answer.body) };
  }

  /** A person opens the app in Slack. Unknown users are refused here, as Slack only sends events for members. */
  async function appHomeOpened(input: AppHomeOpenedInput): Promise<Ack> {
    if (findUser(state, input.userId) === undefined) throw new Error(`no user ${input.userId} in the fake workspace`);
    return deliverEvent(buildAppHomeOpened(state, input), input);
  }

  /** Someone removes the app: Slack revokes its tokens there at once, then tells the app. */
  async function appUninstalled(input: UninstallInput = {}): Promise<Ack> {
    revokeIssued(state.oauth, { teamId: input.teamId ?? state.options.teamId, enterpriseId: input.enterpriseId });
    return deliverEvent({ type: 'app_uninstalled', event_ts: nextTs(state) }, input, input);
  }

  /** An admin revokes the bot's token (or a user's): Slack sends which user ids' tokens went. */
  async function tokensRevoked(input: UninstallInput & { botUserIds?: string[]; userIds?: string[] } = {}) {
    const bot = input.botUserIds ?? [state.options.botUserId];
    if (bot.length > 0) {
      revokeIssued(state.oauth, { teamId: input.teamId ?? state.options.teamId, enterpriseId: input.enterpriseId });
    }
    const event = { type: 'tokens_revoked', tokens: { oauth: input.userIds ?? [], bot }, event_ts: nextTs(state) };
    return deliverEvent(event, input, input);
  }

  return { appHomeOpened, appUninstalled, tokensRevoked };
}

export type EventDeliveries = ReturnType<typeof buildEventDeliveries>;
