// adopt.test.ts on Postgres, where the single store is the tables of DATABASE_URL's default schema and a workspace's
// store is the schema ws_<key>: the tables move in one transaction, and nothing stays behind in the old schema.

import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAdoptionReport } from '../../src/adoption/report.js';
import { MONDAY, slash, startWorkspacesApp, type WorkspacesApp } from '../helpers/workspaces-harness.js';
import { createDatabase } from '../instances/instance-rig.js';
import { queryOnce } from '../postgres/query.js';
import { usePostgresServer } from '../postgres/use-server.js';
import {
  adopt,
  companiesIn,
  expectAdoptedTeamServed,
  fillSingleTeam,
  NEXT_MONDAY,
  type SingleTeam,
  startSmallTeam,
  TEAM,
} from './adopt-rig.js';

const postgres = usePostgresServer();

let team: Pick<SingleTeam, 'close'> | undefined;
let app: WorkspacesApp | undefined;

afterEach(async () => {
  await app?.stop();
  await team?.close();
  app = team = undefined;
});

async function tablesIn(url: string, schema: string): Promise<number> {
  const rows = await queryOnce(url, 'SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1', [schema]);
  return rows[0]?.n as number;
}

describe('adopting the single-workspace store (Postgres)', () => {
  it('moves the tables into ws_<key>: same figures, digest ledger, outbox and Notion pages', async () => {
    const url = await createDatabase(postgres());
    const filled = await fillSingleTeam({ DATABASE_URL: url });
    team = filled;

    const outcome = await adopt(filled.env);

    expect(outcome).toMatchObject({ kind: 'adopted', key: TEAM, counts: { leads: 4, spend: 1, pendingOutbox: 1 } });
    expect(buildAdoptionReport(outcome).text).toContain('(schema ws_t0adopt)');
    expect(await tablesIn(url, 'public')).toBe(0);
    let now = MONDAY;
    const env = { DATABASE_URL: url, NOTION_API_URL: filled.notion.url, DIGEST_CHANNEL: '', MANAGERS: '' };
    app = await startWorkspacesApp({
      teams: [TEAM],
      // The answer itself comes back, not "one moment" while the adopted store opens on a loaded machine.
      openingAckMs: 60_000,
      dataDir: filled.dataDir,
      clock: () => now,
      scheduleDigests: true,
      env,
    });

    await expectAdoptedTeamServed(app, filled, () => {
      now = NEXT_MONDAY;
    });
    await app.stop();
    app = undefined;

    const again = await adopt(filled.env);

    expect(again).toMatchObject({ kind: 'already', key: TEAM, leftover: null });
    expect(companiesIn(filled.env, TEAM).sort()).toEqual(['Acme Corp', 'Globex', 'Initech', 'Umbrella']);
  }, 240_000);

  it('rolls the whole move back when a table is still in use: the old layout stays whole', async () => {
    const url = await createDatabase(postgres());
    const small = await startSmallTeam({ DATABASE_URL: url });
    team = small;
    const tablesBefore = await tablesIn(url, 'public');
    // A session still reading spend (a bot not stopped): the move takes the tables before it, then cannot take spend.
    const reader = new pg.Client({ connectionString: url });
    await reader.connect();
    let whileInUse: Awaited<ReturnType<typeof adopt>>;
    try {
      await reader.query('BEGIN; LOCK TABLE public.spend IN ACCESS SHARE MODE');
      whileInUse = await adopt(small.env);
    } finally {
      await reader.query('ROLLBACK');
      await reader.end();
    }

    expect(buildAdoptionReport(whileInUse).text).toContain('is in use (is a bot still running on DATABASE_URL?)');
    expect(await tablesIn(url, 'public')).toBe(tablesBefore);
    expect(companiesIn(small.env, TEAM)).toEqual([]);
    expect(await adopt(small.env)).toMatchObject({ kind: 'adopted', counts: { leads: 1 } });
    expect(companiesIn(small.env, TEAM)).toEqual(['Acme Corp']);
  }, 120_000);

  it('refuses a workspace schema with data of its own, changing nothing', async () => {
    const url = await createDatabase(postgres());
    const small = await startSmallTeam({ DATABASE_URL: url });
    team = small;
    app = await startWorkspacesApp({
      teams: [TEAM],
      openingAckMs: 60_000,
      dataDir: small.dataDir,
      env: { DATABASE_URL: url },
    });
    expect(app.logs.join('\n')).toContain('npm run workspaces -- adopt T0ADOPT');
    await slash(app, TEAM, '/lead', 'source linkedin Globex');
    await app.stop();
    app = undefined;

    const intoUsed = await adopt(small.env);

    expect(buildAdoptionReport(intoUsed).text).toMatch(/workspace T0ADOPT \(schema ws_t0adopt\) already holds data/);
    expect(companiesIn(small.env, null)).toEqual(['Acme Corp']);
    expect(companiesIn(small.env, TEAM)).toEqual(['Globex']);
  }, 120_000);
});
