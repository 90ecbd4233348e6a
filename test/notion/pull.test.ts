import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { monthKey, parsePeriod } from '../../src/domain/periods.js';
import { computeKpis } from '../../src/domain/roi.js';
import { DEFAULT_METRIC_SETTINGS } from '../../src/domain/types.js';
import { buildText } from '../fakes/notion/sdk-client.js';
import { DAVE, MARIA, type NotionHarness, readLeadRows, startNotionHarness } from './harness.js';

let h: NotionHarness;
beforeEach(async () => {
  // Deletions are reconciled every third pull; the first pull (the import of the empty databases) is done here.
  h = await startNotionHarness({ sync: { reconcileEvery: 3 } });
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

function readKpis() {
  const now = Date.now();
  const all = parsePeriod('all', now, 'UTC');
  if (!all.ok) throw new Error(all.error);
  return computeKpis(h.services.leads.dataset(), all.value, DEFAULT_METRIC_SETTINGS, now);
}

describe('pulling Notion-side edits', () => {
  it('brings edits of Source and Value and a spend row typed into Notion back into the numbers', async () => {
    const month = monthKey(Date.now(), 'UTC');
    const acme = h.services.leads.createLead({ company: 'Acme Corp', campaign: 'spring-expo' }, { actor: MARIA });
    h.services.leads.moveStage(acme.id, 'customer', { actor: MARIA }, { value: 10_000 });
    h.services.leads.createLead({ company: 'Brix Ltd', source: 'referral' }, { actor: DAVE });
    h.services.plans.recordSpend({ campaign: 'spring-expo', month, amount: 4000, category: 'media' }, { actor: MARIA });
    await h.sync.pushNow();
    // Our own writes read back change nothing.
    expect((await h.sync.pullNow()).lead).toMatchObject({ seen: 2, changed: 0 });
    // revenue 10,000, spend 4,000: ROI = (10,000 − 4,000) / 4,000 = 1.5; one of two leads has a known source.
    expect(readKpis()).toMatchObject({ revenue: 10_000, spend: 4000, roi: 1.5, sourceCoverage: 0.5 });

    h.fake.editPage(pageOf('lead', acme.id), {
      Source: { select: { name: 'Thomasnet' } },
      Value: { number: 16_000 },
    });
    h.fake.seedRows(h.dataSources.spend, 1, () => ({
      Name: { title: buildText(`spring-expo · ${month} · event`) },
      Campaign: { select: { name: 'spring-expo' } },
      Month: { date: { start: `${month}-01` } },
      Amount: { number: 2000 },
      Category: { select: { name: 'event' } },
    }));
    const pulled = await h.sync.pullNow();

    expect(pulled.lead.changed).toBe(1);
    expect(pulled.spend.changed).toBe(1);
    expect(h.services.leads.getLead(acme.id)).toMatchObject({ source: 'thomasnet', value: 16_000 });
    // revenue 16,000, spend 4,000 + 2,000 = 6,000: ROI = (16,000 − 6,000) / 6,000 = 1.6667; both sources known.
    const kpis = readKpis();
    expect(kpis).toMatchObject({ revenue: 16_000, spend: 6000, sourceCoverage: 1 });
    expect(kpis.roi).toBeCloseTo(1.6667, 4);
    expect(h.services.leads.leadEvents(acme.id).at(-1)).toMatchObject({
      kind: 'remote',
      actorId: 'notion',
      after: { source: 'thomasnet', value: 16_000 },
    });
  });

  it('lets a newer local change that Notion has not seen win over a Notion edit, field by field', async () => {
    const acme = h.services.leads.createLead({ company: 'Acme Corp', contact: 'Jane Roe' }, { actor: MARIA });
    h.services.leads.setValue(acme.id, 5000, { actor: MARIA });
    await h.sync.pushNow();
    h.fake.editPage(pageOf('lead', acme.id), { Value: { number: 9000 }, Contact: { rich_text: buildText('Sam Poe') } });
    // The rep changes the value after that Notion edit, and the push has not run yet.
    h.services.leads.setValue(acme.id, 7000, { actor: MARIA });

    await h.sync.pullNow();
    expect(h.services.leads.getLead(acme.id)).toMatchObject({ value: 7000, contact: 'Sam Poe' });
    await h.sync.pushNow();
    expect(readLeadRows(h).get(acme.id)).toMatchObject({ Value: 7000, Contact: 'Sam Poe' });

    // Once Notion has the rep's value, a later Notion edit wins.
    h.fake.editPage(pageOf('lead', acme.id), { Value: { number: 9500 } });
    await h.sync.pullNow();
    expect(h.services.leads.getLead(acme.id)?.value).toBe(9500);
  });

  it('gives a row typed into Notion a Lead ID, writes it back, and keeps pushing to that same row', async () => {
    h.fake.seedRows(h.dataSources.lead, 1, () => ({
      Name: { title: buildText('Zenith Pumps') },
      Source: { select: { name: 'Trade Show' } },
      Channel: { select: { name: 'web-form' } },
      Stage: { select: { name: 'MQL' } },
      Value: { number: 8000 },
    }));

    expect((await h.sync.pullNow()).lead.changed).toBe(1);
    expect(h.services.leads.listLeads()).toEqual([
      expect.objectContaining({
        id: 'L-000001',
        company: 'Zenith Pumps',
        source: 'trade-show',
        channel: 'web-form',
        stage: 'mql',
        value: 8000,
        ownerName: 'Notion',
      }),
    ]);
    // The Lead ID and the date of the stage picked in Notion are written back to the row.
    const mqlAt = h.services.leads.getLead('L-000001')?.stageDates.mql;
    expect(mqlAt).toBeDefined();
    expect(readLeadRows(h).get('L-000001')).toMatchObject({
      Name: 'Zenith Pumps',
      'Lead ID': 'L-000001',
      'MQL date': new Date(mqlAt!).toISOString().replace('Z', '+00:00'),
    });
    expect((await h.sync.pullNow()).lead.changed).toBe(0);
    expect(h.services.leads.leadEvents('L-000001')).toHaveLength(1);

    h.services.leads.moveStage('L-000001', 'sql', { actor: DAVE });
    await h.sync.pushNow();
    expect(h.fake.stats.byRoute['pages.create']).toBeUndefined();
    expect(readLeadRows(h).get('L-000001')).toMatchObject({ Stage: 'SQL', Value: 8000 });
  });

  it('brings spend and target edits back, matched to our records by their natural key', async () => {
    const target = h.services.plans.recordTarget({ month: '2026-10', stage: 'sql', count: 12 }, { actor: MARIA });
    await h.sync.pushNow();
    h.fake.editPage(pageOf('target', target.id), { Count: { number: 15 }, Rate: { number: 0.25 } });
    await h.sync.pullNow();
    expect(h.services.plans.listTargets()).toEqual([
      expect.objectContaining({ id: target.id, month: '2026-10', stage: 'sql', count: 15, rate: 0.25 }),
    ]);
  });

  it('removes a lead whose page was trashed in Notion when deletions are reconciled', async () => {
    const acme = h.services.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    const brix = h.services.leads.createLead({ company: 'Brix Ltd' }, { actor: DAVE });
    await h.sync.pushNow();
    h.fake.trash(pageOf('lead', acme.id));

    await h.sync.pullNow(); // pull 2: a trashed page is simply absent from queries
    expect(h.services.leads.getLead(acme.id)).not.toBeNull();
    await h.sync.pullNow(); // pull 3: reconciliation

    expect(h.services.leads.getLead(acme.id)).toBeNull();
    expect(h.services.leads.getLead(brix.id)).not.toBeNull();
    expect(h.services.leads.leadEvents(acme.id).map((event) => event.kind)).toEqual(['create', 'delete']);
    expect(h.services.links.getLink('lead', acme.id)).toBeNull();
  });
});
