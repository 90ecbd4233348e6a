// WORKSPACE_CACHE_SIZE bounds the open workspaces: with a bound of 2 and three workspaces used in turn, the least
// recently used is closed (its Notion push finished, its store closed) and reopens with all its data on its next
// request, and Notion receives each row once.

import { afterEach, describe, expect, it } from 'vitest';
import { buildWorkspaceConfig } from '../../src/distribution-runtime.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { slash, startWorkspacesApp, type WorkspacesApp } from '../helpers/workspaces-harness.js';
import { setUpNotionDatabases } from '../notion/harness.js';

const TEAMS = ['T0ONE', 'T0TWO', 'T0THREE'] as const;

let t: WorkspacesApp | undefined;
const notions = new Map<string, { fake: FakeNotion; leads: string; ids: Record<string, string> }>();

afterEach(async () => {
  await t?.stop();
  await Promise.all([...notions.values()].map(({ fake }) => fake.close()));
  notions.clear();
  t = undefined;
});

describe('the bounded set of open workspaces', () => {
  it('closes the least recently used past the bound and reopens it with all its data, pushing nothing twice', async () => {
    for (const team of TEAMS) {
      const fake = await startFakeNotion({ rateLimit: false });
      const { databaseIds, dataSources } = setUpNotionDatabases(fake);
      notions.set(team, { fake, leads: dataSources.lead, ids: databaseIds });
    }
    // Each workspace its own Notion: the one place a later task reads stored settings from.
    const workspaceConfig = (key: string, env: Parameters<typeof buildWorkspaceConfig>[1]) => {
      const { fake, ids } = notions.get(key)!;
      const { leadsDb = '', spendDb = '', targetsDb = '' } = ids;
      const notion = { token: fake.token, apiUrl: fake.url, leadsDb, spendDb, targetsDb, pollSeconds: 60 };
      return { ...buildWorkspaceConfig(key, env), notion };
    };
    const env = { WORKSPACE_CACHE_SIZE: '2' };
    t = await startWorkspacesApp({ teams: TEAMS, env, workspaceConfig, logLevel: 'info' });

    for (const round of [1, 2]) {
      for (const team of TEAMS) {
        expect((await slash(t, team, '/lead', `source thomasnet ${team} Round ${round}`))?.text).toBe(
          `Logged ${team} Round ${round} from Thomasnet.`,
        );
        await expect.poll(() => t?.runtime.registry.openKeys().length).toBeLessThanOrEqual(2);
      }
    }
    for (const team of TEAMS) {
      // Reopened (each was closed since its last use): both of its leads are there, none of the others'.
      expect((await slash(t, team, '/lead', `source thomasnet ${team} Round 1`))?.text).toBe(
        `${team} Round 1 already has Thomasnet; nothing changed.`,
      );
      const funnel = await slash(t, team, '/funnel', 'this-month');
      expect(JSON.stringify(funnel?.blocks)).toContain('*Lead* 2\\n*MQL* 0');
    }
    await t.runtime.stop();

    const opened = (team: string) =>
      t?.logs.filter((line) => line.includes('"Workspace opened"') && line.includes(`"workspace":"${team}"`)).length;
    // Three rounds in turn with room for two: every workspace was closed and opened again each round.
    for (const team of TEAMS) expect(opened(team)).toBe(3);

    for (const team of TEAMS) {
      const { fake, leads } = notions.get(team)!;
      const names = fake.plainRows(leads).map((row) => String(row.Name));
      expect(names.sort()).toEqual([`${team} Round 1`, `${team} Round 2`]);
    }
  }, 60_000);
});

describe('the bound under a burst', () => {
  it('never holds more open workspaces than the bound, even when every open one is serving', async () => {
    const teams = ['T0B1', 'T0B2', 'T0B3', 'T0B4', 'T0B5', 'T0B6'];
    t = await startWorkspacesApp({ teams, env: { WORKSPACE_CACHE_SIZE: '2' } });
    const app = t;
    let most = 0;
    let sampling = true;
    const sample = (async () => {
      while (sampling) {
        most = Math.max(most, app.runtime.registry.openKeys().length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    // Six people in six closed workspaces at once: each store is opened, served, and closed to make room.
    const replies = await Promise.all(teams.map((team) => slash(app, team, '/lead', `source thomasnet ${team} Tools`)));
    sampling = false;
    await sample;

    expect(replies.map((reply) => reply?.text)).toEqual(teams.map((team) => `Logged ${team} Tools from Thomasnet.`));
    expect(most).toBe(2);
    // Each kept its own lead: the second time it already has it.
    for (const team of teams) {
      expect((await slash(app, team, '/lead', `source thomasnet ${team} Tools`))?.text).toBe(
        `${team} Tools already has Thomasnet; nothing changed.`,
      );
    }
  }, 120_000);
});
