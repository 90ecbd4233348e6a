// SLACK_REDIRECT_URI: with several redirect URLs in the app's settings, the install names ours, and Slack's code
// exchange must repeat it (the fake refuses one that differs, as Slack does).

import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type DistributedApp, installThroughPages, startDistributedApp } from '../../helpers/oauth-rig.js';

let app: DistributedApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject()));
    });
  });
}

describe('SLACK_REDIRECT_URI', () => {
  it('sends the installer back to the URL it names, not the first one the app lists', async () => {
    const port = await findFreePort();
    const ours = `http://127.0.0.1:${port}/slack/oauth_redirect`;
    const running = await startDistributedApp({ env: { PORT: String(port), SLACK_REDIRECT_URI: ours } });
    app = running;
    running.slack.options.redirectUrls = ['https://staging.example.com/slack/oauth_redirect', ours];

    const page = await installThroughPages(running, { userId: 'U0MANAGER', teamId: 'T0001', teamName: 'One' });

    expect(page.status).toBe(200);
    expect(page.html).toContain('ROI Runway is installed in One');
    const exchange = running.slack.calls.find((call) => call.method === 'oauth.v2.access');
    expect(exchange).toMatchObject({ args: { redirect_uri: ours }, error: undefined });
    expect(running.app.installations?.fetch('T:T0001')?.botToken).toBe(running.slack.issuedTokens()[0]?.token);
  });
});
