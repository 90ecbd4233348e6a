// What a Web API method handler answers: Slack's `{ ok, ... }` body, always sent with HTTP 200.

import type { FakeSlackState } from './state.js';

export type ApiAnswer = { ok: true; [key: string]: unknown } | { ok: false; error: string; [key: string]: unknown };

export interface CallContext {
  state: FakeSlackState;
  method: string;
  args: Record<string, unknown>;
  /** The token the call was made with. */
  token?: string;
}

export type MethodHandler = (context: CallContext) => ApiAnswer;

/** An error answer; `messages` go where Slack puts validation details, in `response_metadata.messages`. */
export function fail(error: string, messages?: string[]): ApiAnswer {
  if (messages === undefined || messages.length === 0) return { ok: false, error };
  return { ok: false, error, response_metadata: { messages: messages.map((message) => `[ERROR] ${message}`) } };
}

/** Slack's answer to blocks it will not show: the problems both as `errors` and as `[ERROR]` messages. */
export function failInvalidBlocks(problems: string[]): ApiAnswer {
  return { ...fail('invalid_blocks', problems), errors: problems };
}
