import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { DAVE, drainOutbox, MARIA, type NotionHarness, readLeadRows, startNotionHarness } from './harness.js';

let h: NotionHarness;
beforeEach(async () => {
  h = await startNotionHarness({ sync: { reconcileEvery: 1 } });
  await h.sync.pullNow();
});
afterEach(async () => {
  await h.close();
});

const DAY = 86_400_000;
const CALLED = Date.UTC(2026, 10, 2, 9, 30);

function pageOf(id: string): string {
  const link = h.services.links.getLink('lead', id);
  if (link === null) throw new Error(`lead ${id} has no Notion page`);
  return link.pageId;
}

function isTrashed(pageId: string): boolean {
  const page = h.fake.allPages().find((candidate) => candidate.id === pageId);
  if (page === undefined) throw new Error(`no page ${pageId}`);
  return page.in_trash;
}

/** Northgate logged twice and both in Notion: Maria's first (Thomasnet), Dave's later with a typo (LinkedIn, a value). */
async function seedTwinsInNotion(): Promise<{ first: Lead; second: Lead }> {
  const { leads } = h.services;
  const first = leads.createLead({ company: 'Northgate Robotics', source: 'thomasnet' }, { actor: MARIA, at: CALLED });
  leads.moveStage(first.id, 'mql', { actor: MARIA, at: CALLED + DAY });
  const second = leads.createLead(
    { company: 'Northgate Robotcs', source: 'linkedin', value: 18_000 },
    { actor: DAVE, at: CALLED + 3 * DAY },
  );
  await drainOutbox(h);
  return { first: leads.getLead(first.id)!, second };
}

describe('merging leads that are in Notion', () => {
  it('trashes the merged page, updates the survivor’s row, and keeps both through a reconciliation', async () => {
    const { first, second } = await seedTwinsInNotion();
    const secondPage = pageOf(second.id);

    h.services.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    await drainOutbox(h);

    expect([...readLeadRows(h).keys()]).toEqual([first.id]);
    expect(readLeadRows(h).get(first.id)).toMatchObject({
      Name: 'Northgate Robotics',
      Source: 'thomasnet',
      Stage: 'MQL',
      Value: 18_000,
      Touches: '2026-11-05T09:30:00.000Z · linkedin · –',
    });
    expect(isTrashed(secondPage)).toBe(true);
    // The trashed page is ours, not a deletion made in Notion: reconciling removes nothing.
    expect(await h.sync.reconcileNow()).toBe(0);
    expect(h.services.leads.getLead(first.id)).not.toBeNull();
    expect(h.services.links.getLink('lead', second.id)).toMatchObject({ pageId: secondPage });
  });

  it('lands an edit made on the old page on the survivor, and puts that page back in the trash', async () => {
    const { first, second } = await seedTwinsInNotion();
    const secondPage = pageOf(second.id);
    h.services.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    await drainOutbox(h);

    // A manager finds the old row in the trash, takes it out and fixes its value and notes there.
    h.fake.restoreFromTrash(secondPage);
    h.fake.editPage(secondPage, {
      Value: { number: 21_500 },
      Notes: { rich_text: [{ text: { content: '2 robots' } }] },
    });
    const pulled = await h.sync.pullNow();
    await drainOutbox(h);

    expect(pulled.lead.changed).toBe(1);
    expect(h.services.leads.getLead(first.id)).toMatchObject({ value: 21_500, notes: '2 robots', source: 'thomasnet' });
    expect(h.services.leads.getLead(second.id)).toBeNull();
    expect(readLeadRows(h).get(first.id)).toMatchObject({ Value: 21_500, Notes: '2 robots' });
    expect(isTrashed(secondPage)).toBe(true);
    expect(readLeadRows(h).size).toBe(1);
  });

  it('lands an edit made on the old page before the sync trashed it', async () => {
    const { first, second } = await seedTwinsInNotion();
    h.services.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    h.fake.editPage(pageOf(second.id), { Stage: { select: { name: 'SQL' } } });

    await h.sync.pullNow();
    await drainOutbox(h);

    expect(h.services.leads.getLead(first.id)).toMatchObject({ stage: 'sql', value: 18_000 });
    expect(readLeadRows(h).get(first.id)).toMatchObject({ Stage: 'SQL' });
    expect(isTrashed(pageOf(second.id))).toBe(true);
  });

  it('does not take the old page’s stale values for edits when the lead changed here just before the merge', async () => {
    const { first, second } = await seedTwinsInNotion();
    h.services.leads.moveStage(first.id, 'sql', { actor: MARIA });
    await drainOutbox(h);
    // Sent to MQL here and merged before the sync pushed that: the old page still says Lead.
    h.services.leads.moveStage(second.id, 'mql', { actor: DAVE });
    h.services.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    h.fake.editPage(pageOf(second.id), { Notes: { rich_text: [{ text: { content: 'call back Monday' } }] } });

    await h.sync.pullNow();
    await drainOutbox(h);

    expect(h.services.leads.getLead(first.id)).toMatchObject({ stage: 'sql', notes: 'call back Monday' });
    expect(readLeadRows(h).get(first.id)).toMatchObject({ Stage: 'SQL', Notes: 'call back Monday' });
  });

  it('takes the same page out of the trash when the merge is undone', async () => {
    const { first, second } = await seedTwinsInNotion();
    const before = readLeadRows(h);
    const secondPage = pageOf(second.id);
    h.services.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    await drainOutbox(h);

    h.services.leads.undoLast(DAVE.id);
    await drainOutbox(h);

    expect(isTrashed(secondPage)).toBe(false);
    expect(pageOf(second.id)).toBe(secondPage);
    expect(readLeadRows(h)).toEqual(before);
    expect(h.services.links.getLink('lead', second.id)?.trashedAt).toBeNull();
    expect(await h.sync.reconcileNow()).toBe(0);
  });

  it('makes a new page when the old one was emptied from the trash before the undo', async () => {
    const { first, second } = await seedTwinsInNotion();
    const before = readLeadRows(h);
    const secondPage = pageOf(second.id);
    h.services.leads.mergeLeads(second.id, first.id, { actor: DAVE });
    await drainOutbox(h);
    h.fake.emptyTrash();

    h.services.leads.undoLast(DAVE.id);
    await drainOutbox(h);

    expect(pageOf(second.id)).not.toBe(secondPage);
    expect(readLeadRows(h)).toEqual(before);
  });
});
