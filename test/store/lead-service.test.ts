import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isStoreError } from '../../src/store/errors.js';
import { LeadService } from '../../src/store/lead-service.js';
import { countRows, DAVE, DAY, MARIA, MINUTE, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

const byMaria = { actor: MARIA };

function expectStoreError(action: () => unknown, code: string, message?: RegExp) {
  try {
    action();
  } catch (error) {
    expect(isStoreError(error)).toBe(true);
    expect((error as Error & { code: string }).code).toBe(code);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a StoreError');
}

describe('createLead', () => {
  it('numbers leads L-000001, L-000002 and records who created them', () => {
    const acme = t.leads.createLead({ company: '  Acme Corp  ', source: 'thomasnet' }, byMaria);
    const bolt = t.leads.createLead({ company: 'Bolt Works' }, { actor: DAVE });
    expect(acme).toMatchObject({ id: 'L-000001', company: 'Acme Corp', source: 'thomasnet', stage: 'lead' });
    expect(acme).toMatchObject({ ownerId: MARIA.id, ownerName: 'Maria Lopez', createdAt: T0, channel: 'phone' });
    expect(bolt).toMatchObject({ id: 'L-000002', source: 'unknown', ownerName: 'Dave Kowalski' });
    expect(t.leads.getLead('L-000001')).toEqual(acme);
  });

  it('continues after the largest imported id, and refuses a taken one', () => {
    t.leads.createLead({ company: 'Imported Inc', id: 'L-000050' }, byMaria);
    expect(t.leads.createLead({ company: 'Next One' }, byMaria).id).toBe('L-000051');
    expectStoreError(() => t.leads.createLead({ company: 'Again', id: 'L-000050' }, byMaria), 'duplicate');
  });

  it('never hands out the id of a lead removed by undo again', () => {
    t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.leads.undoLast(MARIA.id);
    expect(t.leads.createLead({ company: 'Acme Corporation' }, byMaria).id).toBe('L-000002');
  });

  it('refuses an empty or overlong company name', () => {
    expectStoreError(() => t.leads.createLead({ company: '   ' }, byMaria), 'invalid', /company name is empty/);
    expectStoreError(() => t.leads.createLead({ company: 'x'.repeat(201) }, byMaria), 'invalid', /200/);
    expect(t.leads.createLead({ company: 'y'.repeat(200) }, byMaria).company).toHaveLength(200);
    expectStoreError(() => t.leads.createLead({ company: 'Acme', source: 'a,b' }, byMaria), 'invalid', /comma/);
  });

  it('creates at a later stage with the skipped stages dated, backdated with at', () => {
    const at = T0 - 3 * DAY;
    const lead = t.leads.createLead({ company: 'Acme', stage: 'sql', value: 25_000 }, { actor: MARIA, at });
    expect(lead).toMatchObject({ stage: 'sql', createdAt: at, value: 25_000, updatedAt: T0 });
    expect(lead.stageDates).toEqual({ mql: at, sql: at });
    const [created] = t.leads.leadEvents(lead.id);
    expect(created).toMatchObject({ kind: 'create', actorId: MARIA.id, at, recordedAt: T0, before: null });
  });
});

describe('setSource', () => {
  it('fills in an unknown source', () => {
    const lead = t.leads.createLead({ company: 'Acme' }, byMaria);
    const result = t.leads.setSource(lead.id, 'google-ads', byMaria);
    expect(result.addedAsTouch).toBe(false);
    expect(result.lead).toMatchObject({ source: 'google-ads', touches: [] });
  });

  it('keeps the first source and records a different one as a touch', () => {
    const lead = t.leads.createLead({ company: 'Acme', source: 'thomasnet' }, byMaria);
    t.clock.advance(5 * MINUTE);
    const result = t.leads.setSource(lead.id, 'trade-show', { actor: DAVE });
    expect(result.addedAsTouch).toBe(true);
    expect(result.lead.source).toBe('thomasnet');
    expect(result.lead.touches).toEqual([{ source: 'trade-show', campaign: null, at: T0 + 5 * MINUTE }]);
  });

  it('does nothing, and records nothing, for the source the lead already has', () => {
    const lead = t.leads.createLead({ company: 'Acme', source: 'thomasnet' }, byMaria);
    const result = t.leads.setSource(lead.id, 'thomasnet', byMaria);
    expect(result).toEqual({ lead, addedAsTouch: false });
    expect(t.leads.leadEvents(lead.id)).toHaveLength(1);
    expect(countRows(t.store, 'outbox')).toBe(1);
  });

  it('with primary, swaps: the new source leads and the old one becomes a touch at creation', () => {
    const lead = t.leads.createLead({ company: 'Acme', source: 'thomasnet' }, byMaria);
    t.clock.advance(MINUTE);
    t.leads.setSource(lead.id, 'trade-show', byMaria);
    t.clock.advance(MINUTE);
    const { lead: swapped } = t.leads.setSource(lead.id, 'trade-show', byMaria, { primary: true });
    expect(swapped.source).toBe('trade-show');
    expect(swapped.touches).toEqual([{ source: 'thomasnet', campaign: null, at: T0 }]);
  });
});

describe('other edits', () => {
  it('sets a campaign, adds touches in time order, sets a value', () => {
    const lead = t.leads.createLead({ company: 'Acme' }, byMaria);
    expect(t.leads.setCampaign(lead.id, 'spring-expo', byMaria).campaign).toBe('spring-expo');
    t.leads.addTouch(lead.id, { campaign: 'q4-google-ads' }, { actor: MARIA, at: T0 + 2 * DAY });
    const touched = t.leads.addTouch(lead.id, { source: 'linkedin' }, { actor: MARIA, at: T0 + DAY });
    expect(touched.touches.map((touch) => touch.at)).toEqual([T0 + DAY, T0 + 2 * DAY]);
    expect(t.leads.setValue(lead.id, 12_500, byMaria).value).toBe(12_500);
    expectStoreError(() => t.leads.setValue(lead.id, -1, byMaria), 'invalid', /negative/);
    expectStoreError(() => t.leads.addTouch(lead.id, {}, byMaria), 'invalid', /source or a campaign/);
  });

  it('moves through stages and says when the lead is already there', () => {
    const lead = t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    t.clock.advance(DAY);
    const sql = t.leads.moveStage(lead.id, 'sql', byMaria);
    expect(sql.stageDates).toEqual({ mql: T0 + DAY, sql: T0 + DAY });
    expectStoreError(() => t.leads.moveStage(lead.id, 'sql', byMaria), 'invalid', /Acme Corp is already at SQL/);
    const won = t.leads.moveStage(lead.id, 'customer', byMaria, { value: 40_000 });
    expect(won).toMatchObject({ stage: 'customer', value: 40_000 });
    expectStoreError(() => t.leads.moveStage('L-999999', 'sql', byMaria), 'not_found');
  });

  it('marks a lead lost from its stage with the reason', () => {
    const lead = t.leads.createLead({ company: 'Acme', stage: 'opportunity' }, byMaria);
    t.clock.advance(DAY);
    const lost = t.leads.markLost(lead.id, 'price', byMaria);
    expect(lost).toMatchObject({ stage: 'lost', lostFrom: 'opportunity', lostReason: 'price' });
    expect(lost.stageDates.lost).toBe(T0 + DAY);
    expect(t.leads.leadEvents(lead.id).at(-1)?.kind).toBe('lost');
  });

  it('edits fields generically and validates them', () => {
    const lead = t.leads.createLead({ company: 'Acme' }, byMaria);
    const edited = t.leads.updateLead(
      lead.id,
      { company: 'Acme Industrial', contact: 'Jo Smith', channel: 'email' },
      byMaria,
    );
    expect(edited).toMatchObject({ company: 'Acme Industrial', contact: 'Jo Smith', channel: 'email' });
    const event = t.leads.leadEvents(lead.id).at(-1)!;
    expect(event.kind).toBe('edit');
    expect(event.before).toMatchObject({ company: 'Acme', contact: null, channel: 'phone' });
    expectStoreError(() => t.leads.updateLead(lead.id, { company: '' }, byMaria), 'invalid');
  });
});

describe('reads', () => {
  beforeEach(() => {
    t.leads.createLead({ company: 'Acme Corp', campaign: 'spring-expo' }, byMaria);
    t.leads.createLead({ company: 'Acme Industries' }, byMaria);
    t.leads.createLead({ company: 'Bolt Works LLC', campaign: 'fall-expo' }, byMaria);
  });

  it('finds leads by fuzzy company name and by id', () => {
    expect(t.leads.findLeads('acme').map((match) => match.lead.company)).toEqual(['Acme Corp', 'Acme Industries']);
    const [byId] = t.leads.findLeads('l-000003');
    expect(byId).toEqual({ lead: expect.objectContaining({ company: 'Bolt Works LLC' }), score: 1 });
  });

  it('resolves a company exactly, ambiguously or not at all', () => {
    expect(t.leads.resolveCompany('ACME corporation')).toMatchObject({ kind: 'exact', lead: { id: 'L-000001' } });
    expect(t.leads.resolveCompany('bolt works')).toMatchObject({ kind: 'exact', lead: { id: 'L-000003' } });
    const ambiguous = t.leads.resolveCompany('Acme Ind');
    expect(ambiguous.kind).toBe('ambiguous');
    expect(t.leads.resolveCompany('Zenith Pumps')).toEqual({ kind: 'none' });
  });

  it('sees new and renamed leads at once, also those written by another process', () => {
    expect(t.leads.findLeads('zenith')).toEqual([]);
    t.leads.updateLead('L-000003', { company: 'Zenith Pumps' }, byMaria);
    expect(t.leads.findLeads('zenith').map((match) => match.lead.id)).toEqual(['L-000003']);
    const other = t.openAnother();
    new LeadService(other, t.clock).createLead({ company: 'Zenith Valves', campaign: 'webinar-q4' }, { actor: DAVE });
    other.close();
    expect(t.leads.findLeads('zenith').map((match) => match.lead.company)).toContain('Zenith Valves');
    expect(t.leads.campaigns('web')).toEqual(['webinar-q4']);
  });

  it('lists campaigns from leads, touches and spend for type-ahead', () => {
    t.leads.addTouch('L-000002', { campaign: 'linkedin-abm' }, byMaria);
    t.plans.recordSpend({ campaign: 'q4-google-ads', month: '2026-11', amount: 900, category: 'media' }, byMaria);
    expect(t.leads.campaigns()).toEqual(['fall-expo', 'linkedin-abm', 'q4-google-ads', 'spring-expo']);
    expect(t.leads.campaigns('F')).toEqual(['fall-expo']);
  });

  it('keeps team-added sources, refusing catalog slugs and repeats', () => {
    expect(t.leads.addSource('Plant-Tour', MARIA)).toBe('plant-tour');
    expect(t.leads.customSources()).toEqual(['plant-tour']);
    expectStoreError(() => t.leads.addSource('plant-tour', DAVE), 'duplicate');
    expectStoreError(() => t.leads.addSource('thomasnet', DAVE), 'duplicate');
    expectStoreError(() => t.leads.addSource('x', DAVE), 'invalid');
  });
});
