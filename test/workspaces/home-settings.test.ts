// The Home tab in distribution mode: managers get a "Settings" button that opens the very modal /roi settings opens;
// others do not see it, and one who forges the click gets /roi settings' refusal and no modal.

import { afterEach, describe, expect, it } from 'vitest';
import { readBackgroundHolds } from '../../src/background-turns.js';
import { buttonsOf, shownText } from '../commands/command-harness.js';
import { startWorkspacesApp, type WorkspacesApp } from '../helpers/workspaces-harness.js';

let t: WorkspacesApp | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function openHome(app: WorkspacesApp, userId: string) {
  const slack = app.slack.team('T0ONE');
  const before = slack.homeViews.get(userId)?.publishes ?? 0;
  expect((await slack.appHomeOpened({ userId })).status).toBe(200);
  await expect.poll(() => slack.homeViews.get(userId)?.publishes, { timeout: 10_000 }).toBe(before + 1);
  return slack.homeViews.get(userId)!.view as { type: string; id: string; blocks: unknown[] };
}

const settingsModals = (app: WorkspacesApp) =>
  app.slack.team('T0ONE').views.filter((view) => view.callbackId === 'workspace_settings_modal');

describe('the Home tab settings button', () => {
  it('shows managers a Settings button that opens the settings modal, and nobody else', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE'], env: { DIGEST_CRON: '0 8 * * 1', CURRENCY: 'EUR' } });
    const rep = await openHome(t, 'U0REP1');
    expect(buttonsOf(rep).map((button) => button.label)).not.toContain('Settings');
    const home = await openHome(t, 'U0MANAGER');
    const button = buttonsOf(home).find((candidate) => candidate.label === 'Settings');
    expect(button).toBeDefined();

    const click = { userId: 'U0MANAGER', actionId: button!.actionId, blockId: button!.blockId, view: home };
    expect((await t.slack.team('T0ONE').blockAction(click)).ackBody).toEqual({});

    await expect.poll(() => settingsModals(t!).length).toBe(1);
    const shown = JSON.stringify(settingsModals(t)[0]?.view);
    expect(shown).toContain('"initial_value":"0 8 * * 1"');
    expect(shown).toContain('"initial_value":"EUR"');
  });

  it('opens a closed workspace for a click without the click holding back the open it waits for', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE'] });
    const home = await openHome(t, 'U0MANAGER');
    const button = buttonsOf(home).find((candidate) => candidate.label === 'Settings')!;
    await t.runtime.registry.close('T0ONE');
    const before = readBackgroundHolds().turnsHeld;

    const click = { userId: 'U0MANAGER', actionId: button.actionId, blockId: button.blockId, view: home };
    expect((await t.slack.team('T0ONE').blockAction(click)).ackBody).toEqual({});
    await expect.poll(() => settingsModals(t!).length).toBe(1);
    // The click waits for its workspace to open, so it must not count as a request the open's steps give way to.
    expect(readBackgroundHolds()).toEqual({ requestsWaiting: 0, turnsHeld: before });
  });

  it("refuses a non-manager's forged click as /roi settings does, opening nothing", async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE'] });
    const home = await openHome(t, 'U0REP1');
    const slack = t.slack.team('T0ONE');
    const forged = { userId: 'U0REP1', actionId: 'home_settings', blockId: 'home:managers', view: home };
    expect((await slack.blockAction(forged)).ackBody).toEqual({});

    const dms = () => slack.messages.filter((m) => m.kind === 'chat.postMessage' && m.channel === 'D0REP1');
    await expect.poll(() => dms().length).toBe(1);
    expect(shownText(dms()[0]!)).toContain(":warning: Only this workspace's managers can change its settings");
    expect(shownText(dms()[0]!)).toContain('<@U0MANAGER>');
    expect(settingsModals(t)).toEqual([]);
  });
});
