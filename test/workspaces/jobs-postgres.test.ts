// Distribution mode on Postgres, two instances: every workspace's digest is a job keyed by its workspace and week,
// asked for by both instances, run by one, posted once to the workspace's own channel with its own figures.

import { describe, expect, it } from 'vitest';
import { buildWorkspaceConfig } from '../../src/distribution-runtime.js';
import { startFakeNotion } from '../fakes/notion/index.js';
import { countMostPostingAtOnce } from '../helpers/held-posts.js';
import { IN_WEEK, MONDAY, slash, startWorkspacesApp, weeklyDigestsIn } from '../helpers/workspaces-harness.js';
import { createDatabase } from '../instances/instance-rig.js';
import { setUpNotionDatabases } from '../notion/harness.js';
import { usePostgresServer } from '../postgres/use-server.js';

const TEAMS = ['T0ONE', 'T0TWO'] as const;

const postgres = usePostgresServer();

describe('digests per workspace through the job queue', () => {
  it('posts each workspace digest once, from either instance, with its own figures', async () => {
    let now = IN_WEEK;
    const env = { DATABASE_URL: await createDatabase(postgres()) };
    const first = await startWorkspacesApp({ teams: TEAMS, clock: () => now, env });
    const second = await startWorkspacesApp({ teams: TEAMS, clock: () => now, env, slack: first.slack });
    try {
      const won = { T0ONE: 7_000, T0TWO: 9_000 };
      for (const [team, value] of Object.entries(won)) {
        await slash(first, team, '/lead', 'source thomasnet Acme Corp');
        await slash(first, team, '/lead', `won Acme Corp value:${value}`);
      }
      now = MONDAY;

      await Promise.all([first.runtime.wakeUps.digests(), second.runtime.wakeUps.digests()]);
      await Promise.all([first.runtime.wakeUps.digests(), second.runtime.wakeUps.digests()]);

      const weeklyOf = (team: string) => weeklyDigestsIn(first, team, 'Nov 16');
      for (const [team, value] of Object.entries(won)) {
        await expect.poll(() => weeklyOf(team).length, { timeout: 20_000 }).toBe(1);
        expect(weeklyOf(team)[0]?.channel).toBe('C0GENERAL');
        expect(weeklyOf(team)[0]?.text).toContain(`*Revenue*: $${value / 1000}K · new`);
      }
      // A while later, still one each: no second run of either workspace's week.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      for (const team of TEAMS) expect(weeklyOf(team)).toHaveLength(1);
    } finally {
      await second.stop();
      await first.stop();
    }
  }, 120_000);

  it("posts each workspace's digest at its own schedule, from either instance, once", async () => {
    let now = IN_WEEK;
    // T0TWO's own schedule (as its stored settings would give it): Mondays 15:00 UTC; T0ONE keeps Mondays 09:00.
    const workspaceConfig = (key: string, env: Parameters<typeof buildWorkspaceConfig>[1]) => {
      const config = buildWorkspaceConfig(key, env);
      return key === 'T0TWO' ? { ...config, digest: { ...config.digest, cron: '0 15 * * 1' } } : config;
    };
    const env = { DATABASE_URL: await createDatabase(postgres()) };
    const options = { teams: TEAMS, clock: () => now, env, workspaceConfig };
    const first = await startWorkspacesApp(options);
    const second = await startWorkspacesApp({ ...options, slack: first.slack });
    try {
      for (const team of TEAMS) {
        await slash(first, team, '/lead', 'source thomasnet Acme Corp');
        await slash(first, team, '/lead', 'won Acme Corp value:5000');
      }
      const sweepBoth = async (instant: number) => {
        now = instant;
        await Promise.all([first.runtime.wakeUps.digests(), second.runtime.wakeUps.digests()]);
      };
      const weeklyOf = (team: string) => weeklyDigestsIn(first, team, 'Nov 16');

      const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));
      await sweepBoth(MONDAY);
      await expect.poll(() => weeklyOf('T0ONE').length, { timeout: 20_000 }).toBe(1);
      // Monday 10:00 is T0ONE's time, not T0TWO's: nothing at all is posted in T0TWO's channel.
      await settle();
      const postsIn = (team: string) =>
        first.slack.team(team).messages.filter((m) => m.kind === 'chat.postMessage' && m.channel === 'C0GENERAL');
      expect(postsIn('T0TWO')).toEqual([]);
      await sweepBoth(MONDAY + 5 * 3_600_000);
      await expect.poll(() => weeklyOf('T0TWO').length, { timeout: 20_000 }).toBe(1);
      await sweepBoth(MONDAY + 6 * 3_600_000);
      // A while later, still one each: neither ran twice.
      await settle();
      for (const team of TEAMS) expect(weeklyOf(team)).toHaveLength(1);
    } finally {
      await second.stop();
      await first.stop();
    }
  }, 120_000);

  it("runs WORKSPACE_JOB_CONCURRENCY workspaces' digests at once on one instance, never more", async () => {
    const teams = ['T0W1', 'T0W2', 'T0W3', 'T0W4'];
    let now = IN_WEEK;
    const env = { DATABASE_URL: await createDatabase(postgres()), WORKSPACE_JOB_CONCURRENCY: '2' };
    const app = await startWorkspacesApp({ teams, clock: () => now, env });
    try {
      for (const team of teams) await slash(app, team, '/lead', 'source thomasnet Acme Corp');
      now = MONDAY;

      const most = await countMostPostingAtOnce(app, teams, async () => {
        await app.runtime.wakeUps.digests();
        await expect.poll(() => teams.every((team) => weeklyDigestsIn(app, team).length === 1), { timeout: 60_000 });
      });

      expect(most).toBe(2);
      for (const team of teams) expect(weeklyDigestsIn(app, team, 'Nov 16')).toHaveLength(1);
    } finally {
      await app.stop();
    }
  }, 120_000);

  it("pushes each workspace's changes to its own Notion through the queue, once", async () => {
    const notions = new Map<string, Awaited<ReturnType<typeof startNotionFor>>>();
    for (const team of TEAMS) notions.set(team, await startNotionFor());
    const workspaceConfig = (key: string, env: Parameters<typeof buildWorkspaceConfig>[1]) => ({
      ...buildWorkspaceConfig(key, env),
      notion: notions.get(key)!.config,
    });
    const env = { DATABASE_URL: await createDatabase(postgres()) };
    const app = await startWorkspacesApp({ teams: TEAMS, env, workspaceConfig });
    try {
      for (const team of TEAMS) await slash(app, team, '/lead', `source thomasnet ${team} Acme Corp`);

      for (const team of TEAMS) {
        const { fake, leads } = notions.get(team)!;
        const names = () => fake.plainRows(leads).map((row) => String(row.Name));
        await expect.poll(names, { timeout: 20_000 }).toEqual([`${team} Acme Corp`]);
      }
    } finally {
      await app.stop();
      for (const { fake } of notions.values()) await fake.close();
    }
  }, 120_000);
  it("answers a closed workspace's /lead while its slow Notion starts, then pushes the lead through the queue once", async () => {
    const { fake, leads, config } = await startNotionFor();
    const workspaceConfig = (key: string, env: Parameters<typeof buildWorkspaceConfig>[1]) => ({
      ...buildWorkspaceConfig(key, env),
      notion: config,
    });
    const env = { DATABASE_URL: await createDatabase(postgres()) };
    const app = await startWorkspacesApp({ teams: ['T0ONE'], env, workspaceConfig, openingAckMs: 10_000 });
    try {
      fake.faults.slow(5_000);
      const answered = () => Object.values(fake.stats.byStatus).reduce((sum, n) => sum + n, 0);
      const reply = await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
      expect(reply?.text).toContain('Acme Corp');
      // Answered before Notion answered the open's first request: the open did not wait for it.
      expect(answered()).toBe(0);
      fake.faults.slow(0);
      const names = () => fake.plainRows(leads).map((row) => String(row.Name));
      await expect.poll(names, { timeout: 30_000 }).toEqual(['Acme Corp']);
      const pending = () => app.runtime.registry.use('T0ONE', async (rt) => rt.deps.notion?.status().pending ?? -1);
      await expect.poll(async () => (await pending())?.value, { timeout: 20_000 }).toBe(0);
      expect(names()).toEqual(['Acme Corp']);
    } finally {
      await app.stop();
      await fake.close();
    }
  }, 120_000);
});

async function startNotionFor() {
  const fake = await startFakeNotion({ rateLimit: false });
  const { databaseIds, dataSources } = setUpNotionDatabases(fake);
  const { leadsDb = '', spendDb = '', targetsDb = '' } = databaseIds;
  const config = { token: fake.token, apiUrl: fake.url, leadsDb, spendDb, targetsDb, pollSeconds: 60 };
  return { fake, leads: dataSources.lead, config };
}
