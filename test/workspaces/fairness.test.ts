// Fairness between workspaces, through the real app over HTTP: one workspace opening a large store never holds up
// another workspace's command, and the Monday fan-out runs WORKSPACE_JOB_CONCURRENCY workspaces' digests at once,
// never more. Order is asserted, never milliseconds (the machine is shared).

import { mkdirSync, writeFileSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { generateSampleData, loadSample } from '../../src/sample/generate.js';
import { OPENING_FAILED_MESSAGE, OPENING_MESSAGE } from '../../src/slack/workspace-routing.js';
import { buildStorePath } from '../../src/store-location.js';
import { buildWorkspaceDataDir, openWorkspaceStore } from '../../src/workspace-store.js';
import { countMostPostingAtOnce } from '../helpers/held-posts.js';
import {
  MONDAY,
  slash,
  startWorkspacesApp,
  type WorkspacesApp,
  weeklyDigestsIn,
} from '../helpers/workspaces-harness.js';

let t: WorkspacesApp | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

/** Fills a closed workspace's store the way an import would, before the app first opens it. */
function seedLeads(app: WorkspacesApp, team: string, leads: number) {
  const config = parseConfig({ SLACK_SIGNING_SECRET: 'seed', PORT: '0', DATA_DIR: app.dataDir }, 'offline');
  const { services } = openWorkspaceStore(config, team, () => MONDAY);
  loadSample(services.store, generateSampleData({ seed: 11, asOf: MONDAY, leads }));
  services.store.close();
}

describe('fairness between workspaces', () => {
  it("answers one workspace's command while another workspace's large store is being opened", async () => {
    // No "one moment" note: on a loaded machine the 30k-lead open passes OPENING_ACK_MS, and this is about order.
    t = await startWorkspacesApp({ teams: ['T0BIG', 'T0SMALL'], clock: () => MONDAY, openingAckMs: 600_000 });
    const app = t;
    seedLeads(app, 'T0BIG', 30_000);
    // The small workspace is open already; the big one is closed, so its first command opens and reads its store.
    expect((await slash(app, 'T0SMALL', '/lead', 'source thomasnet Acme Corp'))?.text).toBe(
      'Logged Acme Corp from Thomasnet.',
    );
    const events: string[] = [];

    const big = app.slack
      .team('T0BIG')
      .slashCommand({ command: '/roi', text: '', userId: 'U0BIGREP' })
      .then(async (result) => {
        events.push('big acked');
        const answers = await result.waitForResponses(1, 60_000);
        events.push('big answered');
        return answers;
      });
    // Once the big workspace has begun opening, the small one asks.
    while (!app.runtime.registry.openKeys().includes('T0BIG')) await nextTurn();
    const small = await app.slack
      .team('T0SMALL')
      .slashCommand({ command: '/lead', text: 'source thomasnet Beta LLC', userId: 'U0SMALLREP' });
    events.push('small acked');
    const [smallReply] = await small.waitForResponses(1, 60_000);
    events.push('small answered');
    const [bigReply] = await big;

    // The big workspace's command is acked at once (its store is read after), and answered after the small one.
    expect(events).toEqual(['big acked', 'small acked', 'small answered', 'big answered']);
    expect(smallReply?.text).toBe('Logged Beta LLC from Thomasnet.');
    // The big workspace is answered from its own store once it is open (an empty one has no campaign to rank).
    expect(bigReply?.text).toMatch(/^ROI by campaign · this quarter \(Q4 2026\)/);
  }, 120_000);

  it('acks a command whose workspace must open at once, and answers it through the response_url once open', async () => {
    // "One moment" is posted as soon as the workspace turns out to need opening (in production after OPENING_ACK_MS).
    t = await startWorkspacesApp({ teams: ['T0BIG', 'T0OPEN'], clock: () => MONDAY, openingAckMs: 0 });
    const app = t;
    seedLeads(app, 'T0BIG', 2_000);
    await slash(app, 'T0OPEN', '/lead', 'source thomasnet Acme Corp');

    const big = app.slack.team('T0BIG');
    // Two commands arrive while the workspace opens: one answered later anyway, one its handler answers in the ack.
    const [roi, usage] = await Promise.all([
      big.slashCommand({ command: '/roi', text: '', userId: 'U0BIGREP' }),
      big.slashCommand({ command: '/lead', text: 'won', userId: 'U0OTHERREP' }),
    ]);
    const [roiNote, roiAnswer] = await roi.waitForResponses(2, 60_000);
    const [usageNote, usageAnswer] = await usage.waitForResponses(2, 60_000);
    const usageOpen = await app.slack.team('T0OPEN').slashCommand({ command: '/lead', text: 'won', userId: 'U0REP1' });
    const [usageOpenAnswer] = await usageOpen.waitForResponses(1, 60_000);
    const usageLater = await big.slashCommand({ command: '/lead', text: 'won', userId: 'U0BIGREP' });

    // Acked empty, so Slack shows nothing until the note and the answer come.
    expect(roi.ackBody).toEqual({});
    expect(usage.ackBody).toEqual({});
    expect(roiNote?.text).toBe(OPENING_MESSAGE);
    expect(usageNote?.text).toBe(OPENING_MESSAGE);
    expect(roiAnswer?.text).toMatch(/^ROI by campaign · this quarter \(Q4 2026\)/);
    expect(usageAnswer?.text).toContain('/lead won');
    expect(usageAnswer?.text).toBe(usageOpenAnswer?.text);
    // Once open, a command is answered as in an open workspace: no note first.
    expect(usageLater.ackBody).toEqual(usageOpen.ackBody);
    const [usageLaterAnswer] = await usageLater.waitForResponses(1, 60_000);
    expect(usageLaterAnswer?.text).toBe(usageOpenAnswer?.text);
  }, 120_000);

  it('tells whoever asked when their workspace cannot be opened, and changes nothing', async () => {
    t = await startWorkspacesApp({ teams: ['T0BROKEN', 'T0FINE'], clock: () => MONDAY });
    const app = t;
    // A store file that is not a database (a disk fault, a file copied in by hand): opening the workspace fails.
    const folder = buildWorkspaceDataDir(app.dataDir, 'T0BROKEN');
    mkdirSync(folder, { recursive: true });
    writeFileSync(buildStorePath(folder), 'this is not a SQLite database, it only has the right name'.repeat(100));

    const broken = await app.slack
      .team('T0BROKEN')
      .slashCommand({ command: '/lead', text: 'source thomasnet Acme Corp', userId: 'U0REP1' });
    const [answer] = await broken.waitForResponses(1, 60_000);
    expect(broken.status).toBe(200);
    expect(answer?.text).toBe(OPENING_FAILED_MESSAGE);
    // The other workspace is served as usual.
    expect((await slash(app, 'T0FINE', '/lead', 'source thomasnet Acme Corp'))?.text).toBe(
      'Logged Acme Corp from Thomasnet.',
    );
  }, 120_000);

  it('runs the Monday digests of WORKSPACE_JOB_CONCURRENCY workspaces at once, never more', async () => {
    const teams = ['T0W1', 'T0W2', 'T0W3', 'T0W4', 'T0W5'];
    t = await startWorkspacesApp({
      teams,
      clock: () => MONDAY,
      scheduleDigests: true,
      env: { WORKSPACE_JOB_CONCURRENCY: '2' },
    });
    const app = t;
    for (const team of teams) seedLeads(app, team, 200);

    const most = await countMostPostingAtOnce(app, teams, () => app.runtime.wakeUps.digests());

    expect(most).toBe(2);
    for (const team of teams) expect(weeklyDigestsIn(app, team)).toHaveLength(1);
  }, 120_000);
});
