// "Sign in with Notion" driven as a manager's browser would: the settings modal submitted with the box ticked, the
// "Connect Notion" button's link opened (the fake Notion's authorize page), the page picker and Allow or Cancel
// submitted as its form, and Notion's redirect followed to the app's /notion/oauth_redirect page.

import { expect } from 'vitest';
import type { FakeOAuthClient } from '../fakes/notion/index.js';
import { startWorkspacesApp, type WorkspacesApp } from '../helpers/workspaces-harness.js';
import { type NotionPair, openSettings, startNotionPair, submitNotion } from './notion-rig.js';

export const NOTION_CLIENT: FakeOAuthClient = {
  clientId: 'notion-client-4f1c',
  clientSecret: 'notion-client-secret-9d2e7a41b0c3',
  workspaceName: 'Acme Notion',
};

export const STATE_SECRET = 'state-secret-for-notion-tests-0123456789';

export async function startSignInApp(teams: string[] = ['T0ONE']): Promise<{ app: WorkspacesApp; notion: NotionPair }> {
  const notion = await startNotionPair({ oauth: NOTION_CLIENT });
  const env = {
    NOTION_API_URL: notion.door.url,
    NOTION_CLIENT_ID: NOTION_CLIENT.clientId,
    NOTION_CLIENT_SECRET: NOTION_CLIENT.clientSecret,
    SLACK_STATE_SECRET: STATE_SECRET,
  };
  let app: WorkspacesApp;
  try {
    app = await startWorkspacesApp({ teams, env, logLevel: 'debug' });
  } catch (error) {
    await notion.close();
    throw error;
  }
  // The integration's settings list the app's redirect once its port is known (NOTION_REDIRECT_URI unset: the one).
  const oauth = notion.one.oauth;
  if (oauth === null) throw new Error('the fake Notion has no OAuth client');
  oauth.redirectUris = [redirectBase(app)];
  return { app, notion };
}

export const redirectBase = (app: WorkspacesApp) => new URL('/notion/oauth_redirect', app.url).href;

/** The manager ticks "Sign in with Notion" with a page; the modal turns into the link. Returns the link. */
export async function startSignIn(app: WorkspacesApp, team: string, page: string): Promise<string> {
  await openSettings(app, team);
  const ack = await submitNotion(app, team, { page, signIn: true });
  expect(ack.ackBody).toMatchObject({ response_action: 'update', view: { callback_id: 'notion_sign_in' } });
  const view = JSON.stringify(ack.ackBody.view);
  const url = /"url":"([^"]+)"/.exec(view)?.[1];
  if (url === undefined) throw new Error(`no Connect Notion link in ${view}`);
  return url;
}

/** Opens Notion's authorize page, picks `pages` and allows (or cancels); the redirect Notion answers with. */
export async function authorizeInNotion(
  link: string,
  choice: { pages: string[]; decision?: 'allow' | 'cancel' },
): Promise<string> {
  const page = await fetch(link);
  expect(page.status).toBe(200);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(match[1] ?? '', (match[2] ?? '').replaceAll('&quot;', '"').replaceAll('&amp;', '&'));
  }
  for (const id of choice.pages) {
    expect(html).toContain(`value="${id}"`);
    form.append('pages', id);
  }
  form.set('decision', choice.decision ?? 'allow');
  const answer = await fetch(new URL('/v1/oauth/authorize', link), { method: 'POST', body: form, redirect: 'manual' });
  const location = answer.headers.get('location');
  if (answer.status !== 302 || location === null) throw new Error(`Notion did not redirect (${answer.status})`);
  return location;
}

/** Lands on the app's redirect page as the browser does. */
export async function land(url: string): Promise<{ status: number; html: string }> {
  const answer = await fetch(url);
  return { status: answer.status, html: await answer.text() };
}
