import { APIResponseError, Client } from '@notionhq/client';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeNotionFrontDoor, startFakeNotionFrontDoor } from './front-door.js';
import { type FakeNotion, startFakeNotion } from './index.js';

// Several Notion workspaces behind one address, as api.notion.com serves every integration: each token reaches its
// own workspace only, and sees only the pages shared with it.

let fakes: FakeNotion[] = [];
let door: FakeNotionFrontDoor | undefined;
afterEach(async () => {
  await door?.close();
  await Promise.all(fakes.map((fake) => fake.close()));
  fakes = [];
  door = undefined;
});

const clientFor = (url: string, auth: string) => new Client({ auth, baseUrl: url, retry: false, logger: () => {} });

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (failure: unknown) => failure,
  );
  return error instanceof APIResponseError ? { status: error.status, code: error.code } : error;
}

describe('the fake Notion front door', () => {
  it("sends each token to its own workspace: another workspace's page is not found, an unknown token refused", async () => {
    const one = await startFakeNotion({ token: 'secret_one', otherTokens: [] });
    const two = await startFakeNotion({ token: 'secret_two', otherTokens: [] });
    fakes = [one, two];
    door = await startFakeNotionFrontDoor(fakes);

    const asOne = clientFor(door.url, one.token);
    const asTwo = clientFor(door.url, two.token);
    expect(await asOne.pages.retrieve({ page_id: one.rootPageId })).toMatchObject({ id: one.rootPageId });
    expect(await asTwo.pages.retrieve({ page_id: two.rootPageId })).toMatchObject({ id: two.rootPageId });
    expect(await refusal(asOne.pages.retrieve({ page_id: two.rootPageId }))).toEqual({
      status: 404,
      code: 'object_not_found',
    });
    const stranger = clientFor(door.url, 'secret_nobody');
    expect(await refusal(stranger.pages.retrieve({ page_id: one.rootPageId }))).toEqual({
      status: 401,
      code: 'unauthorized',
    });
    expect(two.stats.requests).toBe(1);
  });
});
