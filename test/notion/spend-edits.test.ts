// Issue 10, item 7 with Notion: an amount a person types into Notion is the amount — the newest wins, and the bot
// never pushes an older local amount over it. Adds made here that Notion has not seen land on top of it.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARIA, type NotionHarness, startNotionHarness } from './harness.js';

let h: NotionHarness;
beforeEach(async () => {
  h = await startNotionHarness();
  await h.sync.pullNow();
});
afterEach(async () => {
  await h.close();
});

const ads = { campaign: 'q4-google-ads', month: '2026-11', category: 'media' } as const;
const byMaria = { actor: MARIA };

function pageOf(id: string): string {
  const link = h.services.links.getLink('spend', id);
  if (link === null) throw new Error(`spend ${id} has no Notion page`);
  return link.pageId;
}

function notionAmount(): unknown {
  return h.fake.plainRows(h.dataSources.spend).map((row) => row.Amount);
}

async function recordPushed(amount: number): Promise<string> {
  const spend = h.services.plans.recordSpend({ ...ads, amount }, byMaria);
  await h.sync.pushNow();
  expect(notionAmount()).toEqual([amount]);
  return spend.id;
}

describe('spend amounts edited in Notion', () => {
  it('never pushes an older local amount over an amount typed into Notion since', async () => {
    const id = await recordPushed(11_100);
    h.services.plans.recordSpend({ ...ads, amount: 16_100 }, byMaria);
    // Notion was out while the add waited in the outbox; meanwhile a person typed the amount there.
    h.fake.advance(120_000);
    h.fake.editPage(pageOf(id), { Amount: { number: 12_000 } });

    await h.sync.pushNow();

    expect(notionAmount()).toEqual([12_000]);
    expect(h.services.plans.listSpend()).toEqual([expect.objectContaining({ id, amount: 12_000 })]);
  });

  it('puts an add made here on a stale total on top of the amount typed into Notion', async () => {
    const id = await recordPushed(11_100);
    h.fake.editPage(pageOf(id), { Amount: { number: 12_000 } });
    // A moment later the manager adds an invoice, before the bot has pulled the Notion edit: here the total is
    // still 11,100.
    const { amountBefore } = h.services.plans.changeSpend({ ...ads, amount: 5000 }, 'add', byMaria);
    expect(amountBefore).toBe(11_100);

    await h.sync.pushNow();

    expect(notionAmount()).toEqual([17_000]);
    expect(h.services.plans.listSpend()).toEqual([expect.objectContaining({ id, amount: 17_000 })]);
  });

  it('does the same when the pull sees the Notion edit before the push', async () => {
    const id = await recordPushed(11_100);
    h.fake.editPage(pageOf(id), { Amount: { number: 12_000 } });
    h.services.plans.changeSpend({ ...ads, amount: 5000 }, 'add', byMaria);

    await h.sync.pullNow();
    expect(h.services.plans.listSpend()).toEqual([expect.objectContaining({ id, amount: 17_000 })]);
    await h.sync.pushNow();
    expect(notionAmount()).toEqual([17_000]);
    // Read back, our own write changes nothing.
    expect((await h.sync.pullNow()).spend.changed).toBe(0);
  });

  it('keeps a set: made here after the Notion edit', async () => {
    const id = await recordPushed(11_100);
    h.fake.editPage(pageOf(id), { Amount: { number: 12_000 } });
    h.services.plans.changeSpend({ ...ads, amount: 9000 }, 'set', byMaria);

    await h.sync.pushNow();

    expect(notionAmount()).toEqual([9000]);
    expect(h.services.plans.listSpend()).toEqual([expect.objectContaining({ id, amount: 9000 })]);
  });
});
