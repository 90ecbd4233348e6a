// The app in distribution mode (SLACK_CLIENT_ID set, no bot token) as `npm start` builds it (buildOAuthDistribution:
// the directory store, one store per workspace), against the fake Slack; and an install through the real pages as a
// browser would make it, cookie and redirects included, for tests that need installs but not a browser's rendering.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogLevel } from '@slack/bolt';
import { parseConfig } from '../../src/config.js';
import { buildOAuthDistribution, type OAuthDistribution } from '../../src/distribution-oauth.js';
import { createMemoryLogger } from '../../src/log.js';
import { buildBoltLogger } from '../../src/slack/bolt-logger.js';
import type { SlackApp } from '../../src/slack/create-app.js';
import type { Store } from '../../src/store/index.js';
import { buildSilentSlackLogger, type FakeSlack, type InstallTarget, startFakeSlack } from '../fakes/slack/index.js';
import { buildTestEnv, type TestAppOptions } from './app-harness.js';
import { DISTRIBUTION_ENV } from './oauth-env.js';

export { DISTRIBUTION_ENV } from './oauth-env.js';

export interface DistributedApp {
  slack: FakeSlack;
  app: SlackApp;
  runtime: OAuthDistribution;
  /** http://127.0.0.1:PORT */
  base: string;
  /** The directory store: installations and used OAuth states. */
  store: Store;
  dataDir: string;
  /** Every JSON line the app logged. */
  logs: string[];
  stop(): Promise<void>;
}

type DistributedOptions = Pick<Partial<TestAppOptions>, 'env' | 'fakeSlack' | 'clock' | 'sdkLogs'>;

export async function startDistributedApp(options: DistributedOptions = {}): Promise<DistributedApp> {
  const slack = await startFakeSlack({
    clientId: DISTRIBUTION_ENV.SLACK_CLIENT_ID,
    clientSecret: DISTRIBUTION_ENV.SLACK_CLIENT_SECRET,
    ...options.fakeSlack,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'roi-runway-oauth-'));
  const env = { ...buildTestEnv(slack, 'http', dataDir), ...DISTRIBUTION_ENV, ...options.env };
  const { logger, lines } = createMemoryLogger('debug', [slack.options.signingSecret]);
  const slackLogger = options.sdkLogs ? buildBoltLogger(logger, LogLevel.DEBUG) : buildSilentSlackLogger();
  let runtime: OAuthDistribution | undefined;
  try {
    runtime = buildOAuthDistribution(parseConfig(env, 'bot'), {
      ...{ clock: options.clock, log: logger, slackLogger, retryConfig: { retries: 0 }, host: '127.0.0.1' },
      scheduleDigests: false,
    });
    await runtime.start();
  } catch (error) {
    await runtime?.stop();
    await slack.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const started = runtime;
  const base = `http://127.0.0.1:${started.slack.port()}`;
  slack.options.appUrl = `${base}/slack/events`;
  // The app's settings list its redirect URL; here it is known once the app listens.
  slack.options.redirectUrls = [`${base}/slack/oauth_redirect`];
  return {
    ...{ slack, app: started.slack, runtime: started, base, store: started.directory, dataDir, logs: lines },
    async stop() {
      await started.stop();
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
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
