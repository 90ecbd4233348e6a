// "Sign in with Notion" in a real headless Chromium: the link of the settings modal's "Connect Notion" button, the
// fake Notion's authorize page (its page picker and Allow), Notion's redirect back to /notion/oauth_redirect and our
// page saying what was connected — redirects as the browser follows them. Then a lead logged in Slack reaches Notion.

import chromium from '@sparticuz/chromium';
import { type Browser, chromium as playwright } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { slash, type WorkspacesApp } from '../helpers/workspaces-harness.js';
import { startSignIn, startSignInApp } from './notion-oauth-rig.js';
import { companies, type NotionPair, notionReport } from './notion-rig.js';

let browser: Browser;
let t: WorkspacesApp | undefined;
let pair: NotionPair | undefined;

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
  await t?.stop();
  await pair?.close();
  t = undefined;
  pair = undefined;
});

it('goes from the Connect Notion link through Notion’s page picker to our page, and the next lead syncs', async () => {
  const started = await startSignInApp(['T0ONE']);
  t = started.app;
  pair = started.notion;
  const { app } = started;
  const { one } = started.notion;
  const link = await startSignIn(app, 'T0ONE', one.rootPageId);

  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  expect(await page.title()).toBe('Notion: allow access');
  await page.check(`input[name="pages"][value="${one.rootPageId}"]`);
  await page.click('#allow');
  await page.waitForURL(/\/notion\/oauth_redirect/);
  expect(await page.textContent('h1')).toBe('Notion is connected');
  expect(await page.textContent('#report')).toContain('Leads: created');

  expect(await notionReport(app, 'T0ONE')).toContain('Notion connected (signed in with Notion to Acme Notion)');
  await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
  await expect.poll(() => companies(one), { timeout: 10_000 }).toEqual(['Acme Corp']);
}, 60_000);
