// Notion per workspace (distribution mode): a manager connects the workspace's own Notion from /roi settings (an
// internal integration token and a parent page); the setup runs after the modal's ack and its outcome comes as a DM;
// the connection is stored in that workspace's store only when the setup succeeded, and its leads then sync there.
// Real app over HTTP, fake Slack, two fake Notion workspaces behind one NOTION_API_URL, the official SDK.

import { afterEach, describe, expect, it } from 'vitest';
import { checkView } from '../fakes/slack/block-kit/index.js';
import { slash, startWorkspacesApp, type WorkspacesApp } from '../helpers/workspaces-harness.js';
import {
  companies,
  directMessages,
  type NotionPair,
  notionReport,
  openSettings,
  pageLink,
  startNotionPair,
  submitNotion,
} from './notion-rig.js';

let t: WorkspacesApp | undefined;
let notion: NotionPair | undefined;

afterEach(async () => {
  await t?.stop();
  await notion?.close();
  t = undefined;
  notion = undefined;
});

async function start(teams = ['T0ONE', 'T0TWO']) {
  notion = await startNotionPair();
  t = await startWorkspacesApp({ teams, env: { NOTION_API_URL: notion.door.url }, logLevel: 'debug' });
  return { app: t, one: notion.one, two: notion.two };
}

const modalText = (view: { view: unknown }) => JSON.stringify(view.view);

describe('connecting Notion from /roi settings', () => {
  it('creates the databases under the page, DMs what it found, and syncs the next /lead there', async () => {
    const { app, one, two } = await start(['T0ONE']);
    // Logged before Notion was connected: it waits in the workspace's outbox.
    await slash(app, 'T0ONE', '/lead', 'source google Early Bird Ltd');
    expect(modalText(await openSettings(app, 'T0ONE'))).toContain('*Notion*: not connected');

    const ack = await submitNotion(app, 'T0ONE', { token: one.token, page: pageLink(one.rootPageId) });
    expect(ack.ackBody).toMatchObject({ response_action: 'update', view: { callback_id: 'notion_connecting' } });
    expect(checkView(ack.ackBody.view, 'modal')).toEqual([]);
    expect(JSON.stringify(ack.ackBody.view)).toContain('Connecting to Notion');
    const report = await notionReport(app, 'T0ONE');
    expect(report).toContain(`Notion connected (token ending …${one.token.slice(-4)})`);
    for (const title of ['Leads', 'Spend', 'Targets', 'Visits', 'Numbers'])
      expect(report).toContain(`• ${title}: created`);
    expect(
      one
        .databases()
        .map((db) => db.title.map((x) => x.plain_text).join(''))
        .sort(),
    ).toEqual(['Leads', 'Numbers', 'Spend', 'Targets', 'Visits'].sort());
    // Only the settings DM that counts: nothing else changed, so no "Nothing changed" noise.
    expect(directMessages(app, 'T0ONE')).toHaveLength(1);

    await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
    await expect.poll(() => companies(one).sort(), { timeout: 10_000 }).toEqual(['Acme Corp', 'Early Bird Ltd']);
    expect(two.stats.requests).toBe(0);

    // The token is never shown again, nor logged: only its last four characters.
    const reopened = modalText(await openSettings(app, 'T0ONE'));
    expect(reopened).toContain(`connected, token ending …${one.token.slice(-4)}`);
    expect(reopened).not.toContain(one.token);
    expect(app.logs.length).toBeGreaterThan(0);
    expect(app.logs.filter((line) => line.includes(one.token))).toEqual([]);
  }, 60_000);

  it('finds the databases again when reconnected, and disconnects', async () => {
    const { app, one } = await start(['T0ONE']);
    await openSettings(app, 'T0ONE');
    await submitNotion(app, 'T0ONE', { token: one.token, page: one.rootPageId });
    await notionReport(app, 'T0ONE');
    const created = one.databases().length;

    await openSettings(app, 'T0ONE');
    // A new token typed again (e.g. after rotating it in Notion): the same databases are found, none duplicated.
    await submitNotion(app, 'T0ONE', { token: one.token });
    await expect.poll(() => directMessages(app, 'T0ONE').length, { timeout: 15_000 }).toBe(2);
    expect(directMessages(app, 'T0ONE')[1]).toContain('• Leads: found');
    expect(one.databases()).toHaveLength(created);

    await openSettings(app, 'T0ONE');
    expect((await submitNotion(app, 'T0ONE', { disconnect: true })).ackBody).toEqual({});
    await expect.poll(() => directMessages(app, 'T0ONE').at(-1)).toContain('Notion disconnected');
    expect(modalText(await openSettings(app, 'T0ONE'))).toContain('*Notion*: not connected');
    await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
    const requests = one.stats.requests;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(one.stats.requests).toBe(requests);
    expect(companies(one)).toEqual([]);
  }, 60_000);

  it('applies settings saved with a Notion connection once the setup is over, answering meanwhile', async () => {
    const { app, one } = await start(['T0ONE']);
    await openSettings(app, 'T0ONE');
    // A slow Notion: the setup takes some 10 s, and the workspace's people keep getting answers during it.
    one.faults.slow(400);
    await submitNotion(app, 'T0ONE', { token: one.token, page: one.rootPageId, texts: { CURRENCY: 'EUR' } });
    const reply = await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
    expect(reply?.text).toContain('Acme Corp');
    expect(one.databases().length).toBeLessThan(5);

    expect(await notionReport(app, 'T0ONE')).toContain('Notion connected');
    expect(directMessages(app, 'T0ONE').join('\n')).toContain('Currency: USD → EUR');
    one.faults.slow(0);
    expect(modalText(await openSettings(app, 'T0ONE'))).toContain('"initial_value":"EUR"');
    await expect.poll(() => companies(one), { timeout: 10_000 }).toEqual(['Acme Corp']);
  }, 60_000);

  it('says Notion refused a bad token, and stores nothing', async () => {
    const { app, one } = await start(['T0ONE']);
    await openSettings(app, 'T0ONE');
    await submitNotion(app, 'T0ONE', { token: `ntn_${'9z'.repeat(23)}`, page: one.rootPageId });
    const report = await notionReport(app, 'T0ONE');
    expect(report).toContain(':warning: Notion is not connected');
    expect(report).toContain('Notion refused the token');
    expect(report).toContain('Nothing was stored');
    expect(one.databases()).toEqual([]);
    expect(modalText(await openSettings(app, 'T0ONE'))).toContain('*Notion*: not connected');
  }, 60_000);

  it('says the page is not shared with the integration, and stores nothing', async () => {
    const { app, one, two } = await start(['T0ONE']);
    await openSettings(app, 'T0ONE');
    // The other Notion workspace's page: this integration cannot see it.
    await submitNotion(app, 'T0ONE', { token: one.token, page: pageLink(two.rootPageId) });
    const report = await notionReport(app, 'T0ONE');
    expect(report).toContain('Notion cannot see that page: it is not shared with the integration');
    expect([...one.databases(), ...two.databases()]).toEqual([]);
    expect(modalText(await openSettings(app, 'T0ONE'))).toContain('*Notion*: not connected');
  }, 60_000);

  it('lists the schema problems of the databases found under the page, and stores nothing', async () => {
    const { app, one } = await start(['T0ONE']);
    // A Leads database someone made by hand, its Value a text column: changing its type would erase the values.
    one.seedDatabase('Leads', { Name: { title: {} }, Value: { rich_text: {} } });
    await openSettings(app, 'T0ONE');
    await submitNotion(app, 'T0ONE', { token: one.token, page: one.rootPageId });
    const report = await notionReport(app, 'T0ONE');
    expect(report).toContain(':warning: Notion is not connected');
    expect(report).toContain('the databases under that page have problems to fix in Notion first');
    expect(report).toContain('• Leads: property "Value" is rich_text, it should be number');
    expect(report).toContain('Nothing was stored');
    expect(modalText(await openSettings(app, 'T0ONE'))).toContain('*Notion*: not connected');
  }, 60_000);

  it('keeps the modal open with the reason under each bad field, asking Notion nothing', async () => {
    const { app, one } = await start(['T0ONE']);
    await openSettings(app, 'T0ONE');
    const bad = await submitNotion(app, 'T0ONE', { token: 'my-token', page: 'the ROI page' });
    expect(bad.ackBody).toEqual({
      response_action: 'errors',
      errors: {
        NOTION_TOKEN: expect.stringContaining('not a Notion integration token'),
        NOTION_PAGE: expect.stringContaining('not a Notion page link or id'),
      },
    });
    const half = await submitNotion(app, 'T0ONE', { token: one.token });
    expect(half.ackBody).toMatchObject({ errors: { NOTION_PAGE: expect.stringContaining('Give the page') } });
    const noToken = await submitNotion(app, 'T0ONE', { page: one.rootPageId });
    expect(noToken.ackBody).toMatchObject({ errors: { NOTION_TOKEN: expect.stringContaining('token too') } });
    expect(one.stats.requests).toBe(0);
    expect(directMessages(app, 'T0ONE')).toEqual([]);
    expect(modalText(await openSettings(app, 'T0ONE'))).toContain('*Notion*: not connected');
  }, 60_000);

  it('opens a workspace whose Notion fails to start without it, and syncs what waited once Notion is back', async () => {
    const { app, one } = await start(['T0ONE']);
    await openSettings(app, 'T0ONE');
    await submitNotion(app, 'T0ONE', { token: one.token, page: one.rootPageId });
    expect(await notionReport(app, 'T0ONE')).toContain('Notion connected');
    await slash(app, 'T0ONE', '/lead', 'source thomasnet Acme Corp');
    await expect.poll(() => companies(one), { timeout: 10_000 }).toEqual(['Acme Corp']);

    // The integration's access is revoked while the workspace is closed: its people still get answers.
    await app.runtime.registry.close('T0ONE');
    one.faults.failNext(1_000, 401, 'unauthorized');
    const reply = await slash(app, 'T0ONE', '/lead', 'source google Beta Inc');
    expect(reply?.text).toContain('Beta Inc');
    // The open no longer waits for Notion, so the failed start is logged beside the answer, not before it.
    const failedStart = () => app.logs.some((line) => line.includes('Notion could not start for this workspace'));
    await expect.poll(failedStart, { timeout: 10_000 }).toBe(true);

    // Access back, the workspace reopened: the lead logged meanwhile reaches Notion.
    one.faults.reset();
    await app.runtime.registry.close('T0ONE');
    await slash(app, 'T0ONE', '/roi', 'spring-expo');
    await expect.poll(() => companies(one).sort(), { timeout: 10_000 }).toEqual(['Acme Corp', 'Beta Inc']);
  }, 60_000);
});
