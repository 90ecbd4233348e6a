// The install flow in a real headless Chromium: our "Add to Slack" page, the fake Slack's consent page, Allow, the
// redirect back to /slack/oauth_redirect and our success page — cookies and redirects as the browser handles them.
// Then a slash command from that workspace runs with the token the install stored.

import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { InstallationRows } from '../../../src/store/installation-rows.js';
import { type DistributedApp, startDistributedApp } from '../../helpers/oauth-rig.js';

let browser: Browser;
let app: DistributedApp | undefined;

beforeAll(async () => {
  browser = await playwright.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, '--disable-background-networking'],
    headless: true,
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await app?.stop();
  app = undefined;
});

function expectCall(running: DistributedApp, method: string) {
  const call = running.slack.calls.find((candidate) => candidate.method === method);
  if (call === undefined) throw new Error(`no ${method} call yet`);
  return call;
}

async function start(): Promise<DistributedApp> {
  app = await startDistributedApp();
  return app;
}

describe('installing from the Add to Slack page in a browser', () => {
  it('goes from our page through Slack’s consent to our success page, and the workspace’s commands then work', async () => {
    const running = await start();
    const page = await (await browser.newContext()).newPage();

    await page.goto(`${running.base}/slack/install`);
    expect(await page.title()).toBe('Add ROI Runway to Slack');
    await page.click('#add-to-slack');
    await page.waitForURL(/\/oauth\/v2\/authorize/);
    expect(await page.textContent('h1')).toContain('ROI Runway Test Slack workspace');
    await page.click('#allow');
    await page.waitForURL(/\/slack\/oauth_redirect/);

    expect(await page.textContent('h1')).toBe('ROI Runway is installed in ROI Runway Test');
    expect(await page.textContent('body')).toContain('/roi settings');
    expect(await page.textContent('body')).toContain('you are its first manager');
    const stored = new InstallationRows(running.store).get('T:T0001');
    const issued = running.slack.issuedTokens();
    expect(issued).toHaveLength(1);
    expect(stored).toMatchObject({
      teamId: 'T0001',
      teamName: 'ROI Runway Test',
      isEnterpriseInstall: false,
      botToken: issued[0]?.token,
      installerUserId: 'U0MANAGER',
      uninstalledAt: null,
    });
    expect(stored?.botScopes).toContain('commands');

    const reply = await running.slack.slashCommand({ command: '/lead', text: '', userId: 'U0REP1' });
    expect(reply.status).toBe(200);
    const opened = await vi.waitFor(() => expectCall(running, 'views.open'));
    expect(opened).toMatchObject({ token: issued[0]?.token, error: undefined });
    expect(running.slack.views).toHaveLength(1);
  });

  it('shows our failure page with a way back when the installer cancels', async () => {
    const running = await start();
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${running.base}/slack/install`);
    await page.click('#add-to-slack');
    await page.click('#cancel');
    await page.waitForURL(/\/slack\/oauth_redirect/);

    expect(await page.textContent('h1')).toBe('ROI Runway was not installed');
    expect(await page.textContent('#reason')).toContain('You cancelled the installation');
    await page.click('#try-again');
    await page.waitForURL(/\/slack\/install$/);
    expect(await page.title()).toBe('Add ROI Runway to Slack');
    expect(new InstallationRows(running.store).listActive()).toEqual([]);
  });

  it('refuses the same callback loaded again, even with the state cookie put back', async () => {
    const running = await start();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${running.base}/slack/install`);
    const [cookie] = await context.cookies();
    await page.click('#add-to-slack');
    await page.click('#allow');
    await page.waitForURL(/\/slack\/oauth_redirect/);
    const callbackUrl = page.url();
    expect(await page.textContent('h1')).toContain('is installed');

    const again = await page.goto(callbackUrl);
    expect(again?.status()).toBe(400);
    expect(await page.textContent('#reason')).toContain('expired, was already used');

    // Bolt deleted the cookie; put it back, as a replay by someone who copied it would: the state is spent all the same.
    if (cookie === undefined) throw new Error('the install page set no cookie');
    await context.addCookies([cookie]);
    const replay = await page.goto(callbackUrl);
    expect(replay?.status()).toBe(400);
    expect(await page.textContent('#reason')).toContain('expired, was already used');
    // The first reload lacked the cookie (Bolt's check); the replay got past it and met the spent state (ours).
    const refusals = running.logs.filter((line) => line.includes('A Slack install did not complete'));
    expect(refusals).toHaveLength(2);
    expect(refusals[1]).toContain('"stateProblem":"already_used"');
    expect(running.slack.issuedTokens()).toHaveLength(1);
  });

  it('refuses a forged state, escaping what the URL carried', async () => {
    const running = await start();
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${running.base}/slack/install`);
    const forged = `${running.base}/slack/oauth_redirect?code=<b>x</b>&state=eyJ9.bad`;
    const answer = await page.goto(forged);
    expect(answer?.status()).toBe(400);
    expect(await page.textContent('#reason')).toContain('expired, was already used');
    expect(await page.locator('b').count()).toBe(0);
    expect(new InstallationRows(running.store).listActive()).toEqual([]);
  });

  it('stores an Enterprise Grid org-wide install by its enterprise id', async () => {
    const running = await start();
    running.slack.options.installer = {
      userId: 'U0ADMIN',
      teamId: 'T0GRID1',
      teamName: 'Grid One',
      enterpriseId: 'E0GRID',
      enterpriseName: 'Acme Grid',
      orgWide: true,
    };
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${running.base}/slack/install`);
    await page.click('#add-to-slack');
    await page.click('#allow');
    await page.waitForURL(/\/slack\/oauth_redirect/);

    expect(await page.textContent('h1')).toBe('ROI Runway is installed in the Acme Grid organisation');
    const rows = new InstallationRows(running.store);
    expect(rows.get('E:E0GRID')).toMatchObject({ enterpriseId: 'E0GRID', teamId: null, isEnterpriseInstall: true });
    expect(rows.listActive().map((row) => row.key)).toEqual(['E:E0GRID']);

    // A workspace of that organisation is served with the organisation's token.
    const origin = { teamId: 'T0GRID2', enterpriseId: 'E0GRID', isEnterpriseInstall: true };
    await running.slack.slashCommand({ command: '/lead', text: '', userId: 'U0REP1', origin });
    const opened = await vi.waitFor(() => expectCall(running, 'views.open'));
    expect(opened.token).toBe(running.slack.issuedTokens()[0]?.token);
  });
});
