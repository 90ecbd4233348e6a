// Starts the fake Slack, a temporary DATA_DIR and the real app (src/app.ts buildRuntime: the same Bolt app,
// receivers, commands and digest wiring that ship) over HTTP or Socket Mode, on a free port.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { buildRuntime, type Runtime } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { buildBoltLogger } from '../../src/slack/bolt-logger.js';
import type { SlackApp } from '../../src/slack/create-app.js';
import type { AppDeps } from '../../src/slack/deps.js';
import type { LeadService, Store, StoreServices } from '../../src/store/index.js';
import { buildSilentSlackLogger, type FakeSlack, type FakeSlackOptions, startFakeSlack } from '../fakes/slack/index.js';

export type RunningApp = SlackApp;

export interface TestAppOptions {
  mode: 'http' | 'socket';
  /** Added to (and overriding) the harness's environment, e.g. { MANAGERS: 'U0REP1' }. */
  env?: Record<string, string>;
  /** The app's clock (store timestamps, periods, digests); real time when unset. */
  clock?: () => number;
  /** Runs against the fresh store before the app starts. */
  seed?: (service: LeadService, services: StoreServices) => void;
  fakeSlack?: Partial<FakeSlackOptions>;
  /** Reuse a running fake Slack (a restart talks to the same workspace); stop() then leaves it running. */
  slack?: FakeSlack;
  /** Schedule the Monday digest and catch up at start, as production does; off by default. */
  scheduleDigests?: boolean;
  /** Schedule the hourly leak check (and its check at start), as production does; off by default. */
  scheduleAlerts?: boolean;
  /** The lowest level kept in `logs` (default debug). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Start the prompt worker's timer (default); false: the test drives `runtime.prompts.runNow()` itself. */
  startPrompts?: boolean;
  /**
   * The Web API client's retries; none by default, so a failure shows at once. A 429 is retried only with retries:
   * the client waits Slack's Retry-After first, as it does in production.
   */
  retries?: number;
  /** How long the Notion push sleeps unless a change wakes it (default: the app's). */
  notionPushIdleMs?: number;
  /** Bolt's and the Web API client's own lines into `logs` at debug (silent by default), to check what they log. */
  sdkLogs?: boolean;
}

export interface TestApp {
  slack: FakeSlack;
  app: RunningApp;
  runtime: Runtime;
  /** The /slack/events URL (HTTP mode); the fake delivers there by default. Unused in Socket Mode. */
  url: string;
  /** http://127.0.0.1:PORT/healthz in both modes. */
  healthUrl: string;
  store: Store;
  service: LeadService;
  services: StoreServices;
  deps: AppDeps;
  dataDir: string;
  /** Every JSON line the app logged. */
  logs: string[];
  stop(): Promise<void>;
}

/** The environment a test app starts with: tokens and URLs of the fake, a free port, the temp store. */
export function buildTestEnv(slack: FakeSlack, mode: 'http' | 'socket', dataDir: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: slack.options.botToken,
    SLACK_SIGNING_SECRET: slack.options.signingSecret,
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: slack.options.appToken } : {}),
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATA_DIR: dataDir,
    MANAGERS: 'U0MANAGER',
    DIGEST_CHANNEL: 'C0GENERAL',
    DIGEST_TZ: 'UTC',
  };
}

export async function startTestApp(options: TestAppOptions): Promise<TestApp> {
  const slack = options.slack ?? (await startFakeSlack(options.fakeSlack));
  const tempDir = mkdtempSync(join(tmpdir(), 'roi-runway-app-'));
  const env = { ...buildTestEnv(slack, options.mode, tempDir), ...options.env };
  const { logger, lines } = createMemoryLogger(options.logLevel ?? 'debug', [slack.options.signingSecret]);
  const sdkLogger = options.sdkLogs ? buildBoltLogger(logger, LogLevel.DEBUG) : buildSilentSlackLogger();
  let runtime: Runtime | undefined;
  try {
    const config = parseConfig(env, 'bot');
    runtime = buildRuntime(config, {
      clock: options.clock,
      log: logger,
      slackLogger: sdkLogger,
      retryConfig: { retries: options.retries ?? 0 },
      host: '127.0.0.1',
      clientPingTimeout: 1000,
      scheduleDigests: options.scheduleDigests ?? false,
      ...(options.startPrompts === undefined ? {} : { startPrompts: options.startPrompts }),
      scheduleAlerts: options.scheduleAlerts ?? false,
      ...(options.notionPushIdleMs === undefined ? {} : { notionPushIdleMs: options.notionPushIdleMs }),
    });
    options.seed?.(runtime.deps.services.leads, runtime.deps.services);
    await runtime.start();
  } catch (error) {
    await runtime?.stop();
    if (options.slack === undefined) await slack.close();
    rmSync(tempDir, { recursive: true, force: true });
    throw error;
  }
  const started = runtime;
  const base = `http://127.0.0.1:${started.slack.port()}`;
  const url = `${base}/slack/events`;
  if (options.mode === 'http') slack.options.appUrl = url;
  const { services } = started.deps;
  return {
    slack,
    app: started.slack,
    runtime: started,
    url,
    healthUrl: `${base}/healthz`,
    store: services.store,
    service: services.leads,
    services,
    deps: started.deps,
    dataDir: env.DATA_DIR ?? tempDir,
    logs: lines,
    async stop() {
      await started.stop();
      if (options.slack === undefined) await slack.close();
      rmSync(tempDir, { recursive: true, force: true });
    },
  };
}
