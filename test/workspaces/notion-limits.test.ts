// Notion's rate limits are per connection: each workspace's sync has its own limiter, so one workspace's Notion
// answering 429 with a long Retry-After pauses that workspace's pushes only. And no workspace's change ever lands in
// the other's Notion. Two Slack workspaces, each connected from /roi settings to its own Notion workspace (two fakes
// behind one NOTION_API_URL), through the real app over HTTP.

import { afterEach, expect, it } from 'vitest';
import { slash, startWorkspacesApp, type WorkspacesApp } from '../helpers/workspaces-harness.js';
import { companies, type NotionPair, notionReport, openSettings, startNotionPair, submitNotion } from './notion-rig.js';

let t: WorkspacesApp | undefined;
let notion: NotionPair | undefined;

afterEach(async () => {
  await t?.stop();
  await notion?.close();
  t = undefined;
  notion = undefined;
});

const PAUSE_MS = 6_000;

it("pauses only the rate-limited workspace's pushes: the other's change lands meanwhile, its own after", async () => {
  notion = await startNotionPair();
  const { one, two } = notion;
  t = await startWorkspacesApp({ teams: ['T0ONE', 'T0TWO'], env: { NOTION_API_URL: notion.door.url } });
  const app = t;
  for (const [team, fake] of [
    ['T0ONE', one],
    ['T0TWO', two],
  ] as const) {
    await openSettings(app, team);
    await submitNotion(app, team, { token: fake.token, page: fake.rootPageId });
  }
  expect(await notionReport(app, 'T0ONE')).toContain('Notion connected');
  expect(await notionReport(app, 'T0TWO')).toContain('Notion connected');
  await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
  await slash(app, 'T0TWO', '/lead', 'source google Beta Inc');
  await expect.poll(() => [companies(one), companies(two)], { timeout: 10_000 }).toEqual([['Acme Corp'], ['Beta Inc']]);

  // Notion rate-limits the first workspace's integration: 429 with Retry-After 6 s.
  const pauseEnds = one.clock() + PAUSE_MS;
  one.faults.rateLimit(pauseEnds);
  await slash(app, 'T0ONE', '/lead', 'source thomasnet Crane Co');
  await expect.poll(() => one.stats.rateLimited, { timeout: 5_000 }).toBeGreaterThan(0);
  await slash(app, 'T0TWO', '/lead', 'source google Delta LLC');

  // The second workspace's change reaches its Notion while the first is still paused.
  await expect.poll(() => companies(two).sort(), { timeout: 4_000 }).toEqual(['Beta Inc', 'Delta LLC']);
  expect(one.clock()).toBeLessThan(pauseEnds - 1_000);
  expect(companies(one)).toEqual(['Acme Corp']);

  // The first workspace's change arrives once the pause ends, never before.
  await expect.poll(() => companies(one).sort(), { timeout: 20_000 }).toEqual(['Acme Corp', 'Crane Co']);
  expect(one.clock()).toBeGreaterThanOrEqual(pauseEnds);
  expect(two.stats.rateLimited).toBe(0);

  // Each Notion holds its own workspace's rows only.
  expect(companies(one)).not.toContain('Beta Inc');
  expect(companies(one)).not.toContain('Delta LLC');
  expect(companies(two)).not.toContain('Acme Corp');
  expect(companies(two)).not.toContain('Crane Co');
}, 90_000);
