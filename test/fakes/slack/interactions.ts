// Playing the user's side: deliver a slash command or interaction to the app over HTTP or Socket Mode,
// and hand back the app's acknowledgement plus a way to wait for its later response_url posts.

import { checkOptionsLoad } from './block-kit/index.js';
import {
  type ActionInput,
  buildBlockActionPayload,
  buildBlockSuggestionPayload,
  buildShortcutPayload,
  buildSlashPayload,
  buildViewSubmissionPayload,
  type Origin,
} from './interaction-payloads.js';
import { isRecord } from './request-body.js';
import { buildResponseUrl, waitForResponses } from './response-urls.js';
import { buildSignedHeaders, post } from './signing.js';
import type { SocketHub } from './socket-mode.js';
import { buildTrigger, type FakeSlackState, nextTs } from './state.js';
import type { CommandResult, Delivery, InteractionResult } from './types.js';
import { applySubmissionAck, findSubmittedView, type SubmittedView } from './view-submissions.js';

export interface DeliveryTarget {
  /** Defaults to 'http' when the fake knows the app's URL, else 'socket'. */
  to?: Delivery;
  url?: string;
}

export interface Ack {
  status: number;
  timedOut: boolean;
  ackBody: Record<string, unknown>;
}

function parseAckBody(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : { text };
  } catch {
    return { text };
  }
}

async function deliver(
  state: FakeSlackState,
  hub: SocketHub,
  envelopeType: 'slash_commands' | 'interactive',
  payload: Record<string, unknown>,
  target: DeliveryTarget,
): Promise<Ack> {
  const url = target.url ?? state.options.appUrl;
  const to = target.to ?? (url === undefined ? 'socket' : 'http');
  if (to === 'socket') {
    const answer = await hub.sendEnvelope(envelopeType, payload);
    return { status: answer.acked ? 200 : 0, timedOut: !answer.acked, ackBody: answer.payload };
  }
  if (url === undefined) throw new Error('HTTP delivery needs the app URL: pass `url` or the `appUrl` option');
  const request = signDelivery(state, envelopeType, payload, url);
  const answer = await post(url, request.body, request.headers, state.options.ackTimeoutMs);
  return { status: answer.status, timedOut: answer.timedOut, ackBody: parseAckBody(answer.body) };
}

/** An HTTP request as Slack would send it, signed, ready to POST (the benchmark sends it from another thread). */
export interface SignedRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
}

function signDelivery(
  state: FakeSlackState,
  envelopeType: 'slash_commands' | 'interactive',
  payload: Record<string, unknown>,
  url: string,
): SignedRequest {
  const fields = envelopeType === 'interactive' ? { payload: JSON.stringify(payload) } : payload;
  const pairs = Object.entries(fields).map(([key, value]): [string, string] => [key, String(value)]);
  const body = new URLSearchParams(pairs).toString();
  // Slack signs with its own wall clock, not the simulated one, so the app's staleness check sees real time.
  return { url, body, headers: buildSignedHeaders(body, state.options.signingSecret, Math.floor(Date.now() / 1000)) };
}

function buildResult(state: FakeSlackState, ack: Ack, triggerId: string, responseUrlId?: string): InteractionResult {
  const responseUrl = responseUrlId === undefined ? undefined : state.responseUrls.get(responseUrlId)?.url;
  return {
    ...ack,
    triggerId,
    responseUrl,
    waitForResponses: (n, timeoutMs = 5000) =>
      responseUrlId === undefined
        ? Promise.reject(new Error('this interaction has no response_url'))
        : waitForResponses(state, responseUrlId, n, timeoutMs),
  };
}

export interface SlashCommandInput extends DeliveryTarget {
  command: string;
  text: string;
  userId: string;
  channelId?: string;
  /** Another workspace or app than the fake's own (a forged request signed with the same secret). */
  origin?: Origin;
}

export function buildInteractions(state: FakeSlackState, hub: SocketHub) {
  function buildSlashCommand(input: SlashCommandInput) {
    const channelId = input.channelId ?? 'C0GENERAL';
    const responseUrl = buildResponseUrl(state, channelId, input.userId);
    const trigger = buildTrigger(state, input.userId);
    const payload = buildSlashPayload(state, {
      ...input,
      channelId,
      responseUrl: responseUrl.url,
      triggerId: trigger.id,
    });
    return { payload, responseUrl, trigger };
  }

  async function slashCommand(input: SlashCommandInput): Promise<CommandResult> {
    const { payload, responseUrl, trigger } = buildSlashCommand(input);
    const ack = await deliver(state, hub, 'slash_commands', payload, input);
    return { ...buildResult(state, ack, trigger.id, responseUrl.id), responseUrl: responseUrl.url };
  }

  /** The signed HTTP request of a slash command, not sent: its response_url and trigger are live in the fake. */
  function signSlashCommand(input: SlashCommandInput & { url: string }): SignedRequest {
    return signDelivery(state, 'slash_commands', buildSlashCommand(input).payload, input.url);
  }

  /** A response_url given by the test is reused, so replies to the original message land on that URL. */
  async function blockAction(input: ActionInput & DeliveryTarget & { responseUrl?: string }) {
    const trigger = buildTrigger(state, input.userId, typeof input.view?.id === 'string' ? input.view.id : undefined);
    const channelId = input.message?.channel ?? input.channelId ?? 'C0GENERAL';
    const knownId = [...state.responseUrls.values()].find((entry) => entry.url === input.responseUrl)?.id;
    const responseUrlId =
      input.view !== undefined ? undefined : (knownId ?? buildResponseUrl(state, channelId, input.userId).id);
    const responseUrl = responseUrlId === undefined ? undefined : state.responseUrls.get(responseUrlId)?.url;
    const ids = { triggerId: trigger.id, responseUrl, actionTs: nextTs(state) };
    const ack = await deliver(state, hub, 'interactive', buildBlockActionPayload(state, input, ids), input);
    return buildResult(state, ack, trigger.id, responseUrlId);
  }

  async function viewSubmission(input: { userId: string; view: SubmittedView } & DeliveryTarget) {
    const { recorded, view } = findSubmittedView(state, input.userId, input.view);
    const trigger = buildTrigger(state, input.userId, recorded?.id);
    const payload = buildViewSubmissionPayload(state, input.userId, view, trigger.id);
    const ack = await deliver(state, hub, 'interactive', payload, input);
    if (ack.status === 200 && recorded !== undefined) applySubmissionAck(state, recorded, ack.ackBody);
    return buildResult(state, ack, trigger.id);
  }

  async function shortcut(input: { callbackId: string; userId: string } & DeliveryTarget) {
    const trigger = buildTrigger(state, input.userId);
    const payload = buildShortcutPayload(state, { ...input, triggerId: trigger.id, actionTs: nextTs(state) });
    return buildResult(state, await deliver(state, hub, 'interactive', payload, input), trigger.id);
  }

  async function blockSuggestion(
    input: {
      actionId: string;
      value: string;
      userId?: string;
      blockId?: string;
      view?: Record<string, unknown>;
    } & DeliveryTarget,
  ) {
    const payload = buildBlockSuggestionPayload(state, { ...input, userId: input.userId ?? 'U0MANAGER' });
    const ack = await deliver(state, hub, 'interactive', payload, input);
    // Slack drops an answer it cannot read: the menu then shows nothing, and the problems say why.
    const problems = ack.status === 200 ? checkOptionsLoad(ack.ackBody) : [];
    const shown = problems.length === 0;
    const options = shown && Array.isArray(ack.ackBody.options) ? ack.ackBody.options : [];
    const optionGroups = shown && Array.isArray(ack.ackBody.option_groups) ? ack.ackBody.option_groups : undefined;
    return { ...ack, options, optionGroups, problems };
  }

  return { slashCommand, signSlashCommand, blockAction, viewSubmission, shortcut, blockSuggestion };
}

export type Interactions = ReturnType<typeof buildInteractions>;
