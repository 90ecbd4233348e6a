import { afterEach, describe, expect, it } from 'vitest';
import type { Lead } from '../../src/domain/types.js';
import { DAVE, drainOutbox, MARIA, type NotionHarness, readLeadRows, sleep, startNotionHarness } from './harness.js';

let h: NotionHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Every local lead has exactly one Notion row (readLeadRows fails on a duplicate) showing its final state. */
function expectNotionMirrorsStore(harness: NotionHarness): void {
  const rows = readLeadRows(harness);
  const leads = harness.services.leads.listLeads();
  expect(rows.size).toBe(leads.length);
  expect(harness.fake.rows(harness.dataSources.lead)).toHaveLength(leads.length);
  for (const lead of leads) {
    expect(rows.get(lead.id), lead.id).toMatchObject({
      Name: lead.company,
      Stage: { lead: 'Lead', mql: 'MQL', sql: 'SQL', opportunity: 'Opportunity', customer: 'Customer', lost: 'Lost' }[
        lead.stage
      ],
      Value: lead.value,
    });
  }
}

function createLeads(harness: NotionHarness, count: number, prefix: string): Lead[] {
  return Array.from({ length: count }, (_, index) =>
    harness.services.leads.createLead({ company: `${prefix} ${index + 1}` }, { actor: index % 2 ? MARIA : DAVE }),
  );
}

describe('surviving Notion faults', () => {
  it('loses and duplicates nothing when Notion is down while 100 changes are made, and logs the outage once', async () => {
    h = await startNotionHarness();
    const early = createLeads(h, 20, 'Early');
    await h.sync.pushNow();
    h.fake.faults.down(true, 503);

    // 100 changes while Notion is down: 40 new leads, and 60 stage and value moves on the 20 pushed ones.
    const late = createLeads(h, 40, 'Late');
    for (const lead of early) {
      h.services.leads.moveStage(lead.id, 'mql', { actor: MARIA });
      h.services.leads.moveStage(lead.id, 'sql', { actor: MARIA });
      h.services.leads.setValue(lead.id, 1000 + early.indexOf(lead), { actor: MARIA });
    }
    for (let attempt = 0; attempt < 4; attempt += 1) {
      expect((await h.sync.pushNow()).stoppedBy).toContain('service_unavailable');
      await sleep(30);
    }
    expect(h.sync.status()).toMatchObject({ healthy: false, pending: 100 });
    expect(h.sync.status().lastError).toContain('service_unavailable');

    h.fake.faults.up();
    await drainOutbox(h);

    expect(h.services.outbox.size()).toBe(0);
    expect(h.services.leads.listLeads()).toHaveLength(early.length + late.length);
    expectNotionMirrorsStore(h);
    expect(readLeadRows(h).get(early[3]!.id)).toMatchObject({ Stage: 'SQL', Value: 1003 });
    expect(h.logged('Notion is failing')).toHaveLength(1);
    expect(h.logged('Notion recovered after')).toHaveLength(1);
    expect(h.sync.status()).toMatchObject({ healthy: true, pending: 0 });
  });

  it('creates no duplicate when a create is committed but its answer is lost, or arrives too late', async () => {
    h = await startNotionHarness({ api: { requestTimeoutMs: 150 } });
    createLeads(h, 6, 'Dropped');
    h.fake.faults.dropAfterCommit(3, 'pages.create');
    await drainOutbox(h);
    expect(h.fake.stats.dropped).toBe(3);

    createLeads(h, 4, 'Slow');
    h.fake.faults.slow(400);
    await h.sync.pushNow(); // the first create is written, but its answer comes after our 150 ms timeout
    h.fake.faults.slow(0);
    await drainOutbox(h);

    expect(h.services.leads.listLeads()).toHaveLength(10);
    expectNotionMirrorsStore(h);
    expect(h.fake.allPages()).toHaveLength(10);
  });

  it('retries creates refused with a 409 conflict or a 502 and writes each lead once', async () => {
    h = await startNotionHarness();
    createLeads(h, 3, 'Conflicted');
    h.fake.faults.failNext(1, 409, 'conflict_error', 'pages.create');
    await drainOutbox(h);
    createLeads(h, 2, 'Gateway');
    h.fake.faults.down(true, 502);
    await h.sync.pushNow();
    h.fake.faults.up();
    await drainOutbox(h);

    expectNotionMirrorsStore(h);
    expect(h.fake.allPages()).toHaveLength(5);
  });

  it('keeps a steady load of 60 changes under the rate limit, with the workers running', async () => {
    h = await startNotionHarness({
      fake: { rateLimit: { perSecond: 20, burst: 10 } },
      api: { rate: { perSecond: 20, burst: 3 } },
      sync: { pollSeconds: 1 },
    });
    h.sync.start();
    const leads = createLeads(h, 20, 'Steady');
    for (const lead of leads) {
      h.services.leads.moveStage(lead.id, 'mql', { actor: MARIA });
      h.sync.nudge();
      h.services.leads.setValue(lead.id, 500, { actor: MARIA });
      h.sync.nudge();
      await sleep(15);
    }
    const deadline = Date.now() + 15_000;
    while (h.services.outbox.size() > 0 && Date.now() < deadline) await sleep(50);

    expect(h.services.outbox.size()).toBe(0);
    expect(h.fake.stats.rateLimited).toBe(0);
    expectNotionMirrorsStore(h);
  });

  it('honours Retry-After when Notion rate-limits anyway, and still writes each lead once', async () => {
    h = await startNotionHarness({
      // Our bucket allows a little more than Notion does, so Notion answers 429 now and then.
      fake: { rateLimit: { perSecond: 10, burst: 2 } },
      api: { rate: { perSecond: 15, burst: 4 }, maxRetries: 5 },
    });
    createLeads(h, 8, 'Limited');
    await drainOutbox(h, 20_000);

    expect(h.fake.stats.rateLimited).toBeGreaterThan(0);
    expect(h.api.counters.rateLimited).toBe(h.fake.stats.rateLimited);
    expectNotionMirrorsStore(h);
  });
});
