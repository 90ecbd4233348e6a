// Capture never blocks, through Slack (the fake Slack, the real Bolt app) and Notion (the fake Notion, the real SDK):
// one-line `/lead source` calls that nobody follows up on each leave exactly one lead, and exactly one Notion row.

import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import type { LeadService } from '../../src/store/index.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { startTestApp, type TestApp } from '../helpers/app-harness.js';
import { setUpNotionDatabases } from '../notion/harness.js';
import { clickButton, REP, runSlash } from './command-harness.js';

let notion: FakeNotion | undefined;
let t: TestApp | undefined;

afterEach(async () => {
  await t?.stop();
  await notion?.close();
  t = notion = undefined;
});

/** The app over HTTP with the fake Notion holding our three databases; answers the Leads data source id. */
async function startWithNotion(seed: (leads: LeadService) => void): Promise<{ app: TestApp; leadsSource: string }> {
  notion = await startFakeNotion({ rateLimit: false });
  const { databaseIds, dataSources } = setUpNotionDatabases(notion);
  const env = {
    NOTION_TOKEN: notion.token,
    NOTION_API_URL: notion.url,
    NOTION_LEADS_DB: databaseIds.leadsDb,
    NOTION_SPEND_DB: databaseIds.spendDb,
    NOTION_TARGETS_DB: databaseIds.targetsDb,
  };
  t = await startTestApp({ mode: 'http', env, logLevel: 'warn', seed: (leads) => seed(leads) });
  return { app: t, leadsSource: dataSources.lead };
}

/** Waits until Notion has every change (the app pushes within its 3 requests a second). */
async function waitForNotion(app: TestApp): Promise<void> {
  await expect.poll(() => app.services.outbox.size(), { timeout: 60_000, interval: 100 }).toBe(0);
}

/** The Notion rows (as plain values) by Lead ID; two rows holding one Lead ID fail the test. */
function readNotionRows(leadsSource: string): Map<string, Record<string, unknown>> {
  const byId = new Map<string, Record<string, unknown>>();
  for (const row of notion?.plainRows(leadsSource) ?? []) {
    const id = String(row['Lead ID']);
    expect(byId.has(id), `two Notion rows hold ${id}`).toBe(false);
    byId.set(id, row);
  }
  return byId;
}

const EXISTING = ['Robotics Depot', 'Automation Partners', 'Midwest Controls', 'Hydraulics Unlimited'];
const TRADES = ['Robotics', 'Automation', 'Controls', 'Hydraulics', 'Machining'];
const FIRST_WORDS = (
  'Northgate Bellwood Ironbridge Harborview Summitville Redstone Lakeview Crestline Oakhurst Pinecrest Silverton ' +
  'Westbrook Eastfield Stonegate Riverside Fairmont Glenwood Kingsley Maplewood Ashford Brookline Cedarburg Dunmore ' +
  'Elmhurst Foxhall Granville Hartwell Kenmore Linwood Marlow Norwood Oxley Prescott Quinton Rockport Sherwood ' +
  'Thornbury Upton Vernon Whitfield'
).split(' ');
/** 40 new companies, each sharing its industry word with seven others and with a lead already there. */
const NEW_COMPANIES = FIRST_WORDS.map((first, i) => `${first} ${TRADES[i % TRADES.length]}`);

function seedExisting(leads: LeadService): void {
  for (const company of EXISTING) leads.createLead({ company, source: 'referral' }, { actor: REP });
}

describe('capture that never blocks', () => {
  it('logs 40 look-alike companies in a row, nobody clicking: 40 leads and 40 Notion rows, each exactly once', async () => {
    const { app, leadsSource } = await startWithNotion(seedExisting);
    expect(NEW_COMPANIES).toHaveLength(40);

    for (const company of NEW_COMPANIES) {
      const { reply } = await runSlash(app, '/lead', `source thomasnet ${company}`);
      expect(reply.text).toMatch(new RegExp(`^Logged ${company} from Thomasnet`));
    }

    const leads = app.service.listLeads();
    expect(leads).toHaveLength(EXISTING.length + NEW_COMPANIES.length);
    for (const company of NEW_COMPANIES) {
      expect(
        leads.filter((lead) => lead.company === company),
        company,
      ).toMatchObject([{ source: 'thomasnet' }]);
    }
    await waitForNotion(app);
    const rows = readNotionRows(leadsSource);
    expect([...rows.keys()].sort()).toEqual(leads.map((lead) => lead.id).sort());
    expect([...rows.values()].map((row) => row.Name).sort()).toEqual([...EXISTING, ...NEW_COMPANIES].sort());
  }, 120_000);

  it('merges a lead logged as new into the one it turns out to be, moving its history and Notion page; undo restores both', async () => {
    let original: Lead | undefined;
    const { app, leadsSource } = await startWithNotion((leads) => {
      const lead = leads.createLead({ company: 'Northgate Robotics', source: 'thomasnet' }, { actor: REP });
      leads.moveStage(lead.id, 'mql', { actor: REP });
      original = leads.addTouch(lead.id, { campaign: 'spring-expo' }, { actor: REP });
    });
    const kept = original as Lead;
    const { reply } = await runSlash(app, '/lead', 'source linkedin Northgate Robotics Systems');
    const logged = app.service.listLeads().find((lead) => lead.id !== kept.id) as Lead;
    expect(reply.text).toBe(
      `Logged Northgate Robotics Systems from LinkedIn as a new lead (${logged.id}). It may be the same company as Northgate Robotics (${kept.id}): if so, merge it below.`,
    );
    await waitForNotion(app);
    const loggedPage = app.services.links.getLink('lead', logged.id)?.pageId;
    const before = readNotionRows(leadsSource);

    const { reply: merged } = await clickButton(app, reply, 'Same company as Northgate Robotics — merge');

    expect(merged.text).toBe(
      `Merged Northgate Robotics Systems (${logged.id}) into Northgate Robotics (${kept.id}). Its Notion page goes to the trash. /lead undo takes it back.`,
    );
    expect(app.service.listLeads().map((lead) => lead.id)).toEqual([kept.id]);
    expect(app.service.getLead(kept.id)).toMatchObject({
      source: 'thomasnet',
      stage: 'mql',
      touches: [
        { source: null, campaign: 'spring-expo' },
        { source: 'linkedin', campaign: null, at: logged.createdAt },
      ],
    });
    const history = app.service.leadHistory(kept.id);
    expect(history.map((event) => [event.leadId, event.kind])).toEqual([
      [kept.id, 'create'],
      [kept.id, 'stage'],
      [kept.id, 'touch'],
      [logged.id, 'create'],
      [kept.id, 'merge'],
    ]);
    expect(history.at(-1)?.actorId).toBe('U0REP1');
    await waitForNotion(app);
    expect([...readNotionRows(leadsSource).keys()]).toEqual([kept.id]);
    expect(notion?.allPages().find((page) => page.id === loggedPage)?.in_trash).toBe(true);

    const { reply: undone } = await runSlash(app, '/lead', 'undo');

    expect(undone.text).toBe(
      `Undid the merge of Northgate Robotics Systems (${logged.id}) into Northgate Robotics (${kept.id}): both leads are back.`,
    );
    const withoutTime = ({ updatedAt: _at, ...fields }: Lead) => fields;
    expect(withoutTime(app.service.getLead(kept.id) as Lead)).toEqual(withoutTime(kept));
    expect(withoutTime(app.service.getLead(logged.id) as Lead)).toEqual(withoutTime(logged));
    await waitForNotion(app);
    expect(app.services.links.getLink('lead', logged.id)?.pageId).toBe(loggedPage);
    expect(readNotionRows(leadsSource)).toEqual(before);
  }, 120_000);
});
