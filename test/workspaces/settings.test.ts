// /roi settings in distribution mode: a workspace's managers change its settings in a modal; the workspace reopens
// with them (currency in its answers, digest in its new channel) while the other workspace keeps the environment's.

import { afterEach, describe, expect, it } from 'vitest';
import {
  IN_WEEK,
  MONDAY,
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

const directMessages = (app: WorkspacesApp, team: string, userId: string) =>
  app.slack
    .team(team)
    // The fake opens a DM as D… for U…, the way Slack names the conversation with a user.
    .messages.filter((m) => m.kind === 'chat.postMessage' && m.channel === `D${userId.slice(1)}`)
    .map((m) => m.text ?? '');

describe('/roi settings per workspace', () => {
  it('lets a manager set the digest channel and currency of one workspace; the other keeps the defaults', async () => {
    let now = IN_WEEK;
    const options = { teams: ['T0ONE', 'T0TWO'], clock: () => now, scheduleDigests: true, logLevel: 'info' as const };
    t = await startWorkspacesApp(options);
    for (const team of ['T0ONE', 'T0TWO']) {
      await slash(t, team, '/lead', 'source thomasnet Acme Corp');
      await slash(t, team, '/lead', 'campaign spring-expo Acme Corp');
      await slash(t, team, '/lead', 'won Acme Corp value:7000');
      await slash(t, team, '/roi', 'cost spring-expo 2000 month:2026-11 category:event', 'U0MANAGER');
    }

    await openSettings(t, 'T0ONE');
    const modal = t.slack.team('T0ONE').views.find((view) => view.callbackId === 'workspace_settings_modal');
    expect(JSON.stringify(modal?.view)).toContain('"initial_value":"USD"');

    const ack = await submitSettings(t, 'T0ONE', 'U0MANAGER', { channel: 'C0SALES', currency: 'eur' });
    expect(ack.ackBody).toEqual({});

    // Asked at once: the workspace still closing is shut before it opens again with the new settings, never both open.
    const one = await slash(t, 'T0ONE', '/roi', 'spring-expo');
    const lifecycle = t.logs
      .filter((line) => line.includes('"workspace":"T0ONE"') && /Workspace (opened|closed)/.test(line))
      .map((line) => (line.includes('Workspace opened') ? 'opened' : 'closed'));
    expect(lifecycle).toEqual(['opened', 'closed', 'opened']);
    const two = await slash(t, 'T0TWO', '/roi', 'spring-expo');
    expect(one?.text).toContain('€');
    expect(one?.text).not.toContain('$');
    expect(two?.text).toContain('$');
    expect(two?.text).not.toContain('€');
    const confirmation = directMessages(t, 'T0ONE', 'U0MANAGER').join('\n');
    expect(confirmation).toContain('Currency: USD → EUR');
    expect(confirmation).toContain('Digest channel: <#C0GENERAL> → <#C0SALES>');

    await Promise.all(t.runtime.registry.openKeys().map((key) => t?.runtime.registry.close(key)));
    now = MONDAY;
    await t.runtime.wakeUps.digests();
    const weeklyIn = (team: string) => weeklyDigestsIn(t!, team);
    expect(weeklyIn('T0ONE').map((m) => m.channel)).toEqual(['C0SALES']);
    expect(weeklyIn('T0ONE')[0]?.text).toContain('€');
    expect(weeklyIn('T0TWO').map((m) => m.channel)).toEqual(['C0GENERAL']);
  }, 60_000);

  it('posts the digest of a workspace whose manager set its channel when the environment names none', async () => {
    let now = IN_WEEK;
    const env = { DIGEST_CHANNEL: '' };
    t = await startWorkspacesApp({ teams: ['T0ONE', 'T0TWO'], env, clock: () => now, scheduleDigests: true });
    for (const team of ['T0ONE', 'T0TWO']) await slash(t, team, '/lead', 'source thomasnet Acme Corp');
    await openSettings(t, 'T0ONE');
    expect((await submitSettings(t, 'T0ONE', 'U0MANAGER', { channel: 'C0SALES', currency: 'usd' })).ackBody).toEqual(
      {},
    );
    await Promise.all(t.runtime.registry.openKeys().map((key) => t?.runtime.registry.close(key)));

    now = MONDAY;
    await t.runtime.wakeUps.digests();

    const weeklyIn = (team: string) => weeklyDigestsIn(t!, team);
    expect(weeklyIn('T0ONE').map((m) => m.channel)).toEqual(['C0SALES']);
    // No channel anywhere for the other workspace: no digest, and it was not even read into memory for it.
    expect(weeklyIn('T0TWO')).toEqual([]);
    expect(t.runtime.registry.openKeys()).toEqual(['T0ONE']);
  }, 60_000);

  it('refuses a non-manager, naming the managers, and opens no modal', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE'] });
    const reply = await slash(t, 'T0ONE', '/roi', 'settings', 'U0REP1');
    expect(reply?.text).toContain(":warning: Only this workspace's managers can change its settings (<@U0MANAGER>)");
    expect(t.slack.team('T0ONE').views).toHaveLength(0);
    const forged = await submitSettings(t, 'T0ONE', 'U0REP1', { currency: 'EUR', managers: ['U0REP1'] });
    expect(forged.ackBody).toMatchObject({ response_action: 'errors' });
    expect((await slash(t, 'T0ONE', '/roi', 'settings', 'U0REP1'))?.text).toContain('(<@U0MANAGER>)');
  });

  it('refuses bad values with an error under each field and changes nothing', async () => {
    t = await startWorkspacesApp({ teams: ['T0ONE'] });
    await openSettings(t, 'T0ONE');
    const ack = await submitSettings(t, 'T0ONE', 'U0MANAGER', {
      channel: 'C0SALES',
      timeZone: 'Mars/Olympus',
      currency: 'DOGE',
      margin: '1.5',
      managers: [],
    });
    expect(ack.ackBody).toMatchObject({
      response_action: 'errors',
      errors: {
        DIGEST_TZ: expect.stringContaining('IANA time zone'),
        CURRENCY: expect.stringContaining('ISO 4217'),
        GROSS_MARGIN: expect.stringContaining('at most 1'),
        MANAGERS: 'Choose at least one manager.',
      },
    });
    expect(directMessages(t, 'T0ONE', 'U0MANAGER')).toEqual([]);
    await openSettings(t, 'T0ONE');
    const reopened = t.slack.team('T0ONE').views.at(-1);
    const shown = JSON.stringify(reopened?.view);
    expect(shown).toContain('"initial_value":"USD"');
    expect(shown).toContain('"initial_conversation":"C0GENERAL"');
    expect(shown).toContain('"initial_value":"UTC"');
  });
});
