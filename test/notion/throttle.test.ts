import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../src/log.js';
import { buildNotionApi } from '../../src/notion/index.js';
import { buildHealthReport } from '../../src/slack/health.js';
import { type FakeNotion, startFakeNotion } from '../fakes/notion/index.js';
import { buildTestClient, buildText } from '../fakes/notion/sdk-client.js';
import { MARIA, type NotionHarness, readLeadRows, sleep, startNotionHarness } from './harness.js';
import { buildManualClock, type ManualClock, runUntilSettled, waitFor } from './manual-clock.js';

// Notion's "wait" (a 429 from the per-connection budget or the workspace limit, a 529 overload) pauses the one
// limiter push and pull share, for Retry-After however long, on virtual time: the fake Notion's clock is the limiter's.

const START = Date.parse('2026-11-25T16:42:00.000Z');

let fake: FakeNotion | undefined;
let h: NotionHarness | undefined;
afterEach(async () => {
  await h?.close();
  await fake?.close();
  h = undefined;
  fake = undefined;
});

function startHarness(clock: ManualClock, fakeOptions: Parameters<typeof startFakeNotion>[0] = {}) {
  return startNotionHarness({
    fake: { clock: () => START + clock.at, ...fakeOptions },
    api: { limiterClock: clock },
  });
}

function createLeads(harness: NotionHarness, count: number, prefix: string) {
  return Array.from({ length: count }, (_, index) =>
    harness.services.leads.createLead({ company: `${prefix} ${index + 1}` }, { actor: MARIA }),
  );
}

function track<T>(work: Promise<T>) {
  const state = { settled: false, work };
  work.finally(() => {
    state.settled = true;
  });
  return state;
}

/** The fake's answers as [ms since START, status] pairs. */
function readTimeline(notion: FakeNotion) {
  return notion.stats.timeline.map((entry) => [entry.at - START, entry.status]);
}

/** The notion block of GET /healthz. */
function readHealthNotion(harness: NotionHarness): Record<string, unknown> {
  const { store, outbox } = harness.services;
  const report = buildHealthReport({ phase: () => 'ready', mode: 'http', store, outbox, notion: () => harness.sync });
  return report.body.notion as Record<string, unknown>;
}

describe("the shared limiter's 429 wiring", () => {
  it('holds the refused request and every other one until Retry-After, after a single 429', async () => {
    const clock = buildManualClock();
    fake = await startFakeNotion({
      clock: () => START + clock.at,
      rateLimit: false,
      connectionBudget: { requests: 3, windowSeconds: 60 },
    });
    const { logger, lines } = createMemoryLogger('info');
    const api = buildNotionApi(
      { token: fake.token, apiUrl: fake.url },
      { log: logger, rate: { perSecond: Number.POSITIVE_INFINITY, burst: 1 }, limiterClock: clock },
    );
    for (let index = 0; index < 3; index += 1) await api.client.users.me({});
    clock.advance(20_000);

    const refused = track(api.client.users.me({}));
    await waitFor(() => api.limiter.pause() !== null, 'the pause after the 429');
    const other = track(api.client.users.me({}));
    await sleep(100);

    // Neither the refused request nor the other caller's went out while Notion said to wait 40 s.
    expect(fake.stats.requests).toBe(4);
    expect(api.limiter.pause()).toEqual({ remainingMs: 40_000, reason: 'per-connection budget' });
    clock.advance(39_999);
    await sleep(50);
    expect(fake.stats.requests).toBe(4);
    expect(refused.settled || other.settled).toBe(false);
    clock.advance(1);
    await expect(Promise.all([refused.work, other.work])).resolves.toHaveLength(2);

    expect(readTimeline(fake)).toEqual([
      [0, 200],
      [0, 200],
      [0, 200],
      [20_000, 429],
      [60_000, 200],
      [60_000, 200],
    ]);
    expect(api.counters).toEqual({ requests: 6, rateLimited: 1, overloaded: 0 });
    const messages = lines.map((line) => String(JSON.parse(line).msg));
    expect(messages).toEqual([
      'Notion asked us to wait 40 s (per-connection budget): push and pull pause until then',
      'Notion requests resumed after a 40 s pause',
    ]);
  });
});

describe('both workers under one pause', () => {
  it('stops push and pull together on one 429 and resumes both after Retry-After', async () => {
    const clock = buildManualClock();
    // 8 requests a minute, while the push needs 10 and the first pull 9: each must wait at least once.
    h = await startHarness(clock, { connectionBudget: { requests: 8, windowSeconds: 60 } });
    h.fake.seedRows(h.dataSources.lead, 650, (index) => ({
      Name: { title: buildText(`Seeded ${index + 1}`) },
      'Lead ID': { rich_text: buildText(`L-${String(100_001 + index)}`) },
      Stage: { select: { name: 'Lead' } },
    }));
    createLeads(h, 10, 'Pushed');

    const push = track(h.sync.pushNow());
    const pull = track(h.sync.pullNow());
    await waitFor(() => (h?.fake.stats.rateLimited ?? 0) >= 1, 'the first 429');
    await waitFor(() => h?.api.counters.requests === h?.fake.stats.requests, 'every request sent to be answered');
    await sleep(150);

    // Notion accepted nothing after its 429 (a request already under way may meet the same 429), and both wait.
    const timeline = readTimeline(h.fake);
    const firstRefusal = timeline.findIndex(([, status]) => status === 429);
    expect(timeline.slice(firstRefusal).every(([, status]) => status === 429)).toBe(true);
    expect(h.fake.stats.rateLimited).toBeLessThanOrEqual(2);
    expect({ push: push.settled, pull: pull.settled }).toEqual({ push: false, pull: false });
    expect(h.sync.status()).toMatchObject({ pauseReason: 'per-connection budget' });

    const [pushed] = await runUntilSettled(clock, Promise.all([push.work, pull.work]));

    expect(pushed).toMatchObject({ pushed: 10, failed: 0, stoppedBy: null });
    const after = h.fake.stats.timeline.slice(firstRefusal).filter((entry) => entry.status === 200);
    expect(after[0]?.at).toBe(START + 60_000);
    expect(new Set(after.map((entry) => entry.route))).toEqual(new Set(['pages.create', 'dataSources.query']));
    // 19 requests through windows of 8: two pauses, each met by at most the request of each worker under way.
    expect(h.fake.stats.rateLimited).toBeLessThanOrEqual(4);
    expect(readLeadRows(h).size).toBe(660);
    expect(h.services.leads.listLeads()).toHaveLength(660);
    expect(h.services.outbox.size()).toBe(0);
  });
});

describe('a workspace limit spent by another integration', () => {
  it('honours a 90-second Retry-After, logs it once with its reason and shows it in /healthz', async () => {
    const clock = buildManualClock();
    h = await startHarness(clock, { workspaceBudget: { requests: 6, windowSeconds: 300 } });
    const otherIntegration = buildTestClient(h.fake, { auth: h.fake.otherTokens[0] });
    for (let index = 0; index < 6; index += 1) await otherIntegration.users.me({});
    clock.advance(210_000);
    const [lead] = createLeads(h, 1, 'Patient');

    const push = track(h.sync.pushNow());
    await waitFor(() => h?.api.limiter.pause() != null, 'the pause after the 429');
    const pull = track(h.sync.pullNow());
    await sleep(100);

    const harness = h;
    const health = () => readHealthNotion(harness);
    expect(health()).toMatchObject({
      pending: 1,
      healthy: true,
      pauseReason: 'workspace limit shared with other integrations',
    });
    expect(Math.abs(Date.parse(String(health().pausedUntil)) - (Date.now() + 90_000))).toBeLessThan(5000);
    const requestsWhilePaused = h.fake.stats.requests;
    clock.advance(89_000);
    await sleep(50);
    expect(h.fake.stats.requests).toBe(requestsWhilePaused);
    expect({ push: push.settled, pull: pull.settled }).toEqual({ push: false, pull: false });
    clock.advance(1_000);
    await expect(push.work).resolves.toMatchObject({ pushed: 1, stoppedBy: null });
    await pull.work;

    expect(readLeadRows(h).get(lead?.id ?? '')).toMatchObject({ Name: 'Patient 1' });
    expect(h.fake.stats.rateLimited).toBe(1);
    expect(health()).not.toHaveProperty('pausedUntil');
    expect(h.logged('Notion asked us to wait')).toEqual([
      expect.objectContaining({
        msg: 'Notion asked us to wait 90 s (workspace limit shared with other integrations): push and pull pause until then',
        level: 'warn',
      }),
    ]);
    expect(h.logged('Notion requests resumed after a 90 s pause')).toHaveLength(1);
  });
});

describe('529 service_overload', () => {
  it('retries after its Retry-After, losing and duplicating no change', async () => {
    const clock = buildManualClock();
    h = await startHarness(clock);
    const early = createLeads(h, 5, 'Early');
    await h.sync.pushNow();
    createLeads(h, 3, 'Late');
    for (const lead of early.slice(0, 2)) h.services.leads.moveStage(lead.id, 'mql', { actor: MARIA });
    h.fake.faults.overload(h.fake.clock() + 30_000);

    const push = h.sync.pushNow();
    await waitFor(() => h?.api.limiter.pause() != null, 'the pause after a 529');
    const pull = h.sync.pullNow();
    expect(h.sync.status()).toMatchObject({ pauseReason: 'Notion overloaded', healthy: true });
    const [pushed] = await runUntilSettled(clock, Promise.all([push, pull]));

    expect(pushed).toMatchObject({ pushed: 5, failed: 0, stoppedBy: null });
    const rows = readLeadRows(h);
    expect(rows.size).toBe(8);
    expect(h.fake.allPages()).toHaveLength(8);
    expect(early.slice(0, 2).map((lead) => rows.get(lead.id)?.Stage)).toEqual(['MQL', 'MQL']);
    expect(h.services.outbox.size()).toBe(0);
    expect(h.services.outbox.failures()).toEqual([]);
    expect(h.sync.status()).toMatchObject({ healthy: true, pending: 0, failed: 0 });
    expect(h.api.counters.overloaded).toBe(h.fake.stats.overloaded);
    expect(h.logged('Notion asked us to wait 30 s (Notion overloaded)')).toHaveLength(1);
    expect(h.logged('Notion is failing')).toEqual([]);
  });
});
