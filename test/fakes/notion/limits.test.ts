import { APIResponseError } from '@notionhq/client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CONNECTION_LIMIT_REASON,
  type FakeNotion,
  type FakeNotionOptions,
  startFakeNotion,
  WORKSPACE_LIMIT_REASON,
} from './index.js';
import { checkOpenApiShape } from './openapi-check.js';
import { buildLeadProperties, buildTestClient, createLeadsDatabase } from './sdk-client.js';

// Notion's current limits met through the real SDK: a per-connection budget per 60-second window, a workspace limit
// shared with the workspace's other integrations, and 529 service_overload windows, all on the fake's clock.

const START = Date.parse('2026-11-25T16:42:00.000Z');

let fake: FakeNotion | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function startFake(options: Partial<FakeNotionOptions>): Promise<FakeNotion> {
  fake = await startFakeNotion({ clock: () => START, rateLimit: false, ...options });
  return fake;
}

/** The failure of `call`, as the SDK reports it, with its Retry-After header and the JSON body Notion sent. */
async function catchRefusal(call: Promise<unknown>) {
  const failure = await call.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(failure instanceof APIResponseError)) throw new Error(`expected an APIResponseError, got ${String(failure)}`);
  const headers = failure.headers instanceof Headers ? failure.headers : new Headers();
  return { failure, retryAfter: headers.get('retry-after'), body: JSON.parse(failure.body) as unknown };
}

describe('the per-connection budget per 60-second window', () => {
  it('answers 429 with the time left in the window and the connection reason, then lets the next window through', async () => {
    const notion = buildTestClient(await startFake({ connectionBudget: { requests: 5, windowSeconds: 60 } }));
    for (let index = 0; index < 5; index += 1) await notion.users.me({});
    fake?.advance(15_000);

    const refused = await catchRefusal(notion.users.me({}));

    expect(refused.failure).toMatchObject({
      status: 429,
      code: 'rate_limited',
      additional_data: { rate_limit_reason: CONNECTION_LIMIT_REASON },
    });
    expect(refused.retryAfter).toBe('45');
    expect(checkOpenApiShape(refused.body, 'error_api_429')).toEqual([]);
    // Another integration of the workspace has a budget of its own.
    const other = buildTestClient(fake as FakeNotion, { auth: fake?.otherTokens[0] });
    await expect(other.users.me({})).resolves.toMatchObject({ object: 'user' });
    fake?.advance(45_000);
    await expect(notion.users.me({})).resolves.toMatchObject({ object: 'user' });
    expect(fake?.stats.rateLimited).toBe(1);
  });
});

describe('the workspace limit shared by every integration', () => {
  it("is spent by another integration's load, and its Retry-After can exceed a minute", async () => {
    const started = await startFake({
      workspaceBudget: { requests: 10, windowSeconds: 300 },
      connectionBudget: { requests: 100, windowSeconds: 60 },
    });
    const other = buildTestClient(started, { auth: started.otherTokens[0] });
    const notion = buildTestClient(started);
    for (let index = 0; index < 10; index += 1) await other.users.me({});
    started.advance(210_000);

    const refused = await catchRefusal(notion.users.me({}));

    expect(refused.failure).toMatchObject({
      status: 429,
      code: 'rate_limited',
      additional_data: { rate_limit_reason: WORKSPACE_LIMIT_REASON },
    });
    expect(refused.retryAfter).toBe('90');
    expect(checkOpenApiShape(refused.body, 'error_api_429')).toEqual([]);
    started.advance(89_000);
    await expect(notion.users.me({})).rejects.toMatchObject({ status: 429 });
    started.advance(1_000);
    await expect(notion.users.me({})).resolves.toMatchObject({ object: 'user' });
  });
});

describe('529 service_overload', () => {
  it('refuses every request with Retry-After until the window ends, performing nothing', async () => {
    const started = await startFake({});
    const notion = buildTestClient(started);
    const { dataSourceId } = await createLeadsDatabase(notion, started);
    started.faults.overload(started.clock() + 45_000);

    const create = notion.pages.create({
      parent: { data_source_id: dataSourceId },
      properties: buildLeadProperties('O-1'),
    });
    const refused = await catchRefusal(create);

    expect(refused.failure).toMatchObject({ status: 529, code: 'service_overload' });
    expect(refused.retryAfter).toBe('45');
    expect(checkOpenApiShape(refused.body, 'publicApiCommonErrorResponse')).toEqual([]);
    expect(started.plainRows(dataSourceId)).toEqual([]);
    expect(started.stats.overloaded).toBe(1);
    started.advance(45_000);
    await notion.pages.create({ parent: { data_source_id: dataSourceId }, properties: buildLeadProperties('O-1') });
    expect(started.plainRows(dataSourceId).map((row) => row['Lead ID'])).toEqual(['O-1']);
    expect(started.stats.timeline.map((entry) => entry.status)).toEqual([200, 529, 200]);
  });
});

describe('429 rate_limited window (a fault)', () => {
  it('refuses every request of the integration with Retry-After until the window ends, performing nothing', async () => {
    const started = await startFake({});
    const notion = buildTestClient(started);
    const { dataSourceId } = await createLeadsDatabase(notion, started);
    started.faults.rateLimit(started.clock() + 90_000);

    const create = notion.pages.create({
      parent: { data_source_id: dataSourceId },
      properties: buildLeadProperties('R-1'),
    });
    const refused = await catchRefusal(create);

    expect(refused.failure).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(refused.retryAfter).toBe('90');
    expect(checkOpenApiShape(refused.body, 'publicApiCommonErrorResponse')).toEqual([]);
    expect(started.plainRows(dataSourceId)).toEqual([]);
    expect(started.stats.rateLimited).toBe(1);
    started.advance(90_000);
    await notion.pages.create({ parent: { data_source_id: dataSourceId }, properties: buildLeadProperties('R-1') });
    expect(started.plainRows(dataSourceId).map((row) => row['Lead ID'])).toEqual(['R-1']);
  });
});
