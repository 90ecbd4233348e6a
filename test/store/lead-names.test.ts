// The company and campaign names kept in memory (lead-names.ts) must answer exactly as a fresh read of the file
// would, after every kind of change: a second connection opened at the end is the oracle.

import { afterEach, describe, expect, it } from 'vitest';
import { LeadService } from '../../src/store/lead-service.js';
import { PlanService } from '../../src/store/plan-service.js';
import { DAVE, MARIA, MINUTE, openTempStore, type TempStore } from './store-fixtures.js';

let t: TempStore;
afterEach(() => t.cleanup());

const byMaria = { actor: MARIA };
const companiesFound = (service: LeadService, text: string) =>
  service.findLeads(text).map((match) => [match.lead.company, match.score]);

function expectSameAsFreshRead(queries: readonly string[]): void {
  const other = t.openAnother();
  try {
    const fresh = new LeadService(other, t.clock);
    for (const query of queries) {
      expect(companiesFound(t.leads, query), query).toEqual(companiesFound(fresh, query));
      expect(t.leads.resolveCompany(query), query).toEqual(fresh.resolveCompany(query));
    }
    expect(t.leads.campaigns()).toEqual(fresh.campaigns());
  } finally {
    other.close();
  }
}

describe('names kept in memory', () => {
  it('follow creations, renames, campaigns, touches and undo', () => {
    t = openTempStore();
    const acme = t.leads.createLead({ company: 'Acme Corp', campaign: 'spring-expo' }, byMaria);
    t.leads.createLead({ company: 'Acme Industries', campaign: 'fall-expo' }, byMaria);
    const globex = t.leads.createLead({ company: 'Globex' }, byMaria);
    expect(t.leads.campaigns()).toEqual(['fall-expo', 'spring-expo']);
    expect(t.leads.resolveCompany('globex')).toMatchObject({ kind: 'exact', lead: { id: globex.id } });

    t.leads.updateLead(globex.id, { company: 'Initech' }, byMaria);
    expect(t.leads.findLeads('globex')).toEqual([]);
    expect(t.leads.resolveCompany('initech')).toMatchObject({ kind: 'exact', lead: { id: globex.id } });

    // spring-expo's only lead moves on: the campaign is no longer in use.
    t.leads.setCampaign(acme.id, 'webinar-q4', byMaria);
    expect(t.leads.campaigns()).toEqual(['fall-expo', 'webinar-q4']);
    t.leads.addTouch(globex.id, { campaign: 'linkedin-abm' }, byMaria);
    expect(t.leads.campaigns()).toEqual(['fall-expo', 'linkedin-abm', 'webinar-q4']);

    t.clock.advance(MINUTE);
    t.leads.createLead({ company: 'Umbrella', campaign: 'q1-ads' }, { actor: DAVE });
    expect(t.leads.findLeads('umbrella')).toHaveLength(1);
    t.leads.undoLast(DAVE.id);
    expect(t.leads.findLeads('umbrella')).toEqual([]);
    expect(t.leads.campaigns()).not.toContain('q1-ads');

    expectSameAsFreshRead(['acme', 'Acme Corp', 'acme industires', 'initech', 'globex', 'umbrella']);
  });

  it('list the campaigns of spend too, whatever the leads say', () => {
    t = openTempStore();
    t.leads.createLead({ company: 'Acme Corp', campaign: 'spring-expo' }, byMaria);
    expect(t.leads.campaigns()).toEqual(['spring-expo']);
    new PlanService(t.store, t.clock).recordSpend(
      { campaign: 'q4-google-ads', month: '2026-11', amount: 900, category: 'media' },
      byMaria,
    );
    expect(t.leads.campaigns()).toEqual(['q4-google-ads', 'spring-expo']);
    expect(t.leads.campaigns('Q4')).toEqual(['q4-google-ads']);
  });

  it('keep out a change that rolled back, also when read inside its transaction', () => {
    t = openTempStore();
    t.leads.createLead({ company: 'Acme Corp' }, byMaria);
    expect(t.leads.findLeads('acme')).toHaveLength(1);
    expect(() =>
      t.store.db.transaction(() => {
        t.leads.createLead({ company: 'Doomed Widgets', campaign: 'doomed' }, byMaria);
        // Inside the transaction the new lead is there (the same connection sees its own writes)…
        expect(t.leads.findLeads('doomed widgets')).toHaveLength(1);
        expect(t.leads.campaigns()).toEqual(['doomed']);
        throw new Error('crash mid-change');
      })(),
    ).toThrow('crash mid-change');
    // …and after the rollback it is gone again.
    expect(t.leads.findLeads('doomed widgets')).toEqual([]);
    expect(t.leads.campaigns()).toEqual([]);
    expectSameAsFreshRead(['acme', 'doomed widgets']);
  });

  it('rank equal scores in table order, where a rewritten lead counts as the latest', () => {
    t = openTempStore();
    const west = t.leads.createLead({ company: 'Acme West' }, byMaria);
    t.leads.createLead({ company: 'Acme East' }, byMaria);
    t.leads.createLead({ company: 'Acme North' }, byMaria);
    // "acme" scores ½·1 + ½·½ = 0.75 against each: the order is the table's.
    expect(t.leads.findLeads('acme').map((match) => match.lead.company)).toEqual([
      'Acme West',
      'Acme East',
      'Acme North',
    ]);
    t.leads.moveStage(west.id, 'mql', byMaria);
    expect(t.leads.findLeads('acme').map((match) => match.lead.company)).toEqual([
      'Acme East',
      'Acme North',
      'Acme West',
    ]);
    expectSameAsFreshRead(['acme']);
  });
});
