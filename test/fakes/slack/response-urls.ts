// response_url: where an app answers an interaction later. Five posts within thirty minutes, then 404.

import { checkBlockKit } from './block-kit/index.js';
import { checkSlackFiles } from './message-checks.js';
import { isRecord } from './request-body.js';
import { type FakeSlackState, nextId, nextTs, type ResponseUrl, takeFault } from './state.js';
import type { RecordedMessage } from './types.js';

export function buildResponseUrl(state: FakeSlackState, channel: string, userId: string): ResponseUrl {
  const id = nextId(state, 'R');
  const responseUrl: ResponseUrl = {
    id,
    url: `${state.baseUrl}commands/${state.options.teamId}/${id}`,
    channel,
    userId,
    createdAt: state.options.clock(),
    posts: [],
  };
  state.responseUrls.set(id, responseUrl);
  return responseUrl;
}

function buildRecordedResponse(entry: ResponseUrl, payload: Record<string, unknown>, ts: string): RecordedMessage {
  const inChannel = payload.response_type === 'in_channel';
  return {
    kind: 'response_url',
    channel: entry.channel,
    user: entry.userId,
    text: typeof payload.text === 'string' ? payload.text : undefined,
    blocks: Array.isArray(payload.blocks) ? payload.blocks : undefined,
    ts,
    thread_ts: typeof payload.thread_ts === 'string' ? payload.thread_ts : undefined,
    response_type: inChannel ? 'in_channel' : 'ephemeral',
    replace_original: payload.replace_original === true || payload.replace_original === 'true',
    delete_original: payload.delete_original === true || payload.delete_original === 'true',
    responseUrl: entry.url,
    edits: 0,
  };
}

function parsePayload(body: Buffer, contentType: string | undefined): Record<string, unknown> | null {
  const text = body.toString('utf8');
  try {
    if ((contentType ?? '').startsWith('application/x-www-form-urlencoded')) {
      const wrapped = new URLSearchParams(text).get('payload');
      return wrapped === null ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(wrapped);
    }
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function checkPayload(state: FakeSlackState, payload: Record<string, unknown>): string | null {
  const blocks = Array.isArray(payload.blocks) ? payload.blocks : undefined;
  const deleting = payload.delete_original === true || payload.delete_original === 'true';
  const hasText = typeof payload.text === 'string' && payload.text !== '';
  if (!deleting && !hasText && (blocks === undefined || blocks.length === 0)) return 'no_text';
  if (blocks !== undefined && checkBlockKit(blocks, 'message').length > 0) return 'invalid_blocks';
  // An image of an uploaded file Slack has not finished processing is refused here as in chat.postMessage.
  if (blocks !== undefined && checkSlackFiles(state, blocks, '/blocks').length > 0) return 'invalid_blocks';
  return null;
}

/** Answers a POST to a response_url as Slack does; only accepted posts count toward the limit of five. */
export function handleResponseUrlPost(
  state: FakeSlackState,
  id: string,
  body: Buffer,
  contentType: string | undefined,
): { status: number; text: string } {
  const entry = state.responseUrls.get(id);
  if (entry === undefined) return { status: 404, text: 'no_service' };
  const fault = takeFault(state, 'response_url');
  if (fault !== undefined) return { status: typeof fault === 'string' ? 500 : fault.status, text: 'fault injected' };
  if (state.options.clock() - entry.createdAt > state.options.responseUrlLifetimeMs) {
    return { status: 404, text: 'expired_url' };
  }
  if (entry.posts.length >= state.options.responseUrlMaxPosts) return { status: 404, text: 'used_url' };
  const payload = parsePayload(body, contentType);
  if (payload === null) return { status: 400, text: 'invalid_payload' };
  const problem = checkPayload(state, payload);
  if (problem !== null) return { status: 400, text: problem };
  const message = buildRecordedResponse(entry, payload, nextTs(state));
  entry.posts.push(message);
  state.messages.push(message);
  for (const notify of state.onResponse) notify();
  return { status: 200, text: 'ok' };
}

/** Resolves once `n` posts reached the response_url; rejects after `timeoutMs` with what did arrive. */
export function waitForResponses(
  state: FakeSlackState,
  id: string,
  n: number,
  timeoutMs: number,
): Promise<RecordedMessage[]> {
  const entry = state.responseUrls.get(id);
  if (entry === undefined) return Promise.reject(new Error(`unknown response_url ${id}`));
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (entry.posts.length < n) return;
      clearTimeout(timer);
      state.onResponse.delete(check);
      resolve(entry.posts.slice(0, n));
    };
    const timer = setTimeout(() => {
      state.onResponse.delete(check);
      reject(new Error(`expected ${n} response_url posts within ${timeoutMs} ms, got ${entry.posts.length}`));
    }, timeoutMs);
    state.onResponse.add(check);
    check();
  });
}
