// A team that used the bot in single-workspace mode, filled through the real app: leads logged over months, spend,
// the Monday digest posted (its ledger entry), every lead synced to Notion (its sync links), and one change still owed
// to Notion (a pending outbox row). Shared by the adoption tests on SQLite and on Postgres.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { adoptSingleStore } from '../../src/adoption/adopt.js';
import { parseConfig } from '../../src/config.js';
import { createMemoryLogger } from '../../src/log.js';
import { buildStoreServices } from '../../src/store/index.js';
import { buildStoreLocation, buildStorePath } from '../../src/store-location.js';
import { buildWorkspaceDataDir, buildWorkspaceSchema } from '../../src/workspace-store.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { buildTestEnv, startTestApp, type TestApp } from '../helpers/app-harness.js';
import { IN_WEEK, MONDAY, slash, type WorkspacesApp } from '../helpers/workspaces-harness.js';
import { setUpNotionDatabases } from '../notion/harness.js';

export const TEAM = 'T0ADOPT';
/** An internal integration's secret of the real shape: a workspace's stored connection must have one. */
const NOTION_TOKEN = `ntn_${'3c'.repeat(23)}`;
const SEPTEMBER = Date.UTC(2026, 8, 9, 12);
const OCTOBER = Date.UTC(2026, 9, 14, 12);
const REP = { id: 'U0REP1', name: 'Ravi' };

export interface SingleTeam {
  dataDir: string;
  /** The single-workspace environment (what the operator still has set when adopting). */
  env: Record<string, string>;
  notion: FakeNotion;
  leadsSource: string;
  slack: FakeSlack;
  /** /roi spring-expo as the team's manager saw it in single mode, on MONDAY. */
  roiBefore: string;
  /** The Notion page of Umbrella, the lead whose change is still owed to Notion. */
  umbrellaPageId: string;
  /** Every row in the team's Notion (leads and spend) once single mode had synced. */
  notionRows: number;
  close(): Promise<void>;
}

export const weeklyDigests = (slack: Pick<FakeSlack, 'messages'>, week: string) =>
  slack.messages.filter((m) => m.kind === 'chat.postMessage' && m.text?.startsWith(`*ROI Runway — week of ${week}*`));

/** The app's clock, moved a minute on by each change, so no two changes (or a change and its echo) share a time. */
interface TeamTime {
  now: number;
}

async function say(t: TestApp, command: string, text: string, userId = 'U0REP1'): Promise<string> {
  const result = await t.slack.slashCommand({ command, text, userId });
  const [reply] = await result.waitForResponses(1);
  return reply?.text ?? '';
}

async function change(t: TestApp, time: TeamTime, command: string, text: string, userId = 'U0REP1') {
  time.now += 60_000;
  await say(t, command, text, userId);
}

/** Leads of three ages and a campaign's spend, logged through Slack, then synced to Notion. */
async function logTeamWork(t: TestApp, time: TeamTime, notion: FakeNotion, leadsSource: string) {
  time.now = SEPTEMBER;
  await change(t, time, '/lead', 'source thomasnet Acme Corp');
  await change(t, time, '/lead', 'campaign spring-expo Acme Corp');
  await change(t, time, '/lead', 'won Acme Corp value:7000');
  time.now = OCTOBER;
  await change(t, time, '/lead', 'source linkedin Globex');
  await change(t, time, '/lead', 'campaign spring-expo Globex');
  await change(t, time, '/lead', 'source linkedin Umbrella');
  time.now = IN_WEEK;
  await change(t, time, '/lead', 'source thomasnet Initech');
  await change(t, time, '/lead', 'campaign spring-expo Initech');
  await change(t, time, '/roi', 'cost spring-expo 11000 month:2026-11 category:event', 'U0MANAGER');
  t.deps.notion?.nudge();
  await expect.poll(() => notion.plainRows(leadsSource).length, { timeout: 20_000 }).toBe(4);
  const synced = () => t.service.listLeads().every((lead) => t.deps.notion?.syncStatus('lead', lead.id) === 'synced');
  await expect.poll(synced, { timeout: 20_000 }).toBe(true);
}

export async function fillSingleTeam(extraEnv: Record<string, string> = {}): Promise<SingleTeam> {
  // Notion's edit times on the app's clock, as in production: a lead's own change is never older than its echo.
  const time: TeamTime = { now: SEPTEMBER };
  const notion = await startFakeNotion({
    ...{ token: NOTION_TOKEN, otherTokens: [] },
    rateLimit: false,
    clock: () => time.now,
  });
  const { databaseIds, dataSources } = setUpNotionDatabases(notion);
  const slack = await startFakeSlack({ teamId: TEAM });
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-adopt-'));
  const env = {
    ...buildTestEnv(slack, 'http', dataDir),
    NOTION_TOKEN,
    NOTION_API_URL: notion.url,
    NOTION_LEADS_DB: databaseIds.leadsDb,
    NOTION_SPEND_DB: databaseIds.spendDb,
    NOTION_TARGETS_DB: databaseIds.targetsDb,
    ...extraEnv,
  };
  const close = async () => {
    await slack.close();
    await notion.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const t = await startTestApp({ mode: 'http', env, clock: () => time.now, slack, logLevel: 'warn' });
  try {
    await logTeamWork(t, time, notion, dataSources.lead);
  } finally {
    await t.stop();
  }
  // Monday: the bot starts, catches up the week's digest and notes it in its ledger; the manager asks for the ROI.
  time.now = MONDAY;
  const monday = await startTestApp({ mode: 'http', env, clock: () => MONDAY, slack, scheduleDigests: true });
  let roiBefore: string;
  try {
    await expect.poll(() => weeklyDigests(slack, 'Nov 16').length, { timeout: 30_000 }).toBe(1);
    roiBefore = await say(monday, '/roi', 'spring-expo', 'U0MANAGER');
  } finally {
    await monday.stop();
  }
  leaveChangeOwedToNotion(env);
  const umbrella = notion.rows(dataSources.lead).find((page) => JSON.stringify(page.properties).includes('Umbrella'));
  const umbrellaPageId = umbrella?.id ?? '';
  const notionRows = notion.allPages().length;
  return { dataDir, env, notion, leadsSource: dataSources.lead, slack, roiBefore, umbrellaPageId, notionRows, close };
}

/** A change made while no bot runs (as `npm run import` does): its outbox row waits for the next bot. */
function leaveChangeOwedToNotion(env: Record<string, string>): void {
  const services = buildStoreServices(buildStoreLocation(parseConfig(env, 'offline')), () => MONDAY);
  try {
    // A lead outside the spring-expo campaign: /roi spring-expo answers the same before and after.
    const umbrella = services.leads.findLeads('Umbrella')[0]?.lead;
    if (umbrella === undefined) throw new Error('Umbrella was not logged');
    services.leads.setValue(umbrella.id, 5000, { actor: REP });
  } finally {
    services.store.close();
  }
}

/** The Value column of a company's Leads row in Notion. */
export function notionValueOf(team: SingleTeam, company: string) {
  return team.notion.plainRows(team.leadsSource).find((row) => row.Name === company)?.Value;
}

/** `npm run workspaces -- adopt [key]` with this environment, as on the Monday the tests stand on. */
export function adopt(env: Record<string, string>, key?: string) {
  const { logger } = createMemoryLogger('warn');
  return adoptSingleStore(parseConfig(env, 'offline'), key, { clock: () => MONDAY, log: logger });
}

/** The Monday after the one the single-mode team's digest was posted for. */
export const NEXT_MONDAY = Date.UTC(2026, 10, 30, 10);

/**
 * What the adopted team must find in distribution mode, on either engine: `/roi` answers as in its last single-mode
 * run; the change it owed Notion goes to the page the lead already had (no second row, nothing imported twice); this
 * week's digest, posted in single mode, is not posted again; next week's goes to the channel carried over.
 * `toNextMonday` moves the app's clock a week on.
 */
export async function expectAdoptedTeamServed(app: WorkspacesApp, team: SingleTeam, toNextMonday: () => void) {
  expect((await slash(app, TEAM, '/roi', 'spring-expo', 'U0MANAGER'))?.text).toBe(team.roiBefore);
  await expect.poll(() => notionValueOf(team, 'Umbrella'), { timeout: 20_000 }).toBe(5000);
  expect(team.notion.rows(team.leadsSource).map((page) => page.id)).toContain(team.umbrellaPageId);
  expect(team.notion.allPages()).toHaveLength(team.notionRows);
  await app.runtime.wakeUps.digests();
  toNextMonday();
  await app.runtime.wakeUps.digests();
  const nextWeek = () => weeklyDigests(app.slack.team(TEAM), 'Nov 23');
  await expect.poll(() => nextWeek().length, { timeout: 30_000 }).toBe(1);
  expect(weeklyDigests(app.slack.team(TEAM), 'Nov 16')).toHaveLength(0);
  expect(nextWeek()[0]?.channel).toBe('C0GENERAL');
}

/** A team with one lead in single mode (the bot noted its workspace at start); `env` is its environment. */
export async function startSmallTeam(extraEnv: Record<string, string> = {}) {
  const slack = await startFakeSlack({ teamId: TEAM });
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-adopt-'));
  const env = { ...buildTestEnv(slack, 'http', dataDir), ...extraEnv };
  const t = await startTestApp({ mode: 'http', env, slack, logLevel: 'warn' });
  try {
    await say(t, '/lead', 'source thomasnet Acme Corp');
  } finally {
    await t.stop();
  }
  return {
    dataDir,
    env,
    async close() {
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The companies of a store: the single one (`key` null) or a workspace's. */
export function companiesIn(env: Record<string, string>, key: string | null): string[] {
  const config = parseConfig(env, 'offline');
  const location = buildStoreLocation(config);
  const place =
    key === null
      ? location
      : config.databaseUrl === undefined
        ? { file: buildStorePath(buildWorkspaceDataDir(config.dataDir, key)) }
        : { ...location, schema: buildWorkspaceSchema(key) };
  const services = buildStoreServices(place);
  try {
    return services.leads.listLeads().map((lead) => lead.company);
  } finally {
    services.store.close();
  }
}
