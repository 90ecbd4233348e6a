// The Bolt app: receiver, Web API client options, logging, the global error handler and in-flight tracking.
// Commands are registered by the caller (commands/index.ts); this file knows nothing about them.

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type AnyMiddlewareArgs,
  App,
  type Authorize,
  type Logger as BoltLogger,
  LogLevel,
  type Middleware,
} from '@slack/bolt';
import type { RetryOptions, WebClientOptions } from '@slack/web-api';
import type { Config } from '../config.js';
import { handleInquiryRequest, INGEST_PATH } from '../ingest/inquiry-route.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/open-store.js';
import { buildBoltLogger } from './bolt-logger.js';
import type { AppDeps } from './deps.js';
import type { HealthSources, HttpRoute, RuntimePhase } from './health.js';
import { buildInFlight, type InFlight } from './in-flight.js';
import type { Installations } from './installations.js';
import { buildRefusalText, sendRefusal } from './not-installed.js';
import { buildInstallations, buildOAuthReceiverOptions, type InstalledWorkspace, redactBoltLogger } from './oauth.js';
import { buildReceiver, type SlackReceiver } from './receivers.js';
import { RevokedTokenError } from './revoked-token.js';
import { registerUninstallEvents } from './uninstall-events.js';
import { buildWorkspaceCheck, readWorkspaceIdentity, type WorkspaceIdentity } from './workspace-check.js';
import { OPENING_FAILED_MESSAGE } from './workspace-routing.js';

/** A few retries with backoff; on HTTP 429 the client first waits the Retry-After Slack sent. */
export const PRODUCTION_RETRY: RetryOptions = { retries: 4, factor: 2, minTimeout: 1_000, maxTimeout: 30_000 };

/** How long stop() waits for running handlers before giving up on them. */
export const DEFAULT_DRAIN_MS = 10_000;

export interface SlackAppOptions {
  /** Replaces the adapter over deps.log (tests pass a silent one). */
  slackLogger?: BoltLogger;
  retryConfig?: RetryOptions;
  /** Interface to listen on; all interfaces when unset. */
  host?: string;
  clientPingTimeout?: number;
  /** Distribution mode (workspace-registry.ts): tokens per request, and routing instead of the one-workspace check. */
  workspaces?: SlackAppWorkspaces;
  /** Distribution mode: the installations the app serves; built over the directory store when unset. */
  installations?: Installations;
  /** Distribution mode: the store of installations and used OAuth states (deps' store when unset). */
  directory?: Store;
  /** Distribution mode: told each workspace that completes an install (after its installation is stored). */
  onInstalled?: (installed: InstalledWorkspace) => void;
  /** Routes of the caller's on PORT (distribution mode: Notion's OAuth redirect), beside the inquiry webhook. */
  routes?: readonly HttpRoute[];
}

export interface SlackAppWorkspaces {
  /** Gives each request its workspace's bot token (or none: the routing then refuses it). */
  authorize: Authorize<boolean>;
  /** Resolves the request's workspace and serves it from that workspace's runtime, or refuses it. */
  route: Middleware<AnyMiddlewareArgs>;
}

/** What the Bolt app reads from the deps: the log, and the one store /healthz and the webhook use (null: per workspace). */
export type SlackAppDeps = Pick<AppDeps, 'log' | 'clock' | 'notion' | 'ingest'> & {
  services: Pick<AppDeps['services'], 'store' | 'outbox' | 'inquiries'> | null;
};

export interface SlackApp {
  app: App;
  mode: 'http' | 'socket';
  /** Distribution mode's installations (subscribe to onUninstalled, find a workspace's bot token); null in env mode. */
  installations: Installations | null;
  /**
   * Starts receiving. `holdHealth`: /healthz keeps answering 503 (starting) until markReady(), so a load balancer sends
   * nothing while the rest of the start (the job queue) still runs.
   */
  start(options?: { holdHealth?: boolean }): Promise<void>;
  /** /healthz answers 200 from now on, unless a stop began. */
  markReady(): void;
  /** Stops receiving, then waits up to `drainMs` for handlers and tracked work to finish. */
  stop(drainMs?: number): Promise<void>;
  /**
   * /healthz answers 503 from now on, while requests are still served: a load balancer stops sending here before the
   * receiver closes (stop() does the closing).
   */
  beginDraining(): void;
  /** The port /healthz (and, in HTTP mode, /slack/events) listens on; 0 before start(). */
  port(): number;
  /** Counts work started outside a Slack request (a digest run) as in flight, so stop() waits for it. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Single mode: the workspace auth.test named at start(); null before it, and in distribution mode. */
  identity(): WorkspaceIdentity | null;
}

const LEVELS: Record<Config['logLevel'], LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

interface BoltParts {
  config: Config;
  receiver: SlackReceiver;
  logger: BoltLogger;
  clientOptions: WebClientOptions;
  inFlight: InFlight;
  log: Logger;
  identity: () => WorkspaceIdentity | null;
  workspaces: SlackAppWorkspaces | undefined;
  /** Distribution mode: each request is authorized from its installation, not checked against one workspace. */
  installations: Installations | null;
  /** Bolt's OAuth on the receiver: its installer then authorizes every request, so no authorize of ours is given. */
  installerAuthorizes: boolean;
}

// Deferred so the auth.test call happens in start(), where a bad token fails loudly instead of in a constructor.
function buildBoltApp(parts: BoltParts): App {
  const { config, receiver, logger, clientOptions, inFlight, log, identity, workspaces, installations } = parts;
  const auth = parts.installerAuthorizes
    ? {}
    : workspaces === undefined
      ? { token: config.slack.botToken }
      : { authorize: workspaces.authorize };
  const app = new App({
    ...auth,
    receiver: receiver.receiver,
    logger,
    clientOptions,
    deferInitialization: true,
    extendedErrorHandler: true,
  });
  // First: a request from another workspace or app goes no further, not even into the in-flight count.
  if (installations !== null) registerUninstallEvents(app, installations, log);
  app.use(
    workspaces?.route ?? (installations === null ? buildWorkspaceCheck(identity, log) : async ({ next }) => next()),
  );
  app.use(async ({ next }) => {
    await inFlight.track(next());
  });
  registerErrorHandler(app, log, { text: buildRefusalText(config), apiUrl: config.slack.apiUrl });
  return app;
}

export function createSlackApp(config: Config, deps: SlackAppDeps, options: SlackAppOptions = {}): SlackApp {
  const log = deps.log.child({ component: 'slack' });
  const { mode, oauth } = config.slack;
  const sdkLogger = options.slackLogger ?? buildBoltLogger(log, LEVELS[config.logLevel]);
  const logger = oauth === null ? sdkLogger : redactBoltLogger(sdkLogger, [oauth.clientSecret, oauth.stateSecret]);
  const retryConfig = options.retryConfig ?? PRODUCTION_RETRY;
  const clientOptions: WebClientOptions = { slackApiUrl: config.slack.apiUrl, retryConfig, logger };
  const store = deps.services?.store ?? null;
  const outbox = deps.services?.outbox ?? null;
  const clock = deps.clock;
  const directory = options.directory ?? store;
  const oauthParts = directory === null ? null : { store: directory, clock, log };
  const installations =
    oauth === null || oauthParts === null
      ? null
      : (options.installations ?? buildInstallations(oauth, directory as Store, { ...oauthParts, clientOptions }));
  const oauthOptions =
    oauth === null || installations === null || oauthParts === null
      ? {}
      : {
          oauth: buildOAuthReceiverOptions(oauth, {
            ...{ installations, ...oauthParts },
            ...{ apiUrl: config.slack.apiUrl, clientOptions, onInstalled: options.onInstalled },
          }),
        };
  let phase: RuntimePhase = 'starting';
  const health: HealthSources = { phase: () => phase, mode, store, outbox, notion: () => deps.notion };
  const routes = [...buildIngestRoutes(config, deps), ...(options.routes ?? [])];
  const receiver = buildReceiver({ config, health, logger, clientOptions, ...options, routes, ...oauthOptions });
  const inFlight = buildInFlight();
  let identity: WorkspaceIdentity | null = null;
  const { workspaces } = options;
  const installerAuthorizes = 'oauth' in oauthOptions;
  const parts = { config, receiver, logger, clientOptions, inFlight, log, workspaces, installations };
  const app = buildBoltApp({ ...parts, installerAuthorizes, identity: () => identity });
  let port = 0;
  let listening = false;
  let stopping: Promise<void> | undefined;
  return {
    app,
    mode,
    installations,
    async start({ holdHealth = false } = {}) {
      await app.init();
      if (workspaces === undefined && installations === null) {
        identity = await readWorkspaceIdentity(app.client, log);
        log.info('Serving one workspace', { ...identity });
      } else if (installations !== null) {
        log.info('Serving the workspaces that install the app', { installed: installations.listActive().length });
      }
      listening = true;
      port = await receiver.listen();
      if (!holdHealth) phase = 'ready';
      log.info('Slack app ready', { mode, port });
    },
    stop(drainMs = DEFAULT_DRAIN_MS) {
      // A second stop (a signal during a stop) waits for the first instead of closing things twice.
      stopping ??= (async () => {
        phase = 'stopping';
        if (listening)
          await receiver.close().catch((error: unknown) => log.warn('Closing the receiver failed', { error }));
        if (!(await inFlight.drain(drainMs))) {
          log.warn('Stopped waiting for running handlers', { running: inFlight.size(), waitedMs: drainMs });
        }
      })();
      return stopping;
    },
    markReady() {
      if (phase === 'starting') phase = 'ready';
    },
    beginDraining() {
      if (phase === 'ready') phase = 'stopping';
    },
    port: () => port,
    track: (work) => inFlight.track(work),
    identity: () => identity,
  };
}

/** POST /ingest/inquiry when INGEST_SECRET is set; without it the path answers 404 like any unknown one. */
function buildIngestRoutes(config: Config, deps: SlackAppDeps): HttpRoute[] {
  const { secret, phoneRegion } = config.ingest;
  if (secret === undefined) return [];
  if (deps.services === null) return [{ path: INGEST_PATH, method: 'POST', handler: handleInquiryWithoutWorkspace }];
  const handler = handleInquiryRequest({
    secret,
    phoneRegion,
    inquiries: deps.services.inquiries,
    clock: deps.clock,
    log: deps.log.child({ component: 'ingest' }),
    // Read at each inquiry: the processor is built after the receiver.
    onAccepted: () => deps.ingest?.kick(),
    onLoad: (delta) => deps.ingest?.track(delta),
  });
  return [{ path: INGEST_PATH, method: 'POST', handler }];
}

/** Distribution mode: an inquiry names no workspace, so it has no store to go to (README, "Many workspaces"). */
function handleInquiryWithoutWorkspace(_request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify({ ok: false, error: INGEST_NEEDS_ONE_WORKSPACE });
  response.writeHead(404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(body);
}

export const INGEST_NEEDS_ONE_WORKSPACE =
  'The inquiry webhook serves a single-workspace install only: with many workspaces an inquiry names none, so it is refused.';

/** The error at the bottom of Bolt's and the OAuth package's wrappers (each keeps the one it wraps as `original`). */
function rootCause(error: unknown): unknown {
  let cause = error;
  for (let depth = 0; depth < 5; depth++) {
    const inner = (cause as { original?: unknown } | null)?.original;
    if (inner === undefined || inner === null) return cause;
    cause = inner;
  }
  return cause;
}

/** Every error a listener throws ends here, logged with what the user was doing (never the tokens). */
function registerErrorHandler(app: App, log: Logger, refusal: { text: string; apiUrl: string }): void {
  // The last overload of app.error is the extended handler (error, body, context), which extendedErrorHandler selects.
  const handleError: Parameters<App['error']>[0] = async ({ error, body, context }) => {
    const payload = body as Record<string, unknown> | undefined;
    // Distribution mode: a workspace without an installation (never installed, or uninstalled) is refused by Bolt's
    // authorize before any listener; that is expected, not a failure of ours.
    if (error.code === 'slack_bolt_authorization_error') {
      // Not awaited: Bolt acks after this handler returns, and the ack must not wait for the reply.
      const cause = rootCause(error);
      if (cause instanceof RevokedTokenError) {
        log.warn('Refused a request from a workspace without an installation', { teamId: payload?.team_id });
        void sendRefusal(payload, refusal, log);
        return;
      }
      // The installation could not be read (the database down or slow): the workspace is not told it has none.
      log.error('Could not read the installation of a request', { error: cause, teamId: payload?.team_id });
      void sendRefusal(payload, { ...refusal, text: OPENING_FAILED_MESSAGE }, log);
      return;
    }
    log.error('Slack handler failed', {
      error,
      code: error.code,
      type: payload?.type ?? (payload?.command === undefined ? undefined : 'slash_command'),
      command: payload?.command,
      callbackId: (payload?.view as { callback_id?: unknown } | undefined)?.callback_id ?? payload?.callback_id,
      userId: context.userId,
      teamId: context.teamId,
    });
  };
  app.error(handleError);
}
