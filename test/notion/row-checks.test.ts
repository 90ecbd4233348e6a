// Issue 10, item 3: rows pulled from Notion keep the rules Slack input keeps. A hostile row is logged once with its
// page link and skipped; the rest of the pull goes on and the local copy keeps its last good value.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildText } from '../fakes/notion/sdk-client.js';
import { DAVE, MARIA, type NotionHarness, startNotionHarness } from './harness.js';

let h: NotionHarness;
beforeEach(async () => {
  h = await startNotionHarness();
  await h.sync.pullNow();
});
afterEach(async () => {
  await h.close();
});

function pageOf(entity: 'lead' | 'spend' | 'target', id: string): string {
  const link = h.services.links.getLink(entity, id);
  if (link === null) throw new Error(`${entity} ${id} has no Notion page`);
  return link.pageId;
}

/** Text of any length as Notion holds it: rich text objects of at most 2000 characters. */
function longText(content: string) {
  const chunks = content.match(/[\s\S]{1,2000}/g) ?? [];
  return chunks.flatMap((chunk) => buildText(chunk));
}

function skipped() {
  return h.logged('Skipped a Notion row that breaks a rule');
}

describe('pulling rows that break the rules', () => {
  it('skips each hostile row with one log line naming its page, and applies the good rows around them', async () => {
    const acme = h.services.leads.createLead({ company: 'Acme Corp', value: 5000 }, { actor: MARIA });
    const brix = h.services.leads.createLead({ company: 'Brix Ltd', value: 1000 }, { actor: DAVE });
    const coda = h.services.leads.createLead({ company: 'Coda GmbH', value: 2000 }, { actor: DAVE });
    const spend = h.services.plans.recordSpend(
      { campaign: 'spring-expo', month: '2026-10', amount: 4000, category: 'event' },
      { actor: MARIA },
    );
    const target = h.services.plans.recordTarget({ month: '2026-10', stage: 'sql', rate: 0.3 }, { actor: MARIA });
    await h.sync.pushNow();

    const hostile = [
      h.fake.editPage(pageOf('lead', acme.id), { Value: { number: -5 } }),
      h.fake.editPage(pageOf('lead', brix.id), { Name: { title: longText('B'.repeat(5000)) } }),
      h.fake.editPage(pageOf('spend', spend.id), { Amount: { number: 1e300 } }),
      h.fake.editPage(pageOf('target', target.id), { Rate: { number: 1.5 } }),
    ];
    h.fake.editPage(pageOf('lead', coda.id), { Value: { number: 7000 } });
    h.fake.seedRows(h.dataSources.lead, 3, (index) => {
      const rows = [
        { Name: { title: buildText('Won Inc') }, Stage: { select: { name: 'Won' } } },
        { Name: { title: buildText('Huge Deal Co') }, Value: { number: 9e15 } },
        { Name: { title: buildText('Good Row Inc') }, Value: { number: 800 } },
      ];
      return rows[index] ?? {};
    });

    await h.sync.pullNow();

    // The good rows came through.
    expect(h.services.leads.getLead(coda.id)?.value).toBe(7000);
    const companies = h.services.leads.listLeads().map((lead) => lead.company);
    expect(companies).toEqual(['Acme Corp', 'Brix Ltd', 'Coda GmbH', 'Good Row Inc']);
    // The hostile ones changed nothing here.
    expect(h.services.leads.getLead(acme.id)?.value).toBe(5000);
    expect(h.services.leads.getLead(brix.id)?.company).toBe('Brix Ltd');
    expect(h.services.plans.listSpend()).toEqual([expect.objectContaining({ id: spend.id, amount: 4000 })]);
    expect(h.services.plans.listTargets()).toEqual([expect.objectContaining({ id: target.id, rate: 0.3 })]);

    expect(skipped().map((line) => [line.entity, line.problem, line.page])).toEqual(
      expect.arrayContaining([
        ['lead', 'the value cannot be negative', hostile[0]?.url],
        ['lead', 'the company name is longer than 200 characters', hostile[1]?.url],
        ['spend', 'the amount is larger than 1,000,000,000,000', hostile[2]?.url],
        ['target', 'a target rate is between 0 and 1', hostile[3]?.url],
        ['lead', 'the stage is one of Lead, MQL, SQL, Opportunity, Customer, Lost', expect.stringContaining('notion')],
        ['lead', 'the value is larger than 1,000,000,000,000', expect.stringContaining('notion')],
      ]),
    );
    expect(skipped()).toHaveLength(6);
    expect(skipped().find((line) => line.page === hostile[0]?.url)).toMatchObject({ recordId: acme.id, level: 'warn' });

    // Later polls read some of these rows again (the boundary minute): the log does not repeat itself.
    await h.sync.pullNow();
    await h.sync.pullNow();
    expect(skipped()).toHaveLength(6);
  });

  it('takes the row once it is fixed in Notion', async () => {
    const acme = h.services.leads.createLead({ company: 'Acme Corp', value: 5000 }, { actor: MARIA });
    await h.sync.pushNow();
    h.fake.editPage(pageOf('lead', acme.id), { Value: { number: -5 } });
    await h.sync.pullNow();
    expect(h.services.leads.getLead(acme.id)?.value).toBe(5000);

    h.fake.editPage(pageOf('lead', acme.id), { Value: { number: 6500 } });
    await h.sync.pullNow();
    expect(h.services.leads.getLead(acme.id)?.value).toBe(6500);
    expect(skipped()).toHaveLength(1);
  });
});
