import { isFullPage } from '@notionhq/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAVE, MARIA, type NotionHarness, readLeadRows, startNotionHarness } from './harness.js';

let h: NotionHarness;
beforeEach(async () => {
  h = await startNotionHarness();
});
afterEach(async () => {
  await h.close();
});

const DAY = 86_400_000;
/** 2026-11-02 09:30 UTC, when Acme first called. */
const CALLED = Date.UTC(2026, 10, 2, 9, 30);

describe('pushing Slack-side changes to Notion', () => {
  it('shows a lead in Notion with every property right, several changes costing one write', async () => {
    const acme = h.services.leads.createLead(
      {
        company: 'Acme Corp',
        contact: 'Jane Roe',
        source: 'thomasnet',
        campaign: 'spring-expo',
        channel: 'phone',
        notes: 'Needs 40 ball valves',
      },
      { actor: MARIA, at: CALLED },
    );
    h.services.leads.moveStage(acme.id, 'mql', { actor: MARIA, at: CALLED + DAY });
    h.services.leads.moveStage(acme.id, 'sql', { actor: MARIA, at: CALLED + 2 * DAY }, { value: 25_000 });
    h.services.leads.addTouch(acme.id, { source: 'linkedin' }, { actor: MARIA, at: CALLED + 3 * DAY });
    const lost = h.services.leads.createLead({ company: 'Brix Ltd', channel: 'email' }, { actor: DAVE, at: CALLED });
    h.services.leads.markLost(lost.id, 'went with a competitor', { actor: DAVE, at: CALLED + 4 * DAY });
    expect(h.sync.syncStatus('lead', acme.id)).toBe('pending');

    const summary = await h.sync.pushNow();

    expect(summary).toMatchObject({ pushed: 2, failed: 0, stoppedBy: null });
    // Six outbox rows for two leads: one create each, nothing else.
    expect(h.fake.stats.byRoute['pages.create']).toBe(2);
    expect(h.fake.stats.byRoute['pages.update']).toBeUndefined();
    expect(readLeadRows(h).get('L-000001')).toEqual({
      Name: 'Acme Corp',
      'Lead ID': 'L-000001',
      Source: 'thomasnet',
      Campaign: 'spring-expo',
      Channel: 'phone',
      Stage: 'SQL',
      Value: 25_000,
      Owner: 'Maria Lopez',
      'Owner ID': 'U0MARIA',
      Created: '2026-11-02T09:30:00.000+00:00',
      'MQL date': '2026-11-03T09:30:00.000+00:00',
      'SQL date': '2026-11-04T09:30:00.000+00:00',
      'Opportunity date': null,
      'Customer date': null,
      'Lost date': null,
      Touches: '2026-11-05T09:30:00.000Z · linkedin · –',
      'Lost reason': '',
      Contact: 'Jane Roe',
      Notes: 'Needs 40 ball valves',
      'Tracked source': null,
      'Tracked campaign': null,
      'Said source': null,
    });
    expect(readLeadRows(h).get('L-000002')).toMatchObject({
      Name: 'Brix Ltd',
      Source: 'unknown',
      Channel: 'email',
      Stage: 'Lost',
      'Lost date': '2026-11-06T09:30:00.000+00:00',
      'Lost reason': 'went with a competitor',
      Owner: 'Dave Kowalski',
    });
    expect(h.sync.syncStatus('lead', acme.id)).toBe('synced');
    expect(h.sync.status()).toMatchObject({ configured: true, pending: 0, failed: 0, healthy: true });
  });

  it('updates the same page on later changes and trashes it when the lead is undone', async () => {
    const acme = h.services.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA });
    await h.sync.pushNow();
    h.services.leads.moveStage(acme.id, 'customer', { actor: MARIA }, { value: 12_500 });
    await h.sync.pushNow();
    expect(h.fake.stats.byRoute['pages.update']).toBe(1);
    expect(readLeadRows(h).get(acme.id)).toMatchObject({ Stage: 'Customer', Value: 12_500 });

    const brix = h.services.leads.createLead({ company: 'Brix Ltd' }, { actor: DAVE });
    await h.sync.pushNow();
    expect(h.services.leads.undoLast(DAVE.id).lead).toBeNull();
    // A pull before the push sees Brix's page still in Notion: it must not bring the undone lead back.
    await h.sync.pullNow();
    expect(h.services.leads.getLead(brix.id)).toBeNull();
    await h.sync.pushNow();

    expect([...readLeadRows(h).keys()]).toEqual([acme.id]);
    const trashed = h.fake.allPages().filter((page) => page.in_trash);
    expect(trashed).toHaveLength(1);
    expect(trashed[0]?.properties['Lead ID']).toMatchObject({ rich_text: [{ plain_text: brix.id }] });
    expect(h.sync.syncStatus('lead', brix.id)).toBe('local');
  });

  it('writes spend and target rows named by their natural key, replacing rather than duplicating', async () => {
    h.services.plans.recordSpend(
      { campaign: 'spring-expo', month: '2026-10', amount: 4000, category: 'media' },
      { actor: MARIA },
    );
    h.services.plans.recordTarget({ month: '2026-10', stage: 'sql', count: 12 }, { actor: MARIA });
    await h.sync.pushNow();
    h.services.plans.recordSpend(
      { campaign: 'spring-expo', month: '2026-10', amount: 5500, category: 'media', source: 'trade-show' },
      { actor: MARIA },
    );
    await h.sync.pushNow();

    expect(h.fake.plainRows(h.dataSources.spend)).toEqual([
      {
        Name: 'spring-expo · 2026-10 · media',
        Campaign: 'spring-expo',
        Source: 'trade-show',
        Month: '2026-10-01',
        Amount: 5500,
        Category: 'media',
      },
    ]);
    expect(h.fake.plainRows(h.dataSources.target)).toEqual([
      { Name: '2026-10 · SQL', Month: '2026-10-01', Stage: 'SQL', Count: 12, Rate: null },
    ]);
  });

  it('splits text beyond 2000 characters into several rich text objects', async () => {
    const acme = h.services.leads.createLead({ company: 'Acme Corp' }, { actor: MARIA, at: CALLED });
    // A line is the ISO time (24) + ' · ' (3) + source + ' · –' (4): 39 for linkedin, 38 for webinar.
    // 60 touches, half each, and 59 line breaks: 30 × 39 + 30 × 38 + 59 = 2369 characters → 2000 + 369.
    for (let day = 1; day <= 60; day += 1) {
      h.services.leads.addTouch(
        acme.id,
        { source: day % 2 ? 'linkedin' : 'webinar' },
        { actor: MARIA, at: CALLED + day * DAY },
      );
    }
    await h.sync.pushNow();

    const page = h.fake.rows(h.dataSources.lead)[0];
    const touches = page && isFullPage(page) ? page.properties.Touches : undefined;
    const items = touches?.type === 'rich_text' ? touches.rich_text : [];
    expect(items.map((item) => item.plain_text.length)).toEqual([2000, 369]);
    expect(readLeadRows(h).get(acme.id)?.Touches).toBe(
      h.services.leads
        .getLead(acme.id)!
        .touches.map((touch) => `${new Date(touch.at).toISOString()} · ${touch.source} · –`)
        .join('\n'),
    );
  });

  it('keeps a change Notion refuses as a failure the rep can see, logged with the lead id', async () => {
    // Someone renamed the Contact column in Notion: every write naming it is now a validation error.
    await h.api.client.dataSources.update({
      data_source_id: h.dataSources.lead,
      properties: { Contact: { name: 'Contact person' } },
    });
    const lead = h.services.leads.createLead({ company: 'Acme Corp', contact: 'Jane Roe' }, { actor: DAVE });

    const summary = await h.sync.pushNow();

    expect(summary).toMatchObject({ pushed: 0, failed: 1, stoppedBy: null });
    const failures = h.sync.failures(DAVE.id);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ entity: 'lead', entityId: lead.id, state: 'failed' });
    expect(failures[0]?.lastError).toContain('Contact is not a property that exists');
    expect(h.sync.failures(MARIA.id)).toEqual([]);
    expect(h.sync.syncStatus('lead', lead.id)).toBe('failed');
    expect(h.sync.status()).toMatchObject({ pending: 1, failed: 1, healthy: true });
    expect(h.logged('Notion refused a change')).toEqual([
      expect.objectContaining({ level: 'error', entity: 'lead', leadId: lead.id, actorIds: [DAVE.id] }),
    ]);
    expect(h.fake.rows(h.dataSources.lead)).toEqual([]);
  });
});
