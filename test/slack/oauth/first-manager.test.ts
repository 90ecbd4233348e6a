// The first installer of a workspace is its first manager: installed through the real pages, with no MANAGERS in the
// environment, the installer opens /roi settings and anyone else is refused with the installer named.

import { afterEach, describe, expect, it } from 'vitest';
import { type DistributedApp, installThroughPages, startDistributedApp } from '../../helpers/oauth-rig.js';

let app: DistributedApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

describe('the first installer', () => {
  it('manages a fresh install: opens the settings, and is named to anyone else', async () => {
    const running = await startDistributedApp({ env: { MANAGERS: '' } });
    app = running;
    const page = await installThroughPages(running, { userId: 'U0FOUNDER', teamId: 'T0001', teamName: 'Acme' });
    expect(page.status).toBe(200);

    const refused = await running.slack.slashCommand({
      command: '/roi',
      text: 'settings',
      userId: 'U0REP1',
      origin: { teamId: 'T0001' },
    });
    const [reply] = await refused.waitForResponses(1);
    expect(reply?.text).toContain("Only this workspace's managers can change its settings (<@U0FOUNDER>)");
    expect(running.slack.views).toHaveLength(0);

    await running.slack.slashCommand({
      command: '/roi',
      text: 'settings',
      userId: 'U0FOUNDER',
      origin: { teamId: 'T0001' },
    });
    await expect.poll(() => running.slack.views.map((view) => view.callbackId)).toEqual(['workspace_settings_modal']);
    expect(JSON.stringify(running.slack.views[0]?.view)).toContain('"initial_users":["U0FOUNDER"]');
  });
});
