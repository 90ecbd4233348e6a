// GET /healthz: what a load balancer or an admin checks. 200 once the bot is ready and its store answers;
// 503 while starting, while stopping, or when the SQLite file cannot be read.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Outbox, Store } from '../store/index.js';
import type { NotionSyncHandle } from './deps.js';

export type RuntimePhase = 'starting' | 'ready' | 'stopping';

export const HEALTH_PATH = '/healthz';

export interface HealthSources {
  phase(): RuntimePhase;
  mode: 'http' | 'socket';
  /** Null in distribution mode: each workspace has its own store, opened on demand (workspace-registry.ts). */
  store: Store | null;
  outbox: Outbox | null;
  /** Read at each request: the Notion sync starts after the receiver is built. */
  notion(): NotionSyncHandle | null;
}

export interface HealthReport {
  status: 200 | 503;
  body: Record<string, unknown>;
}

function buildNotionSummary(sources: HealthSources): Record<string, unknown> {
  const notion = sources.notion();
  if (notion === null) return { configured: false, pending: sources.outbox?.size() ?? 0, lastPullAt: null };
  const { configured, pending, failed, lastPullAt, healthy, pausedUntil, pauseReason } = notion.status();
  const pause = pausedUntil === undefined ? {} : { pausedUntil, pauseReason };
  return { configured, pending, failed, lastPullAt, healthy, ...pause };
}

export function buildHealthReport(sources: HealthSources): HealthReport {
  const phase = sources.phase();
  if (phase !== 'ready') return { status: 503, body: { ok: false, reason: phase } };
  if (sources.store === null) return { status: 200, body: { ok: true, store: 'per workspace', mode: sources.mode } };
  try {
    // A closed or corrupt database throws here, and the outbox count below reads the same file.
    sources.store.db.prepare('SELECT 1').get();
    return {
      status: 200,
      body: { ok: true, store: 'sqlite', mode: sources.mode, notion: buildNotionSummary(sources) },
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 503, body: { ok: false, reason: `store unusable: ${message}` } };
  }
}

export function handleHealthRequest(sources: HealthSources) {
  return (_request: IncomingMessage, response: ServerResponse): void => {
    const report = buildHealthReport(sources);
    response.writeHead(report.status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    response.end(JSON.stringify(report.body));
  };
}

/** Another route served on PORT beside /healthz (the inquiry webhook; Notion's OAuth redirect in distribution mode). */
export interface HttpRoute {
  path: string;
  method: 'GET' | 'POST';
  handler: (request: IncomingMessage, response: ServerResponse) => void;
}

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Socket Mode has no HTTP listener of its own. Bolt's SocketModeReceiver can serve custom routes, but it neither
 * reports the port it bound nor waits for its server to close, so a small server of ours serves /healthz instead.
 */
export async function startHealthServer(
  sources: HealthSources,
  port: number,
  host?: string,
  routes: readonly HttpRoute[] = [],
): Promise<HealthServer> {
  const handle = handleHealthRequest(sources);
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === HEALTH_PATH && (request.method === 'GET' || request.method === 'HEAD')) {
      handle(request, response);
      return;
    }
    const route = routes.find((candidate) => candidate.path === path);
    if (route !== undefined) {
      route.handler(request, response);
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => closeServer(server),
  };
}

/** Closes the server, kept-alive connections included (see endKeepAlive). */
export function closeServer(server: Server): Promise<void> {
  endKeepAlive(server);
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/**
 * Node keeps serving requests on a kept-alive connection after close(): a load balancer checking /healthz on one every
 * few hundred ms would hold the close, and the stop with it, forever. Called as the server closes: from then on every
 * answer closes its connection, so each ends after the request it carries (close() ends the idle ones at once).
 */
export function endKeepAlive(server: Pick<Server, 'prependListener'>): void {
  server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
    response.setHeader('connection', 'close');
  });
}
