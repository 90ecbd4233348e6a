// The app in distribution mode (SLACK_CLIENT_ID set, no bot token) against the fake Slack, and an install through the
// real pages as a browser would make it, cookie and redirects included, for tests that need installs but not a
// browser's rendering.

import type { InstallTarget } from '../fakes/slack/index.js';
import { startTestApp, type TestApp, type TestAppOptions } from './app-harness.js';
import { DISTRIBUTION_ENV } from './oauth-env.js';

export { DISTRIBUTION_ENV } from './oauth-env.js';

export interface DistributedApp extends TestApp {
  /** http://127.0.0.1:PORT */
  base: string;
}

export async function startDistributedApp(options: Partial<TestAppOptions> = {}): Promise<DistributedApp> {
  const started = await startTestApp({
    mode: 'http',
    ...options,
    env: { ...DISTRIBUTION_ENV, ...options.env },
    fakeSlack: {
      clientId: DISTRIBUTION_ENV.SLACK_CLIENT_ID,
      clientSecret: DISTRIBUTION_ENV.SLACK_CLIENT_SECRET,
      ...options.fakeSlack,
    },
  });
  const base = new URL(started.url).origin;
  // The app's settings list its redirect URL; here it is known once the app listens.
  started.slack.options.redirectUrls = [`${base}/slack/oauth_redirect`];
  return { ...started, base };
}

function readStateCookie(response: Response): string {
  const cookie = response.headers.getSetCookie().find((line) => line.startsWith('slack-app-oauth-state='));
  if (cookie === undefined) throw new Error('the install page set no state cookie');
  return cookie.split(';')[0] ?? '';
}

function readAddToSlackLink(html: string): string {
  const href = /id="add-to-slack" href="([^"]+)"/.exec(html)?.[1];
  if (href === undefined) throw new Error('the install page has no Add to Slack link');
  return href.replaceAll('&amp;', '&');
}

/** Install page → consent (Allow or Cancel) → callback, carrying the state cookie; the callback's page. */
export async function installThroughPages(
  app: DistributedApp,
  target: InstallTarget,
  decision: 'allow' | 'cancel' = 'allow',
): Promise<{ status: number; html: string }> {
  app.slack.options.installer = target;
  const installPage = await fetch(`${app.base}/slack/install`);
  const cookie = readStateCookie(installPage);
  const authorize = new URL(readAddToSlackLink(await installPage.text()));
  const form = new URLSearchParams(authorize.searchParams);
  form.set('decision', decision);
  const consent = await fetch(new URL('/oauth/v2/authorize', authorize), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const callback = consent.headers.get('location');
  if (callback === null) throw new Error(`the consent page did not redirect (${consent.status})`);
  const answer = await fetch(callback, { headers: { cookie } });
  return { status: answer.status, html: await answer.text() };
}
