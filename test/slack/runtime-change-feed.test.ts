// Every way a change enters the app reaches Notion through the store's change feed: the push worker sleeps an hour
// here unless a commit that queued something for Notion wakes it, so a row that shows up in Notion within seconds
// was woken by the feed, whatever path made the change. A change pulled from Notion refreshes what /lead find and the
// metrics read the same way.

import { afterEach, describe, expect, it } from 'vitest';
import type { NotionSync } from '../../src/notion/index.js';
import { runSlash } from '../commands/command-harness.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { INGEST_SECRET, sendInquiry } from '../ingest/ingest-client.js';
import { setUpNotionDatabases } from '../notion/harness.js';

const HOUR = 3_600_000;
const SOON = { timeout: 10_000 };

let notion: FakeNotion | undefined;
let t: TestApp | undefined;

afterEach(async () => {
  await t?.stop();
  await notion?.close();
  t = notion = undefined;
});

async function startApp(): Promise<{ app: TestApp; leads: string }> {
  notion = await startFakeNotion({ rateLimit: false });
  const { databaseIds, dataSources } = setUpNotionDatabases(notion);
  const env = {
    NOTION_TOKEN: notion.token,
    NOTION_API_URL: notion.url,
    NOTION_LEADS_DB: databaseIds.leadsDb,
    NOTION_SPEND_DB: databaseIds.spendDb,
    NOTION_TARGETS_DB: databaseIds.targetsDb,
    INGEST_SECRET,
  };
  t = await startTestApp({ mode: 'http', env, notionPushIdleMs: HOUR, startPrompts: false });
  // The first pull imports (nothing) and the push's first round finds nothing: from here on only a nudge pushes.
  await t.deps.notion?.whenImported();
  return { app: t, leads: dataSources.lead };
}

function namesInNotion(leads: string): string[] {
  return (notion?.plainRows(leads) ?? []).map((row) => String(row.Name)).sort();
}

describe('changes reach Notion through the change feed', () => {
  it('from a command, the modal, the webhook, a merge and an undo, each without waiting for the idle push', async () => {
    const { app, leads } = await startApp();

    await runSlash(app, '/lead', 'source thomasnet Acme Corp');
    await expect.poll(() => namesInNotion(leads), SOON).toEqual(['Acme Corp']);

    await app.slack.viewSubmission({
      userId: 'U0REP1',
      view: {
        callback_id: 'log_lead_modal',
        state: {
          values: {
            company: { company_input: { type: 'plain_text_input', value: 'Globex' } },
            channel: { channel_select: { type: 'static_select', selected_option: { value: 'phone' } } },
            stage: { stage_select: { type: 'static_select', selected_option: { value: 'lead' } } },
          },
        },
      },
    });
    await expect.poll(() => namesInNotion(leads), SOON).toEqual(['Acme Corp', 'Globex']);

    const call = { id: 'call-1', channel: 'phone', received_at: new Date().toISOString(), company: 'Initech' };
    expect((await sendInquiry(app.healthUrl.replace('/healthz', ''), Date.now(), call)).status).toBe(202);
    await expect.poll(() => namesInNotion(leads), SOON).toEqual(['Acme Corp', 'Globex', 'Initech']);

    await runSlash(app, '/lead', 'merge Initech into Globex');
    await expect.poll(() => namesInNotion(leads), SOON).toEqual(['Acme Corp', 'Globex']);

    await runSlash(app, '/lead', 'undo');
    await expect.poll(() => namesInNotion(leads), SOON).toEqual(['Acme Corp', 'Globex', 'Initech']);
  });

  it('from Notion: a pulled edit is in the next /lead find, and nothing is pushed back', async () => {
    const { app, leads } = await startApp();
    await runSlash(app, '/lead', 'source thomasnet Acme Corp');
    await expect.poll(() => namesInNotion(leads), SOON).toEqual(['Acme Corp']);
    expect(app.service.findLeads('acme')).toHaveLength(1);
    const page = notion?.rows(leads)[0];

    notion?.editPage(page?.id ?? '', { Name: { title: [{ text: { content: 'Acme Holdings' } }] } });
    await (app.runtime.deps.notion as NotionSync).pullNow();

    expect(app.service.findLeads('acme holdings').map((match) => match.lead.company)).toEqual(['Acme Holdings']);
    expect(app.service.dataset().leads.map((lead) => lead.company)).toEqual(['Acme Holdings']);
    expect(app.services.outbox.size()).toBe(0);
    expect(namesInNotion(leads)).toEqual(['Acme Holdings']);
  });
});
