// A digest runner wired to the fake Slack through the real WebClient, over a store on a temp DATA_DIR. The fake
// Slack runs on a simulated clock that the runner's `sleep` moves, so retry waits cost no real time.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RetryOptions, WebClient } from '@slack/web-api';
import type { DigestRunnerDeps } from '../../digests/runner.js';
import { buildStorePath } from '../../src/app.js';
import { createChartRenderer } from '../../src/charts/renderer.js';
import { parseConfig } from '../../src/config.js';
import type { Actor } from '../../src/domain/types.js';
import { createMemoryLogger } from '../../src/log.js';
import { buildMetricSettings } from '../../src/slack/deps.js';
import { buildStoreServices, type StoreServices } from '../../src/store/index.js';
import { buildSilentSlackLogger, type FakeSlack, type FakeSlackOptions, startFakeSlack } from '../fakes/slack/index.js';

/** Monday Nov 23, 2026 09:00 UTC: the digest reports on Mon Nov 16 – Sun Nov 22, ISO week 2026-W47. */
export const DIGEST_NOW = Date.UTC(2026, 10, 23, 9);
export const REPORTED_WEEK = '2026-W47';
const DAY = 86_400_000;
const RAVI: Actor = { id: 'U0REP1', name: 'Ravi Rep' };

/** Three leads created in the reported week, spend on their campaign and a plan for the month. */
export function seedActiveWeek(services: StoreServices, weekStart = Date.UTC(2026, 10, 16)): void {
  const ctx = { actor: RAVI };
  const names = ['Acme Corp', 'Globex', 'Initech'];
  names.forEach((company, i) => {
    services.leads.createLead(
      { company, source: 'trade-show', campaign: 'spring-expo', createdAt: weekStart + (i + 1) * DAY },
      ctx,
    );
  });
  services.plans.recordSpend({ campaign: 'spring-expo', month: '2026-11', amount: 5_000, category: 'event' }, ctx);
  services.plans.recordTarget({ month: '2026-11', stage: 'mql', count: 10 }, ctx);
}

export interface DigestRig {
  slack: FakeSlack;
  deps: DigestRunnerDeps;
  services: StoreServices;
  dataDir: string;
  logs: string[];
  /** Every wait the runner asked for, in order. */
  sleeps: number[];
  close(): Promise<void>;
}

export interface DigestRigOptions {
  fakeSlack?: Partial<FakeSlackOptions>;
  env?: Record<string, string>;
  /** Reuse a DATA_DIR (a restart); a fresh temp one otherwise, removed by close(). */
  dataDir?: string;
  retryConfig?: RetryOptions;
  clock?: () => number;
  /** Reuse a fake Slack (a restart talks to the same workspace); close() then leaves it running. */
  slack?: FakeSlack;
}

export async function startDigestRig(options: DigestRigOptions = {}): Promise<DigestRig> {
  let slackNow = DIGEST_NOW;
  const slack = options.slack ?? (await startFakeSlack({ clock: () => slackNow, ...options.fakeSlack }));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'roi-runway-digest-'));
  const config = parseConfig(
    {
      SLACK_BOT_TOKEN: slack.options.botToken,
      SLACK_API_URL: slack.apiUrl,
      DATA_DIR: dataDir,
      DIGEST_CHANNEL: 'C0GENERAL',
      DIGEST_TZ: 'UTC',
      ...options.env,
    },
    'digest',
  );
  const clock = options.clock ?? (() => DIGEST_NOW);
  const services = buildStoreServices(buildStorePath(config.dataDir), clock);
  const { logger, lines } = createMemoryLogger('debug');
  const sdkLogger = buildSilentSlackLogger();
  const client = new WebClient(config.slack.botToken, {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: options.retryConfig ?? { retries: 0 },
    logger: sdkLogger,
  });
  const sleeps: number[] = [];
  const deps: DigestRunnerDeps = {
    config,
    services,
    settings: buildMetricSettings(config),
    charts: createChartRenderer(),
    log: logger,
    clock,
    client,
    sleep: async (ms) => {
      sleeps.push(ms);
      slackNow += ms;
    },
  };
  return {
    slack,
    deps,
    services,
    dataDir,
    logs: lines,
    sleeps,
    async close() {
      services.store.close();
      if (options.slack === undefined) await slack.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The file ids of every image block in a message, in order. */
export function readImageFileIds(blocks: unknown[] | undefined): string[] {
  return (blocks ?? []).flatMap((block) => {
    const file = (block as { type?: string; slack_file?: { id?: string } }).slack_file;
    return (block as { type?: string }).type === 'image' && typeof file?.id === 'string' ? [file.id] : [];
  });
}
