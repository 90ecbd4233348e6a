// Issue 10, item 2: a Lead ID typed into Notion must never make later leads share an id (and overwrite each other).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildText } from '../fakes/notion/sdk-client.js';
import { DAVE, MARIA, type NotionHarness, readLeadRows, startNotionHarness } from './harness.js';

let h: NotionHarness;
beforeEach(async () => {
  h = await startNotionHarness();
  await h.sync.pullNow();
});
afterEach(async () => {
  await h.close();
});

function seedNotionLead(company: string, leadId: string): void {
  h.fake.seedRows(h.dataSources.lead, 1, () => ({
    Name: { title: buildText(company) },
    'Lead ID': { rich_text: buildText(leadId) },
    Stage: { select: { name: 'Lead' } },
  }));
}

describe('Lead IDs typed into Notion', () => {
  it('gives a row with an out-of-range Lead ID a proper id, and later leads each their own', async () => {
    seedNotionLead('Huge Id Inc', 'L-99999999999999999999');
    await h.sync.pullNow();

    const acme = h.services.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    const brix = h.services.leads.createLead({ company: 'Brix Ltd' }, { actor: DAVE });
    const coda = h.services.leads.createLead({ company: 'Coda GmbH' }, { actor: DAVE });

    expect(new Set([acme.id, brix.id, coda.id]).size).toBe(3);
    expect(h.services.leads.listLeads().map((lead) => lead.company)).toEqual(
      expect.arrayContaining(['Huge Id Inc', 'Acme Corp', 'Brix Ltd', 'Coda GmbH']),
    );
    expect(h.services.leads.listLeads()).toHaveLength(4);
    const huge = h.services.leads.listLeads().find((lead) => lead.company === 'Huge Id Inc');
    expect(huge?.id).toBe('L-000001');
    expect([acme.id, brix.id, coda.id]).toEqual(['L-000002', 'L-000003', 'L-000004']);

    // The Notion row was given its proper id, and every lead has exactly one row once pushed.
    await h.sync.pushNow();
    const rows = readLeadRows(h);
    expect([...rows.keys()].sort()).toEqual(['L-000001', 'L-000002', 'L-000003', 'L-000004']);
    expect(rows.get('L-000001')).toMatchObject({ Name: 'Huge Id Inc' });
  });

  it.each([['L-12x'], ['lead 7'], ['L-'], ['L-0000000001'], ['S-000001']])(
    'treats the malformed Lead ID %s as a new row with a new id',
    async (typed) => {
      seedNotionLead('Odd Id Co', typed);
      await h.sync.pullNow();
      expect(h.services.leads.listLeads()).toEqual([expect.objectContaining({ id: 'L-000001', company: 'Odd Id Co' })]);
      expect(readLeadRows(h).get('L-000001')).toMatchObject({ Name: 'Odd Id Co' });
    },
  );

  it('keeps a well-formed Lead ID typed into Notion, and counts on from it', async () => {
    seedNotionLead('Zenith Pumps', 'L-000500');
    await h.sync.pullNow();
    expect(h.services.leads.getLead('L-000500')).toMatchObject({ company: 'Zenith Pumps' });
    expect(h.services.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA }).id).toBe('L-000501');
  });

  it('does not bring back an id that was handed out before and deleted: the row becomes a new lead', async () => {
    const gone = h.services.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    h.services.leads.undoLast(MARIA.id);
    await h.sync.pushNow();
    // Someone types the old id into a new row (or pastes a copy of an old row).
    seedNotionLead('Acme Corp (copy)', gone.id);
    await h.sync.pullNow();

    expect(h.services.leads.getLead(gone.id)).toBeNull();
    expect(h.services.leads.listLeads()).toEqual([
      expect.objectContaining({ id: 'L-000002', company: 'Acme Corp (copy)' }),
    ]);
    expect(readLeadRows(h).get('L-000002')).toMatchObject({ Name: 'Acme Corp (copy)' });
  });
});
