import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type Answer, buildErrorAnswer, buildFaultAnswer, sendAnswer } from './answers.js';
import { FakeNotionError, isRecord } from './errors.js';
import type { FaultController } from './faults.js';
import type { OAuthServer } from './oauth.js';
import type { RateLimits } from './rate-limit.js';
import { detectRoute, type Route } from './routes.js';
import type { NotionStore } from './store.js';

export const NOTION_VERSION = '2025-09-03';

export interface FakeNotionStats {
  requests: number;
  /** Requests per SDK method name ('pages.create', 'dataSources.query', …; 'unknown' for other paths). */
  byRoute: Record<string, number>;
  /** Answers per HTTP status. */
  byStatus: Record<string, number>;
  /** 429 answers, whichever limit gave them. */
  rateLimited: number;
  /** 529 service_overload answers. */
  overloaded: number;
  /** Writes performed whose answer was never sent (dropAfterCommit). */
  dropped: number;
  /** Every answer the fake decided on, in order, with the fake clock's time: tests read when requests arrived. */
  timeline: { at: number; route: string; status: number }[];
}

export interface ServerDeps {
  store: NotionStore;
  faults: FaultController;
  limits: RateLimits;
  stats: FakeNotionStats;
  clock: () => number;
  /** The tokens of the workspace's integrations: ours first, then the others sharing the workspace limit. */
  tokens: readonly string[];
  botUserId: string;
  maxQueryRows: number;
  maxBodyBytes: number;
  /** Public OAuth, when the fake has a registered client. */
  oauth: OAuthServer | null;
}

export async function startHttpServer(deps: ServerDeps): Promise<{ url: string; close: () => Promise<void> }> {
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    handleHttpRequest(deps, req, res, timers).catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The fake Notion server has no TCP address.');
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleHttpRequest(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  timers: Set<NodeJS.Timeout>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const detected = detectRoute(req.method ?? 'GET', url.pathname);
  const isOAuth = url.pathname.startsWith('/v1/oauth/');
  const routeName = detected?.route.name ?? (isOAuth ? `oauth.${url.pathname.slice('/v1/oauth/'.length)}` : 'unknown');
  deps.stats.requests += 1;
  deps.stats.byRoute[routeName] = (deps.stats.byRoute[routeName] ?? 0) + 1;
  const rawBody = await readBody(req);
  const authorization = req.headers.authorization ?? '';
  // A failure injected for an OAuth route (failNext(…, 'oauth.revoke')) answers in its place, as an API route's does.
  const oauthFault = isOAuth ? deps.faults.detectInjected(routeName) : null;
  const oauthAnswer = isOAuth
    ? oauthFault === null
      ? deps.oauth?.handle(req.method ?? 'GET', url.pathname, url.searchParams, authorization, rawBody)
      : buildFaultAnswer(oauthFault)
    : null;
  const answer = oauthAnswer ?? runPipeline(deps, req, detected, rawBody, url.searchParams);
  deps.stats.timeline.push({ at: deps.clock(), route: routeName, status: answer.status });
  const drop = answer.status < 300 && deps.faults.takeDrop(routeName);
  const held = deps.faults.takeHold(routeName);
  if (held !== null) await held;
  const delay = deps.faults.delayMs();
  if (delay > 0) await new Promise<void>((resolve) => timers.add(setTimeout(resolve, delay)));
  if (drop) {
    deps.stats.dropped += 1;
    req.socket.destroy();
    return;
  }
  deps.stats.byStatus[answer.status] = (deps.stats.byStatus[answer.status] ?? 0) + 1;
  sendAnswer(res, answer);
}

/** The order a real request meets Notion's layers: outage, overload, rate limits, auth, version, routing, body, data. */
function runPipeline(
  deps: ServerDeps,
  req: IncomingMessage,
  detected: { route: Route; params: string[] } | null,
  rawBody: Buffer,
  query: URLSearchParams,
): Answer {
  const refused = detectEdgeRefusal(deps, req.headers.authorization ?? '');
  if (refused !== null) return refused;
  const injected = deps.faults.detectInjected(detected?.route.name ?? 'unknown');
  if (injected !== null) return buildFaultAnswer(injected);
  const grant = deps.oauth?.grantFor((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  if (grant === undefined && !deps.tokens.some((token) => req.headers.authorization === `Bearer ${token}`))
    return buildErrorAnswer(401, 'unauthorized', 'API token is invalid.');
  const version = req.headers['notion-version'];
  if (version === undefined) {
    return buildErrorAnswer(400, 'missing_version', 'Notion-Version header failed validation: it should be defined.');
  }
  if (version !== NOTION_VERSION) {
    return buildErrorAnswer(
      400,
      'validation_error',
      `This fake speaks Notion-Version ${NOTION_VERSION}, not ${version}.`,
    );
  }
  if (detected === null) return buildErrorAnswer(400, 'invalid_request_url', 'Invalid request URL.');
  // Every page of the fake is under its root page: a sign-in that did not pick it shares nothing with the integration.
  if (grant !== undefined && !grant.pages.includes(deps.store.rootPageId) && detected.route.name !== 'users.me') {
    const id = detected.params[0] ?? deps.store.rootPageId;
    return buildErrorAnswer(
      404,
      'object_not_found',
      `Could not find page with ID: ${id}. Make sure the relevant pages and databases are shared with your integration.`,
    );
  }
  if (rawBody.length > deps.maxBodyBytes) {
    return buildErrorAnswer(
      413,
      'validation_error',
      `Request body too large: ${rawBody.length} bytes, limit ${deps.maxBodyBytes}.`,
    );
  }
  const parsed = parseBody(rawBody);
  if (!parsed.ok) return parsed.answer;
  const conflict = deps.faults.detectConflict(detected.route.name, detected.route.write, deps.clock());
  if (conflict !== null) return buildFaultAnswer(conflict);
  return runRoute(deps, detected, parsed.body, query);
}

/** What Notion's edge refuses before looking at the request: an outage, an overload, a spent rate limit. */
function detectEdgeRefusal(deps: ServerDeps, authorization: string): Answer | null {
  const outage = deps.faults.detectOutage(deps.clock());
  if (outage !== null) return buildFaultAnswer(outage);
  const overload = deps.faults.detectOverload(deps.clock());
  if (overload !== null) {
    deps.stats.overloaded += 1;
    return buildFaultAnswer(overload);
  }
  const throttled = deps.faults.detectRateLimited(deps.clock());
  if (throttled !== null) {
    deps.stats.rateLimited += 1;
    return buildFaultAnswer(throttled);
  }
  // Limits are counted per Authorization header, so a wrong token meets them too, as it would at Notion's edge.
  const decision = deps.limits.take(authorization);
  if (decision.allowed) return null;
  deps.stats.rateLimited += 1;
  const limited = buildErrorAnswer(
    429,
    'rate_limited',
    'You have been rate limited. Please try again in a few minutes.',
    {
      rate_limit_reason: decision.reason,
    },
  );
  return { ...limited, headers: { 'retry-after': String(decision.retryAfterSeconds) } };
}

function runRoute(
  deps: ServerDeps,
  detected: { route: Route; params: string[] },
  body: Record<string, unknown>,
  query: URLSearchParams,
): Answer {
  const { store, botUserId, maxQueryRows } = deps;
  try {
    return {
      status: 200,
      json: detected.route.handle({ store, params: detected.params, body, query, botUserId, maxQueryRows }),
    };
  } catch (error) {
    if (error instanceof FakeNotionError) return buildErrorAnswer(error.status, error.code, error.message);
    // A bug in the fake itself: answer like Notion would, but keep the cause visible to whoever reads the test output.
    const cause = error instanceof Error ? error.message : String(error);
    return buildErrorAnswer(500, 'internal_server_error', `Unexpected error occurred. (fake: ${cause})`);
  }
}

function parseBody(raw: Buffer): { ok: true; body: Record<string, unknown> } | { ok: false; answer: Answer } {
  if (raw.length === 0) return { ok: true, body: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, answer: buildErrorAnswer(400, 'invalid_json', 'Error parsing JSON body.') };
  }
  if (isRecord(parsed)) return { ok: true, body: parsed };
  return {
    ok: false,
    answer: buildErrorAnswer(400, 'validation_error', 'body failed validation: body should be an object.'),
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}
