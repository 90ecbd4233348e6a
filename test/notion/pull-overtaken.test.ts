// A pull whose answer from Notion is older than the bot's own write to the same page: Notion answered the query, then
// took the push of a rep's change, and the answer reached the bot after the push had. Both carry the same minute
// (Notion rounds edit times down to it), so the page as pulled looked like an edit made in Notion, and it undid the
// rep's change here (the store, /roi) while Notion kept it. Single-workspace mode, on SQLite and on Postgres, through
// the real app, the fake Slack and the fake Notion.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotionSync } from '../../src/notion/sync.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/index.js';
import { buildTestEnv, startTestApp, type TestApp } from '../helpers/app-harness.js';
import { createDatabase } from '../instances/instance-rig.js';
import { usePostgresServer } from '../postgres/use-server.js';
import {
  drainOutbox,
  MARIA,
  type NotionHarness,
  readLeadRows,
  setUpNotionDatabases,
  startNotionHarness,
} from './harness.js';

const postgres = usePostgresServer();
const NOTION_TOKEN = `ntn_${'5e'.repeat(23)}`;
/** Five seconds into a minute: every step below moves the clock a second on, all within that minute. */
const START = Date.UTC(2026, 10, 18, 12, 0, 5);

interface Rig {
  slack: FakeSlack;
  notion: FakeNotion;
  env: Record<string, string>;
  leadsSource: string;
  time: { now: number };
  dataDir: string;
}

let rig: Rig | undefined;
const apps: TestApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
  await rig?.slack.close();
  await rig?.notion.close();
  if (rig) rmSync(rig.dataDir, { recursive: true, force: true });
  rig = undefined;
});

async function buildRig(engine: 'sqlite' | 'postgres'): Promise<Rig> {
  const time = { now: START };
  const notion = await startFakeNotion({
    token: NOTION_TOKEN,
    otherTokens: [],
    rateLimit: false,
    clock: () => time.now,
  });
  const { databaseIds, dataSources } = setUpNotionDatabases(notion);
  const slack = await startFakeSlack({ teamId: 'T0PULL' });
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-overtaken-'));
  const env = {
    ...buildTestEnv(slack, 'http', dataDir),
    NOTION_TOKEN,
    NOTION_API_URL: notion.url,
    NOTION_LEADS_DB: databaseIds.leadsDb,
    NOTION_SPEND_DB: databaseIds.spendDb,
    NOTION_TARGETS_DB: databaseIds.targetsDb,
    // No poll of its own during the test: the test runs the pulls, so a later one cannot mend the store before it looks.
    NOTION_POLL_SECONDS: '3600',
    ...(engine === 'postgres' ? { DATABASE_URL: await createDatabase(postgres()) } : {}),
  };
  rig = { slack, notion, env, leadsSource: dataSources.lead, time, dataDir };
  return rig;
}

async function start(r: Rig): Promise<TestApp> {
  const app = await startTestApp({
    mode: 'http',
    env: r.env,
    clock: () => r.time.now,
    slack: r.slack,
    logLevel: 'info',
  });
  apps.push(app);
  return app;
}

/** A slash command a second after the last thing that happened; its reply's text. */
async function say(r: Rig, t: TestApp, command: string, text: string, userId = 'U0REP1'): Promise<string> {
  r.time.now += 1000;
  const result = await t.slack.slashCommand({ command, text, userId });
  const [reply] = await result.waitForResponses(1);
  return reply?.text ?? '';
}

const isPullJobDone = (line: string) => line.includes('"Job done"') && line.includes('"notion-pull"');

const acmeInNotion = (r: Rig) => r.notion.plainRows(r.leadsSource).find((row) => row.Name === 'Acme Corp');

/** The app's Notion sync (single mode starts it before the app answers). */
const syncOf = (t: TestApp) => t.deps.notion as NotionSync;

/** Everything owed to Notion is there. */
async function waitSynced(t: TestApp): Promise<void> {
  syncOf(t).nudge();
  await expect.poll(() => t.services.outbox.size(), { timeout: 20_000 }).toBe(0);
  expect(syncOf(t).failures()).toEqual([]);
}

describe.each(['sqlite', 'postgres'] as const)('a pull answered before our own push landed (%s)', (engine) => {
  it('keeps the rep’s change: the store, Notion and /roi all count the won deal', async () => {
    const r = await buildRig(engine);
    const t = await start(r);
    await say(r, t, '/lead', 'source thomasnet Acme Corp');
    await say(r, t, '/lead', 'campaign spring-expo Acme Corp');
    await say(r, t, '/roi', 'cost spring-expo 11000 month:2026-11 category:event', 'U0MANAGER');
    await waitSynced(t);
    // The pull at start (an import; on Postgres a job) is over before the race below, which one more pull runs.
    if (engine === 'postgres') await expect.poll(() => t.logs.some(isPullJobDone), { timeout: 20_000 }).toBe(true);
    await syncOf(t).pullNow();

    // Notion answers the poll's query now (Acme still a lead), but the answer reaches the bot only at release().
    const held = r.notion.faults.holdNext('dataSources.query');
    const pulling = syncOf(t).pullNow();
    await held.arrived;
    // Meanwhile the rep closes the deal; the push takes it to Notion, in the same minute.
    expect(await say(r, t, '/lead', 'won Acme Corp value:7000')).toContain('Acme Corp');
    await waitSynced(t);
    await expect.poll(() => acmeInNotion(r)?.Stage).toBe('Customer');
    held.release();
    await pulling;

    const live = await say(r, t, '/roi', 'spring-expo', 'U0MANAGER');
    expect(live).toContain('revenue $7,000');
    expect(t.service.findLeads('Acme Corp')[0]?.lead).toMatchObject({ stage: 'customer', value: 7000 });
    expect(acmeInNotion(r)).toMatchObject({ Stage: 'Customer', Value: 7000 });
    // A bot started afresh on the same store answers the same.
    r.time.now += 1000;
    await t.stop();
    apps.splice(apps.indexOf(t), 1);
    const fresh = await start(r);
    expect(await say(r, fresh, '/roi', 'spring-expo', 'U0MANAGER')).toBe(live);
  }, 90_000);
});

describe('the first pull (an import) overtaken by our own push', () => {
  let h: NotionHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('leaves the page it read before the push for the next pull, which finds the push in Notion', async () => {
    h = await startNotionHarness();
    const acme = h.services.leads.createLead({ company: 'Acme Corp', campaign: 'spring-expo' }, { actor: MARIA });
    await drainOutbox(h);

    const held = h.fake.faults.holdNext('dataSources.query');
    const importing = h.sync.pullNow();
    await held.arrived;
    h.services.leads.moveStage(acme.id, 'customer', { actor: MARIA }, { value: 7000 });
    await drainOutbox(h);
    held.release();
    await importing;

    expect(h.services.leads.getLead(acme.id)).toMatchObject({ stage: 'customer', value: 7000 });
    expect(readLeadRows(h).get(acme.id)).toMatchObject({ Stage: 'Customer', Value: 7000 });
    await h.sync.pullNow();
    expect(h.services.leads.getLead(acme.id)).toMatchObject({ stage: 'customer', value: 7000 });
  });
});
