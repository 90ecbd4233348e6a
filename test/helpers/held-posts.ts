// How many workspaces' background jobs run at once, seen from Slack: every workspace's chat.postMessage is held, so
// a job that reaches its post waits there; the test lets them through one at a time and counts how many were waiting
// together at most. Counts, not milliseconds: the short settle below only gives a job the bound failed to hold back
// the chance to show up (on a slow machine it may not, and the count is then lower, never higher, than the truth).

import { vi } from 'vitest';
import type { WorkspacesApp } from './workspaces-harness.js';

const SETTLE_MS = 200;

export async function countMostPostingAtOnce(
  app: WorkspacesApp,
  teams: readonly string[],
  start: () => Promise<unknown>,
) {
  const releases = new Map(teams.map((team) => [team, app.slack.team(team).hold('chat.postMessage')]));
  const reached = () =>
    teams.filter((team) => app.slack.team(team).calls.some((call) => call.method === 'chat.postMessage'));
  const released = new Set<string>();
  let most = 0;
  const started = start();
  while (released.size < teams.length) {
    await vi.waitFor(
      () => {
        if (reached().length <= released.size) throw new Error('no job at its post yet');
      },
      { timeout: 60_000, interval: 20 },
    );
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const waiting = reached().filter((team) => !released.has(team));
    most = Math.max(most, waiting.length);
    released.add(waiting[0]!);
    releases.get(waiting[0]!)!();
  }
  await started;
  return most;
}
