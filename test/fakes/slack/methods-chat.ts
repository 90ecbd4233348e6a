// chat.postMessage, chat.postEphemeral and chat.update with the errors Slack gives for each.

import { fail, type MethodHandler } from './api-answer.js';
import { parseMessageBody } from './message-checks.js';
import { stringArg } from './request-body.js';
import { type FakeSlackState, findUser, nextTs, resolvePostTarget } from './state.js';
import type { RecordedMessage } from './types.js';

function buildMessageObject(state: FakeSlackState, message: RecordedMessage): Record<string, unknown> {
  return {
    type: 'message',
    text: message.text ?? '',
    user: state.options.botUserId,
    bot_id: state.options.botId,
    app_id: state.options.appId,
    team: state.options.teamId,
    ts: message.ts,
    ...(message.blocks === undefined ? {} : { blocks: message.blocks }),
    ...(message.thread_ts === undefined ? {} : { thread_ts: message.thread_ts }),
  };
}

const handlePostMessage: MethodHandler = ({ state, args }) => {
  const target = resolvePostTarget(state, stringArg(args, 'channel'));
  if (!target.ok) return fail(target.error);
  const parsed = parseMessageBody(state, args);
  if (!parsed.ok) return parsed.answer;
  const message: RecordedMessage = {
    kind: 'chat.postMessage',
    channel: target.channelId,
    ...parsed.body,
    ts: nextTs(state),
    thread_ts: stringArg(args, 'thread_ts'),
    edits: 0,
  };
  state.messages.push(message);
  return { ok: true, channel: message.channel, ts: message.ts, message: buildMessageObject(state, message) };
};

/** Whether `userId` can see an ephemeral message in `channelId` (a DM counts as theirs). */
function canSeeChannel(state: FakeSlackState, channelId: string, userId: string): boolean {
  if (channelId.startsWith('D')) return channelId === `D${userId.slice(1)}`;
  return state.options.channels.find((channel) => channel.id === channelId)?.members.includes(userId) ?? false;
}

const handlePostEphemeral: MethodHandler = ({ state, args }) => {
  const target = resolvePostTarget(state, stringArg(args, 'channel'));
  if (!target.ok) return fail(target.error);
  const userId = stringArg(args, 'user');
  if (userId === undefined || findUser(state, userId) === undefined) return fail('user_not_found');
  if (!canSeeChannel(state, target.channelId, userId)) return fail('user_not_in_channel');
  const parsed = parseMessageBody(state, args);
  if (!parsed.ok) return parsed.answer;
  const message: RecordedMessage = {
    kind: 'chat.postEphemeral',
    channel: target.channelId,
    user: userId,
    ...parsed.body,
    ts: nextTs(state),
    thread_ts: stringArg(args, 'thread_ts'),
    edits: 0,
  };
  state.messages.push(message);
  return { ok: true, message_ts: message.ts };
};

const handleUpdate: MethodHandler = ({ state, args }) => {
  const target = resolvePostTarget(state, stringArg(args, 'channel'));
  if (!target.ok) return fail(target.error);
  const ts = stringArg(args, 'ts');
  const message = state.messages.find(
    (candidate) =>
      candidate.channel === target.channelId &&
      candidate.ts === ts &&
      (candidate.kind === 'chat.postMessage' || candidate.kind === 'file_share'),
  );
  if (message === undefined) return fail('message_not_found');
  const parsed = parseMessageBody(state, args);
  if (!parsed.ok) return parsed.answer;
  if (parsed.body.text !== undefined) message.text = parsed.body.text;
  if (parsed.body.blocks !== undefined) message.blocks = parsed.body.blocks;
  message.edits += 1;
  return {
    ok: true,
    channel: message.channel,
    ts: message.ts,
    text: message.text ?? '',
    message: buildMessageObject(state, message),
  };
};

/** A link to a message the bot can see: Slack answers it for any channel message, whoever posted it. */
const handleGetPermalink: MethodHandler = ({ state, args }) => {
  const target = resolvePostTarget(state, stringArg(args, 'channel'));
  if (!target.ok && target.error === 'channel_not_found') return fail('channel_not_found');
  const channel = target.ok ? target.channelId : (stringArg(args, 'channel') ?? '');
  const ts = stringArg(args, 'message_ts');
  const message = state.messages.find(
    (candidate) =>
      candidate.channel === channel &&
      candidate.ts === ts &&
      (candidate.kind === 'chat.postMessage' || candidate.kind === 'file_share'),
  );
  if (message === undefined || ts === undefined) return fail('message_not_found');
  const permalink = `https://${state.options.teamDomain}.slack.com/archives/${channel}/p${ts.replace('.', '')}`;
  return { ok: true, channel, permalink };
};

export const CHAT_METHODS: Record<string, MethodHandler> = {
  'chat.getPermalink': handleGetPermalink,
  'chat.postMessage': handlePostMessage,
  'chat.postEphemeral': handlePostEphemeral,
  'chat.update': handleUpdate,
};
