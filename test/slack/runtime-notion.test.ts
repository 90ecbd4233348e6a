// With NOTION_TOKEN set, the bot checks the Notion schema before it accepts Slack traffic, syncs while it runs,
// reports the queue in /healthz, and pushes what is still owed when it stops.

import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { setUpNotionDatabases } from '../notion/harness.js';

let notion: FakeNotion | undefined;
let t: TestApp | undefined;

afterEach(async () => {
  await t?.stop();
  await notion?.close();
  t = notion = undefined;
});

/** The fake Notion with our three databases; answers the app's environment and the Leads data source id. */
async function startNotion(): Promise<{ env: Record<string, string>; leads: string }> {
  notion = await startFakeNotion({ rateLimit: false });
  const { databaseIds, dataSources } = setUpNotionDatabases(notion);
  const env = {
    NOTION_TOKEN: notion.token,
    NOTION_API_URL: notion.url,
    NOTION_LEADS_DB: databaseIds.leadsDb,
    NOTION_SPEND_DB: databaseIds.spendDb,
    NOTION_TARGETS_DB: databaseIds.targetsDb,
  };
  return { env, leads: dataSources.lead };
}

describe('the app with Notion configured', () => {
  it('reports Notion in /healthz and pushes a change made while running', async () => {
    t = await startTestApp({ mode: 'http', env: (await startNotion()).env });
    const lead = t.service.createLead(
      { company: 'Acme Corp', source: 'thomasnet' },
      { actor: { id: 'U0REP1', name: 'Ravi' } },
    );
    t.deps.notion?.nudge();

    await expect.poll(() => t?.deps.notion?.syncStatus('lead', lead.id), { timeout: 10_000 }).toBe('synced');
    await expect.poll(() => t?.deps.notion?.status().lastPullAt ?? null, { timeout: 10_000 }).not.toBeNull();
    const body = await (await fetch(t.healthUrl)).json();

    expect(body).toMatchObject({
      ok: true,
      notion: { configured: true, pending: 0, healthy: true, lastPullAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
    });
  });

  it('pushes what is still owed to Notion when it stops', async () => {
    const { env, leads } = await startNotion();
    t = await startTestApp({ mode: 'http', env });
    const actor = { id: 'U0REP1', name: 'Ravi' };
    // Changes made without a nudge wait for the worker's next round; stopping must not leave them behind.
    for (const company of ['Globex', 'Initech', 'Umbrella']) t.service.createLead({ company }, { actor });

    await t.runtime.stop();

    expect(
      notion
        ?.plainRows(leads)
        .map((row) => row.Name)
        .sort(),
    ).toEqual(['Globex', 'Initech', 'Umbrella']);
  });

  it('tells the rep by DM when Notion refuses their change for good, and keeps the change', async () => {
    t = await startTestApp({ mode: 'http', env: (await startNotion()).env });
    notion?.faults.failNext(1, 400, 'validation_error', 'pages.create');

    const command = await t.slack.slashCommand({
      command: '/lead',
      text: 'source thomasnet Acme Corp',
      userId: 'U0REP1',
    });
    await command.waitForResponses(1);
    const lead = t.service.findLeads('Acme Corp')[0]?.lead;

    await expect.poll(() => lead && t?.deps.notion?.syncStatus('lead', lead.id), { timeout: 10_000 }).toBe('failed');
    await expect
      .poll(() => t?.slack.messages.find((m) => m.text?.includes('Notion did not accept your change')), {
        timeout: 10_000,
      })
      .toMatchObject({ text: expect.stringContaining(`Acme Corp (${lead?.id})`) });
    const dm = t.slack.messages.find((m) => m.text?.includes('Notion did not accept'));
    expect(dm?.channel).toMatch(/^D/);
    expect(t.service.getLead(lead?.id ?? '')?.source).toBe('thomasnet');
  });

  it('refuses to start when the Notion databases do not match the schema, naming the problem', async () => {
    const { env } = await startNotion();

    const starting = startTestApp({ mode: 'http', env: { ...env, NOTION_LEADS_DB: env.NOTION_SPEND_DB ?? '' } });

    await expect(starting).rejects.toThrow(/setup:notion -- --repair/);
  });
});
