// What `npm start` builds with SLACK_CLIENT_ID set, end to end: two workspaces installed through the pages, each
// served from its own store (the same company logged in both is new in both), and an uninstall that closes the
// workspace at once, keeps its data 30 days, then deletes it — the other workspace untouched throughout.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DistributedApp, installThroughPages, startDistributedApp } from '../../helpers/oauth-rig.js';

const DAY_MS = 24 * 60 * 60 * 1000;

let app: DistributedApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function lead(running: DistributedApp, teamId: string, text: string): Promise<string | undefined> {
  const result = await running.slack.slashCommand({ command: '/lead', text, userId: 'U0REP1', origin: { teamId } });
  const [reply] = await result.waitForResponses(1);
  return reply?.text;
}

describe('workspaces installed from the link', () => {
  it('keeps each workspace in its own store, and deletes an uninstalled one’s data only after 30 days', async () => {
    let now = Date.parse('2026-11-02T10:00:00Z');
    const running = await startDistributedApp({ clock: () => now });
    app = running;
    for (const teamId of ['T0001', 'T0002']) {
      const page = await installThroughPages(running, { userId: 'U0MANAGER', teamId, teamName: teamId });
      expect(page.status).toBe(200);
    }

    expect(await lead(running, 'T0001', 'source thomasnet Acme Machining')).toBe(
      'Logged Acme Machining from Thomasnet.',
    );
    // The same company in the other workspace is a new lead there: nothing of T0001 is visible to T0002.
    expect(await lead(running, 'T0002', 'source thomasnet Acme Machining')).toBe(
      'Logged Acme Machining from Thomasnet.',
    );
    expect(await lead(running, 'T0001', 'source thomasnet Acme Machining')).toBe(
      'Acme Machining already has Thomasnet; nothing changed.',
    );
    const folder = (teamId: string) => join(running.dataDir, 'workspaces', teamId);
    expect(existsSync(join(folder('T0001'), 'roi-runway.sqlite'))).toBe(true);
    expect(existsSync(join(folder('T0002'), 'roi-runway.sqlite'))).toBe(true);
    // The directory holds installations, never a workspace's leads.
    expect(running.store.db.prepare('SELECT COUNT(*) AS n FROM leads').get()).toEqual({ n: 0 });

    await running.slack.appUninstalled({ teamId: 'T0001' });
    await expect.poll(() => running.runtime.registry.openKeys()).toEqual(['T0002']);

    now += 29 * DAY_MS;
    expect(await running.runtime.purgeNow()).toEqual([]);
    expect(existsSync(folder('T0001'))).toBe(true);

    now += 2 * DAY_MS;
    expect(await running.runtime.purgeNow()).toEqual(['T:T0001']);
    expect(existsSync(folder('T0001'))).toBe(false);
    expect(running.runtime.installations.fetch('T:T0001')).toBeUndefined();
    // The other workspace kept everything.
    expect(await lead(running, 'T0002', 'source thomasnet Acme Machining')).toBe(
      'Acme Machining already has Thomasnet; nothing changed.',
    );
  });
});
