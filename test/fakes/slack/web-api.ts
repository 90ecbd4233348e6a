// The Web API front door: token check, injected faults, scopes, rate limits, then the method; every call is recorded.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApiAnswer, fail, type MethodHandler } from './api-answer.js';
import { FILE_METHODS } from './files.js';
import { CHAT_METHODS } from './methods-chat.js';
import { VIEW_METHODS } from './methods-views.js';
import { WORKSPACE_METHODS } from './methods-workspace.js';
import { handleOAuthAccess } from './oauth.js';
import { issuedTokenProblem } from './oauth-state.js';
import { checkRateLimit } from './rate-limit.js';
import { parseArgs, readBody, stringArg } from './request-body.js';
import { checkScopes, findNeededScopes } from './scopes.js';
import { type FakeSlackState, takeFault } from './state.js';

const METHODS: Record<string, MethodHandler> = {
  ...CHAT_METHODS,
  ...VIEW_METHODS,
  ...WORKSPACE_METHODS,
  ...FILE_METHODS,
};

interface Outcome {
  status: number;
  answer: ApiAnswer;
  retryAfter?: number;
  /** Never answered: the connection stays open until the fake closes. */
  hang?: boolean;
}

function readToken(req: IncomingMessage, args: Record<string, unknown>): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return stringArg(args, 'token');
}

/** Slack's token rules: an app-level token opens socket connections and nothing else; a bot token cannot. */
function checkAuth(state: FakeSlackState, method: string, token: string | undefined): ApiAnswer | null {
  if (token === undefined || token === '') return fail('not_authed');
  const isApp = token === state.options.appToken;
  const issued = state.oauth.issued.get(token);
  if (issued !== undefined) {
    const problem = issuedTokenProblem(issued, state.options.clock());
    if (problem !== null) return fail(problem);
  } else if (!isApp && token !== state.options.botToken) return fail('invalid_auth');
  if (isApp !== (method === 'apps.connections.open')) return fail('not_allowed_token_type');
  return null;
}

function runMethod(
  state: FakeSlackState,
  method: string,
  args: Record<string, unknown>,
  token: string | undefined,
  req: IncomingMessage,
): Outcome {
  const fault = takeFault(state, method);
  if (fault === 'hang') return { status: 0, answer: fail('no_answer'), hang: true };
  if (typeof fault === 'string' && fault !== 'pass') return { status: 200, answer: fail(fault) };
  if (fault !== undefined && fault !== 'pass') {
    const error = fault.status === 429 ? 'ratelimited' : 'fatal_error';
    return { status: fault.status, answer: fail(error), retryAfter: fault.retryAfter };
  }
  // The one method called without a token: the app's client id and secret authenticate it.
  if (method === 'oauth.v2.access') return { status: 200, answer: handleOAuthAccess(state, req, args) };
  const authProblem = checkAuth(state, method, token);
  if (authProblem !== null) return { status: 200, answer: authProblem };
  const handler = METHODS[method];
  if (handler === undefined) return { status: 200, answer: fail('unknown_method') };
  const scopeProblem = checkScopes(state, method, args);
  if (scopeProblem !== null) return { status: 200, answer: scopeProblem };
  const retryAfter = checkRateLimit(state, method, args);
  if (retryAfter !== null) return { status: 429, answer: fail('ratelimited'), retryAfter };
  return { status: 200, answer: handler({ state, method, args, token }) };
}

export async function handleWebApiRequest(
  state: FakeSlackState,
  method: string,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const body = await readBody(req);
  let args: Record<string, unknown>;
  try {
    args = await parseArgs(body, req.headers['content-type'], query);
  } catch {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(fail('invalid_json')));
    return;
  }
  const token = readToken(req, args);
  const { token: _dropped, ...recordedArgs } = args;
  const outcome = runMethod(state, method, recordedArgs, token, req);
  state.calls.push({
    method,
    args: recordedArgs,
    token,
    status: outcome.status,
    error: outcome.answer.ok ? undefined : outcome.answer.error,
    at: state.options.clock(),
  });
  if (outcome.hang) return;
  await state.holds.get(method);
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (token === state.options.botToken) {
    headers['x-oauth-scopes'] = state.options.botScopes.join(',');
    const accepted = findNeededScopes(state, method, recordedArgs);
    if (accepted.length > 0) headers['x-accepted-oauth-scopes'] = accepted.join(',');
  }
  if (outcome.retryAfter !== undefined) headers['retry-after'] = String(outcome.retryAfter);
  res.writeHead(outcome.status, headers);
  res.end(JSON.stringify(outcome.answer));
}
