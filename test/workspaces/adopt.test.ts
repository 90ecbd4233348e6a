// A team that used the bot in single-workspace mode keeps everything when the deployment switches to distribution
// mode: `npm run workspaces -- adopt` moves its store into its workspace's, and the workspace answers as before.

import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAdoptionReport } from '../../src/adoption/report.js';
import { buildStorePath } from '../../src/store-location.js';
import { MONDAY, slash, startWorkspacesApp, type WorkspacesApp } from '../helpers/workspaces-harness.js';
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

let team: Pick<SingleTeam, 'close'> | undefined;
let app: WorkspacesApp | undefined;

afterEach(async () => {
  await app?.stop();
  await team?.close();
  app = team = undefined;
});

/** Distribution mode on the same DATA_DIR, whose environment no longer names the team's channel or managers. */
function startDistribution(filled: SingleTeam, clock: () => number) {
  const env = { NOTION_API_URL: filled.notion.url, DIGEST_CHANNEL: '', MANAGERS: '' };
  return startWorkspacesApp({
    teams: [TEAM],
    openingAckMs: 60_000,
    dataDir: filled.dataDir,
    clock,
    scheduleDigests: true,
    env,
  });
}

describe('adopting the single-workspace store (SQLite)', () => {
  it('keeps figures, the digest ledger, settings and the Notion sync of the team that installs', async () => {
    const filled = await fillSingleTeam();
    team = filled;

    const outcome = await adopt(filled.env);

    expect(outcome).toMatchObject({ kind: 'adopted', key: TEAM, counts: { leads: 4, spend: 1, pendingOutbox: 1 } });
    const report = buildAdoptionReport(outcome).text;
    expect(report).toContain('Moved 4 leads, 1 spend row and 1 change still owed to Notion');
    expect(report).toContain('DIGEST_CHANNEL');
    expect(report).toContain('sync continues on the same pages');
    expect(existsSync(buildStorePath(filled.dataDir))).toBe(false);
    let now = MONDAY;
    app = await startDistribution(filled, () => now);
    expect(app.logs.join('\n')).not.toContain('still holds');

    await expectAdoptedTeamServed(app, filled, () => {
      now = NEXT_MONDAY;
    });
    await app.stop();
    app = undefined;

    const again = await adopt(filled.env);

    expect(again).toMatchObject({ kind: 'already', key: TEAM, leftover: null });
    expect(buildAdoptionReport(again).text).toMatch(/^Already adopted: workspace T0ADOPT took/);
    expect(companiesIn(filled.env, TEAM).sort()).toEqual(['Acme Corp', 'Globex', 'Initech', 'Umbrella']);
  }, 180_000);

  it('refuses while the bot runs, and into a workspace with data of its own, changing nothing', async () => {
    const small = await startSmallTeam();
    team = small;
    app = await startWorkspacesApp({ teams: [TEAM], openingAckMs: 60_000, dataDir: small.dataDir });
    // Distribution mode's start names the store left behind and the command.
    expect(app.logs.join('\n')).toContain('npm run workspaces -- adopt T0ADOPT');

    const whileRunning = await adopt(small.env);

    expect(whileRunning.kind).toBe('refused');
    expect(buildAdoptionReport(whileRunning).text).toMatch(/is running on DATA_DIR .*: stop it, then adopt/);
    expect(existsSync(buildStorePath(small.dataDir))).toBe(true);
    await slash(app, TEAM, '/lead', 'source linkedin Globex');
    await app.stop();
    app = undefined;

    const intoUsed = await adopt(small.env);
    const intoOther = await adopt(small.env, 'T0OTHER');

    expect(buildAdoptionReport(intoUsed).text).toMatch(/workspace T0ADOPT .* already holds data of its own/);
    expect(buildAdoptionReport(intoOther).text).toContain('belongs to T0ADOPT, not T0OTHER');
    expect(companiesIn(small.env, null)).toEqual(['Acme Corp']);
    expect(companiesIn(small.env, TEAM)).toEqual(['Globex']);
  }, 120_000);
});
