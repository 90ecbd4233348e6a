// Each workspace's digest at its own schedule in its own time zone (DIGEST_CRON and DIGEST_TZ from /roi settings),
// posted by the wake-ups while the workspace is closed: at its time, not at another's, once.

import { afterEach, describe, expect, it } from 'vitest';
import {
  IN_WEEK,
  openSettings,
  slash,
  startWorkspacesApp,
  submitSettings,
  type WorkspacesApp,
  weeklyDigestsIn,
} from '../helpers/workspaces-harness.js';

let t: WorkspacesApp | undefined;

afterEach(async () => {
  await t?.stop();
  t = undefined;
});

const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour, minute);
const TEAMS = ['T0ONE', 'T0TWO', 'T0THREE'] as const;

describe('digest schedules per workspace', () => {
  it('posts each closed workspace digest at its own time in its own time zone, once', async () => {
    let now = IN_WEEK;
    // One workspace open at a time: each request or wake-up evicts the workspace opened before it.
    const env = { WORKSPACE_CACHE_SIZE: '1' };
    t = await startWorkspacesApp({ teams: TEAMS, env, clock: () => now, scheduleDigests: true });
    for (const team of TEAMS) await slash(t, team, '/lead', 'source thomasnet Acme Corp');

    // T0ONE: Mondays 08:00 in New York (13:00 UTC in November); T0TWO: Tuesdays 17:30 in Paris (16:30 UTC).
    // T0THREE keeps the environment's: Mondays 09:00 UTC.
    await openSettings(t, 'T0ONE');
    const modal = JSON.stringify(t.slack.team('T0ONE').views.at(-1)?.view);
    expect(modal).toContain('"initial_value":"0 9 * * 1"');
    expect(modal).toContain('\\"0 8 * * 1\\" = Mondays 08:00');
    const schedules = {
      T0ONE: { cron: '0 8 * * 1', timeZone: 'America/New_York' },
      T0TWO: { cron: '30 17 * * 2', timeZone: 'Europe/Paris' },
    };
    for (const [team, fields] of Object.entries(schedules)) {
      expect((await submitSettings(t, team, 'U0MANAGER', { channel: 'C0GENERAL', ...fields })).ackBody).toEqual({});
    }
    await slash(t, 'T0THREE', '/lead', 'source google Beta Inc');
    expect(t.runtime.registry.openKeys()).toEqual(['T0THREE']);

    const posted = () => Object.fromEntries(TEAMS.map((team) => [team, weeklyDigestsIn(t!, team).length]));
    const sweepAt = async (instant: number) => {
      now = instant;
      await t!.runtime.wakeUps.digests();
      return posted();
    };
    expect(await sweepAt(at(23, 8, 59))).toEqual({ T0ONE: 0, T0TWO: 0, T0THREE: 0 });
    // Monday 10:00 UTC: the environment's time, which only T0THREE keeps.
    expect(await sweepAt(at(23, 10))).toEqual({ T0ONE: 0, T0TWO: 0, T0THREE: 1 });
    expect(await sweepAt(at(23, 12, 59))).toEqual({ T0ONE: 0, T0TWO: 0, T0THREE: 1 });
    expect(t.runtime.registry.openKeys()).toEqual(['T0THREE']);
    expect(await sweepAt(at(23, 13, 1))).toEqual({ T0ONE: 1, T0TWO: 0, T0THREE: 1 });
    expect(await sweepAt(at(24, 16, 29))).toEqual({ T0ONE: 1, T0TWO: 0, T0THREE: 1 });
    expect(await sweepAt(at(24, 16, 31))).toEqual({ T0ONE: 1, T0TWO: 1, T0THREE: 1 });
    for (const team of TEAMS) expect(weeklyDigestsIn(t, team, 'Nov 16')[0]?.channel).toBe('C0GENERAL');
    // Swept again and again, later the same week: nobody posts twice.
    for (const instant of [at(24, 16, 32), at(25, 9), at(27, 18)]) {
      expect(await sweepAt(instant)).toEqual({ T0ONE: 1, T0TWO: 1, T0THREE: 1 });
    }
  }, 90_000);

  it('refuses a schedule that is not a cron rule, and keeps the old one', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE'] });
    await openSettings(t, 'T0ONE');
    const ack = await submitSettings(t, 'T0ONE', 'U0MANAGER', { channel: 'C0GENERAL', cron: 'every monday' });
    expect(ack.ackBody).toMatchObject({
      response_action: 'errors',
      errors: { DIGEST_CRON: expect.stringContaining('must be a cron expression such as "0 9 * * 1"') },
    });
    await openSettings(t, 'T0ONE');
    expect(JSON.stringify(t.slack.team('T0ONE').views.at(-1)?.view)).toContain('"initial_value":"0 9 * * 1"');
  });
});
