// Each installed workspace's Monday digest, woken while the workspace is closed: it opens, posts to its own channel
// in its own Slack with its own figures, and posts once however often it is woken.

import { afterEach, describe, expect, it } from 'vitest';
import {
  IN_WEEK,
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

describe('digests per workspace', () => {
  it("posts each workspace's digest to its own channel with its own figures, once", async () => {
    let now = IN_WEEK;
    t = await startWorkspacesApp({ teams: ['T0ONE', 'T0TWO'], clock: () => now, scheduleDigests: true });
    // The same company and campaign in both, with other amounts.
    const amounts = { T0ONE: { won: 7_000, spend: 11_000 }, T0TWO: { won: 9_000, spend: 23_000 } };
    for (const [team, { won, spend }] of Object.entries(amounts)) {
      await slash(t, team, '/lead', 'source thomasnet Acme Corp');
      await slash(t, team, '/lead', 'campaign spring-expo Acme Corp');
      await slash(t, team, '/lead', `won Acme Corp value:${won}`);
      await slash(t, team, '/roi', `cost spring-expo ${spend} month:2026-11 category:event`, 'U0MANAGER');
    }
    await Promise.all(t.runtime.registry.openKeys().map((key) => t?.runtime.registry.close(key)));
    expect(t.runtime.registry.openKeys()).toEqual([]);
    now = MONDAY;

    await t.runtime.wakeUps.digests();
    await t.runtime.wakeUps.digests();

    for (const [team, { won }] of Object.entries(amounts)) {
      const other = team === 'T0ONE' ? amounts.T0TWO : amounts.T0ONE;
      const weekly = weeklyDigestsIn(t, team, 'Nov 16');
      // Once, though woken twice; in the workspace's own channel of its own Slack.
      expect(weekly).toHaveLength(1);
      expect(weekly[0]?.channel).toBe('C0GENERAL');
      const text = weekly[0]?.text ?? '';
      expect(text).toContain(`*Revenue*: $${won / 1000}K · new`);
      expect(text).toContain('*Leads*: 1 · new');
      expect(text).toContain(`revenue $${won / 1000}K · 1 customer`);
      expect(text).not.toContain(`$${other.won / 1000}K`);
    }
  }, 60_000);
});
