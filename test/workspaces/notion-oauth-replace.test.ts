// A "Sign in with Notion" connection replaced by a new sign-in or by an integration token typed in /roi settings: the
// old token is revoked once the new connection is stored, never before (a new setup that fails keeps the old one
// working), a refused revoke leaves the new connection in place, and an integration token, the manager's own, is not
// revoked by anyone. Through the real pages and modal, on the fake Notion's OAuth state.

import { Client } from '@notionhq/client';
import { afterEach, describe, expect, it } from 'vitest';
import { slash, type WorkspacesApp } from '../helpers/workspaces-harness.js';
import {
  authorizeInNotion,
  land,
  NOTION_CLIENT,
  STATE_SECRET,
  startSignIn,
  startSignInApp,
} from './notion-oauth-rig.js';
import { companies, directMessages, type NotionPair, openSettings, pageLink, submitNotion } from './notion-rig.js';

let t: WorkspacesApp | undefined;
let pair: NotionPair | undefined;

afterEach(async () => {
  await t?.stop();
  await pair?.close();
  t = undefined;
  pair = undefined;
});

async function start() {
  const started = await startSignInApp(['T0ONE']);
  t = started.app;
  pair = started.notion;
  return { app: started.app, one: started.notion.one };
}

type One = NotionPair['one'];

/** Signs in with Notion from /roi settings, the root page picked; answers the page the manager lands on. */
async function signIn(app: WorkspacesApp, one: One, pages = [one.rootPageId]) {
  return land(await authorizeInNotion(await startSignIn(app, 'T0ONE', one.rootPageId), { pages }));
}

/** Submits an integration token in /roi settings; answers the DM that reports it. */
async function submitToken(app: WorkspacesApp, one: One, token: string) {
  const before = directMessages(app, 'T0ONE').length;
  await openSettings(app, 'T0ONE');
  await submitNotion(app, 'T0ONE', { token, page: pageLink(one.rootPageId) });
  await expect.poll(() => directMessages(app, 'T0ONE').length, { timeout: 15_000 }).toBe(before + 1);
  return directMessages(app, 'T0ONE').at(-1) ?? '';
}

async function logLead(app: WorkspacesApp, one: One, company: string) {
  await slash(app, 'T0ONE', '/lead', `source google ${company}`);
  await expect.poll(() => companies(one).includes(company), { timeout: 10_000 }).toBe(true);
}

const grants = (one: One) => one.oauth?.grants() ?? [];
const revokeCalls = (one: One) => one.stats.byRoute['oauth.revoke'] ?? 0;

/** No secret the sign-ins handled may appear in a log line. */
function expectNoSecretLogged(app: WorkspacesApp, one: One) {
  const secrets = [NOTION_CLIENT.clientSecret, STATE_SECRET, one.token];
  for (const grant of grants(one)) secrets.push(grant.accessToken, grant.refreshToken);
  for (const secret of secrets) expect(app.logs.filter((line) => line.includes(secret))).toEqual([]);
}

describe('a Notion sign-in replaced', () => {
  it('revokes the previous sign-in once a new one is stored; the new one syncs', async () => {
    const { app, one } = await start();
    await signIn(app, one);
    await logLead(app, one, 'Acme Corp');
    const old = grants(one)[0]?.accessToken ?? '';

    const landed = await signIn(app, one);
    expect(grants(one).map((grant) => grant.revoked)).toEqual([true, false]);
    expect(one.acceptsToken(old)).toBe(false);
    expect(one.acceptsToken(grants(one)[1]?.accessToken ?? '')).toBe(true);
    expect(landed.html).toContain('Notion is connected');
    expect(landed.html).toContain('The previous sign-in to Acme Notion was revoked');
    expect(directMessages(app, 'T0ONE').at(-1)).toContain(
      'The previous sign-in to Acme Notion was revoked: it no longer has access to your Notion pages.',
    );

    await logLead(app, one, 'Beta Inc');
    expect(companies(one).sort()).toEqual(['Acme Corp', 'Beta Inc']);
    expectNoSecretLogged(app, one);
  }, 60_000);

  it('revokes the sign-in an integration token replaces; replacing that token revokes nothing', async () => {
    const { app, one } = await start();
    await signIn(app, one);
    await logLead(app, one, 'Acme Corp');

    const report = await submitToken(app, one, one.token);
    expect(grants(one).map((grant) => grant.revoked)).toEqual([true]);
    expect(report).toContain(`Notion connected (token ending …${one.token.slice(-4)})`);
    expect(report).toContain('The previous sign-in to Acme Notion was revoked');
    await logLead(app, one, 'Beta Inc');

    // Back to a sign-in: the integration token is the manager's own, and nothing says it was revoked.
    const landed = await signIn(app, one);
    expect(landed.html).toContain('Notion is connected');
    const again = directMessages(app, 'T0ONE').at(-1) ?? '';
    expect(again).toContain(`The previous integration token (…${one.token.slice(-4)}) is no longer used`);
    expect(again).toContain('ROI Runway cannot revoke it');
    expect(again).not.toContain('was revoked');
    expect(revokeCalls(one)).toBe(1);
    expect(one.acceptsToken(one.token)).toBe(true);
    await logLead(app, one, 'Gamma LLC');
    expectNoSecretLogged(app, one);
  }, 60_000);

  it('keeps the working sign-in and revokes nothing of it when the new setup fails', async () => {
    const { app, one } = await start();
    await signIn(app, one);
    await logLead(app, one, 'Acme Corp');

    // A token Notion refuses: nothing stored, the sign-in untouched.
    const report = await submitToken(app, one, `ntn_${'9z'.repeat(23)}`);
    expect(report).toContain(':warning: Notion is not connected');
    expect(report).not.toContain('previous');
    // A sign-in without the page picked: its own unused token goes back, the working one stays.
    const landed = await signIn(app, one, []);
    expect(landed.html).toContain('Notion was not connected');
    expect(grants(one).map((grant) => grant.revoked)).toEqual([false, true]);
    expect(one.acceptsToken(grants(one)[0]?.accessToken ?? '')).toBe(true);

    await logLead(app, one, 'Beta Inc');
    expect(JSON.stringify((await openSettings(app, 'T0ONE')).view)).toContain('signed in with Notion to Acme Notion');
  }, 60_000);

  it('keeps the new connection when Notion refuses the revoke, and logs that without the token', async () => {
    const { app, one } = await start();
    await signIn(app, one);
    const old = grants(one)[0]?.accessToken ?? '';
    one.faults.failNext(1, 503, 'service_unavailable', 'oauth.revoke');

    const landed = await signIn(app, one);
    expect(landed.html).toContain('Notion is connected');
    expect(directMessages(app, 'T0ONE').at(-1)).toContain('The previous sign-in to Acme Notion could not be revoked');
    expect(app.logs.some((line) => line.includes('Could not revoke the Notion OAuth token'))).toBe(true);
    expect(one.acceptsToken(old)).toBe(true);

    // The manager removes the old connection in Notion, as the DM says: the workspace syncs on with the new one.
    const sdk = new Client({ baseUrl: pair?.door.url, logger: () => {} });
    await sdk.oauth.revoke({
      client_id: NOTION_CLIENT.clientId,
      client_secret: NOTION_CLIENT.clientSecret,
      token: old,
    });
    await logLead(app, one, 'Acme Corp');
    expect(grants(one).map((grant) => grant.revoked)).toEqual([true, false]);
    expectNoSecretLogged(app, one);
  }, 60_000);
});
