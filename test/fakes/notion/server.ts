import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { FakeNotionError, isRecord } from './errors.js';
import type { FaultAnswer, FaultController } from './faults.js';
import type { TokenBucket } from './rate-limit.js';
import { detectRoute, type Route } from './routes.js';
import type { NotionStore } from './store.js';

export const NOTION_VERSION = '2025-09-03';

export interface FakeNotionStats {
  requests: number;
  /** Requests per SDK method name ('pages.create', 'dataSources.query', …; 'unknown' for other paths). */
  byRoute: Record<string, number>;
  /** Answers per HTTP status. */
  byStatus: Record<string, number>;
  rateLimited: number;
  /** Writes performed whose answer was never sent (dropAfterCommit). */
  dropped: number;
}

export interface ServerDeps {
  store: NotionStore;
  faults: FaultController;
  bucket: TokenBucket;
  stats: FakeNotionStats;
  clock: () => number;
  token: string;
  botUserId: string;
  maxQueryRows: number;
  maxBodyBytes: number;
}

interface Answer {
  status: number;
  json?: unknown;
  html?: string;
  headers?: Record<string, string>;
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
  const routeName = detected?.route.name ?? 'unknown';
  deps.stats.requests += 1;
  deps.stats.byRoute[routeName] = (deps.stats.byRoute[routeName] ?? 0) + 1;
  const rawBody = await readBody(req);
  const answer = runPipeline(deps, req, detected, rawBody, url.searchParams);
  const drop = answer.status < 300 && deps.faults.takeDrop(routeName);
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

/** The order a real request meets Notion's layers: outage, rate limit, auth, version, routing, body, data. */
function runPipeline(
  deps: ServerDeps,
  req: IncomingMessage,
  detected: { route: Route; params: string[] } | null,
  rawBody: Buffer,
  query: URLSearchParams,
): Answer {
  const outage = deps.faults.detectOutage(deps.clock());
  if (outage !== null) return buildFaultAnswer(outage);
  const decision = deps.bucket.take();
  if (!decision.allowed) {
    deps.stats.rateLimited += 1;
    const limited = buildErrorAnswer(
      429,
      'rate_limited',
      'You have been rate limited. Please try again in a few minutes.',
    );
    return { ...limited, headers: { 'retry-after': String(decision.retryAfterSeconds) } };
  }
  const injected = deps.faults.detectInjected(detected?.route.name ?? 'unknown');
  if (injected !== null) return buildFaultAnswer(injected);
  if (req.headers.authorization !== `Bearer ${deps.token}`)
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

function buildFaultAnswer(fault: FaultAnswer): Answer {
  return fault.html
    ? { status: fault.status, html: fault.message }
    : buildErrorAnswer(fault.status, fault.code, fault.message);
}

function buildErrorAnswer(status: number, code: string, message: string): Answer {
  return { status, json: { object: 'error', status, code, message, request_id: randomUUID() } };
}

function sendAnswer(res: ServerResponse, answer: Answer): void {
  const isHtml = answer.html !== undefined;
  const payload = isHtml ? (answer.html ?? '') : JSON.stringify(answer.json);
  res.writeHead(answer.status, {
    'content-type': isHtml ? 'text/html' : 'application/json; charset=utf-8',
    'x-notion-request-id': randomUUID(),
    ...answer.headers,
  });
  res.end(payload);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}
