// Token rotation through Bolt: a request from a workspace whose token expires within two hours is served with a token
// we refreshed (once, under the row's lease); Bolt's InstallProvider never refreshes by itself, since the
// installation it reads carries no refresh token.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DistributedApp, installThroughPages, startDistributedApp } from '../../helpers/oauth-rig.js';

const HOUR = 3_600_000;

let app: DistributedApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function openModal(running: DistributedApp): Promise<string | undefined> {
  const before = running.slack.calls.length;
  await running.slack.slashCommand({ command: '/lead', text: '', userId: 'U0REP1' });
  return vi.waitFor(() => {
    const call = running.slack.calls.slice(before).find((candidate) => candidate.method === 'views.open');
    if (call === undefined) throw new Error('no views.open yet');
    return call.token;
  });
}

describe('a rotating token served through Bolt', () => {
  it('is refreshed once, before it expires, and the request runs with the new one', async () => {
    // Bolt stamps the expiry of the installed token with the wall clock: the app's clock starts there.
    let now = Date.now();
    const running = await startDistributedApp({ clock: () => now, fakeSlack: { tokenExpiresIn: 12 * 60 * 60 } });
    app = running;
    await installThroughPages(running, { userId: 'U0MANAGER', teamId: 'T0001', teamName: 'One' });
    const [installed] = running.slack.issuedTokens();
    expect(installed?.token).toMatch(/^xoxe\.xoxb-/);

    expect(await openModal(running)).toBe(installed?.token);
    expect(running.slack.rotations()).toBe(0);

    now += 11 * HOUR;
    const refreshed = await openModal(running);
    expect(refreshed).not.toBe(installed?.token);
    expect(running.slack.issuedTokens().map((issued) => issued.token)).toContain(refreshed);
    expect(await openModal(running)).toBe(refreshed);
    expect(running.slack.rotations()).toBe(1);
    const row = running.app.installations?.fetch('T:T0001');
    expect(row?.botToken).toBe(refreshed);
    expect(row?.expiresAt).toBe(now + 12 * HOUR);
  });
});
