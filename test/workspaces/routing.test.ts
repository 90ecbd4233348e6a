import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INGEST_NEEDS_ONE_WORKSPACE } from '../../src/slack/create-app.js';
import { FOREIGN_WORKSPACE_MESSAGE } from '../../src/slack/workspace-check.js';
import { isBuildingLeadNames } from '../../src/store/lead-names.js';
import { startWorkspacesApp, type WorkspacesApp } from '../helpers/workspaces-harness.js';

let t: WorkspacesApp;

afterEach(async () => {
  await t.stop();
});

async function slash(app: WorkspacesApp, team: string, command: string, text: string, userId = 'U0REP1') {
  const result = await app.slack.team(team).slashCommand({ command, text, userId });
  expect(result.status).toBe(200);
  const [reply] = await result.waitForResponses(1);
  return { reply, ackBody: result.ackBody };
}

describe('routing in distribution mode', () => {
  it('serves each workspace from its own store, with identical names side by side', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE', 'T0TWO'] });

    expect((await slash(t, 'T0ONE', '/lead', 'source thomasnet Acme Corp')).reply?.text).toBe(
      'Logged Acme Corp from Thomasnet.',
    );
    // The same company in the other workspace is a new lead there, not "already has Thomasnet".
    expect((await slash(t, 'T0TWO', '/lead', 'source thomasnet Acme Corp')).reply?.text).toBe(
      'Logged Acme Corp from Thomasnet.',
    );
    expect((await slash(t, 'T0ONE', '/lead', 'source tnet ACME corporation')).reply?.text).toBe(
      'Acme Corp already has Thomasnet; nothing changed.',
    );
    expect(readdirSync(join(t.dataDir, 'workspaces')).sort()).toEqual(['T0ONE', 'T0TWO']);
  });

  it('refuses a workspace that is not installed with one line, opening no store', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE', 'T0GONE'], installed: ['T0ONE'] });
    const result = await t.slack.team('T0GONE').slashCommand({ command: '/roi', text: '', userId: 'U0REP1' });

    expect(result.status).toBe(200);
    expect(result.ackBody).toMatchObject({ text: FOREIGN_WORKSPACE_MESSAGE });
    expect(existsSync(join(t.dataDir, 'workspaces', 'T0GONE'))).toBe(false);
    expect(t.runtime.registry.openKeys()).toEqual([]);
    // And nothing reached the other workspace's Slack or store.
    expect(t.slack.team('T0ONE').messages).toEqual([]);
    expect(existsSync(join(t.dataDir, 'workspaces', 'T0ONE'))).toBe(false);
  });

  it('refuses a workspace whose installation was removed, keeping its data for a new install', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE', 'T0TWO'] });
    await slash(t, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
    await slash(t, 'T0TWO', '/lead', 'source thomasnet Acme Corp');

    t.installations.uninstall('T0ONE');
    // Refused at once, before the uninstall hook has closed the open workspace, and after.
    const early = await t.slack.team('T0ONE').slashCommand({ command: '/funnel', text: '', userId: 'U0REP1' });
    await t.runtime.registry.close('T0ONE');
    const refused = await t.slack.team('T0ONE').slashCommand({ command: '/funnel', text: '', userId: 'U0REP1' });

    expect(early.ackBody).toMatchObject({ text: FOREIGN_WORKSPACE_MESSAGE });
    expect(refused.ackBody).toMatchObject({ text: FOREIGN_WORKSPACE_MESSAGE });
    expect(t.runtime.registry.openKeys()).toEqual(['T0TWO']);
    // The other workspace carries on; the removed one's data is still there when it is installed again.
    expect((await slash(t, 'T0TWO', '/lead', 'source thomasnet Beta LLC')).reply?.text).toBe(
      'Logged Beta LLC from Thomasnet.',
    );
    t.installations.install('T0ONE');
    expect((await slash(t, 'T0ONE', '/lead', 'source thomasnet Acme Corp')).reply?.text).toBe(
      'Acme Corp already has Thomasnet; nothing changed.',
    );
  });

  it('refuses the inquiry webhook, which names no workspace, with a clear 404', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE'], env: { INGEST_SECRET: 'a-secret-of-sixteen-chars' } });
    const answer = await fetch(t.url.replace('/slack/events', '/ingest/inquiry'), { method: 'POST', body: '{}' });

    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({ ok: false, error: INGEST_NEEDS_ONE_WORKSPACE });
    expect(t.runtime.registry.openKeys()).toEqual([]);
  });

  it('answers /healthz without opening a workspace', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE'] });
    const answer = await fetch(t.url.replace('/slack/events', '/healthz'));

    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ ok: true, store: 'per workspace' });
    expect(t.runtime.registry.openKeys()).toEqual([]);
  });

  it('opens a workspace once for two requests that arrive while it is opening', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE'], logLevel: 'info', installationsDelayMs: 200 });
    const [first, second] = await Promise.all([
      slash(t, 'T0ONE', '/lead', 'source thomasnet Acme Corp'),
      slash(t, 'T0ONE', '/lead', 'source referral Beta LLC', 'U0REP2'),
    ]);

    expect(first.reply?.text).toBe('Logged Acme Corp from Thomasnet.');
    expect(second.reply?.text).toBe('Logged Beta LLC from Referral.');
    expect(t.logs.filter((line) => line.includes('"Workspace opened"'))).toHaveLength(1);
  });
});

describe('company names in distribution mode', () => {
  it('are built only once a request may look a company up: not for /roi, then for /lead, with the right match', async () => {
    t = await startWorkspacesApp({ teams: ['T0NAMES'] });
    await slash(t, 'T0NAMES', '/lead', 'source thomasnet Acme Machining');
    await slash(t, 'T0NAMES', '/lead', 'source linkedin Precision Machining');
    const namesWaiting = async () =>
      (await t.runtime.registry.use('T0NAMES', async (runtime) => isBuildingLeadNames(runtime.deps.services.store.db)))
        ?.value;

    // Opened again by a manager's /roi: no company is looked up, so no name is indexed.
    await t.runtime.registry.close('T0NAMES');
    expect((await slash(t, 'T0NAMES', '/roi', '')).reply?.text).toBeDefined();
    expect(await namesWaiting()).toBe(true);

    // A rep's /lead then waits for the names and finds the lead among names that share a word.
    expect((await slash(t, 'T0NAMES', '/lead', 'stage mql Precision Machining')).reply?.text).toContain(
      'Precision Machining',
    );
    expect(await namesWaiting()).toBe(false);
    const found = (await slash(t, 'T0NAMES', '/lead', 'find Precision Machining')).reply;
    expect(found?.text).toBe('1 lead matches "Precision Machining":');
    expect(JSON.stringify(found)).toMatch(/Precision Machining[^"]*MQL/i);
  });

  it('acks a command at once while the names are still to be built, and answer it once they are', async () => {
    t = await startWorkspacesApp({ teams: ['T0NAMES'] });
    await slash(t, 'T0NAMES', '/lead', 'source thomasnet Acme Machining');
    await t.runtime.registry.close('T0NAMES');
    await slash(t, 'T0NAMES', '/roi', '');
    // The build is held, as a large workspace's build on a busy machine would take its time.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await t.runtime.registry.use('T0NAMES', async (runtime) => {
      const { leads } = runtime.deps.services;
      const build = leads.prepareNames.bind(leads);
      leads.prepareNames = async () => {
        await held;
        return build();
      };
    });

    const pending = t.slack
      .team('T0NAMES')
      .slashCommand({ command: '/lead', text: 'stage mql Acme Machining', userId: 'U0REP1' });
    const acked = await Promise.race([pending, new Promise<null>((resolve) => setTimeout(() => resolve(null), 2_000))]);
    expect(acked?.status).toBe(200);
    expect(acked?.ackBody).toEqual({});
    release();
    const [reply] = await acked!.waitForResponses(1);
    expect(reply?.text).toContain('Acme Machining');
    expect(reply?.text).toMatch(/MQL/);
  });
});
