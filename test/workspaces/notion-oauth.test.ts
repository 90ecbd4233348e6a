// "Sign in with Notion" (Notion's public OAuth, NOTION_CLIENT_ID set) in distribution mode: the real Bolt app over
// HTTP, the fake Slack, a fake Notion with a registered public integration behind NOTION_API_URL, the official SDK.
// The manager ticks the box in /roi settings, follows the link, picks the page in Notion's page picker and allows;
// the redirect runs the setup and stores the connection in that workspace's store only when it succeeded.

import { afterEach, describe, expect, it } from 'vitest';
import { buildNotionState } from '../../src/notion/oauth-state.js';
import { checkView } from '../fakes/slack/block-kit/index.js';
import { slash, submitSettings, type WorkspacesApp } from '../helpers/workspaces-harness.js';
import {
  authorizeInNotion,
  land,
  NOTION_CLIENT,
  redirectBase,
  STATE_SECRET,
  startSignIn,
  startSignInApp,
} from './notion-oauth-rig.js';
import {
  companies,
  directMessages,
  type NotionPair,
  notionReport,
  openSettings,
  pageLink,
  settingsModals,
  submitNotion,
} from './notion-rig.js';

let t: WorkspacesApp | undefined;
let pair: NotionPair | undefined;

afterEach(async () => {
  await t?.stop();
  await pair?.close();
  t = undefined;
  pair = undefined;
});

async function start(teams?: string[]) {
  const started = await startSignInApp(teams);
  t = started.app;
  pair = started.notion;
  return { app: started.app, one: started.notion.one, two: started.notion.two };
}

const modalText = async (app: WorkspacesApp, team: string) => {
  await openSettings(app, team);
  return JSON.stringify(settingsModals(app, team).at(-1)?.view);
};

/** Every secret the sign-in handled: none may appear in a log line. */
function secretsOf(one: NotionPair['one']): string[] {
  const grants = one.oauth?.grants() ?? [];
  return [NOTION_CLIENT.clientSecret, STATE_SECRET, ...grants.flatMap((g) => [g.accessToken, g.refreshToken])];
}

describe('Sign in with Notion from /roi settings', () => {
  it('connects through Notion, creates the databases under the page picked, DMs what it found, syncs /lead', async () => {
    const { app, one, two } = await start(['T0ONE']);
    await slash(app, 'T0ONE', '/lead', 'source google Early Bird Ltd');
    expect(await modalText(app, 'T0ONE')).toContain('Sign in with Notion instead of a token');

    await openSettings(app, 'T0ONE');
    const ack = await submitNotion(app, 'T0ONE', { page: pageLink(one.rootPageId), signIn: true });
    expect(checkView(ack.ackBody.view, 'modal')).toEqual([]);
    const view = JSON.stringify(ack.ackBody.view);
    expect(view).toContain('Connect Notion');
    expect(view).toContain('which pages it may use');
    const link = /"url":"([^"]+)"/.exec(view)?.[1] ?? '';
    expect(link.startsWith(`${pair?.door.url}/v1/oauth/authorize?`)).toBe(true);
    expect(one.stats.requests).toBe(0);
    // The button is a link, but Slack still sends its click: it is acked, so Slack shows no error beside it.
    const click = await app.slack.team('T0ONE').blockAction({
      ...{ userId: 'U0MANAGER', actionId: 'notion_sign_in_link' },
      view: { id: 'V0SIGNIN', callback_id: 'notion_sign_in' },
    });
    expect(click.status).toBe(200);

    const back = await authorizeInNotion(link, { pages: [one.rootPageId] });
    expect(back.startsWith(redirectBase(app))).toBe(true);
    const landed = await land(back);
    expect(landed.status).toBe(200);
    expect(landed.html).toContain('Notion is connected');
    expect(landed.html).toContain('Leads: created');

    const report = await notionReport(app, 'T0ONE');
    expect(report).toContain('Notion connected (signed in with Notion to Acme Notion)');
    for (const title of ['Leads', 'Spend', 'Targets', 'Visits', 'Numbers'])
      expect(report).toContain(`• ${title}: created`);
    expect(one.databases()).toHaveLength(5);

    await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
    await expect.poll(() => companies(one).sort(), { timeout: 10_000 }).toEqual(['Acme Corp', 'Early Bird Ltd']);
    expect(two.stats.requests).toBe(0);
    expect(await modalText(app, 'T0ONE')).toContain('connected, signed in with Notion to Acme Notion');

    expect(one.oauth?.grants()).toHaveLength(1);
    for (const secret of secretsOf(one)) expect(app.logs.filter((line) => line.includes(secret))).toEqual([]);
  }, 60_000);

  it('refuses the same link twice: the replay stores nothing and asks Notion nothing', async () => {
    const { app, one } = await start(['T0ONE']);
    const back = await authorizeInNotion(await startSignIn(app, 'T0ONE', one.rootPageId), { pages: [one.rootPageId] });
    expect((await land(back)).status).toBe(200);
    await notionReport(app, 'T0ONE');
    const requests = one.stats.requests;

    const again = await land(back);
    expect(again.status).toBe(400);
    expect(again.html).toContain('expired, was already used');
    expect(again.html).toContain('Nothing was stored');
    expect(one.stats.requests).toBe(requests);
    expect(directMessages(app, 'T0ONE')).toHaveLength(1);
  }, 60_000);

  it('refuses a tampered, a forged and an expired state; a state for one workspace cannot connect another', async () => {
    const { app, one } = await start(['T0ONE', 'T0TWO']);
    const back = new URL(
      await authorizeInNotion(await startSignIn(app, 'T0ONE', one.rootPageId), { pages: [one.rootPageId] }),
    );
    const state = back.searchParams.get('state') ?? '';
    const [payload = '', signature = ''] = state.split('.');
    // The same signed link, its workspace changed to T0TWO.
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const moved = Buffer.from(JSON.stringify({ ...decoded, w: 'T0TWO' })).toString('base64url');
    const forged = buildNotionState(
      'not-the-secret-of-this-app-000000',
      { workspaceKey: 'T0TWO', userId: 'U0MANAGER', parentPageId: one.rootPageId },
      Date.now(),
    );
    const expired = buildNotionState(
      STATE_SECRET,
      { workspaceKey: 'T0TWO', userId: 'U0MANAGER', parentPageId: one.rootPageId },
      Date.now() - 11 * 60_000,
    );
    for (const bad of [`${moved}.${signature}`, forged, expired, 'garbage']) {
      const url = new URL(back);
      url.searchParams.set('state', bad);
      const answer = await land(url.href);
      expect(answer.status).toBe(400);
      expect(answer.html).toContain('Links work once, for 10 minutes');
    }
    expect(one.databases()).toEqual([]);
    expect(one.oauth?.grants()).toEqual([]);
    expect(await modalText(app, 'T0TWO')).toContain('*Notion*: not connected');

    // The genuine link still works, for its own workspace only.
    expect((await land(back.href)).html).toContain('Notion is connected');
    expect(await modalText(app, 'T0ONE')).toContain('connected, signed in with Notion');
    expect(await modalText(app, 'T0TWO')).toContain('*Notion*: not connected');
  }, 60_000);

  it('says to share the page when it was not picked in Notion, and stores nothing', async () => {
    const { app, one } = await start(['T0ONE']);
    const back = await authorizeInNotion(await startSignIn(app, 'T0ONE', one.rootPageId), { pages: [] });
    const landed = await land(back);
    expect(landed.html).toContain('Notion was not connected');
    expect(landed.html).toContain('share the page (tick it) when Notion asks which pages ROI Runway may use');
    const report = await notionReport(app, 'T0ONE');
    expect(report).toContain(':warning: Notion is not connected');
    expect(report).toContain('share the page (tick it) when Notion asks which pages');
    expect(report).toContain('Nothing was stored');
    expect(one.databases()).toEqual([]);
    // The unused token went back to Notion.
    expect(one.oauth?.grants().map((g) => g.revoked)).toEqual([true]);
    expect(await modalText(app, 'T0ONE')).toContain('*Notion*: not connected');
  }, 60_000);

  it('stores nothing when the manager cancels in Notion', async () => {
    const { app, one } = await start(['T0ONE']);
    const back = await authorizeInNotion(await startSignIn(app, 'T0ONE', one.rootPageId), {
      pages: [one.rootPageId],
      decision: 'cancel',
    });
    expect(new URL(back).searchParams.get('error')).toBe('access_denied');
    const landed = await land(back);
    expect(landed.html).toContain('You did not allow ROI Runway in Notion, so nothing was connected');
    expect(one.oauth?.grants()).toEqual([]);
    expect(one.databases()).toEqual([]);
    expect(directMessages(app, 'T0ONE')).toEqual([]);
    expect(await modalText(app, 'T0ONE')).toContain('*Notion*: not connected');
  }, 60_000);

  it('refuses a non-manager the way settings do, and keeps the modal open without a link', async () => {
    const { app, one } = await start(['T0ONE']);
    await openSettings(app, 'T0ONE');
    const ack = await submitNotion(app, 'T0ONE', { page: one.rootPageId, signIn: true, userId: 'U0REP1' });
    expect(ack.ackBody).toEqual({
      response_action: 'errors',
      errors: { MANAGERS: 'Only managers can change settings; nothing was saved.' },
    });
    const both = await submitNotion(app, 'T0ONE', { token: one.token, page: one.rootPageId, signIn: true });
    expect(both.ackBody).toMatchObject({ errors: { NOTION_SIGN_IN: expect.stringContaining('not both') } });
    const noPage = await submitNotion(app, 'T0ONE', { signIn: true });
    expect(noPage.ackBody).toMatchObject({ errors: { NOTION_PAGE: expect.stringContaining('Give the page') } });
    expect(one.stats.requests).toBe(0);

    // A link made by a manager who is no longer one when Notion sends them back connects nothing.
    const link = await startSignIn(app, 'T0ONE', one.rootPageId);
    await openSettings(app, 'T0ONE');
    await submitSettings(app, 'T0ONE', 'U0MANAGER', { managers: ['U0BOSS'] });
    await expect.poll(() => directMessages(app, 'T0ONE').join('\n')).toContain('Managers:');
    const landed = await land(await authorizeInNotion(link, { pages: [one.rootPageId] }));
    expect(landed.status).toBe(403);
    expect(landed.html).toContain('Only the Slack workspace’s managers can connect Notion');
    expect(one.databases()).toEqual([]);
  }, 60_000);

  it('renews an expired token once, pushes the change it held back, and reopens with the stored new token', async () => {
    const { app, one } = await start(['T0ONE']);
    await land(await authorizeInNotion(await startSignIn(app, 'T0ONE', one.rootPageId), { pages: [one.rootPageId] }));
    await notionReport(app, 'T0ONE');
    await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
    await expect.poll(() => companies(one), { timeout: 10_000 }).toEqual(['Acme Corp']);
    const first = one.oauth?.grants()[0]?.accessToken;
    const tokenCalls = () => one.stats.byRoute['oauth.token'] ?? 0;
    expect(tokenCalls()).toBe(1);

    // Notion expires the access token while the workspace is open: the next push meets a 401, renews, goes through.
    one.oauth?.expireAccessTokens();
    await slash(app, 'T0ONE', '/lead', 'source google Beta Inc');
    await expect.poll(() => companies(one).sort(), { timeout: 10_000 }).toEqual(['Acme Corp', 'Beta Inc']);
    expect(tokenCalls()).toBe(2);
    expect(one.oauth?.grants()[0]?.accessToken).not.toBe(first);
    expect(app.logs.some((line) => line.includes('Renewed the Notion sign-in token'))).toBe(true);

    // Reopened, the workspace starts with the stored new token: no second refresh.
    await app.runtime.registry.close('T0ONE');
    await slash(app, 'T0ONE', '/lead', 'source google Gamma LLC');
    await expect.poll(() => companies(one).sort(), { timeout: 10_000 }).toEqual(['Acme Corp', 'Beta Inc', 'Gamma LLC']);
    expect(tokenCalls()).toBe(2);
    for (const secret of secretsOf(one)) expect(app.logs.filter((line) => line.includes(secret))).toEqual([]);
  }, 60_000);

  it('revokes the token on disconnect, and runs without Notion when Notion revoked it', async () => {
    const { app, one } = await start(['T0ONE']);
    await land(await authorizeInNotion(await startSignIn(app, 'T0ONE', one.rootPageId), { pages: [one.rootPageId] }));
    await notionReport(app, 'T0ONE');
    await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
    await expect.poll(() => companies(one), { timeout: 10_000 }).toEqual(['Acme Corp']);

    // The person removes the connection in Notion while the workspace is closed: its people still get answers.
    await app.runtime.registry.close('T0ONE');
    one.oauth?.revokeAll();
    const reply = await slash(app, 'T0ONE', '/lead', 'source google Beta Inc');
    expect(reply?.text).toContain('Beta Inc');
    // The open no longer waits for Notion: its start fails beside the answer, and says so once it has.
    const logged = (text: string) => app.logs.some((line) => line.includes(text));
    await expect.poll(() => logged('Notion could not start for this workspace'), { timeout: 10_000 }).toBe(true);
    expect(logged('Notion refused to renew the signed-in token')).toBe(true);
    expect(companies(one)).toEqual(['Acme Corp']);

    // Signed in again: what waited in the outbox reaches Notion; then a disconnect gives the token back.
    await land(await authorizeInNotion(await startSignIn(app, 'T0ONE', one.rootPageId), { pages: [one.rootPageId] }));
    expect(await notionReport(app, 'T0ONE')).toContain('• Leads: found');
    // The workspace opens again with the new connection at its next request, as after a token typed in the modal.
    await slash(app, 'T0ONE', '/roi', 'spring-expo');
    await expect.poll(() => companies(one).sort(), { timeout: 10_000 }).toEqual(['Acme Corp', 'Beta Inc']);
    await openSettings(app, 'T0ONE');
    await submitNotion(app, 'T0ONE', { disconnect: true });
    await expect.poll(() => directMessages(app, 'T0ONE').at(-1)).toContain('Notion disconnected');
    await expect.poll(() => one.oauth?.grants().at(-1)?.revoked).toBe(true);
    expect(await modalText(app, 'T0ONE')).toContain('*Notion*: not connected');
    for (const secret of secretsOf(one)) expect(app.logs.filter((line) => line.includes(secret))).toEqual([]);
  }, 90_000);
});
