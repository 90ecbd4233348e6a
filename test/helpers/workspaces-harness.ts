// The app in distribution mode (src/distribution-runtime.ts: the same Bolt app, routing, registry and workspace
// runtimes that ship) over HTTP, with one fake Slack per workspace behind one Web API host, and a temporary DATA_DIR
// (or a Postgres database) holding one store per workspace.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { buildDistributionRuntime, type DistributionRuntime } from '../../src/distribution-runtime.js';
import { createMemoryLogger } from '../../src/log.js';
import type { Installations, WorkspaceConfigSource } from '../../src/workspace-registry.js';
import { buildSilentSlackLogger } from '../fakes/slack/index.js';
import { type FakeSlackWorkspaces, startFakeSlackWorkspaces } from '../fakes/slack/workspaces.js';

export interface WorkspacesAppOptions {
  teams: readonly string[];
  /** Workspaces installed at start; all of `teams` when unset. */
  installed?: readonly string[];
  env?: Record<string, string>;
  clock?: () => number;
  workspaceConfig?: WorkspaceConfigSource;
  /** Schedule each open workspace's digest (default off). The wake-up timers stay off: tests call wakeUps. */
  scheduleDigests?: boolean;
  /** How long the installation list takes to answer (a database lookup), so requests can overlap in it. */
  installationsDelayMs?: number;
  /** Reuse these fake workspaces (a second instance of the app); stop() then leaves them running. */
  slack?: FakeSlackWorkspaces;
  /** The lowest level kept in `logs` (default warn). */
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** How long a command acked while its workspace opens waits before "one moment" is posted (OPENING_ACK_MS). */
  openingAckMs?: number;
  /** An existing DATA_DIR (a single-workspace store adopted into it); stop() then leaves it in place. */
  dataDir?: string;
}

/** A simple installation list for tests: the OAuth installation service provides the real one. */
export interface TestInstallations extends Installations {
  install(key: string): void;
  uninstall(key: string): void;
  /** How many times each question was asked, by workspace key. */
  asked: string[];
}

export function buildTestInstallations(tokens: ReadonlyMap<string, string>, installed: Iterable<string>, delayMs = 0) {
  const current = new Set(installed);
  const answer = () => new Promise((resolve) => setTimeout(resolve, delayMs));
  const installations: TestInstallations = {
    asked: [],
    async isInstalled(key) {
      installations.asked.push(key);
      await answer();
      return current.has(key);
    },
    async botTokenFor(key) {
      return current.has(key) ? (tokens.get(key) ?? null) : null;
    },
    async installedKeys() {
      return [...current];
    },
    install: (key) => void current.add(key),
    uninstall: (key) => void current.delete(key),
  };
  return installations;
}

export interface WorkspacesApp {
  slack: FakeSlackWorkspaces;
  runtime: DistributionRuntime;
  installations: TestInstallations;
  url: string;
  dataDir: string;
  logs: string[];
  stop(): Promise<void>;
}

export async function startWorkspacesApp(options: WorkspacesAppOptions): Promise<WorkspacesApp> {
  const slack = options.slack ?? (await startFakeSlackWorkspaces(options.teams));
  const closeSlack = () => (options.slack === undefined ? slack.close() : Promise.resolve());
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'roi-runway-workspaces-'));
  const removeDataDir = () => {
    if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
  };
  const first = slack.team(options.teams[0]!);
  const env = {
    SLACK_SIGNING_SECRET: first.options.signingSecret,
    SLACK_API_URL: slack.apiUrl,
    PORT: '0',
    DATA_DIR: dataDir,
    MANAGERS: 'U0MANAGER',
    DIGEST_CHANNEL: 'C0GENERAL',
    DIGEST_TZ: 'UTC',
    ...options.env,
  };
  const { logger, lines } = createMemoryLogger(options.logLevel ?? 'warn', [first.options.signingSecret]);
  const installed = options.installed ?? options.teams;
  const installations = buildTestInstallations(slack.botTokens, installed, options.installationsDelayMs);
  const runtime = buildDistributionRuntime(parseConfig(env, 'offline'), installations, {
    clock: options.clock,
    log: logger,
    slackLogger: buildSilentSlackLogger(),
    retryConfig: { retries: 0 },
    host: '127.0.0.1',
    scheduleDigests: options.scheduleDigests ?? false,
    startWakeUps: false,
    scheduleAlerts: false,
    startPrompts: false,
    ...(options.workspaceConfig === undefined ? {} : { workspaceConfig: options.workspaceConfig }),
    ...(options.openingAckMs === undefined ? {} : { openingAckMs: options.openingAckMs }),
  });
  try {
    await runtime.start();
  } catch (error) {
    await runtime.stop();
    await closeSlack();
    removeDataDir();
    throw error;
  }
  const url = `http://127.0.0.1:${runtime.slack.port()}/slack/events`;
  slack.setAppUrl(url);
  return {
    slack,
    runtime,
    installations,
    url,
    dataDir,
    logs: lines,
    async stop() {
      await runtime.stop();
      await closeSlack();
      removeDataDir();
    },
  };
}

/** Wednesday 18 November 2026, noon UTC: in the week the Monday 23 November digest reports. */
export const IN_WEEK = Date.UTC(2026, 10, 18, 12);
/** Monday 23 November 2026, 10:00 UTC: an hour after the digest was due. */
export const MONDAY = Date.UTC(2026, 10, 23, 10);

/** A slash command from one workspace, and the first reply to it. */
export async function slash(app: WorkspacesApp, team: string, command: string, text: string, userId = 'U0REP1') {
  const result = await app.slack.team(team).slashCommand({ command, text, userId });
  const [reply] = await result.waitForResponses(1);
  return reply;
}

/** The weekly digests a workspace's Slack received (their first message), optionally of one week only. */
export function weeklyDigestsIn(app: WorkspacesApp, team: string, week = '') {
  const heading = `*ROI Runway — week of${week === '' ? '' : ` ${week}*`}`;
  return app.slack
    .team(team)
    .messages.filter((m) => m.kind === 'chat.postMessage' && m.text?.startsWith(heading) === true);
}

/** A manager's /roi settings: the modal is the answer, so no reply comes to wait for. */
export async function openSettings(app: WorkspacesApp, team: string) {
  const opened = () => app.slack.team(team).views.filter((v) => v.callbackId === 'workspace_settings_modal').length;
  const before = opened();
  await app.slack.team(team).slashCommand({ command: '/roi', text: 'settings', userId: 'U0MANAGER' });
  await expect.poll(opened, { timeout: 20_000 }).toBe(before + 1);
}

export interface SettingsFields {
  channel?: string;
  /** Left out of the submission when unset (a modal of an older version had no such field). */
  cron?: string;
  managers?: string[];
  timeZone?: string;
  currency?: string;
  margin?: string;
}

export function submitSettings(app: WorkspacesApp, team: string, userId: string, fields: SettingsFields) {
  const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
  return app.slack.team(team).viewSubmission({
    userId,
    view: {
      callback_id: 'workspace_settings_modal',
      state: {
        values: {
          DIGEST_CHANNEL: { value: { type: 'conversations_select', selected_conversation: fields.channel ?? null } },
          ...(fields.cron === undefined ? {} : { DIGEST_CRON: text(fields.cron) }),
          DIGEST_TZ: text(fields.timeZone ?? 'UTC'),
          MANAGERS: { value: { type: 'multi_users_select', selected_users: fields.managers ?? ['U0MANAGER'] } },
          CURRENCY: text(fields.currency ?? 'USD'),
          GROSS_MARGIN: text(fields.margin ?? '1'),
          PURCHASES_PER_YEAR: text('1'),
          RETENTION_YEARS: text('3'),
        },
      },
    },
  });
}
