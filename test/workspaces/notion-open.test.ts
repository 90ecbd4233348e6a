// Opening a workspace never waits for its Notion (distribution mode): the open reads the store, the Notion sync starts
// beside it. A manager whose workspace was closed still opens /roi settings (a rep the Log a lead form) within
// Slack's 3 s trigger_id, a rep's /lead is answered while Notion is still being checked, and what was logged
// meanwhile reaches Notion once it is ready; a workspace closed while its Notion starts leaves nothing running and
// loses nothing.
// Real app over HTTP, fake Slack (it refuses a trigger_id older than 3 s, as Slack does), fake Notion with latency.

import { afterEach, describe, expect, it } from 'vitest';
import { LOG_LEAD_CALLBACK } from '../../src/slack/views/log-lead-modal.js';
import type { FakeNotion } from '../fakes/notion/index.js';
import {
  IN_WEEK,
  MONDAY,
  slash,
  startWorkspacesApp,
  type WorkspacesApp,
  weeklyDigestsIn,
} from '../helpers/workspaces-harness.js';
import { companies, type NotionPair, notionReport, openSettings, startNotionPair, submitNotion } from './notion-rig.js';

let t: WorkspacesApp | undefined;
let notion: NotionPair | undefined;

afterEach(async () => {
  await t?.stop();
  await notion?.close();
  t = undefined;
  notion = undefined;
});

/** Notion answers this late: every request of the open's schema check (two per database) waits this long. */
const SLOW_MS = 8_000;

/** A workspace with its Notion connected and one lead synced, then closed (evicted, or idle since). */
async function connectedThenClosed() {
  notion = await startNotionPair();
  // No "one moment" line before the answer on a busy machine: the answer itself is what these tests wait for.
  const env = { NOTION_API_URL: notion.door.url };
  t = await startWorkspacesApp({ teams: ['T0ONE'], env, logLevel: 'debug', openingAckMs: 10_000 });
  const { one } = notion;
  await openSettings(t, 'T0ONE');
  await submitNotion(t, 'T0ONE', { token: one.token, page: one.rootPageId });
  expect(await notionReport(t, 'T0ONE')).toContain('Notion connected');
  await slash(t, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
  await expect.poll(() => companies(one), { timeout: 10_000 }).toEqual(['Acme Corp']);
  await t.runtime.registry.close('T0ONE');
  return { app: t, one };
}

/** How many answers the fake Notion has sent (a delayed one counts once it is sent). */
const answered = (fake: FakeNotion) => Object.values(fake.stats.byStatus).reduce((sum, n) => sum + n, 0);

/** Nothing more owed to Notion by the open workspace: its outbox is empty and Notion is ready. */
async function settled(app: WorkspacesApp) {
  const pending = () => app.runtime.registry.use('T0ONE', async (rt) => rt.deps.notion?.status().pending ?? -1);
  await expect.poll(async () => (await pending())?.value, { timeout: 20_000 }).toBe(0);
}

const logLevelOf = (line: string) => (JSON.parse(line) as { level?: string }).level;

describe('opening a workspace whose Notion is slow', () => {
  it('opens /roi settings and answers /lead without waiting for Notion; the lead reaches Notion once', async () => {
    const { app, one } = await connectedThenClosed();
    one.faults.slow(SLOW_MS);
    const answeredBefore = answered(one);

    // The manager's command opens the workspace; the modal needs its trigger_id within 3 s (the fake refuses later).
    await openSettings(app, 'T0ONE');
    const reply = await slash(app, 'T0ONE', '/lead', 'source google Beta Inc');
    expect(reply?.text).toContain('Beta Inc');
    // Both came while Notion had answered nothing since it slowed down: its schema check was still under way.
    expect(answered(one)).toBe(answeredBefore);
    expect(companies(one)).toEqual(['Acme Corp']);

    // Notion answers again: the lead that waited in the outbox goes out once the sync is ready, exactly once.
    one.faults.slow(0);
    await expect.poll(() => companies(one).sort(), { timeout: 30_000 }).toEqual(['Acme Corp', 'Beta Inc']);
    await settled(app);
    expect(companies(one).sort()).toEqual(['Acme Corp', 'Beta Inc']);
  }, 90_000);

  it('closes a workspace whose Notion is still starting cleanly, and pushes what waited when it reopens', async () => {
    const { app, one } = await connectedThenClosed();
    one.faults.slow(SLOW_MS);
    const answeredBefore = answered(one);
    // A rep's bare /lead opens the Log a lead form, which needs the trigger_id within 3 s too.
    const forms = () => app.slack.team('T0ONE').views.filter((v) => v.callbackId === LOG_LEAD_CALLBACK).length;
    await app.slack.team('T0ONE').slashCommand({ command: '/lead', text: '', userId: 'U0REP1' });
    await expect.poll(forms, { timeout: 20_000 }).toBe(1);
    const reply = await slash(app, 'T0ONE', '/lead', 'source google Beta Inc');
    expect(reply?.text).toContain('Beta Inc');

    // Closed (as an eviction or an uninstall closes it) while the schema check's first request waits for Notion,
    // longer than a close waits for a start (NOTION_START_GRACE_MS): the start is cut short.
    expect(answered(one)).toBe(answeredBefore);
    await app.runtime.registry.close('T0ONE');
    const closedAt = app.logs.length;
    // The request the close cut short is answered by Notion later; nothing of the closed workspace reacts to it.
    await expect.poll(() => answered(one), { timeout: 20_000 }).toBeGreaterThan(answeredBefore);
    one.faults.slow(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = app.logs.slice(closedAt);
    expect(after.filter((line) => ['error', 'warn'].includes(logLevelOf(line) ?? ''))).toEqual([]);
    expect(companies(one)).toEqual(['Acme Corp']);

    // Reopened: the lead that waited in its outbox reaches Notion, once.
    await slash(app, 'T0ONE', '/roi', 'spring-expo');
    await expect.poll(() => companies(one).sort(), { timeout: 30_000 }).toEqual(['Acme Corp', 'Beta Inc']);
    await settled(app);
    expect(companies(one).sort()).toEqual(['Acme Corp', 'Beta Inc']);
  }, 90_000);

  it('gives a workspace closed while its Notion starts its last push once the start ends, as any close does', async () => {
    const { app, one } = await connectedThenClosed();
    const reply = await slash(app, 'T0ONE', '/lead', 'source google Beta Inc');
    expect(reply?.text).toContain('Beta Inc');
    // Answered while the sync was still checking the databases (ten requests at Notion's 3 a second)...
    const synced = await app.runtime.registry.use('T0ONE', async (rt) => rt.deps.notion);
    expect(synced?.value).toBeNull();
    const closedAt = app.logs.length;

    // ...and closed then (evicted): the close waits for the start, and the lead goes out in its last push.
    await app.runtime.registry.close('T0ONE');
    expect(companies(one).sort()).toEqual(['Acme Corp', 'Beta Inc']);
    expect(app.logs.slice(closedAt).filter((line) => ['error', 'warn'].includes(logLevelOf(line) ?? ''))).toEqual([]);

    // Opened again, nothing goes twice.
    await slash(app, 'T0ONE', '/roi', 'spring-expo');
    await settled(app);
    expect(companies(one).sort()).toEqual(['Acme Corp', 'Beta Inc']);
  }, 90_000);

  it("imports a new workspace's Notion once, and its owed digest waits for the import, not only for the open", async () => {
    notion = await startNotionPair();
    let now = IN_WEEK;
    const env = { NOTION_API_URL: notion.door.url };
    t = await startWorkspacesApp({ teams: ['T0ONE', 'T0TWO'], env, clock: () => now, scheduleDigests: true });
    const { one } = notion;
    // The first workspace fills the Notion databases; the second, still empty, connects the same Notion.
    await openSettings(t, 'T0ONE');
    await submitNotion(t, 'T0ONE', { token: one.token, page: one.rootPageId });
    expect(await notionReport(t, 'T0ONE')).toContain('Notion connected');
    await slash(t, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
    await slash(t, 'T0ONE', '/lead', 'won Acme Corp value:7000');
    await expect.poll(() => companies(one), { timeout: 10_000 }).toEqual(['Acme Corp']);
    await openSettings(t, 'T0TWO');
    await submitNotion(t, 'T0TWO', { token: one.token, page: one.rootPageId });
    expect(await notionReport(t, 'T0TWO')).toContain('• Leads: found');
    await Promise.all(t.runtime.registry.openKeys().map((key) => t?.runtime.registry.close(key)));

    // Monday: the wake-up opens the second workspace, whose digest is owed while its first import has not even begun
    // (Notion is slow to answer). The open does not wait for Notion; the digest does, then reports the imported week.
    now = MONDAY;
    one.faults.slow(300);
    await t.runtime.wakeUps.digests();
    const weekly = weeklyDigestsIn(t, 'T0TWO', 'Nov 16');
    expect(weekly).toHaveLength(1);
    const text = weekly[0]?.text ?? '';
    // Imported once: one lead, not two.
    expect(text).toContain('*Leads*: 1 · new');
    expect(text).toContain('*Revenue*: $7K · new');
  }, 120_000);
});
