import {
  APIResponseError,
  type Client,
  isNotionClientError,
  RequestTimeoutError,
  UnknownHTTPResponseError,
} from '@notionhq/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeNotion, startFakeNotion } from './index.js';
import { buildLeadProperties, buildTestClient, buildText, createLeadsDatabase } from './sdk-client.js';

// The unhappy paths a sync must survive, each met through the real SDK: rate limits, outages, lost answers.

const started: FakeNotion[] = [];
async function startFake(options: Parameters<typeof startFakeNotion>[0] = {}): Promise<FakeNotion> {
  const fake = await startFakeNotion(options);
  started.push(fake);
  return fake;
}
afterAll(async () => {
  await Promise.all(started.map((fake) => fake.close()));
});

describe('rate limit', () => {
  it('answers 429 rate_limited with Retry-After once the burst is spent', async () => {
    const fake = await startFake({ rateLimit: { perSecond: 3, burst: 10 } });
    const notion = buildTestClient(fake);
    const outcomes = await Promise.allSettled(Array.from({ length: 14 }, () => notion.users.me({})));
    const rejected = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));

    // 14 at once against a burst of 10: at least 10 pass, and (unless the machine took over a second) 4 fail.
    expect(outcomes.length - rejected.length).toBeGreaterThanOrEqual(10);
    expect(rejected.length).toBeGreaterThan(0);
    for (const failure of rejected) {
      expect(failure).toBeInstanceOf(APIResponseError);
      expect(failure).toMatchObject({ code: 'rate_limited', status: 429 });
      // An empty bucket refills one token in 1/3 s, which Retry-After rounds up to whole seconds.
      const headers = failure instanceof APIResponseError ? failure.headers : undefined;
      expect(headers instanceof Headers ? headers.get('retry-after') : null).toBe('1');
    }
    expect(fake.stats.rateLimited).toBe(rejected.length);
  });

  it("lets the SDK's own retry succeed after waiting Retry-After", async () => {
    const fake = await startFake({ rateLimit: { perSecond: 5, burst: 5 } });
    const notion = buildTestClient(fake, { retry: { maxRetries: 3 } });
    const began = performance.now();
    const answers = await Promise.all(Array.from({ length: 8 }, () => notion.users.me({})));

    expect(answers.map((answer) => answer.id)).toEqual(Array(8).fill(fake.botUserId));
    expect(fake.stats.rateLimited).toBeGreaterThan(0);
    // 5 pass at once; the other 3 wait the 1 s Retry-After, by which time 5 tokens are back.
    expect(performance.now() - began).toBeGreaterThanOrEqual(950);
  });
});

describe('faults', () => {
  let fake: FakeNotion;
  let notion: Client;
  let dataSourceId: string;
  beforeAll(async () => {
    fake = await startFake({ rateLimit: false });
    notion = buildTestClient(fake);
    ({ dataSourceId } = await createLeadsDatabase(notion, fake));
  });

  const countLead = (leadId: string) => fake.plainRows(dataSourceId).filter((row) => row['Lead ID'] === leadId).length;
  const createLead = (leadId: string) =>
    notion.pages.create({ parent: { data_source_id: dataSourceId }, properties: buildLeadProperties(leadId) });

  it('dropAfterCommit: the create fails with a network error, yet the row exists', async () => {
    fake.faults.dropAfterCommit(1, 'pages.create');
    const failure = await createLead('D-1').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(Error);
    expect(isNotionClientError(failure)).toBe(false);
    expect(countLead('D-1')).toBe(1);
    expect(fake.stats.dropped).toBe(1);
    await createLead('D-2'); // the next create is answered normally
    expect(countLead('D-2')).toBe(1);
  });

  it('slow: an answer later than timeoutMs is a RequestTimeoutError, though the write happened', async () => {
    const impatient = buildTestClient(fake, { timeoutMs: 300 });
    fake.faults.slow(1500);
    try {
      const create = impatient.pages.create({
        parent: { data_source_id: dataSourceId },
        properties: buildLeadProperties('S-1'),
      });
      await expect(create).rejects.toBeInstanceOf(RequestTimeoutError);
      expect(countLead('S-1')).toBe(1);
    } finally {
      fake.faults.slow(0);
    }
  });

  it('down: 503 service_unavailable until the clock passes, 502 as an HTML page', async () => {
    fake.faults.down(fake.clock() + 60_000);
    const retrieve = () => notion.pages.retrieve({ page_id: fake.rootPageId });
    await expect(retrieve()).rejects.toMatchObject({ code: 'service_unavailable', status: 503 });
    fake.advance(60_000);
    await expect(retrieve()).resolves.toMatchObject({ id: fake.rootPageId });

    fake.faults.down(true, 502);
    await expect(retrieve()).rejects.toBeInstanceOf(UnknownHTTPResponseError);
    fake.faults.up();
    await expect(retrieve()).resolves.toMatchObject({ id: fake.rootPageId });
  });

  it('conflictWindow: writes answer 409 conflict_error while reads still work', async () => {
    const page = await createLead('C-1');
    fake.faults.conflictWindow(true, 'pages.update');
    try {
      const update = notion.pages.update({ page_id: page.id, properties: { Notes: { rich_text: buildText('x') } } });
      await expect(update).rejects.toMatchObject({ code: 'conflict_error', status: 409 });
      await expect(notion.pages.retrieve({ page_id: page.id })).resolves.toMatchObject({ id: page.id });
    } finally {
      fake.faults.reset();
    }
  });

  it('failNext: the SDK retries a GET that met a 503 and succeeds', async () => {
    const retrying = buildTestClient(fake, { retry: { maxRetries: 2, initialRetryDelayMs: 10 } });
    fake.faults.failNext(1, 503, 'service_unavailable', 'pages.retrieve');
    fake.resetStats();

    await expect(retrying.pages.retrieve({ page_id: fake.rootPageId })).resolves.toMatchObject({ id: fake.rootPageId });
    expect(fake.stats.byRoute['pages.retrieve']).toBe(2);
    expect(fake.stats.byStatus).toEqual({ 200: 1, 503: 1 });
  });

  it('refuses a body over 500 KB', async () => {
    // 3 properties × 100 rich text items × 2,000 characters = 600,000 characters.
    const bulky = Array.from({ length: 100 }, () => buildText('x'.repeat(2000))[0]!);
    const properties = { Name: { title: bulky }, 'Lead ID': { rich_text: bulky }, Notes: { rich_text: bulky } };
    const create = notion.pages.create({ parent: { data_source_id: dataSourceId }, properties });
    await expect(create).rejects.toMatchObject({ code: 'validation_error', status: 413 });
  });

  it('requires the Notion-Version header', async () => {
    const answer = await fetch(`${fake.url}/v1/users/me`, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ object: 'error', code: 'missing_version' });
  });
});
