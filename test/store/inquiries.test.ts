import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CompanyIndex } from '../../src/domain/company-index.js';
import { INGEST_ACTOR } from '../../src/domain/types.js';
import { createInquiryProcessor } from '../../src/ingest/inquiry-processor.js';
import { createMemoryLogger } from '../../src/log.js';
import { InquiryService, type NewInquiry } from '../../src/store/inquiry-service.js';
import { LOGGED_ASK_DELAY_MS } from '../../src/store/lead-service.js';
import { openStore } from '../../src/store/open-store.js';
import { MIGRATIONS } from '../../src/store/schema.js';
import { countRows, DAVE, MARIA, openSqliteTempStore, openTempStore, T0, type TempStore } from './store-fixtures.js';

let t: TempStore;
let inquiries: InquiryService;
beforeEach(() => {
  t = openTempStore();
  inquiries = new InquiryService(t.store, t.leads, t.clock);
});
afterEach(() => t.cleanup());

function call(id: string, fields: Partial<NewInquiry> = {}): NewInquiry {
  return {
    id,
    channel: 'phone',
    receivedAt: T0,
    company: 'Acme Corp',
    contact: 'Jane Doe',
    notes: null,
    tracking: { trackingNumber: '+15550102000', utmSource: null, utmCampaign: null },
    owner: null,
    payloadDigest: 'digest',
    ...fields,
  };
}

describe('tracking numbers, a record kind like spend', () => {
  it('maps a number, changes the mapping in place, keeps events and outbox rows, and undoes', () => {
    const first = t.plans.recordNumber(
      { number: '+15550102000', campaign: 'spring-expo', source: 'trade-show' },
      { actor: MARIA },
    );
    expect(first.number).toMatchObject({
      id: 'N-000001',
      number: '+15550102000',
      campaign: 'spring-expo',
      source: 'trade-show',
    });
    expect(first.before).toBeNull();
    const second = t.plans.recordNumber({ number: '+15550102000', source: 'thomasnet' }, { actor: MARIA });
    expect(second.number).toMatchObject({ id: 'N-000001', campaign: 'spring-expo', source: 'thomasnet' });
    expect(t.plans.listNumbers()).toHaveLength(1);
    expect(countRows(t.store, 'plan_events', "entity = 'number'")).toBe(2);
    expect(countRows(t.store, 'outbox', "entity = 'number'")).toBe(2);

    expect(t.leads.undoLast(MARIA.id).description).toBe(
      'Undid your change to the tracking number (+15550102000, spring-expo, thomasnet).',
    );
    expect(t.plans.listNumbers()[0]).toMatchObject({ source: 'trade-show' });
  });

  it('refuses a mapping to nothing and a number not in E.164, writing nothing', () => {
    expect(() => t.plans.recordNumber({ number: '+15550102000' }, { actor: MARIA })).toThrow(
      'a tracking number maps to a campaign, a source or both',
    );
    expect(() => t.plans.recordNumber({ number: '555-0102', source: 'thomasnet' }, { actor: MARIA })).toThrow(
      'a phone number in E.164 looks like +15550102000',
    );
    expect(countRows(t.store, 'tracking_numbers')).toBe(0);
    expect(countRows(t.store, 'outbox')).toBe(0);
  });
});

describe('InquiryService.recordInquiry', () => {
  beforeEach(() => {
    t.plans.recordNumber({ number: '+15550102000', campaign: 'spring-expo', source: 'thomasnet' }, { actor: MARIA });
  });

  it('creates the lead with its tracked source as Source, owned by the webhook, and queues the question at once', () => {
    const result = inquiries.recordInquiry(call('cr-1'));
    expect(result).toMatchObject({
      status: 'created',
      leadId: 'L-000001',
      tracked: { source: 'thomasnet', via: 'number' },
    });
    expect(t.leads.getLead('L-000001')).toMatchObject({
      company: 'Acme Corp',
      source: 'thomasnet',
      campaign: 'spring-expo',
      trackedSource: 'thomasnet',
      trackedCampaign: 'spring-expo',
      channel: 'phone',
      ownerId: INGEST_ACTOR.id,
      createdAt: T0,
    });
    expect(inquiries.duePrompts(T0)).toMatchObject([
      { leadId: 'L-000001', kind: 'ask', inquiryId: 'cr-1', recipient: null },
    ]);
  });

  it('takes the same id twice as one inquiry: nothing new', () => {
    inquiries.recordInquiry(call('cr-1'));
    const events = countRows(t.store, 'lead_events');
    expect(inquiries.recordInquiry(call('cr-1', { company: 'Other Co' }))).toEqual({
      status: 'duplicate',
      leadId: 'L-000001',
      tracked: null,
    });
    expect(t.leads.listLeads()).toHaveLength(1);
    expect(countRows(t.store, 'inquiries')).toBe(1);
    expect(countRows(t.store, 'lead_events')).toBe(events);
    expect(countRows(t.store, 'prompts')).toBe(1);
  });

  it('matches a repeat call to the known lead (fuzzy name), and its owner is asked', () => {
    const known = t.leads.createLead({ company: 'Acme Corporation', source: 'referral' }, { actor: DAVE });
    const result = inquiries.recordInquiry(call('cr-2', { company: 'ACME Corp.' }));
    expect(result).toMatchObject({ status: 'matched', leadId: known.id });
    const lead = t.leads.getLead(known.id);
    expect(lead).toMatchObject({ source: 'referral', trackedSource: 'thomasnet', trackedCampaign: 'spring-expo' });
    expect(inquiries.duePrompts(T0)).toMatchObject([{ leadId: known.id, recipient: DAVE.id }]);
    expect(inquiries.getInquiry('cr-2')).toMatchObject({ createdLead: false, leadId: known.id });
  });

  it('records an unmapped tracking number as no tracked source, and names the given owner', () => {
    const result = inquiries.recordInquiry(
      call('cr-3', { tracking: { trackingNumber: '+15550109999', utmSource: null, utmCampaign: null }, owner: DAVE }),
    );
    expect(result.tracked).toEqual({ source: null, campaign: null, via: null, unmappedNumber: true });
    expect(t.leads.getLead(result.leadId)).toMatchObject({ source: 'unknown', ownerId: DAVE.id, ownerName: DAVE.name });
    expect(t.leads.getLead(result.leadId)?.trackedSource).toBeUndefined();
  });

  it("keeps the said source apart from the tracked one, makes it the lead's Source, and is not asked again", () => {
    const { leadId } = inquiries.recordInquiry(call('cr-1'));
    const lead = t.leads.recordSaidSource(leadId, 'referral', { actor: DAVE });
    expect(lead).toMatchObject({ source: 'referral', trackedSource: 'thomasnet', reportedSource: 'referral' });
    expect(lead.touches).toEqual([{ source: 'thomasnet', campaign: null, at: T0 }]);
    inquiries.recordInquiry(call('cr-9', { receivedAt: T0 + 1000 }));
    expect(inquiries.promptsOf(leadId)).toHaveLength(1);
  });
});

describe('prompts for leads logged in Slack without a source', () => {
  it('asks the owner a little later, and a reminder is queued only once', () => {
    const lead = t.leads.createLead({ company: 'Bolt Co' }, { actor: MARIA });
    expect(inquiries.duePrompts(T0)).toEqual([]);
    expect(inquiries.duePrompts(T0 + LOGGED_ASK_DELAY_MS)).toMatchObject([{ leadId: lead.id, recipient: MARIA.id }]);
    inquiries.scheduleReminder(lead.id, MARIA.id, T0 + 3_600_000);
    inquiries.scheduleReminder(lead.id, MARIA.id, T0 + 7_200_000);
    expect(inquiries.promptsOf(lead.id).map((prompt) => prompt.kind)).toEqual(['ask', 'reminder']);
    t.leads.createLead({ company: 'Sourced Co', source: 'thomasnet' }, { actor: MARIA });
    expect(countRows(t.store, 'prompts')).toBe(2);
  });
});

describe('migration 10 on a store that already holds spend, events and outbox rows', () => {
  it('keeps every row and id, and counts on from the old AUTOINCREMENT values', () => {
    const before = MIGRATIONS.filter((migration) => migration.version < 10);
    // Upgrading an old SQLite file in place: SQLite's own history, whatever engine the run tests.
    const old = openSqliteTempStore();
    old.store.close();
    const store = openStore({ file: `${old.file}.old`, migrations: before });
    store.db.prepare("INSERT INTO spend VALUES ('S-000001', 'expo', NULL, '2026-11', 100, 'media', 1)").run();
    store.db
      .prepare(
        "INSERT INTO plan_events (seq, entity, entity_id, kind, actor_id, at, recorded_at, after) VALUES (1, 'spend', 'S-000001', 'create', 'U1', 1, 1, '{}')",
      )
      .run();
    for (let i = 0; i < 3; i += 1) {
      store.db
        .prepare(
          "INSERT INTO outbox (entity, entity_id, op, actor_id, created_at, next_attempt_at) VALUES ('spend', 'S-000001', 'upsert', 'U1', 1, 1)",
        )
        .run();
    }
    store.db.prepare('DELETE FROM outbox WHERE id = 3').run();
    store.close();
    const migrated = openStore({ file: `${old.file}.old` });
    expect(migrated.db.prepare('SELECT id, entity FROM outbox ORDER BY id').all()).toEqual([
      { id: 1, entity: 'spend' },
      { id: 2, entity: 'spend' },
    ]);
    migrated.db
      .prepare(
        "INSERT INTO outbox (entity, entity_id, op, actor_id, created_at, next_attempt_at) VALUES ('number', 'N-000001', 'upsert', 'U1', 1, 1)",
      )
      .run();
    expect(migrated.db.prepare("SELECT id FROM outbox WHERE entity = 'number'").pluck().get()).toBe(4);
    expect(countRows(migrated, 'plan_events')).toBe(1);
    expect(migrated.db.prepare('SELECT entity FROM id_counters ORDER BY entity').pluck().all()).toEqual([
      'lead',
      'number',
      'spend',
      'target',
      'visit',
    ]);
    migrated.close();
    old.cleanup();
  });
});

describe('matching inquiries one after another', () => {
  it('looks each new lead up once in the company index, not every lead created since start at every match', () => {
    const removals = vi.spyOn(CompanyIndex.prototype, 'remove');
    for (let i = 0; i < 150; i++) {
      inquiries.acceptInquiry(call(`burst-${i}`, { company: `Benchmark Caller ${i} Holdings` }));
    }
    removals.mockClear();
    let matched = 0;
    while (inquiries.processNextInquiry() !== null) matched += 1;
    expect(matched).toBe(150);
    // Each new lead is patched into the index once (its old entry removed, then the upsert's own remove); patched at
    // every match it would be 2 × (1 + 2 + … + 150) = 22,650 calls.
    expect(removals.mock.calls.length).toBeLessThanOrEqual(2 * 150);
    expect(new Set(t.leads.dataset().leads.map((lead) => lead.company)).size).toBe(150);
    removals.mockRestore();
  });
});

describe('the matcher started while an inquiry arrives', () => {
  it('matches an inquiry accepted while its first look for pending ones was out', async () => {
    const matched: string[] = [];
    const processor = createInquiryProcessor({
      inquiries,
      log: createMemoryLogger().logger,
      onProcessed: (result) => matched.push(result.leadId ?? ''),
    });
    try {
      // A workspace opening starts the matcher, which first looks for anything pending (none yet); the webhook
      // accepts a call before that look's answer is in, and kicks the matcher that is still running.
      processor.kick();
      inquiries.acceptInquiry(call('arrived-meanwhile', { company: 'Precision Machining' }));
      processor.kick();
      await expect.poll(() => matched.length, { timeout: 5_000 }).toBe(1);
      expect(t.leads.getLead(matched[0]!)?.company).toBe('Precision Machining');
      expect(countRows(t.store, 'inquiries', "state = 'pending'")).toBe(0);
    } finally {
      await processor.stop();
    }
  });
});
