// The fast read of the leads table (raw rows, shared strings, empty JSON skipped) gives exactly the leads a plain
// read gives: every row by column name, every JSON column parsed. Compared as JSON text, so key order counts too.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { generateSampleData, loadSample } from '../../src/sample/generate.js';
import { readDataset } from '../../src/store/lead-reads.js';
import { insertLeadRow, readLead, readLeadsById } from '../../src/store/lead-rows.js';
import { MARIA, openTempStore, T0, type TempStore } from './store-fixtures.js';

interface PlainRow {
  [column: string]: unknown;
}

/** The straightforward read: one object per row by column name, JSON parsed every time. */
function readLeadsPlainly(t: TempStore): Lead[] {
  const rows = t.store.db.prepare('SELECT * FROM leads ORDER BY rowid').all() as PlainRow[];
  return rows.map((row) => ({
    id: row.id as string,
    company: row.company as string,
    contact: row.contact as string | null,
    source: row.source as string,
    campaign: row.campaign as string | null,
    channel: row.channel as Lead['channel'],
    stage: row.stage as Lead['stage'],
    lostFrom: row.lost_from as Lead['lostFrom'],
    value: row.value as number | null,
    ownerId: row.owner_id as string,
    ownerName: row.owner_name as string,
    createdAt: row.created_at as number,
    stageDates: JSON.parse(row.stage_dates as string),
    touches: JSON.parse(row.touches as string),
    lostReason: row.lost_reason as string | null,
    notes: row.notes as string | null,
    updatedAt: row.updated_at as number,
  }));
}

const asText = (leads: readonly (Lead | null)[]) => leads.map((lead) => JSON.stringify(lead));

/** Leads the sample never makes: every optional field filled, odd text, fractional values, several touches. */
function buildOddLeads(): Lead[] {
  const base = generateSampleData({ seed: 3, asOf: T0, leads: 3 }).leads;
  return base.map((lead, i) => ({
    ...lead,
    id: `L-9${i}`,
    company: ['Müller GmbH & Co. KG', 'Ça "va" \\ Corp', '東京 Robotics'][i]!,
    contact: i === 0 ? null : `Ana ${'é'.repeat(i)}`,
    campaign: i === 1 ? null : 'spring-expo',
    value: [0.1 + 0.2, null, 1e21][i]!,
    stage: 'lost',
    lostFrom: 'sql',
    stageDates: { sql: T0 - 5, mql: T0 - 9, lost: T0 },
    touches: [
      { source: 'thomasnet', campaign: null, at: T0 - 3 },
      { source: null, campaign: 'x "y"', at: T0 - 2 },
    ],
    lostReason: 'price',
    notes: 'line one\nline two ✓',
  }));
}

let t: TempStore;
beforeEach(() => {
  t = openTempStore();
});
afterEach(() => t.cleanup());

describe('reading leads', () => {
  it('reads the whole table exactly as a plain read does, in table order', () => {
    const sample = generateSampleData({ seed: 11, asOf: T0, leads: 2_000 });
    loadSample(t.store, sample);
    for (const lead of buildOddLeads()) insertLeadRow(t.store.db, lead);

    const plain = readLeadsPlainly(t);
    const read = readDataset(t.store.db).leads;

    expect(plain).toHaveLength(2_003);
    expect(plain.some((lead) => Object.keys(lead.stageDates).length === 0)).toBe(true);
    expect(plain.some((lead) => lead.touches.length === 0)).toBe(true);
    expect(asText(read)).toEqual(asText(plain));
  });

  it('reads one lead and leads by id exactly as a plain read does', () => {
    for (const lead of buildOddLeads()) insertLeadRow(t.store.db, lead);
    const plain = readLeadsPlainly(t);

    expect(asText(plain.map((lead) => readLead(t.store.db, lead.id)))).toEqual(asText(plain));
    expect(asText([...readLeadsById(t.store.db, ['L-92', 'L-90']).values()])).toEqual(asText([plain[0]!, plain[2]!]));
  });

  it('lets no change to one lead reach another, though leads without dates or touches share frozen empty ones', () => {
    loadSample(t.store, generateSampleData({ seed: 11, asOf: T0, leads: 50 }));
    const bare = (lead: Lead) => lead.touches.length === 0 && Object.keys(lead.stageDates).length === 0;
    const [a, b] = t.leads.dataset().leads.filter((lead) => bare(lead) && lead.stage === 'lead');

    // Mutating a read lead's empty dates or touches in place fails loudly instead of changing every such lead.
    expect(() => a!.touches.push({ source: 'thomasnet', campaign: null, at: T0 })).toThrow(TypeError);
    expect(() => Object.assign(a!.stageDates, { mql: T0 })).toThrow(TypeError);
    t.leads.moveStage(a!.id, 'sql', { actor: MARIA });
    t.leads.addTouch(a!.id, { source: 'thomasnet' }, { actor: MARIA });

    const after = t.leads.dataset().leads;
    const [movedA, stillB] = [a!.id, b!.id].map((id) => after.find((lead) => lead.id === id)!);
    expect(Object.keys(movedA!.stageDates).sort()).toEqual(['mql', 'sql']);
    expect(movedA!.touches.map((touch) => touch.source)).toEqual(['thomasnet']);
    expect(bare(stillB!)).toBe(true);
    expect(asText([stillB!])).toEqual(asText([readLead(t.store.db, b!.id)]));
  });
});
