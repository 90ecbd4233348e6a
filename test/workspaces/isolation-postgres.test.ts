// The model test of isolation.test.ts on Postgres, where each workspace is a schema (ws_<key>) of one database, and
// what the bound on open workspaces means for connections: one per open workspace's store, closed with it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startWorkspacesApp } from '../helpers/workspaces-harness.js';
import { createDatabase } from '../instances/instance-rig.js';
import { queryOnce as query } from '../postgres/query.js';
import { usePostgresServer } from '../postgres/use-server.js';
import { buildModel, MODEL_NOW, runStep, stepArb } from './isolation-model.js';

const TEAMS = ['T0NORTH', 'T0SOUTH', 'T0EAST'] as const;

const postgres = usePostgresServer();

describe('workspaces side by side on Postgres', () => {
  it('answers each workspace from its own schema only', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...TEAMS), stepArb), { minLength: 4, maxLength: 20 }),
        async (steps) => {
          const url = await createDatabase(postgres());
          const app = await startWorkspacesApp({ teams: TEAMS, clock: () => MODEL_NOW, env: { DATABASE_URL: url } });
          try {
            const models = new Map(TEAMS.map((team) => [team, buildModel()]));
            for (const [team, step] of steps) await runStep(app, team, models.get(team)!, step);
            for (const team of new Set(steps.map(([team]) => team))) {
              const [row] = await query(url, `SELECT count(*)::int AS n FROM ws_${team.toLowerCase()}.leads`);
              expect(row?.n).toBe(models.get(team)!.leads.size);
            }
          } finally {
            await app.stop();
          }
        },
      ),
      { numRuns: 4 },
    );
  }, 240_000);

  it('holds one store connection per open workspace, within WORKSPACE_CACHE_SIZE', async () => {
    const url = await createDatabase(postgres());
    const database = new URL(url).pathname.slice(1);
    const env = { DATABASE_URL: url, WORKSPACE_CACHE_SIZE: '2' };
    const app = await startWorkspacesApp({ teams: TEAMS, clock: () => MODEL_NOW, env });
    const connections = async () => {
      const text = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${database}' AND application_name = 'roi-runway'`;
      return (await query(url, text))[0]?.n;
    };
    try {
      for (const team of TEAMS) await runStep(app, team, buildModel(), { op: 'log', company: 'Acme Corp' });
      await expect.poll(() => app.runtime.registry.openKeys().length).toBe(2);
      // One per open workspace, and the directory's (installations and schedules), which every instance holds.
      await expect.poll(connections).toBe(2 + 1);
    } finally {
      await app.stop();
    }
    expect(await connections()).toBe(0);
  }, 120_000);
});
