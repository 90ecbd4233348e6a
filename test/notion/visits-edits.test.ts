// Visits in Notion keep the rules spend keeps (issue 10, items 3 and 7): a count a person types into Notion is the
// count — the bot never pushes an older local count over it, and additions made here that Notion has not seen land on
// top of it — and a row that breaks a rule Slack input keeps is skipped with one log line, the local count kept.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MARIA, type NotionHarness, startNotionHarness } from './harness.js';

let h: NotionHarness;
beforeEach(async () => {
  h = await startNotionHarness({ visits: true });
  await h.sync.pullNow();
});
afterEach(async () => {
  await h.close();
});

const organic = { month: '2026-11', source: 'organic-search' } as const;
const byMaria = { actor: MARIA };

function pageOf(id: string): string {
  const link = h.services.links.getLink('visit', id);
  if (link === null) throw new Error(`visit ${id} has no Notion page`);
  return link.pageId;
}

function notionVisits(): unknown {
  return h.fake.plainRows(h.dataSources.visit!).map((row) => row.Visits);
}

async function recordPushed(visits: number): Promise<string> {
  const visit = h.services.plans.recordVisits({ ...organic, visits }, byMaria);
  await h.sync.pushNow();
  expect(notionVisits()).toEqual([visits]);
  return visit.id;
}

describe('visits edited in Notion', () => {
  it('never pushes an older local count over a count typed into Notion since', async () => {
    const id = await recordPushed(12_400);
    h.services.plans.recordVisits({ ...organic, visits: 13_000 }, byMaria);
    // Notion was out while the change waited in the outbox; meanwhile a person typed the count there.
    h.fake.advance(120_000);
    h.fake.editPage(pageOf(id), { Visits: { number: 12_800 } });

    await h.sync.pushNow();

    expect(notionVisits()).toEqual([12_800]);
    expect(h.services.plans.listVisits()).toEqual([expect.objectContaining({ id, visits: 12_800 })]);
  });

  it('puts an addition made here on a stale count on top of the count typed into Notion', async () => {
    const id = await recordPushed(12_400);
    h.fake.editPage(pageOf(id), { Visits: { number: 12_800 } });
    const { visitsBefore } = h.services.plans.changeVisits({ ...organic, visits: 600 }, 'add', byMaria);
    expect(visitsBefore).toBe(12_400);

    await h.sync.pushNow();

    expect(notionVisits()).toEqual([13_400]);
    expect(h.services.plans.listVisits()).toEqual([expect.objectContaining({ id, visits: 13_400 })]);
    // Read back, our own write changes nothing.
    expect((await h.sync.pullNow()).visit?.changed).toBe(0);
  });

  it('skips a row that breaks a rule, once in the log with its page, and keeps the local count', async () => {
    const id = await recordPushed(12_400);
    const negative = h.fake.editPage(pageOf(id), { Visits: { number: -5 } });
    await h.sync.pullNow();
    await h.sync.pullNow();

    expect(h.services.plans.listVisits()).toEqual([expect.objectContaining({ id, visits: 12_400 })]);
    const skipped = h.logged('Skipped a Notion row that breaks a rule');
    expect(skipped.map((line) => [line.entity, line.problem, line.page, line.recordId])).toEqual([
      ['visit', 'visits cannot be negative', negative.url, id],
    ]);

    h.fake.editPage(pageOf(id), { Visits: { number: 2e9 } });
    await h.sync.pullNow();
    expect(h.services.plans.listVisits()[0]?.visits).toBe(12_400);
    expect(h.logged('Skipped a Notion row that breaks a rule').at(-1)?.problem).toBe(
      'that is more visits than a month can hold: check the number',
    );
  });
});
